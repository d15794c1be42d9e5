// Query operators through find(): comparison (with type bracketing), logical, element,
// evaluation and array operators; dotted paths; null vs missing; array vs element equality.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection, Document, Filter } from 'mongodb';
import { openTestDb, type TestDb } from './harness.ts';

let t: TestDb;
let c: Collection<any>;

const docs = [
  {
    _id: 1,
    name: 'apple',
    qty: 5,
    price: 1.5,
    tags: ['fruit', 'red'],
    sizes: [1, 2, 3],
    meta: { color: 'red' },
    items: [
      { sku: 'a', n: 1 },
      { sku: 'b', n: 5 },
    ],
  },
  {
    _id: 2,
    name: 'Banana',
    qty: 20,
    price: 0.5,
    tags: ['fruit', 'yellow'],
    sizes: [2],
    meta: { color: 'yellow' },
    items: [{ sku: 'b', n: 2 }],
  },
  { _id: 3, name: 'carrot', qty: 0, price: null, tags: ['vegetable'], sizes: [], items: [] },
  {
    _id: 4,
    name: 'date',
    qty: 15,
    tags: ['fruit', 'brown', 'sweet'],
    sizes: [[1, 2], 3],
    meta: { color: 'brown', shade: 'dark' },
  },
  { _id: 5, name: 'eggplant', qty: '7', tags: 'vegetable' },
];

beforeAll(async () => {
  t = await openTestDb();
  c = t.db.collection<any>('q');
  await c.insertMany(docs);
});
afterAll(async () => {
  await t?.close();
});

async function ids(filter: Filter<Document>): Promise<number[]> {
  return (await c.find(filter, { projection: { _id: 1 } }).toArray()).map((d) => d._id as number).sort((a, b) => a - b);
}

describe('comparison operators', () => {
  it('$eq and implicit equality', async () => {
    expect(await ids({ qty: 5 })).toEqual([1]);
    expect(await ids({ qty: { $eq: 5 } })).toEqual([1]);
    expect(await ids({ name: 'apple' })).toEqual([1]);
    expect(await ids({ qty: 7 })).toEqual([]); // '7' is a string
  });

  it('$ne matches documents where the field differs or is missing', async () => {
    expect(await ids({ qty: { $ne: 5 } })).toEqual([2, 3, 4, 5]);
    expect(await ids({ price: { $ne: 1.5 } })).toEqual([2, 3, 4, 5]);
  });

  it('$gt / $gte / $lt / $lte only compare values of the same type class', async () => {
    expect(await ids({ qty: { $gt: 5 } })).toEqual([2, 4]);
    expect(await ids({ qty: { $gte: 5 } })).toEqual([1, 2, 4]);
    expect(await ids({ qty: { $lt: 15 } })).toEqual([1, 3]);
    expect(await ids({ qty: { $lte: 15 } })).toEqual([1, 3, 4]);
    expect(await ids({ qty: { $gt: 1, $lt: 16 } })).toEqual([1, 4]);
    expect(await ids({ qty: { $gte: '0' } })).toEqual([5]);
    expect(await ids({ name: { $gt: 'c' } })).toEqual([3, 4, 5]);
    expect(await ids({ price: { $lt: 1 } })).toEqual([2]);
  });

  it('$in and $nin', async () => {
    expect(await ids({ qty: { $in: [0, 20, '7'] } })).toEqual([2, 3, 5]);
    expect(await ids({ qty: { $nin: [0, 20] } })).toEqual([1, 4, 5]);
    expect(await ids({ tags: { $in: ['red', 'sweet'] } })).toEqual([1, 4]);
    expect(await ids({ price: { $in: [null] } })).toEqual([3, 4, 5]);
    expect(await ids({ name: { $in: [/^a/, /^d/] } })).toEqual([1, 4]);
    expect(await ids({ qty: { $in: [] } })).toEqual([]);
  });
});

