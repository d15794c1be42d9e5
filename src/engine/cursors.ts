// Server-side cursors: the rest of a result set, handed out in batches by getMore.
import { calculateObjectSize, Long } from 'bson';
import { fail, ErrorCodes } from './errors.ts';
import type { Doc } from './values.ts';

const DEFAULT_FIRST_BATCH = 101;
/**
 * A batch stops growing at 2 MiB (mongod: 16 MiB). Blobs are read from disk as the reply is encoded, so this
 * bounds the memory one reply takes (a GridFS download asks for a whole file's chunks at once) for a few more
 * getMores. A single larger document still goes alone, within the 16 MiB message limit.
 */
const MAX_BATCH_BYTES = 2 * 1024 * 1024;
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

interface Cursor {
  ns: string;
  docs: Doc[];
  position: number;
  lastUsed: number;
}

export class CursorRegistry {
  private readonly cursors = new Map<bigint, Cursor>();
  private nextId = BigInt(Date.now()) << 16n;

  /** The reply for a new result set: its first batch and, when more remain, a cursor id. */
  open(ns: string, docs: Doc[], batchSize: number | undefined, singleBatch = false): Doc {
    const cursor: Cursor = { ns, docs, position: 0, lastUsed: Date.now() };
    const firstBatch = this.take(cursor, batchSize ?? DEFAULT_FIRST_BATCH);
    let id = 0n;
    if (!singleBatch && cursor.position < docs.length) {
      id = ++this.nextId;
      this.cursors.set(id, cursor);
    }
    return { cursor: { firstBatch, id: Long.fromBigInt(id), ns }, ok: 1 };
  }

  getMore(id: Long, collection: string, db: string, batchSize: number | undefined): Doc {
    const key = id.toBigInt();
    const cursor = this.cursors.get(key);
    if (!cursor) fail(ErrorCodes.CursorNotFound, `cursor id ${key} not found`);
    if (cursor.ns !== `${db}.${collection}`) {
      fail(ErrorCodes.Unauthorized, `Requested getMore on namespace '${db}.${collection}', but cursor belongs to a different namespace ${cursor.ns}`);
    }
    cursor.lastUsed = Date.now();
    const nextBatch = this.take(cursor, batchSize ?? Number.POSITIVE_INFINITY);
    const done = cursor.position >= cursor.docs.length;
    if (done) this.cursors.delete(key);
    return { cursor: { nextBatch, id: Long.fromBigInt(done ? 0n : key), ns: cursor.ns }, ok: 1 };
  }

  kill(ids: Long[]): Doc {
    const killed: Long[] = [],
      notFound: Long[] = [];
    for (const id of ids) (this.cursors.delete(id.toBigInt()) ? killed : notFound).push(id);
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  }

  /** The documents open cursors have yet to hand out. */
  *pendingDocs(): Iterable<Doc> {
    for (const cursor of this.cursors.values()) for (let i = cursor.position; i < cursor.docs.length; i++) yield cursor.docs[i];
  }

  sweepIdle(now = Date.now()): void {
    for (const [id, cursor] of this.cursors) if (now - cursor.lastUsed > IDLE_TIMEOUT_MS) this.cursors.delete(id);
  }

  private take(cursor: Cursor, batchSize: number): Doc[] {
    const batch: Doc[] = [];
    let bytes = 0;
    const limit = batchSize > 0 ? batchSize : Number.POSITIVE_INFINITY;
    while (cursor.position < cursor.docs.length && batch.length < limit) {
      const doc = cursor.docs[cursor.position];
      const size = calculateObjectSize(doc);
      if (batch.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
      batch.push(doc);
      bytes += size;
      cursor.position++;
    }
    return batch;
  }
}
