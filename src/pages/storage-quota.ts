// Per-user storage quota: one `storage_usage` document per user, `{ used_bytes, versions: { <versionId>: bytes } }`,
// counting the bytes stored for the user's pages: each version's entry is the bytes of the content it stored
// itself (a file shared with an earlier version costs nothing more; shared-content.ts). Every version that
// exists counts: the live one, one being written, kept ones, and a removed one whose content is still shared.
//
// Bytes are reserved before they are written, with one conditional update of that document that adds to
// both the total and the version's entry, so parallel uploads of one user can never pass the quota
// together (a replace may use the bytes of the version it replaces). A version's entry is released when
// its record is deleted; whatever a crash leaves behind (an entry whose version is gone) is released by
// reconcileUsage (storage-reconcile.ts), which the periodic sweep runs.
import { MongoServerError, type Db } from 'mongodb';
import { QuotaExceeded } from './storage-errors.ts';
import { changingUsage, usedBytesCacheOf } from './used-bytes-cache.ts';

export const STORAGE_USAGE = 'storage_usage';

interface UsageDoc {
  /** The user id. */
  _id: string;
  used_bytes: number;
  versions: Record<string, number>;
}

/** Whose quota a new version draws on, and how much. */
export interface QuotaAccount {
  userId: string;
  limitBytes: number;
  /** Bytes of the version this one replaces: the upload may use them, since they can be evicted once it commits. */
  replacedBytes: number;
  /** Frees room by removing the user's oldest kept version; false when there is none left. */
  evictOldest?: () => Promise<boolean>;
}

/** Bytes reserved ahead of a streamed upload, so that not every piece costs a round trip. */
const RESERVE_BLOCK_BYTES = 4 * 1024 * 1024;
const RELEASE_ATTEMPTS = 5;

export const usageDocs = (db: Db) => db.collection<UsageDoc>(STORAGE_USAGE);
export const entry = (versionId: string) => `versions.${versionId}`;

/** Bytes of the user's stored page files (including uploads in progress). */
export async function usedBytes(db: Db, userId: string): Promise<number> {
  const doc = await usageDocs(db).findOne({ _id: userId }, { projection: { used_bytes: 1 } });
  return doc?.used_bytes ?? 0;
}

/** usedBytes for showing: this instance's figure up to a second old, never older than its own changes. */
export function shownUsedBytes(db: Db, userId: string): Promise<number> {
  return usedBytesCacheOf(db).get(userId, () => usedBytes(db, userId));
}

/** Bytes counted for one version of the user's (0 when it is not counted). */
export async function versionBytes(db: Db, userId: string, versionId: string | null): Promise<number> {
  if (!versionId) return 0;
  const doc = await usageDocs(db).findOne({ _id: userId }, { projection: { [entry(versionId)]: 1 } });
  return doc?.versions?.[versionId] ?? 0;
}

/** Creates the user's usage document if missing, so that reservations can be plain conditional updates. */
export async function ensureUsageDoc(db: Db, userId: string): Promise<void> {
  try {
    await usageDocs(db).updateOne({ _id: userId }, { $setOnInsert: { used_bytes: 0, versions: {} } }, { upsert: true });
  } catch (e) {
    // Two first uploads at once: the other one created it.
    if (!(e instanceof MongoServerError && e.code === 11000)) throw e;
  }
}

/** Adds `bytes` to the version's entry if the total stays within the limit (plus what is being replaced). */
async function tryReserve(db: Db, account: QuotaAccount, versionId: string, bytes: number): Promise<boolean> {
  const res = await changingUsage(db, account.userId, () =>
    usageDocs(db).updateOne(
      { _id: account.userId, used_bytes: { $lte: account.limitBytes + account.replacedBytes - bytes } },
      { $inc: { used_bytes: bytes, [entry(versionId)]: bytes } },
    ),
  );
  return res.matchedCount === 1;
}

/** Takes `bytes` (≥ 0; negative gives back) off the version's entry and the total, if the entry is there. */
async function shrink(db: Db, userId: string, versionId: string, bytes: number): Promise<void> {
  await changingUsage(db, userId, () =>
    usageDocs(db).updateOne({ _id: userId, [entry(versionId)]: { $gte: bytes } }, { $inc: { used_bytes: -bytes, [entry(versionId)]: -bytes } }),
  );
}