describe('element operators and null', () => {
  it('$exists', async () => {
    expect(await ids({ price: { $exists: true } })).toEqual([1, 2, 3]);
    expect(await ids({ price: { $exists: false } })).toEqual([4, 5]);
    expect(await ids({ 'meta.shade': { $exists: true } })).toEqual([4]);
  });

  it('{ field: null } matches null and missing fields', async () => {
    expect(await ids({ price: null })).toEqual([3, 4, 5]);
    expect(await ids({ price: { $ne: null } })).toEqual([1, 2]);
    expect(await ids({ 'meta.color': null })).toEqual([3, 5]);
  });

  it('$type by alias', async () => {
    expect(await ids({ qty: { $type: 'string' } })).toEqual([5]);
    expect(await ids({ qty: { $type: 'int' } })).toEqual([1, 2, 3, 4]);
    expect(await ids({ qty: { $type: 'number' } })).toEqual([1, 2, 3, 4]);
    expect(await ids({ price: { $type: 'double' } })).toEqual([1, 2]);
    expect(await ids({ price: { $type: 'null' } })).toEqual([3]);
    expect(await ids({ meta: { $type: 'object' } })).toEqual([1, 2, 4]);
    expect(await ids({ tags: { $type: 'array' } })).toEqual([1, 2, 3, 4]);
    expect(await ids({ tags: { $type: 'string' } })).toEqual([1, 2, 3, 4, 5]);
    expect(await ids({ qty: { $type: ['string', 'double'] } })).toEqual([5]);
  });

  it('$type by number', async () => {
    expect(await ids({ qty: { $type: 2 } })).toEqual([5]);
    expect(await ids({ qty: { $type: 16 } })).toEqual([1, 2, 3, 4]);
    expect(await ids({ price: { $type: 1 } })).toEqual([1, 2]);
    expect(await ids({ price: { $type: 10 } })).toEqual([3]);
    expect(await ids({ meta: { $type: 3 } })).toEqual([1, 2, 4]);
  });
});

describe('logical operators', () => {
  it('$and (explicit and implicit)', async () => {
    expect(await ids({ $and: [{ qty: { $gt: 1 } }, { tags: 'fruit' }] })).toEqual([1, 2, 4]);
    expect(await ids({ qty: { $gt: 1 }, tags: 'fruit', 'meta.color': 'yellow' })).toEqual([2]);
  });

  it('$or', async () => {
    expect(await ids({ $or: [{ qty: 0 }, { name: 'date' }] })).toEqual([3, 4]);
    expect(await ids({ $or: [{ nope: 1 }] })).toEqual([]);
  });

  it('$nor', async () => {
    expect(await ids({ $nor: [{ tags: 'fruit' }, { qty: 0 }] })).toEqual([5]);
  });

  it('$not inverts an operator expression and matches missing / other-typed fields', async () => {
    expect(await ids({ qty: { $not: { $gt: 5 } } })).toEqual([1, 3, 5]);
    expect(await ids({ price: { $not: { $gte: 1 } } })).toEqual([2, 3, 4, 5]);
    expect(await ids({ name: { $not: /^[a-c]/ } })).toEqual([2, 4, 5]);
  });
});

describe('evaluation operators', () => {
  it('$regex with $options and regex literals with flags', async () => {
    expect(await ids({ name: { $regex: '^b', $options: 'i' } })).toEqual([2]);
    expect(await ids({ name: { $regex: '^b' } })).toEqual([]);
    expect(await ids({ name: /^B/ })).toEqual([2]);
    expect(await ids({ name: /an/ })).toEqual([2, 5]);
    expect(await ids({ name: /^[a-c]/ })).toEqual([1, 3]);
    expect(await ids({ name: { $regex: /^A/i } })).toEqual([1]);
    expect(await ids({ name: /^APPLE$|^date$/i })).toEqual([1, 4]);
  });

  it('regex matches string elements of arrays and ignores non-strings', async () => {
    expect(await ids({ tags: /^ve/ })).toEqual([3, 5]);
    expect(await ids({ qty: /7/ })).toEqual([5]);
  });

  it('$mod', async () => {
    expect(await ids({ qty: { $mod: [4, 0] } })).toEqual([2, 3]);
    expect(await ids({ qty: { $mod: [5, 0] } })).toEqual([1, 2, 3, 4]);
    expect(await ids({ qty: { $mod: [10, 5] } })).toEqual([1, 4]);
  });
});

