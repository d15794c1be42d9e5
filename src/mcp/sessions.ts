// Streamable HTTP sessions that survive restarts and work on any instance: the id is
// self-validating (an HMAC binds it to its user) and the little state a session has lives in
// MongoDB, never in process memory.
import crypto from 'node:crypto';
import type { Db } from 'mongodb';

export const MCP_SESSIONS = 'mcp_sessions';
/** Sessions unused for this long are forgotten (TTL index). */
const IDLE_EXPIRY_SECONDS = 7 * 24 * 3600;

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

function mac(key: Uint8Array, sid: string, userId: string): string {
  return crypto.createHmac('sha256', key).update(`outpost/mcp-session/v1\0${sid}\0${userId}`).digest('base64url').slice(0, 32);
}

export async function createSession(db: Db, key: Uint8Array, userId: string, protocolVersion: string): Promise<string> {
  const sid = crypto.randomBytes(16).toString('base64url');
  const now = new Date();
  await collection(db).insertOne({
    _id: sid, user_id: userId, protocol_version: protocolVersion, log_level: null, created_at: now, last_seen_at: now, deleted_at: null,
  });
  return `${sid}.${mac(key, sid, userId)}`;
}

/**
 * The live session a header names, if it is authentic, belongs to `userId` and was not deleted.
 * Anything else is "not found" (the caller answers 404), so ids reveal nothing about other users.
 */
export async function findSession(db: Db, key: Uint8Array, header: string, userId: string): Promise<McpSession | null> {
  const [sid, signature, extra] = header.split('.');
  if (!sid || !signature || extra !== undefined || sid.length > 64) return null;
  const expected = Buffer.from(mac(key, sid, userId));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  const now = new Date();
  const session = await collection(db).findOneAndUpdate(
    { _id: sid, user_id: userId, deleted_at: null },
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
