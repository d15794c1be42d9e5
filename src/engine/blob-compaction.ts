// Reclaiming blob segments whose blobs are mostly deleted: the live blobs are copied to a new segment and
// the references in memory moved to them. The caller then syncs them and rewrites the journal (the atomic switch: until its
// rename the old journal still refers to the old segments, which still exist) and only then deletes them.
import { refsIn } from './blob-spill.ts';
import type { BlobRef, BlobStore } from './blobs.ts';
import type { Doc } from './values.ts';

/** Segments whose live blobs fill less than this share of them are rewritten. */
const MAX_LIVE_SHARE = 0.5;

/**
 * Copies the live blobs of mostly-dead segments to a new segment and points every reference to the
 * copies. Returns the segments to delete once the journal no longer refers to them.
 */
export function relocateLiveBlobs(blobs: BlobStore, docs: Iterable<Doc>): number[] {
  // Copies of a document share BlobRef objects; after a restart equal places are separate objects.
  const byPlace = new Map<string, BlobRef[]>();
  const live = new Map<number, number>();
  for (const doc of docs) {
    for (const ref of refsIn(doc)) {
      const place = `${ref.seg}:${ref.off}`;
      const same = byPlace.get(place);
      if (same) {
        if (!same.includes(ref)) same.push(ref);
        continue;
      }
      byPlace.set(place, [ref]);
      live.set(ref.seg, (live.get(ref.seg) ?? 0) + ref.position);
    }
  }
  const victims = blobs.segments.filter((seg) => (live.get(seg) ?? 0) < blobs.segmentSize(seg) * MAX_LIVE_SHARE);
  if (victims.length === 0) return [];
  blobs.seal(); // the copies go to a segment of their own
  const moving = new Set(victims);
  for (const refs of byPlace.values()) {
    const first = refs[0];
    if (!moving.has(first.seg)) continue;
    const copy = blobs.append(blobs.read(first), first.sub_type);
    for (const ref of refs) {
      ref.seg = copy.seg;
      ref.off = copy.off;
    }
  }
  return victims;
}

/** Bytes of all segments that no reference points to. */
export function deadBytes(blobs: BlobStore, docs: Iterable<Doc>): number {
  const seen = new Set<string>();
  let live = 0;
  for (const doc of docs) {
    for (const ref of refsIn(doc)) {
      const place = `${ref.seg}:${ref.off}`;
      if (seen.has(place)) continue;
      seen.add(place);
      live += ref.position;
    }
  }
  return blobs.segments.reduce((n, seg) => n + blobs.segmentSize(seg), 0) - live;
}