describe('array operators and array matching', () => {
  it('equality on an array field matches any element', async () => {
    expect(await ids({ tags: 'fruit' })).toEqual([1, 2, 4]);
    expect(await ids({ sizes: 2 })).toEqual([1, 2]);
  });

  it('an array operand matches the whole array exactly, or an element that is that array', async () => {
    expect(await ids({ tags: ['fruit', 'red'] })).toEqual([1]);
    expect(await ids({ tags: ['red', 'fruit'] })).toEqual([]);
    expect(await ids({ sizes: [1, 2] })).toEqual([4]);
    expect(await ids({ sizes: [] })).toEqual([3]);
  });

  it('comparisons and negations on array fields consider every element', async () => {
    expect(await ids({ sizes: { $gt: 2 } })).toEqual([1, 4]);
    expect(await ids({ sizes: { $lt: 2 } })).toEqual([1]);
    expect(await ids({ tags: { $ne: 'fruit' } })).toEqual([3, 5]);
    expect(await ids({ tags: { $nin: ['red', 'yellow'] } })).toEqual([3, 4, 5]);
    expect(await ids({ tags: { $not: { $in: ['fruit'] } } })).toEqual([3, 5]);
  });

  it('$size', async () => {
    expect(await ids({ sizes: { $size: 0 } })).toEqual([3]);
    expect(await ids({ sizes: { $size: 1 } })).toEqual([2]);
    expect(await ids({ tags: { $size: 2 } })).toEqual([1, 2]);
    expect(await ids({ tags: { $size: 3 } })).toEqual([4]);
  });

  it('$all', async () => {
    expect(await ids({ tags: { $all: ['fruit', 'red'] } })).toEqual([1]);
    expect(await ids({ tags: { $all: ['red', 'fruit'] } })).toEqual([1]);
    expect(await ids({ tags: { $all: ['fruit'] } })).toEqual([1, 2, 4]);
    expect(await ids({ tags: { $all: ['fruit', 'vegetable'] } })).toEqual([]);
  });

  it('$elemMatch requires a single element to satisfy every condition', async () => {
    expect(await ids({ items: { $elemMatch: { sku: 'b', n: { $gt: 3 } } } })).toEqual([1]);
    expect(await ids({ items: { $elemMatch: { sku: 'a', n: { $gt: 3 } } } })).toEqual([]);
    // Without $elemMatch the conditions may be satisfied by different elements.
    expect(await ids({ 'items.sku': 'a', 'items.n': { $gt: 3 } })).toEqual([1]);
  });

  it('$elemMatch on scalar arrays', async () => {
    const coll = t.db.collection<any>('q_scores');
    await coll.insertMany([
      { _id: 1, s: [1, 10] },
      { _id: 2, s: [5] },
      { _id: 3, s: [2, 20] },
    ]);
    const r = (await coll.find({ s: { $elemMatch: { $gte: 4, $lt: 8 } } }).toArray()).map((d) => d._id);
    expect(r).toEqual([2]);
    // Without $elemMatch each condition can be met by a different element.
    const loose = (
      await coll
        .find({ s: { $gte: 4, $lt: 8 } })
        .sort({ _id: 1 })
        .toArray()
    ).map((d) => d._id);
    expect(loose).toEqual([1, 2, 3]);
  });
});

describe('dotted paths', () => {
  it('reach into embedded documents', async () => {
    expect(await ids({ 'meta.color': 'red' })).toEqual([1]);
    expect(await ids({ 'meta.color': { $in: ['red', 'brown'] } })).toEqual([1, 4]);
  });

  it('reach into arrays of documents', async () => {
    expect(await ids({ 'items.sku': 'b' })).toEqual([1, 2]);
    expect(await ids({ 'items.n': { $gte: 2 } })).toEqual([1, 2]);
    expect(await ids({ 'items.sku': { $ne: 'b' } })).toEqual([3, 4, 5]);
  });

  it('use numeric components as array indexes', async () => {
    expect(await ids({ 'items.0.sku': 'a' })).toEqual([1]);
    expect(await ids({ 'tags.1': 'yellow' })).toEqual([2]);
    expect(await ids({ 'sizes.2': 3 })).toEqual([1]);
  });

  it('match embedded documents exactly, field order included', async () => {
    expect(await ids({ meta: { color: 'red' } })).toEqual([1]);
    expect(await ids({ meta: { shade: 'dark', color: 'brown' } })).toEqual([]);
    expect(await ids({ items: { sku: 'b', n: 2 } })).toEqual([2]);
    expect(await ids({ items: { n: 2, sku: 'b' } })).toEqual([]);
  });
});
