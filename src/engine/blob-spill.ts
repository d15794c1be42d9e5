// Moving large Binary values of stored documents into blob segments, and the journal's form of a document
// that holds BlobRefs: the document with each of them replaced by null, plus the list of where they were.
import type { Binary } from 'bson';
import { BlobRef, type BlobStore } from './blobs.ts';
import { isPlainDocument, toNumber, type Doc } from './values.ts';

/** Where a blob sits in a document and where its bytes are: [path, segment, offset, length, subtype, crc32]. */
export type JournalRef = [Array<string | number>, number, number, number, number, number];

/** Fields never spilled: `_id` and indexed paths (index keys and lookups compare their bytes). */
export interface SpillRules {
  threshold: number;
  indexed: string[];
}

/**
 * Replaces, in place, each Binary of `doc` of at least `threshold` bytes with a BlobRef to a copy written to
 * `blobs`. `written` maps Binaries already spilled in this batch to their ref (copies of a document share them).
 */
export function spillBlobs(doc: Doc, blobs: BlobStore, rules: SpillRules, written: Map<Binary, BlobRef>): number {
  let spilled = 0;
  const walk = (container: Doc | unknown[], dotted: string) => {
    const keys = Array.isArray(container) ? container.keys() : Object.keys(container);
    for (const key of keys) {
      const value = (container as Doc)[key];
      if (value === null || typeof value !== 'object') continue;
      const at = Array.isArray(container) ? dotted : dotted ? `${dotted}.${key}` : String(key);
      if (at === '_id' || isIndexed(at, rules.indexed)) continue;
      if ((value as Binary)._bsontype === 'Binary') {
        const bin = value as Binary;
        if (bin instanceof BlobRef || bin.position < rules.threshold) continue;
        let ref = written.get(bin);
        if (!ref) written.set(bin, (ref = blobs.append(bin.buffer.subarray(0, bin.position), bin.sub_type)));
        (container as Doc)[key] = ref;
        spilled++;
      } else if (Array.isArray(value) || isPlainDocument(value)) {
        walk(value, at);
      }
    }
  };
  walk(doc, '');
  return spilled;
}

function isIndexed(at: string, indexed: string[]): boolean {
  for (const field of indexed) {
    if (field === at || field.startsWith(`${at}.`) || at.startsWith(`${field}.`)) return true;
  }
  return false;
}

/** `doc` with its BlobRefs replaced by null (copying only the containers on their way), and their places. */
export function journalForm(doc: Doc): { d: Doc; b?: JournalRef[] } {
  const refs: JournalRef[] = [];
  const trail: Array<string | number> = [];
  const strip = (value: unknown): unknown => {
    if (value instanceof BlobRef) {
      refs.push([[...trail], value.seg, value.off, value.position, value.sub_type, value.crc]);
      return null;
    }
    if (Array.isArray(value)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        trail.push(i);
        const s = strip(value[i]);
        trail.pop();
        if (s !== value[i]) (out ??= value.slice())[i] = s;
      }
      return out ?? value;
    }
    if (value !== null && typeof value === 'object' && isPlainDocument(value)) {
      let out: Doc | undefined;
      for (const key of Object.keys(value)) {
        trail.push(key);
        const s = strip(value[key]);
        trail.pop();
        if (s !== value[key]) (out ??= { ...value })[key] = s;
      }
      return out ?? value;
    }
    return value;
  };
  const d = strip(doc) as Doc;
  return refs.length ? { d, b: refs } : { d };
}

/** Puts the refs of a journaled document back in place (the inverse of journalForm). */
export function restoreRefs(d: Doc, refs: JournalRef[], blobs: BlobStore): void {
  for (const [trail, seg, off, len, subtype, crc] of refs) {
    let container: any = d;
    for (let i = 0; i < trail.length - 1; i++) container = container[toKey(trail[i])];
    container[toKey(trail[trail.length - 1])] = blobs.ref(toNumber(seg), toNumber(off), toNumber(len), toNumber(subtype), toNumber(crc));
  }
}

/** Every BlobRef in `value`. */
export function refsIn(value: unknown, out: BlobRef[] = []): BlobRef[] {
  if (value instanceof BlobRef) out.push(value);
  else if (Array.isArray(value)) for (const v of value) refsIn(v, out);
  else if (value !== null && typeof value === 'object' && isPlainDocument(value)) for (const k of Object.keys(value)) refsIn(value[k], out);
  return out;
}

// Journal records are decoded with promoteValues off: numbers may arrive as Int32/Double objects.
const toKey = (v: unknown): string | number => (typeof v === 'string' ? v : toNumber(v));
