// Signals: what each run of a watch found (`watch_signals`), newest first per owner or per watch.
import type { Db } from 'mongodb';
import { randomId } from '../shared/ids.ts';
import { newestFirst } from '../shared/newest-first.ts';

export const SIGNALS = 'watch_signals';
/** Signals are kept this long. */
const SIGNAL_RETENTION_SECONDS = 90 * 86_400;

export interface SignalChanges {
  title: { before: string | null; after: string | null } | null;
  text_added: string[];
  text_removed: string[];
  text_added_count: number;
  text_removed_count: number;
  assets_added: string[];
  assets_removed: string[];
  assets_changed: string[];
}

export interface SignalFailure {
  reason: string;
  message: string;
  http_status: number | null;
}

export interface SignalDoc {
  _id: string;
  owner_id: string;
  watch_id: string;
  page_id: string;
  job_id: string | null;
  outcome: 'changed' | 'unchanged' | 'failed';
  changed: boolean;
  score: number;
  summary: string;
  changes: SignalChanges | null;
  failure: SignalFailure | null;
  created_at: Date;
}

const signals = (db: Db) => db.collection<SignalDoc>(SIGNALS);

export async function ensureSignalIndexes(db: Db): Promise<void> {
  await Promise.all([
    signals(db).createIndex({ owner_id: 1, created_at: -1, _id: -1 }, { name: 'owner_newest_first' }),
    signals(db).createIndex({ owner_id: 1, watch_id: 1, created_at: -1, _id: -1 }, { name: 'watch_newest_first' }),
    signals(db).createIndex({ created_at: 1 }, { name: 'signal_expiry', expireAfterSeconds: SIGNAL_RETENTION_SECONDS }),
  ]);
}

export function newSignal(fields: Omit<SignalDoc, '_id'>): SignalDoc {
  return { _id: randomId('', 16), ...fields };
}

export async function insertSignal(db: Db, signal: SignalDoc): Promise<void> {
  await signals(db).insertOne(signal);
}

export async function deleteSignal(db: Db, signalId: string): Promise<void> {
  await signals(db).deleteOne({ _id: signalId });
}

export async function listSignals(
  db: Db,
  ownerId: string,
  options: { watchId?: string; limit: number; cursor?: string },
): Promise<{ signals: SignalDoc[]; nextCursor: string | null }> {
  const filter = options.watchId ? { owner_id: ownerId, watch_id: options.watchId } : { owner_id: ownerId };
  const { items, nextCursor } = await newestFirst(signals(db), filter, options.limit, options.cursor);
  return { signals: items, nextCursor };
}

export async function deleteSignalsOf(db: Db, ownerId: string, watchId: string): Promise<void> {
  await signals(db).deleteMany({ owner_id: ownerId, watch_id: watchId });
}

/** A signal as the API shows it (the REST view and the webhook's body). */
export function signalPayload(s: SignalDoc) {
  return {
    id: s._id,
    watch_id: s.watch_id,
    page_id: s.page_id,
    job_id: s.job_id,
    outcome: s.outcome,
    changed: s.changed,
    score: s.score,
    summary: s.summary,
    changes: s.changes,
    failure: s.failure,
    created_at: s.created_at.toISOString(),
  };
}
