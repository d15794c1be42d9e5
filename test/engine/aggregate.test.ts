// Aggregation pipelines through the driver: $match $group $sort $skip $limit $project
// $unwind $count $lookup and the basic accumulators.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection, Document } from 'mongodb';
import { bsonTypeName, openTestDb, type TestDb } from './harness.ts';

let t: TestDb;
let sales: Collection<any>;

beforeAll(async () => {
  t = await openTestDb();
  sales = t.db.collection<any>('sales');
  await sales.insertMany([
    { _id: 1, item: 'a', price: 10, qty: 2, tags: ['x', 'y'], cat: 'A' },
    { _id: 2, item: 'b', price: 20, qty: 1, tags: ['y'], cat: 'B' },
    { _id: 3, item: 'a', price: 10, qty: 5, tags: [], cat: 'A' },
    { _id: 4, item: 'c', price: 5, qty: 10, cat: 'B' },
    { _id: 5, item: 'b', price: 20, qty: 3, tags: ['z', 'x'], cat: 'A' },
  ]);
  await t.db.collection<any>('products').insertMany([
    { _id: 'a', name: 'Apple' },
    { _id: 'b', name: 'Berry' },
    { _id: 'z', name: 'Unused' },
  ]);
});
afterAll(async () => {
  await t?.close();
});

const run = (pipeline: Document[], options: Document = {}) => sales.aggregate(pipeline, options).toArray();

describe('$match / $sort / $skip / $limit', () => {
  it('$match filters with query operators', async () => {
    const out = await run([{ $match: { cat: 'A', qty: { $gte: 3 } } }, { $sort: { _id: 1 } }]);
    expect(out.map((d) => d._id)).toEqual([3, 5]);
  });

  it('$sort orders by one or more keys', async () => {
    expect((await run([{ $match: { cat: 'A' } }, { $sort: { qty: -1 } }])).map((d) => d._id)).toEqual([3, 5, 1]);
    expect((await run([{ $sort: { price: 1, qty: -1 } }])).map((d) => d._id)).toEqual([4, 3, 1, 5, 2]);
  });

  it('$skip and $limit page through the sorted stream', async () => {
    expect((await run([{ $sort: { _id: 1 } }, { $skip: 1 }, { $limit: 2 }])).map((d) => d._id)).toEqual([2, 3]);
    expect((await run([{ $sort: { _id: -1 } }, { $limit: 1 }])).map((d) => d._id)).toEqual([5]);
    expect(await run([{ $skip: 10 }])).toEqual([]);
  });

  it('an empty pipeline returns every document', async () => {
    expect((await run([])).length).toBe(5);
  });
});

describe('$group', () => {
  it('computes $sum / $avg / $min / $max per group', async () => {
    const out = await run([
      {
        $group: {
          _id: '$item',
          total: { $sum: '$qty' },
          n: { $sum: 1 },
          avgPrice: { $avg: '$price' },
          minQ: { $min: '$qty' },
          maxQ: { $max: '$qty' },
        },
      },
      { $sort: { _id: 1 } },
    ]);
    expect(out).toEqual([
      { _id: 'a', total: 7, n: 2, avgPrice: 10, minQ: 2, maxQ: 5 },
      { _id: 'b', total: 4, n: 2, avgPrice: 20, minQ: 1, maxQ: 3 },
      { _id: 'c', total: 10, n: 1, avgPrice: 5, minQ: 10, maxQ: 10 },
    ]);
  });

  it('groups everything with _id: null', async () => {
    const out = await run([{ $group: { _id: null, qty: { $sum: '$qty' }, avg: { $avg: '$qty' }, count: { $sum: 1 } } }]);
    expect(out).toEqual([{ _id: null, qty: 21, avg: 4.2, count: 5 }]);
  });

  it('$sum of integers stays integral, $avg is a double', async () => {
    const out = await run([{ $group: { _id: null, total: { $sum: '$qty' }, avg: { $avg: '$price' } } }], { promoteValues: false });
    expect(bsonTypeName(out[0].total)).toBe('Int32');
    expect(out[0].total.valueOf()).toBe(21);
    expect(bsonTypeName(out[0].avg)).toBe('Double');
    expect(out[0].avg.valueOf()).toBe(13);
  });

  it('groups by a compound key', async () => {
    const out = await run([{ $group: { _id: { cat: '$cat', item: '$item' }, n: { $sum: 1 } } }, { $sort: { '_id.cat': 1, '_id.item': 1 } }]);
    expect(out).toEqual([
      { _id: { cat: 'A', item: 'a' }, n: 2 },
      { _id: { cat: 'A', item: 'b' }, n: 1 },
      { _id: { cat: 'B', item: 'b' }, n: 1 },
      { _id: { cat: 'B', item: 'c' }, n: 1 },
    ]);
  });

  it('$push keeps the input order and $addToSet de-duplicates', async () => {
    const out = await run([{ $sort: { _id: 1 } }, { $group: { _id: '$cat', ids: { $push: '$_id' }, items: { $addToSet: '$item' } } }, { $sort: { _id: 1 } }]);
    expect(out.map((g) => g._id)).toEqual(['A', 'B']);
    expect(out[0].ids).toEqual([1, 3, 5]);
    expect(out[1].ids).toEqual([2, 4]);
    expect([...out[0].items].sort()).toEqual(['a', 'b']);
    expect([...out[1].items].sort()).toEqual(['b', 'c']);
  });

  it('missing values are ignored by $sum / $avg / $min / $max and skipped by $push', async () => {
    const out = await run([{ $group: { _id: null, s: { $sum: '$nope' }, a: { $avg: '$nope' }, mn: { $min: '$nope' }, p: { $push: '$nope' } } }]);
    expect(out).toEqual([{ _id: null, s: 0, a: null, mn: null, p: [] }]);
  });
});

