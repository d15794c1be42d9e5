// The background sweep: finishes whatever a crash or a failed upload left behind. Run it periodically
// (and at start). `olderThanMs` must be well above the longest upload and commit (e.g. an hour): anything
// younger is treated as still in progress and left alone.
import { ObjectId, type Db } from 'mongodb';
import { chunkDocs, currentVersionsOf, deleteChunksOf, fileDocs, versionDocs, type Removed } from './file-versions.ts';
import { removeVersionFiles } from './shared-content.ts';
import { keepVersion, markLive } from './version-history.ts';
import { purgeVersion, retireVersion } from './version-removal.ts';

const BATCH = 500;

export interface SweepResult {
  /** Version records removed (stale uploads, replaced or rolled-back versions, interrupted removals). */
  versionsRemoved: number;
  /** GridFS files documents removed (with those versions, or whose version has no record). */
  filesRemoved: number;
  /** Chunk documents removed, including those of uploads that never got a files document. */
  chunksRemoved: number;
}

/**
 * Removes:
 * - versions still 'writing' (upload abandoned) or 'complete' and not current (commit interrupted) past
 *   the age — a 'complete' version the page does point at is marked 'live' instead;
 * - 'deleting' versions past the age (a removal interrupted, or content another version still shared);
 * - files whose version has no record at all and is not current (content still shared stays);
 * - chunks without a files document, or under an alias, whose upload began before the age.
 * 'live' versions the page no longer points at (the commit stopped before keeping them) become 'kept'.
 * The page's current version (per the `pages` collection), kept versions, content they share, and fresh
 * in-progress versions are never touched.
 */
export async function sweepOrphans(db: Db, options: { olderThanMs: number; signal?: AbortSignal }): Promise<SweepResult> {
  const { olderThanMs, signal } = options;
  if (typeof olderThanMs !== 'number' || !Number.isFinite(olderThanMs) || olderThanMs < 0) {
    throw new TypeError('sweepOrphans: olderThanMs must be a non-negative number');
  }
  const cutoff = new Date(Date.now() - olderThanMs);
  const result: SweepResult = { versionsRemoved: 0, filesRemoved: 0, chunksRemoved: 0 };
  const tally = (removed: Removed | null, version: boolean) => {
    if (!removed) return;
    if (version) result.versionsRemoved++;
    result.filesRemoved += removed.files;
    result.chunksRemoved += removed.chunks;
  };

  await sweepVersions(db, cutoff, tally, signal);
  await sweepUnrecordedFiles(db, tally, signal);
  result.chunksRemoved += await sweepLooseChunks(db, cutoff, signal);
  return result;
}

type Tally = (removed: Removed | null, version: boolean) => void;

async function sweepVersions(db: Db, cutoff: Date, tally: Tally, signal?: AbortSignal): Promise<void> {
  // Version records first, page pointers second: a version that went live after the records were read is
  // not among them, so it can't be mistaken for a replaced one.
  const candidates = await versionDocs(db)
    .find({
      $or: [
        { state: 'writing', started_at: { $lt: cutoff } },
        { state: 'complete', completed_at: { $lt: cutoff } },
        { state: 'live' },
        { state: 'deleting', deleting_at: { $lt: cutoff } },
      ],
    })
    .toArray();
  if (candidates.length === 0) return;
  const current = await currentVersionsOf(
    db,
    candidates.map((v) => v.page_id),
  );

  for (const version of candidates) {
    signal?.throwIfAborted();
    const isCurrent = current.get(version.page_id) === version._id;
    switch (version.state) {
      case 'writing':
        // Pointed at without a commit (should not happen): leave it rather than break the page.
        if (!isCurrent) tally(await retireVersion(db, version._id, ['writing'], { started_at: { $lt: cutoff } }), true);
        break;
      case 'complete':
        if (isCurrent) {
          // The switch happened but the commit stopped before recording it.
          await markLive(db, version.page_id, version._id);
        } else {
          tally(await retireVersion(db, version._id, ['complete'], { completed_at: { $lt: cutoff } }), true);
        }
        break;
      case 'live':
        // Replaced, and the commit stopped before keeping it: kept now (the next commit trims the history).
        if (!isCurrent) await keepVersion(db, version._id);
        break;
      case 'deleting': {
        const removed = await purgeVersion(db, version.page_id, version._id);
        tally(removed, true);
        break;
      }
    }
  }
}

/** Files whose version record is gone (written after their version was removed, or a removal that crashed). */
async function sweepUnrecordedFiles(db: Db, tally: Tally, signal?: AbortSignal): Promise<void> {
  // Files first, records second: a file's record is created before the file, so a record missing now was
  // removed, not yet to come.
  const groups = await fileDocs(db)
    .aggregate<{ _id: { pageId: string; version: string } }>([{ $group: { _id: { pageId: '$metadata.pageId', version: '$metadata.version' } } }])
    .toArray();
  for (let i = 0; i < groups.length; i += BATCH) {
    signal?.throwIfAborted();
    const batch = groups.slice(i, i + BATCH).map((g) => g._id);
    const recorded = new Set(
      (
        await versionDocs(db)
          .find({ _id: { $in: batch.map((g) => g.version) } }, { projection: { _id: 1 } })
          .toArray()
      ).map((v) => v._id),
    );
    const unrecorded = batch.filter((g) => !recorded.has(g.version));
    if (unrecorded.length === 0) continue;
    const current = await currentVersionsOf(
      db,
      unrecorded.map((g) => g.pageId),
    );
    for (const { pageId, version } of unrecorded) {
      if (current.get(pageId) === version) continue;
      tally((await removeVersionFiles(db, pageId, version)).removed, false);
    }
  }
}

/**
 * Chunks whose files document does not exist (an upload that died, or a removal that stopped between the
 * files document and its chunks) or is an alias. An upload's files_id is created when it starts, so its timestamp says
 * whether the upload can still be running.
 */
async function sweepLooseChunks(db: Db, cutoff: Date, signal?: AbortSignal): Promise<number> {
  const seconds = Math.floor(cutoff.getTime() / 1000);
  const latest = new ObjectId(seconds.toString(16).padStart(8, '0') + 'ffffffffffffffff');
  const cursor = chunkDocs(db).aggregate<{ _id: ObjectId }>([{ $match: { files_id: { $lte: latest } } }, { $group: { _id: '$files_id' } }]);
  let removed = 0;
  let batch: ObjectId[] = [];
  const flush = async () => {
    signal?.throwIfAborted();
    // An alias's own chunks are leftovers too (a large file shared after it was written).
    const existing = new Set(
      (
        await fileDocs(db)
          .find({ _id: { $in: batch }, 'metadata.blob': { $exists: false } }, { projection: { _id: 1 } })
          .toArray()
      ).map((f) => f._id.toHexString()),
    );
    removed += await deleteChunksOf(
      db,
      batch.filter((id) => !existing.has(id.toHexString())),
    );
    batch = [];
  };
  for await (const { _id } of cursor) {
    batch.push(_id);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  return removed;
}
