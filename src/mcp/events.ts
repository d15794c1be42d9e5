// Server-sent events of a session, kept in MongoDB so a client can resume a stream with
// Last-Event-ID on any instance, and so messages for a session's GET stream reach whichever
// instance holds it. Event ids are `<streamId>_<seq>`.
import crypto from 'node:crypto';
import type { Db } from 'mongodb';

export const MCP_EVENTS = 'mcp_events';
const RETENTION_SECONDS = 3600;

export interface StoredEvent {
  _id: string;
  session_id: string;
  stream_id: string;
  seq: number;
  message: unknown;
  created_at: Date;
}

const collection = (db: Db) => db.collection<StoredEvent>(MCP_EVENTS);

export async function ensureEventIndexes(db: Db): Promise<void> {
  await Promise.all([
    collection(db).createIndex({ session_id: 1, stream_id: 1, seq: 1 }, { name: 'stream_order' }),
    collection(db).createIndex({ created_at: 1 }, { name: 'retention', expireAfterSeconds: RETENTION_SECONDS }),
  ]);
}

export const newStreamId = () => crypto.randomBytes(9).toString('base64url');

export function parseEventId(id: string): { streamId: string; seq: number } | null {
  const match = /^([A-Za-z0-9_-]{12})_(\d{1,12})$/.exec(id);
  return match ? { streamId: match[1], seq: Number(match[2]) } : null;
}

export async function storeEvent(db: Db, sessionId: string, streamId: string, seq: number, message: unknown): Promise<string> {
  const id = `${streamId}_${seq}`;
  await collection(db).insertOne({ _id: id, session_id: sessionId, stream_id: streamId, seq, message, created_at: new Date() });
  return id;
}

/** Events of one stream after `seq`, in order. */
export async function eventsAfter(db: Db, sessionId: string, streamId: string, seq: number): Promise<StoredEvent[]> {
  return collection(db)
    .find({ session_id: sessionId, stream_id: streamId, seq: { $gt: seq } })
    .sort({ seq: 1 })
    .toArray();
}
