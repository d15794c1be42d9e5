// Repairs the storage quota's usage documents after crashes, and counts pages stored before quotas existed.
import type { Db } from 'mongodb';
import { pageDocs, versionDocs } from './file-versions.ts';
import { ensureUsageDoc, entry, releaseVersion, usageDocs } from './storage-quota.ts';
import { changingUsage } from './used-bytes-cache.ts';

export interface ReconcileResult {
  /** Entries released because their version no longer exists. */
  released: number;
  /** Versions stored before quotas existed, now counted. */
  counted: number;
}

/**
 * Repairs the usage documents: releases entries whose version record is gone (a crash between deleting a
 * version and releasing it), and counts live versions stored before quotas existed.
 */
export async function reconcileUsage(db: Db, signal?: AbortSignal): Promise<ReconcileResult> {
  const result: ReconcileResult = { released: 0, counted: 0 };
  for await (const doc of usageDocs(db).find({}, { projection: { versions: 1 } })) {
    signal?.throwIfAborted();
    const ids = Object.keys(doc.versions ?? {});
    if (ids.length === 0) continue;
    // The entries were read before the records: a record seen missing now was deleted, not yet to come
    // (a version's record is created before anything is reserved for it).
    const present = new Set(
      (
        await versionDocs(db)
          .find({ _id: { $in: ids } }, { projection: { _id: 1 } })
          .toArray()
      ).map((v) => v._id),
    );
    for (const id of ids) {
      if (present.has(id)) continue;
      await releaseVersion(db, doc._id, id);
      result.released++;
    }
  }
  for await (const version of versionDocs(db).find({ state: 'live', owner_id: { $exists: false } })) {
    signal?.throwIfAborted();
    const page = await pageDocs(db).findOne({ _id: version.page_id, current_version: version._id }, { projection: { owner_id: 1, size: 1 } });
    const owner = (page as { owner_id?: string } | null)?.owner_id;
    if (!owner) continue;
    const bytes = version.total_size ?? (page as { size?: number }).size ?? 0;
    await ensureUsageDoc(db, owner);
    const added = await changingUsage(db, owner, () =>
      usageDocs(db).updateOne({ _id: owner, [entry(version._id)]: { $exists: false } }, { $inc: { used_bytes: bytes, [entry(version._id)]: bytes } }),
    );
    await versionDocs(db).updateOne({ _id: version._id }, { $set: { owner_id: owner } });
    if (added.modifiedCount === 1) result.counted++;
  }
  return result;
}
