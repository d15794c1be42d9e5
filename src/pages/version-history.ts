// A page's version history: numbering versions as they go live, keeping the ones they replace (up to
// PAGE_VERSIONS_KEPT per page, the live one included), evicting the oldest kept ones when the owner's quota
// needs room, and what changed between two versions.
import type { Db } from 'mongodb';
import { fileDocs, pageDocs, versionDocs, type PageVersionDoc, type VersionChanges } from './file-versions.ts';
import { retireVersion } from './version-removal.ts';
import { usedBytes } from './storage-quota.ts';

/** Paths of each kind of change recorded with a version (the counts are complete). */
export const CHANGED_PATHS_SHOWN = 50;

/** A version's files as path → SHA-256 (e.g. to tell whether new content differs from the live version). */
export async function versionFileSet(db: Db, pageId: string, versionId: string | null): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!versionId) return out;
  const docs = fileDocs(db).find({ 'metadata.pageId': pageId, 'metadata.version': versionId }, { projection: { 'metadata.path': 1, 'metadata.sha256': 1 } });
  for await (const doc of docs) out.set(doc.metadata.path, doc.metadata.sha256 ?? '');
  return out;
}

/** Files added, removed and changed (same path, another SHA-256) from `before` to `after`. */
export function diffFileSets(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): VersionChanges {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  for (const [path, sha] of after) {
    const was = before.get(path);
    if (was === undefined) added.push(path);
    else if (was !== sha) changed.push(path);
  }
  for (const path of before.keys()) if (!after.has(path)) removed.push(path);
  const shown = (paths: string[]) => paths.sort().slice(0, CHANGED_PATHS_SHOWN);
  return {
    added: added.length,
    removed: removed.length,
    changed: changed.length,
    added_paths: shown(added),
    removed_paths: shown(removed),
    changed_paths: shown(changed),
  };
}

/** Marks a version the page now points at 'live', giving it the page's next version number. */
export async function markLive(db: Db, pageId: string, versionId: string): Promise<void> {
  const record = await versionDocs(db).findOne({ _id: versionId }, { projection: { number: 1 } });
  let number = record?.number;
  if (number === undefined) {
    await numberEarlierVersions(db, pageId);
    const page = await pageDocs(db).findOneAndUpdate(
      { _id: pageId },
      { $inc: { versions_made: 1 } },
      { returnDocument: 'after', projection: { versions_made: 1 } },
    );
    number = page?.versions_made;
  }
  await versionDocs(db).updateOne(
    { _id: versionId, state: 'complete' },
    { $set: { state: 'live', live_at: new Date(), ...(number === undefined ? {} : { number }) } },
  );
}

/** A page stored before versions were numbered: its shown versions get 1, 2… in the order they went live. */
async function numberEarlierVersions(db: Db, pageId: string): Promise<void> {
  const page = await pageDocs(db).findOne({ _id: pageId }, { projection: { versions_made: 1 } });
  if (!page || page.versions_made !== undefined) return;
  const earlier = await versionDocs(db)
    .find({ page_id: pageId, state: { $in: ['live', 'kept'] }, number: { $exists: false } }, { projection: { _id: 1 }, sort: { live_at: 1, _id: 1 } })
    .toArray();
  let number = 0;
  for (const { _id } of earlier) await versionDocs(db).updateOne({ _id, number: { $exists: false } }, { $set: { number: ++number } });
  await pageDocs(db).updateOne({ _id: pageId, versions_made: { $exists: false } }, { $set: { versions_made: number } });
}

/** A 'live' version the page no longer points at becomes 'kept' (history). */
export async function keepVersion(db: Db, versionId: string): Promise<void> {
  await versionDocs(db).updateOne({ _id: versionId, state: 'live' }, { $set: { state: 'kept', kept_at: new Date() } });
}

/**
 * Keeps the page's 'live' versions that it no longer points at (the ones replaced), then removes kept
 * versions beyond `keep` in all (the live one counts). Returns the ids removed. The version records are read
 * before the pointer, so a version that went live after the pointer was read is never among them.
 */
export async function keepReplacedVersions(db: Db, pageId: string, keep: number): Promise<string[]> {
  const live = await versionDocs(db)
    .find({ page_id: pageId, state: 'live' }, { projection: { _id: 1 } })
    .toArray();
  const current = (await pageDocs(db).findOne({ _id: pageId }, { projection: { current_version: 1 } }))?.current_version ?? null;
  for (const { _id } of live) {
    if (_id !== current) await keepVersion(db, _id);
  }
  const kept = await versionDocs(db)
    .find({ page_id: pageId, state: 'kept' }, { projection: { _id: 1 }, sort: { live_at: -1, _id: -1 } })
    .toArray();
  const removed: string[] = [];
  for (const { _id } of kept.slice(Math.max(0, keep - 1))) {
    if (await retireVersion(db, _id, ['kept'], { page_id: pageId })) removed.push(_id);
  }
  return removed;
}

/** Removes the user's oldest kept version (of any page). False when there is none. */
export async function evictOldestKept(db: Db, ownerId: string): Promise<boolean> {
  const oldest = await versionDocs(db).findOne({ owner_id: ownerId, state: 'kept' }, { projection: { _id: 1 }, sort: { live_at: 1, _id: 1 } });
  if (!oldest) return false;
  await retireVersion(db, oldest._id, ['kept']);
  return true;
}

/** Evicts the user's oldest kept versions while the user stores more than `limitBytes`. Returns how many went. */
export async function evictOverQuota(db: Db, ownerId: string, limitBytes: number): Promise<number> {
  let evicted = 0;
  while ((await usedBytes(db, ownerId)) > limitBytes && (await evictOldestKept(db, ownerId))) evicted++;
  return evicted;
}

/** The page's versions that can be shown or restored (the live one and the kept ones), newest first. */
export async function listVersions(db: Db, pageId: string): Promise<PageVersionDoc[]> {
  return versionDocs(db)
    .find({ page_id: pageId, state: { $in: ['live', 'kept'] } }, { sort: { live_at: -1, _id: -1 } })
    .toArray();
}

/** One shown version by number, or null. */
export async function findVersion(db: Db, pageId: string, number: number): Promise<PageVersionDoc | null> {
  if (!Number.isSafeInteger(number)) return null;
  return versionDocs(db).findOne({ page_id: pageId, number, state: { $in: ['live', 'kept'] } });
}
