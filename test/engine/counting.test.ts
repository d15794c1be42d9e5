// countDocuments, estimatedDocumentCount and distinct.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection } from 'mongodb';
import { openTestDb, type TestDb } from './harness.ts';

let t: TestDb;
let c: Collection<any>;

beforeAll(async () => {
  t = await openTestDb();
  c = t.db.collection<any>('cnt');
  await c.insertMany(
    Array.from({ length: 10 }, (_, i) => ({
      _id: i,
      v: i,
      city: ['Oslo', 'Bergen', 'Oslo', 'Tromsø', 'Bergen'][i % 5],
      tags: i % 3 === 0 ? ['a', 'b'] : i % 3 === 1 ? ['b', 'c'] : 'd',
      addr: { zip: `z${i % 2}` },
      items: [{ sku: `s${i % 4}` }, { sku: 'common' }],
    })),
  );
});
afterAll(async () => {
  await t?.close();
});

const sorted = <T>(xs: T[]): T[] => [...xs].sort();

describe('countDocuments', () => {
  it('counts all documents and documents matching a filter', async () => {
    expect(await c.countDocuments()).toBe(10);
    expect(await c.countDocuments({})).toBe(10);
    expect(await c.countDocuments({ v: { $gte: 3 } })).toBe(7);
    expect(await c.countDocuments({ city: 'Oslo' })).toBe(4);
    expect(await c.countDocuments({ city: 'Nowhere' })).toBe(0);
  });

  it('honours skip and limit', async () => {
    expect(await c.countDocuments({ v: { $gte: 3 } }, { skip: 2 })).toBe(5);
    expect(await c.countDocuments({ v: { $gte: 3 } }, { limit: 3 })).toBe(3);
    expect(await c.countDocuments({}, { skip: 5, limit: 10 })).toBe(5);
    expect(await c.countDocuments({}, { skip: 20 })).toBe(0);
  });

  it('is zero for a collection that does not exist', async () => {
    expect(await t.db.collection<any>('cnt_missing').countDocuments()).toBe(0);
    expect(await t.db.collection<any>('cnt_missing').countDocuments({ a: 1 })).toBe(0);
  });
});

describe('estimatedDocumentCount', () => {
  it('reports the collection size', async () => {
    expect(await c.estimatedDocumentCount()).toBe(10);
  });

  it('follows inserts and deletes', async () => {
    const other = t.db.collection<any>('cnt_est');
    await other.insertMany([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(await other.estimatedDocumentCount()).toBe(3);
    await other.deleteOne({ a: 1 });
    expect(await other.estimatedDocumentCount()).toBe(2);
  });

  it('is zero for a collection that does not exist', async () => {
    expect(await t.db.collection<any>('cnt_est_missing').estimatedDocumentCount()).toBe(0);
  });
});

describe('distinct', () => {
  it('returns the distinct values of a field', async () => {
    expect(sorted(await c.distinct('city'))).toEqual(['Bergen', 'Oslo', 'Tromsø']);
  });

  it('applies a filter', async () => {
    expect(sorted(await c.distinct('city', { v: { $lt: 2 } }))).toEqual(['Bergen', 'Oslo']);
  });

  it('flattens array fields into their elements', async () => {
    expect(sorted(await c.distinct('tags'))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('follows dotted paths, including through arrays of documents', async () => {
    expect(sorted(await c.distinct('addr.zip'))).toEqual(['z0', 'z1']);
    expect(sorted(await c.distinct('items.sku'))).toEqual(['common', 's0', 's1', 's2', 's3']);
  });

  it('returns numbers and an empty list for a missing field', async () => {
    expect((await c.distinct('v', { v: { $gt: 6 } })).sort((a: number, b: number) => a - b)).toEqual([7, 8, 9]);
    expect(await c.distinct('nope')).toEqual([]);
    expect(await t.db.collection<any>('distinct_missing').distinct('a')).toEqual([]);
  });
});
