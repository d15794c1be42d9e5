// Content shared between versions of a page: a file identical (same SHA-256) to one already stored for the
// page is stored once. The new version's files document for it is an alias: `metadata.blob` names the holder,
// the files document whose chunks hold the bytes. A holder stays while any alias names it, even after its own
// version was removed (that version's record then waits in 'deleting' until its last sharer goes).
//
// The race between sharing a holder and removing it: a remover marks the holder `dying`, then looks for
// aliases, and deletes it only if there are none (else it unmarks it). A sharer inserts its alias first,
// then checks that the holder is still there and not dying (else it removes the alias and stores the bytes
// itself). Whichever of the two comes second sees the other, so an alias never outlives its holder.
import type { Db, ObjectId } from 'mongodb';
import { deleteChunksOf, fileDocs, versionDocs, type Removed } from './file-versions.ts';

const BATCH = 500;

/**
 * The page's holders that may be shared, by SHA-256: read once per new version, so that sharing costs no
 * lookup per file. It may be out of date; the check after inserting an alias (liveHolders) is what counts.
 */
export async function pageHolders(db: Db, pageId: string): Promise<Map<string, ObjectId>> {
  const out = new Map<string, ObjectId>();
  const docs = fileDocs(db).find(
    { 'metadata.pageId': pageId, 'metadata.blob': { $exists: false }, 'metadata.dying': { $ne: true }, 'metadata.sha256': { $exists: true } },
    { projection: { _id: 1, 'metadata.sha256': 1 } },
  );
  for await (const doc of docs) out.set(doc.metadata.sha256!, doc._id);
  return out;
}

/** Of these holders, the ones still there and not being removed (checked after the aliases naming them were inserted). */
export async function liveHolders(db: Db, ids: readonly ObjectId[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += BATCH) {
    const docs = await fileDocs(db)
      .find({ _id: { $in: ids.slice(i, i + BATCH) }, 'metadata.blob': { $exists: false }, 'metadata.dying': { $ne: true } }, { projection: { _id: 1 } })
      .toArray();
    for (const doc of docs) out.add(doc._id.toHexString());
  }
  return out;
}

export interface VersionFilesRemoval {
  removed: Removed;
  /** Bytes of the version's holders left in place because other versions share them. */
  retainedBytes: number;
  /** Holders the version's aliases named: other removed versions' content may now be unshared. */
  aliasTargets: ObjectId[];
}

/** Removes the version's aliases, then every holder of it that no alias names any more. */
export async function removeVersionFiles(db: Db, pageId: string, versionId: string): Promise<VersionFilesRemoval> {
  const ofVersion = { 'metadata.pageId': pageId, 'metadata.version': versionId };
  const aliases = await fileDocs(db)
    .find({ ...ofVersion, 'metadata.blob': { $exists: true } }, { projection: { _id: 1, 'metadata.blob': 1 } })
    .toArray();
  const removed: Removed = { files: 0, chunks: 0 };
  for (let i = 0; i < aliases.length; i += BATCH) {
    removed.files += (await fileDocs(db).deleteMany({ _id: { $in: aliases.slice(i, i + BATCH).map((a) => a._id) } })).deletedCount;
  }
  // An alias made from a large file may still have its own chunks (the sweep also finds them).
  removed.chunks += await deleteChunksOf(
    db,
    aliases.map((a) => a._id),
  );
  const holders = await fileDocs(db)
    .find({ ...ofVersion, 'metadata.blob': { $exists: false } }, { projection: { _id: 1, length: 1 } })
    .toArray();
  const { gone, kept } = await removeHolders(
    db,
    holders.map((h) => h._id),
  );
  removed.files += gone.length;
  removed.chunks += await deleteChunksOf(db, gone);
  const keptIds = new Set(kept.map((id) => id.toHexString()));
  const retainedBytes = holders.filter((h) => keptIds.has(h._id.toHexString())).reduce((sum, h) => sum + h.length, 0);
  const targets = new Map(aliases.map((a) => [a.metadata.blob!.toHexString(), a.metadata.blob!]));
  return { removed, retainedBytes, aliasTargets: [...targets.values()] };
}

/** Deletes the files documents of the holders no alias names (their chunks are the caller's to delete). */
async function removeHolders(db: Db, ids: ObjectId[]): Promise<{ gone: ObjectId[]; kept: ObjectId[] }> {
  const gone: ObjectId[] = [];
  const kept: ObjectId[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    await fileDocs(db).updateMany({ _id: { $in: batch } }, { $set: { 'metadata.dying': true } });
    const shared = await sharedOf(db, batch);
    const keep = batch.filter((id) => shared.has(id.toHexString()));
    const drop = batch.filter((id) => !shared.has(id.toHexString()));
    if (keep.length) await fileDocs(db).updateMany({ _id: { $in: keep } }, { $unset: { 'metadata.dying': '' } });
    if (drop.length) await fileDocs(db).deleteMany({ _id: { $in: drop } });
    gone.push(...drop);
    kept.push(...keep);
  }
  return { gone, kept };
}

/** Which of these holders an alias names. */
async function sharedOf(db: Db, ids: ObjectId[]): Promise<Set<string>> {
  const named = await fileDocs(db).distinct('metadata.blob', { 'metadata.blob': { $in: ids } });
  return new Set(named.map((id) => (id as ObjectId).toHexString()));
}

/**
 * The removed versions (record 'deleting', or none at all) among the owners of these holders whose content
 * no alias names any more: what removing their last sharer left for the caller to finish.
 */
export async function versionsLeftWithoutSharers(db: Db, holderIds: readonly ObjectId[]): Promise<{ pageId: string; versionId: string; recorded: boolean }[]> {
  if (holderIds.length === 0) return [];
  const shared = await sharedOf(db, [...holderIds]);
  const unshared = holderIds.filter((id) => !shared.has(id.toHexString()));
  if (unshared.length === 0) return [];
  const holders = await fileDocs(db)
    .find({ _id: { $in: unshared } }, { projection: { 'metadata.pageId': 1, 'metadata.version': 1 } })
    .toArray();
  const versions = new Map(holders.map((h) => [h.metadata.version, h.metadata.pageId]));
  const records = await versionDocs(db)
    .find({ _id: { $in: [...versions.keys()] } }, { projection: { state: 1 } })
    .toArray();
  const state = new Map(records.map((r) => [r._id, r.state]));
  const out: { pageId: string; versionId: string; recorded: boolean }[] = [];
  for (const [versionId, pageId] of versions) {
    const s = state.get(versionId);
    if (s === undefined || s === 'deleting') out.push({ pageId, versionId, recorded: s !== undefined });
  }
  return out;
}