/** Removes the version's entry and its bytes from the total. Idempotent. */
export async function releaseVersion(db: Db, userId: string, versionId: string): Promise<void> {
  for (let attempt = 0; attempt < RELEASE_ATTEMPTS; attempt++) {
    const doc = await usageDocs(db).findOne({ _id: userId }, { projection: { [entry(versionId)]: 1 } });
    const bytes = doc?.versions?.[versionId];
    if (bytes === undefined) return;
    // Only if the entry still holds what was read: a reservation in between is not lost.
    const res = await changingUsage(db, userId, () =>
      usageDocs(db).updateOne({ _id: userId, [entry(versionId)]: bytes }, { $inc: { used_bytes: -bytes }, $unset: { [entry(versionId)]: '' } }),
    );
    if (res.matchedCount === 1) return;
  }
}

/** Sets the version's entry to `bytes` (it kept only that much), adjusting the total. Idempotent. */
export async function setVersionBytes(db: Db, userId: string, versionId: string, bytes: number): Promise<void> {
  for (let attempt = 0; attempt < RELEASE_ATTEMPTS; attempt++) {
    const doc = await usageDocs(db).findOne({ _id: userId }, { projection: { [entry(versionId)]: 1 } });
    const had = doc?.versions?.[versionId];
    if (had === undefined || had === bytes) return;
    const res = await changingUsage(db, userId, () =>
      usageDocs(db).updateOne({ _id: userId, [entry(versionId)]: had }, { $inc: { used_bytes: bytes - had }, $set: { [entry(versionId)]: bytes } }),
    );
    if (res.matchedCount === 1) return;
  }
}

/** One version's reservation: grows ahead of its writes, is trimmed to what was written, or released. */
export class VersionReservation {
  readonly #db: Db;
  readonly #account: QuotaAccount;
  readonly #versionId: string;
  /** Bytes this version holds in the usage document. */
  #reserved = 0;
  /** Bytes promised to writes so far. */
  #used = 0;

  constructor(db: Db, account: QuotaAccount, versionId: string) {
    this.#db = db;
    this.#account = account;
    this.#versionId = versionId;
  }

  /** Makes sure `bytes` more can be written (the upload's whole size, known up front), or throws QuotaExceeded. */
  async ahead(bytes: number): Promise<void> {
    await this.#grow(this.#used + bytes, 0, false);
  }

  /** Takes `bytes` for a write, reserving ahead in blocks when needed, or throws QuotaExceeded. */
  async need(bytes: number): Promise<void> {
    await this.#grow(this.#used + bytes, RESERVE_BLOCK_BYTES, true);
    this.#used += bytes;
  }

  /** Gives back `bytes` taken by need() that turned out not to be stored (content shared instead); settle() frees them. */
  unneeded(bytes: number): void {
    this.#used = Math.max(0, this.#used - bytes);
  }

  /** Reserves up to `target` bytes in all, `block` more at least when possible. */
  async #grow(target: number, block: number, atLeast: boolean): Promise<void> {
    const missing = target - this.#reserved;
    if (missing <= 0) return;
    const want = Math.max(missing, block);
    let got = 0;
    for (;;) {
      if (await tryReserve(this.#db, this.#account, this.#versionId, want)) got = want;
      else if (want > missing && (await tryReserve(this.#db, this.#account, this.#versionId, missing))) got = missing;
      // Over quota: the oldest kept versions go first, one at a time, until it fits or none is left.
      if (got || !(await this.#account.evictOldest?.())) break;
    }
    if (!got) throw await this.#exceeded(target, atLeast);
    this.#reserved += got;
  }

  /** Gives back what was reserved ahead and not written (before the version is published). */
  async settle(): Promise<void> {
    const extra = this.#reserved - this.#used;
    if (extra <= 0) return;
    await shrink(this.#db, this.#account.userId, this.#versionId, extra);
    this.#reserved = this.#used;
  }

  /** Releases the whole reservation (the version was abandoned). */
  async release(): Promise<void> {
    await releaseVersion(this.#db, this.#account.userId, this.#versionId);
    this.#reserved = 0;
  }

  async #exceeded(neededBytes: number, atLeast: boolean): Promise<QuotaExceeded> {
    const doc = await usageDocs(this.#db).findOne({ _id: this.#account.userId }, { projection: { used_bytes: 1, [entry(this.#versionId)]: 1 } });
    const mine = doc?.versions?.[this.#versionId] ?? 0;
    return new QuotaExceeded({
      usedBytes: Math.max(0, (doc?.used_bytes ?? 0) - mine),
      limitBytes: this.#account.limitBytes,
      neededBytes,
      replacedBytes: this.#account.replacedBytes,
      atLeast,
    });
  }
}