describe('$project', () => {
  it('includes, excludes and renames fields', async () => {
    expect(await run([{ $match: { _id: 1 } }, { $project: { item: 1, qty: 1 } }])).toEqual([{ _id: 1, item: 'a', qty: 2 }]);
    expect(await run([{ $match: { _id: 1 } }, { $project: { _id: 0, item: 1 } }])).toEqual([{ item: 'a' }]);
    expect(await run([{ $match: { _id: 2 } }, { $project: { tags: 0, cat: 0, price: 0 } }])).toEqual([{ _id: 2, item: 'b', qty: 1 }]);
    expect(await run([{ $match: { _id: 4 } }, { $project: { _id: 0, what: '$item', amount: '$qty' } }])).toEqual([{ what: 'c', amount: 10 }]);
  });
});

describe('$unwind', () => {
  it('emits one document per array element and drops empty / missing arrays', async () => {
    const out = await run([{ $unwind: '$tags' }, { $sort: { _id: 1, tags: 1 } }, { $project: { _id: 1, tags: 1 } }]);
    expect(out).toEqual([
      { _id: 1, tags: 'x' },
      { _id: 1, tags: 'y' },
      { _id: 2, tags: 'y' },
      { _id: 5, tags: 'x' },
      { _id: 5, tags: 'z' },
    ]);
  });

  it('preserveNullAndEmptyArrays keeps documents without elements', async () => {
    const out = await run([{ $unwind: { path: '$tags', preserveNullAndEmptyArrays: true } }, { $sort: { _id: 1 } }]);
    expect(out.map((d) => d._id)).toEqual([1, 1, 2, 3, 4, 5, 5]);
  });

  it('can be followed by $group to count elements', async () => {
    const out = await run([{ $unwind: '$tags' }, { $group: { _id: '$tags', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]);
    expect(out).toEqual([
      { _id: 'x', n: 2 },
      { _id: 'y', n: 2 },
      { _id: 'z', n: 1 },
    ]);
  });
});

describe('$count', () => {
  it('counts the documents reaching it', async () => {
    expect(await run([{ $match: { cat: 'A' } }, { $count: 'n' }])).toEqual([{ n: 3 }]);
    expect(await run([{ $count: 'total' }])).toEqual([{ total: 5 }]);
  });

  it('produces no document when nothing reaches it', async () => {
    expect(await run([{ $match: { cat: 'none' } }, { $count: 'n' }])).toEqual([]);
  });
});

describe('$lookup', () => {
  it('joins on localField / foreignField', async () => {
    const out = await run([
      { $match: { _id: { $in: [1, 2, 4] } } },
      { $sort: { _id: 1 } },
      { $lookup: { from: 'products', localField: 'item', foreignField: '_id', as: 'product' } },
      { $project: { _id: 1, product: 1 } },
    ]);
    expect(out).toEqual([
      { _id: 1, product: [{ _id: 'a', name: 'Apple' }] },
      { _id: 2, product: [{ _id: 'b', name: 'Berry' }] },
      { _id: 4, product: [] },
    ]);
  });

  it('collects every matching foreign document', async () => {
    const out = await t.db
      .collection<any>('products')
      .aggregate([
        { $match: { _id: { $in: ['a', 'b'] } } },
        { $lookup: { from: 'sales', localField: '_id', foreignField: 'item', as: 'sold' } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(out.map((p) => [p._id, p.sold.map((s: Document) => s._id).sort()])).toEqual([
      ['a', [1, 3]],
      ['b', [2, 5]],
    ]);
  });

  it('treats a missing foreign collection as empty', async () => {
    const out = await run([
      { $match: { _id: 1 } },
      { $lookup: { from: 'no_such_coll', localField: 'item', foreignField: '_id', as: 'j' } },
      { $project: { j: 1 } },
    ]);
    expect(out).toEqual([{ _id: 1, j: [] }]);
  });
});
