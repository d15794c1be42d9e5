// Streamable HTTP sessions that survive restarts and work on any instance: the id is
// self-validating (a signed value, auth/signed-value.ts, carrying the session's database id and bound
// to its user) and the little state a session has lives in MongoDB, never in process memory.
import crypto from 'node:crypto';
import type { Db } from 'mongodb';
import { purposeKey } from '../auth/keys.ts';
import { checkSignedValue, signValue } from '../auth/signed-value.ts';

const MCP_SESSIONS = 'mcp_sessions';
/** Sessions unused for this long are forgotten (TTL index). */
const IDLE_EXPIRY_SECONDS = 7 * 24 * 3600;
const PURPOSE = 'outpost/mcp-session/v2';

export interface McpSession {
  _id: string;
  user_id: string;
  protocol_version: string;
  log_level: string | null;
  created_at: Date;
  last_seen_at: Date;
  deleted_at: Date | null;
}

const collection = (db: Db) => db.collection<McpSession>(MCP_SESSIONS);

export async function ensureSessionIndexes(db: Db): Promise<void> {
  await collection(db).createIndex({ last_seen_at: 1 }, { name: 'idle_expiry', expireAfterSeconds: IDLE_EXPIRY_SECONDS });
}

/** Opens a session for `userId`; its id, signed with a key derived from `signingKey`, names it from then on. */
export async function createSession(db: Db, signingKey: Uint8Array, userId: string, protocolVersion: string): Promise<string> {
  const sid = crypto.randomBytes(16).toString('base64url');
  const now = new Date();
  await collection(db).insertOne({
    _id: sid,
    user_id: userId,
    protocol_version: protocolVersion,
    log_level: null,
    created_at: now,
    last_seen_at: now,
    deleted_at: null,
  });
  // No expiry in the id: a session ends when deleted or idle (the TTL index), however long it is used.
  return signValue(purposeKey(signingKey, PURPOSE), { payload: sid, bound: [userId], expiresAt: null });
}

/**
 * The live session a header names, if it is authentic, belongs to `userId` and was not deleted.
 * Anything else is "not found" (the caller answers 404), so ids reveal nothing about other users.
 */
export async function findSession(db: Db, signingKey: Uint8Array, header: string, userId: string): Promise<McpSession | null> {
  const check = checkSignedValue(purposeKey(signingKey, PURPOSE), header, { bound: [userId], expires: false });
  if (!check.ok) return null;
  const now = new Date();
  const session = await collection(db).findOneAndUpdate(
    { _id: check.payload, user_id: userId, deleted_at: null },
    { $set: { last_seen_at: now } },
    { returnDocument: 'after' },
  );
  return session ?? null;
}

export async function deleteSession(db: Db, sid: string): Promise<void> {
  await collection(db).updateOne({ _id: sid }, { $set: { deleted_at: new Date() } });
}

export async function setSessionLogLevel(db: Db, sid: string, level: string): Promise<void> {
  await collection(db).updateOne({ _id: sid }, { $set: { log_level: level } });
}

export async function sessionIsLive(db: Db, sid: string): Promise<boolean> {
  return (await collection(db).countDocuments({ _id: sid, deleted_at: null }, { limit: 1 })) > 0;
}
