// Listing an owner's records newest first, `limit` at a time, with an opaque cursor (created_at, _id):
// stable under inserts, and served by the `{owner_id, created_at: -1, _id: -1}` indexes.
import type { Collection, Document, Filter } from 'mongodb';
import { InvalidInput } from './errors.ts';

export interface Dated extends Document {
  _id: string;
  created_at: Date;
}

function encodeCursor(doc: Dated): string {
  return Buffer.from(JSON.stringify([doc.created_at.getTime(), doc._id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [time, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [number, string];
    if (typeof time !== 'number' || typeof id !== 'string') throw new Error();
    return { createdAt: new Date(time), id };
  } catch {
    throw new InvalidInput('cursor', 'cursor is not one this server returned: pass next_cursor from the previous page unchanged, or leave it out', 'query');
  }
}

export async function newestFirst<T extends Dated>(
  collection: Collection<T>,
  filter: Filter<T>,
  limit: number,
  cursor?: string,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const query: Record<string, unknown> = { ...filter };
  if (cursor) {
    const after = decodeCursor(cursor);
    query.$or = [{ created_at: { $lt: after.createdAt } }, { created_at: after.createdAt, _id: { $lt: after.id } }];
  }
  const found = (await collection
    .find(query as Filter<T>)
    .sort({ created_at: -1, _id: -1 })
    .limit(limit + 1)
    .toArray()) as T[];
  const more = found.length > limit;
  const items = more ? found.slice(0, limit) : found;
  return { items, nextCursor: more ? encodeCursor(items[items.length - 1]) : null };
}
