// Watches: the `watches` documents. A watch re-captures its source_url into its page on a schedule; the
// scheduler (scheduler.ts) claims a due watch with a lease, so one instance runs it. Every read and write
// is scoped to the owner: another user's watch id behaves like a missing one.
import type { Db } from 'mongodb';
import { InvalidInput } from '../shared/errors.ts';
import { randomId } from '../shared/ids.ts';
import { newestFirst } from '../shared/newest-first.ts';
import type { EncryptedSecret } from '../pages/secrets.ts';
import type { WatchSchedule } from './schedule.ts';
import type { SignalDoc } from './signals.ts';

export const WATCHES = 'watches';

export type WatchState = 'active' | 'paused';

export interface WebhookDoc {
  url: string;
  /** The signing secret, encrypted with the instance keyring (it is needed to sign). */
  secret: EncryptedSecret;
  state: 'active' | 'disabled';
  /** Runs in a row whose delivery failed. */
  failures: number;
  disabled_reason: string | null;
}

/** What the last written version looked like, for the next run's text comparison. */
export interface Baseline {
  title: string | null;
  text: string;
}

export interface WatchDoc {
  _id: string;
  owner_id: string;
  page_id: string;
  source_url: string;
  schedule: WatchSchedule;
  state: WatchState;
  next_run_at: Date | null;
  /** Set while an instance runs the watch; a lease that ran out (its instance stopped) lets another retry it. */
  lease_until: Date | null;
  lease_owner: string | null;
  last_run_at: Date | null;
  run_count: number;
  last_signal: SignalDoc | null;
  webhook: WebhookDoc | null;
  email: string | null;
  baseline: Baseline | null;
  created_at: Date;
  updated_at: Date;
}

/** The caller has no watch with that id (another user's watch looks the same). */
export class WatchNotFound extends Error {
  readonly toolMessage = 'Watch not found. Use outpost_list_watches to see your watches.';

  constructor() {
    super('Watch not found. Use GET /api/watches to see your watches.');
  }
}

export const watchDocs = (db: Db) => db.collection<WatchDoc>(WATCHES);

export async function ensureWatchIndexes(db: Db): Promise<void> {
  await Promise.all([
    watchDocs(db).createIndex({ owner_id: 1, created_at: -1, _id: -1 }, { name: 'owner_newest_first' }),
    watchDocs(db).createIndex({ state: 1, next_run_at: 1 }, { name: 'due' }),
  ]);
}

export function newWatchId(): string {
  return randomId('', 12);
}

/**
 * Inserts the watch unless the owner already has `max`; a refusal says so. Counted after the insert, so of
 * creates at once none passes beyond `max` (at the limit, both may be refused and may be tried again).
 */
export async function insertWatch(db: Db, watch: WatchDoc, max: number): Promise<void> {
  if (max === 0) throw new InvalidInput('page_id', 'Watches are turned off on this server (WATCHES_PER_USER is 0).');
  await watchDocs(db).insertOne(watch);
  if ((await watchDocs(db).countDocuments({ owner_id: watch.owner_id })) <= max) return;
  await watchDocs(db).deleteOne({ _id: watch._id });
  throw new InvalidInput('page_id', `You have ${max} watches, the most this server allows (WATCHES_PER_USER = ${max}); delete one first.`);
}

export async function getWatch(db: Db, ownerId: string, watchId: string): Promise<WatchDoc> {
  const watch = await watchDocs(db).findOne({ _id: watchId, owner_id: ownerId });
  if (!watch) throw new WatchNotFound();
  return watch;
}

export async function setWatch(db: Db, ownerId: string, watchId: string, set: Partial<WatchDoc>): Promise<WatchDoc> {
  const watch = await watchDocs(db).findOneAndUpdate({ _id: watchId, owner_id: ownerId }, { $set: set }, { returnDocument: 'after' });
  if (!watch) throw new WatchNotFound();
  return watch;
}

export async function deleteWatch(db: Db, ownerId: string, watchId: string): Promise<void> {
  const res = await watchDocs(db).deleteOne({ _id: watchId, owner_id: ownerId });
  if (res.deletedCount === 0) throw new WatchNotFound();
}

export async function listWatches(db: Db, ownerId: string, limit: number, cursor?: string): Promise<{ watches: WatchDoc[]; nextCursor: string | null }> {
  const { items, nextCursor } = await newestFirst(watchDocs(db), { owner_id: ownerId }, limit, cursor);
  return { watches: items, nextCursor };
}

/**
 * Takes one due watch for `owner` (an instance id) until `leaseUntil`: atomic, so of N instances asking at
 * once exactly one gets it. A watch whose lease ran out is due again.
 */
export async function claimDueWatch(db: Db, now: Date, owner: string, leaseUntil: Date): Promise<WatchDoc | null> {
  return watchDocs(db).findOneAndUpdate(
    { state: 'active', next_run_at: { $lte: now }, $or: [{ lease_until: null }, { lease_until: { $lte: now } }] },
    { $set: { lease_until: leaseUntil, lease_owner: owner } },
    { sort: { next_run_at: 1 }, returnDocument: 'after' },
  );
}

/** Ends this instance's lease with the run's outcome: the watch as it is now, or null when it is gone or was taken over. */
export async function finishRun(db: Db, watchId: string, owner: string, set: Partial<WatchDoc>, counted: boolean): Promise<WatchDoc | null> {
  return watchDocs(db).findOneAndUpdate(
    { _id: watchId, lease_owner: owner },
    { $set: { ...set, lease_until: null, lease_owner: null }, ...(counted && { $inc: { run_count: 1 } }) },
    { returnDocument: 'after' },
  );
}
