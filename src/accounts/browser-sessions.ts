// Browser sessions (the web app's sign-in): one record per signed-in browser, found by the SHA-256 of its
// cookie's secret, so the database never holds a usable cookie. Sliding expiry: each use moves `expires_at`
// to `idleSeconds` from now (written at most once a minute), never past MAX_LIFETIME_SECONDS after sign-in; a
// lookup refuses an expired record and a TTL index removes it. Deleting a record ends the session at once
// (nothing caches them).
import type { Db } from 'mongodb';
import { randomSecret, sha256Hex } from '../shared/ids.ts';

export const BROWSER_SESSIONS = 'browser_sessions';
/** However often it is used, a browser session ends this long after sign-in. */
export const MAX_LIFETIME_SECONDS = 30 * 24 * 3600;
const SECRET_BYTES = 32;
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const REFRESH_AFTER_MS = 60_000;

interface BrowserSessionDoc {
  /** sha256Hex of the cookie's secret. */
  _id: string;
  user_id: string;
  created_at: Date;
  expires_at: Date;
}

export interface BrowserSession {
  /** The secret's hash: names the record, useless as a cookie. */
  id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
}

function sessions(db: Db) {
  return db.collection<BrowserSessionDoc>(BROWSER_SESSIONS);
}

const toSession = (doc: BrowserSessionDoc): BrowserSession => ({ id: doc._id, userId: doc.user_id, createdAt: doc.created_at, expiresAt: doc.expires_at });

function nextExpiry(createdAt: Date, idleSeconds: number, now = Date.now()): Date {
  return new Date(Math.min(now + idleSeconds * 1000, createdAt.getTime() + MAX_LIFETIME_SECONDS * 1000));
}

export async function ensureBrowserSessionIndexes(db: Db): Promise<void> {
  await sessions(db).createIndex({ expires_at: 1 }, { name: 'expires', expireAfterSeconds: 0 });
  await sessions(db).createIndex({ user_id: 1 }, { name: 'user' });
}

/** Starts a session for `userId`; the secret (the cookie's value) is returned only here. */
export async function createBrowserSession(db: Db, userId: string, idleSeconds: number): Promise<{ secret: string; session: BrowserSession }> {
  const secret = randomSecret('', SECRET_BYTES);
  const createdAt = new Date();
  const doc: BrowserSessionDoc = { _id: sha256Hex(secret), user_id: userId, created_at: createdAt, expires_at: nextExpiry(createdAt, idleSeconds) };
  await sessions(db).insertOne(doc);
  return { secret, session: toSession(doc) };
}

/** The live session a cookie's secret names, its expiry moved forward; null when unknown, ended or expired. */
export async function useBrowserSession(db: Db, secret: string, idleSeconds: number): Promise<BrowserSession | null> {
  if (typeof secret !== 'string' || !SECRET_PATTERN.test(secret)) return null;
  const now = Date.now();
  const doc = await sessions(db).findOne({ _id: sha256Hex(secret), expires_at: { $gt: new Date(now) } });
  if (!doc) return null;
  const expiresAt = nextExpiry(doc.created_at, idleSeconds, now);
  if (expiresAt.getTime() - doc.expires_at.getTime() >= REFRESH_AFTER_MS) {
    await sessions(db).updateOne({ _id: doc._id }, { $set: { expires_at: expiresAt } });
    doc.expires_at = expiresAt;
  }
  return toSession(doc);
}

export async function endBrowserSession(db: Db, id: string): Promise<void> {
  await sessions(db).deleteOne({ _id: id });
}

/** Ends every browser session of a user, except `keepId` (the one asking). */
export async function endUserBrowserSessions(db: Db, userId: string, keepId?: string): Promise<number> {
  const filter = keepId === undefined ? { user_id: userId } : { user_id: userId, _id: { $ne: keepId } };
  return (await sessions(db).deleteMany(filter)).deletedCount;
}
