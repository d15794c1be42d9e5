// Removing versions in a crash-safe order, leaving content that another version still shares.
import type { Db, Filter } from 'mongodb';
import { versionDocs, type PageVersionDoc, type Removed, type VersionState } from './file-versions.ts';
import { removeVersionFiles, versionsLeftWithoutSharers } from './shared-content.ts';
import { releaseVersion, setVersionBytes } from './storage-quota.ts';

/**
 * Removes one version for good. The caller has already marked it 'deleting' (or knows it is not
 * referenced); every step is idempotent, so a removal interrupted by a crash is simply run again.
 * Order: files documents, then chunks, then the version record — while the record exists, the sweep
 * knows there is something left to finish — and last its bytes leave the owner's quota. Content a later
 * version still shares stays, and so does the record (still 'deleting', its quota entry cut down to that
 * content) until the last sharer goes.
 */
export async function purgeVersion(db: Db, pageId: string, versionId: string): Promise<Removed> {
  const { removed, retainedBytes, aliasTargets } = await removeVersionFiles(db, pageId, versionId);
  if (retainedBytes === 0) {
    const record = await versionDocs(db).findOneAndDelete({ _id: versionId, state: 'deleting' }, { projection: { owner_id: 1 } });
    if (record?.owner_id) await releaseVersion(db, record.owner_id, versionId);
  } else {
    const record = await versionDocs(db).findOne({ _id: versionId, state: 'deleting' }, { projection: { owner_id: 1 } });
    if (record?.owner_id) await setVersionBytes(db, record.owner_id, versionId, retainedBytes);
  }
  // Holders of removed versions that only this version still shared can go now.
  for (const freed of await versionsLeftWithoutSharers(db, aliasTargets)) {
    if (freed.recorded) {
      const more = await purgeVersion(db, freed.pageId, freed.versionId);
      removed.files += more.files;
      removed.chunks += more.chunks;
    } else {
      const more = await removeVersionFiles(db, freed.pageId, freed.versionId);
      removed.files += more.removed.files;
      removed.chunks += more.removed.chunks;
    }
  }
  return removed;
}

/**
 * Marks the version 'deleting' if it is still in one of `states` (and matches `also`) — a guard, so a
 * concurrent commit or sweep is never overtaken — then purges it. Returns null when the guard did not match.
 */
export async function retireVersion(
  db: Db,
  versionId: string,
  states: readonly VersionState[],
  also: Filter<PageVersionDoc> = {},
): Promise<(Removed & { pageId: string }) | null> {
  const doc = await versionDocs(db).findOneAndUpdate(
    { ...also, _id: versionId, state: { $in: [...states] } },
    { $set: { state: 'deleting', deleting_at: new Date() } },
    { returnDocument: 'after' },
  );
  if (!doc) return null;
  return { pageId: doc.page_id, ...(await purgeVersion(db, doc.page_id, versionId)) };
}
