// Every supported update operator through the driver, numeric type rules, array operators,
// positional updates, upsert seeding and the update error codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Double, Int32, Long, type Collection, type Document, type UpdateFilter, type UpdateOptions } from 'mongodb';
import { bsonTypeName, expectCode, openTestDb, type TestDb } from './harness.ts';

let t: TestDb;
let c: Collection<any>;
let nextId = 0;

beforeAll(async () => {
  t = await openTestDb();
  c = t.db.collection<any>('ops');
});
afterAll(async () => {
  await t?.close();
});

/**
 * Insert `initial` under a fresh _id, apply `update` to it and return the result plus the
 * updated document (without _id) read back both promoted and with `promoteValues: false`.
 */
async function apply(initial: Document, update: Document, options: UpdateOptions = {}) {
  const _id = ++nextId;
  await c.insertOne({ _id, ...initial });
  const result = await c.updateOne({ _id }, update as UpdateFilter<any>, options);
  const doc = await c.findOne({ _id }, { projection: { _id: 0 } });
  const raw = await c.findOne({ _id }, { projection: { _id: 0 }, promoteValues: false });
  return { result, doc, raw, _id };
}

describe('$set / $unset', () => {
  it('$set sets top-level and nested fields, creating intermediate documents', async () => {
    const { doc, result } = await apply({ a: 1, b: { c: 1 } }, { $set: { a: 2, 'b.d': 'x', 'e.f.g': true } });
    expect(result.modifiedCount).toBe(1);
    expect(doc).toEqual({ a: 2, b: { c: 1, d: 'x' }, e: { f: { g: true } } });
  });

  it('$set addresses array elements by index and replaces whole values', async () => {
    const { doc } = await apply({ arr: [1, 2, 3], sub: { x: 1 } }, { $set: { 'arr.1': 'two', sub: [1] } });
    expect(doc).toEqual({ arr: [1, 'two', 3], sub: [1] });
  });

  it('new fields are added in lexicographic order of their names (MongoDB 5.0+)', async () => {
    const { doc } = await apply({ existing: 1 }, { $set: { z: 1, a: 1, m: { y: 1, b: 2 } } });
    expect(Object.keys(doc!)).toEqual(['existing', 'a', 'm', 'z']);
    expect(Object.keys(doc!.m)).toEqual(['y', 'b']);
  });

  it('$set with the current value is a no-op', async () => {
    const { result } = await apply({ a: 1, b: { c: [1, 2] } }, { $set: { a: 1, b: { c: [1, 2] } } });
    expect(result.matchedCount).toBe(1);
    expect(result.modifiedCount).toBe(0);
  });

  it('$unset removes fields (top-level and nested) and ignores missing ones', async () => {
    const { doc } = await apply({ a: 1, b: { c: 1, d: 2 }, e: 3 }, { $unset: { a: '', 'b.c': 1, nope: '' } });
    expect(doc).toEqual({ b: { d: 2 }, e: 3 });
    const { result } = await apply({ a: 1 }, { $unset: { missing: '' } });
    expect(result.modifiedCount).toBe(0);
  });
});

describe('$inc / $mul and numeric types', () => {
  it('$inc adds, subtracts and creates missing fields', async () => {
    const { doc } = await apply({ a: 5, b: 10 }, { $inc: { a: 3, b: -4, c: 2, 'd.e': 1 } });
    expect(doc).toEqual({ a: 8, b: 6, c: 2, d: { e: 1 } });
  });

  it('$inc Int32 + Int32 stays Int32', async () => {
    const { raw } = await apply({ n: new Int32(5) }, { $inc: { n: new Int32(2) } });
    expect(bsonTypeName(raw!.n)).toBe('Int32');
    expect(raw!.n.valueOf()).toBe(7);
  });

  it('$inc overflowing Int32 produces a Long', async () => {
    const { raw } = await apply({ n: new Int32(2147483647) }, { $inc: { n: new Int32(1) } });
    expect(bsonTypeName(raw!.n)).toBe('Long');
    expect(raw!.n.toString()).toBe('2147483648');
  });

  it('$inc Int32 + Double produces a Double', async () => {
    const frac = await apply({ n: new Int32(1) }, { $inc: { n: 1.5 } });
    expect(bsonTypeName(frac.raw!.n)).toBe('Double');
    expect(frac.raw!.n.valueOf()).toBe(2.5);
    const whole = await apply({ n: new Int32(1) }, { $inc: { n: new Double(1) } });
    expect(bsonTypeName(whole.raw!.n)).toBe('Double');
    expect(whole.raw!.n.valueOf()).toBe(2);
  });

  it('$inc Int32 + Long produces a Long', async () => {
    const { raw } = await apply({ n: new Int32(1) }, { $inc: { n: Long.fromNumber(2) } });
    expect(bsonTypeName(raw!.n)).toBe('Long');
    expect(raw!.n.toString()).toBe('3');
  });

  it('$inc on a Double field keeps it a Double', async () => {
    const { raw } = await apply({ n: new Double(2) }, { $inc: { n: new Int32(1) } });
    expect(bsonTypeName(raw!.n)).toBe('Double');
    expect(raw!.n.valueOf()).toBe(3);
  });

  it('$inc on a non-numeric field fails with TypeMismatch (14)', async () => {
    const _id = ++nextId;
    await c.insertOne({ _id, s: 'text' });
    await expectCode(c.updateOne({ _id }, { $inc: { s: 1 } }), 14);
    expect(await c.findOne({ _id })).toEqual({ _id, s: 'text' });
  });

  it('$mul multiplies and creates missing fields as zero of the multiplier type', async () => {
    const { doc, raw } = await apply({ a: 5, p: 10.5 }, { $mul: { a: 3, p: 2, missing: new Int32(7) } });
    expect(doc).toEqual({ a: 15, p: 21, missing: 0 });
    expect(bsonTypeName(raw!.a)).toBe('Int32');
    expect(bsonTypeName(raw!.missing)).toBe('Int32');
  });

  it('$mul Int32 * Double produces a Double', async () => {
    const { raw } = await apply({ n: new Int32(2) }, { $mul: { n: 1.5 } });
    expect(bsonTypeName(raw!.n)).toBe('Double');
    expect(raw!.n.valueOf()).toBe(3);
  });
});

describe('$min / $max', () => {
  it('$min lowers only when the new value is smaller', async () => {
    const lower = await apply({ v: 5 }, { $min: { v: 3 } });
    expect(lower.doc).toEqual({ v: 3 });
    const keep = await apply({ v: 5 }, { $min: { v: 7 } });
    expect(keep.doc).toEqual({ v: 5 });
    expect(keep.result.modifiedCount).toBe(0);
  });

  it('$max raises only when the new value is larger', async () => {
    const raise = await apply({ v: 5 }, { $max: { v: 9 } });
    expect(raise.doc).toEqual({ v: 9 });
    const keep = await apply({ v: 5 }, { $max: { v: 1 } });
    expect(keep.doc).toEqual({ v: 5 });
    expect(keep.result.modifiedCount).toBe(0);
  });

  it('$min / $max set missing fields and compare dates', async () => {
    const early = new Date('2020-01-01T00:00:00Z');
    const late = new Date('2024-01-01T00:00:00Z');
    const { doc } = await apply({ first: late, last: early }, { $min: { first: early, lo: 4 }, $max: { last: late, hi: 8 } });
    expect(doc).toEqual({ first: early, last: late, lo: 4, hi: 8 });
  });
});

describe('$rename', () => {
  it('renames top-level and nested fields', async () => {
    const { doc } = await apply({ a: 1, b: { c: 2 }, keep: true }, { $rename: { a: 'x', 'b.c': 'y' } });
    expect(doc).toEqual({ b: {}, keep: true, x: 1, y: 2 });
  });

  it('renaming a missing field is a no-op', async () => {
    const { doc, result } = await apply({ a: 1 }, { $rename: { nope: 'other' } });
    expect(doc).toEqual({ a: 1 });
    expect(result.modifiedCount).toBe(0);
  });

  it('renaming onto an existing field overwrites it', async () => {
    const { doc } = await apply({ a: 1, b: 2 }, { $rename: { a: 'b' } });
    expect(doc).toEqual({ b: 1 });
  });
});

describe('$setOnInsert', () => {
  it('applies only when the upsert inserts', async () => {
    const inserted = await c.updateOne({ _id: 'soi' }, { $set: { a: 1 }, $setOnInsert: { created: 'first' } }, { upsert: true });
    expect(inserted.upsertedId).toBe('soi');
    expect(await c.findOne({ _id: 'soi' })).toEqual({ _id: 'soi', a: 1, created: 'first' });

    const updated = await c.updateOne({ _id: 'soi' }, { $set: { a: 2 }, $setOnInsert: { created: 'second' } }, { upsert: true });
    expect(updated.matchedCount).toBe(1);
    expect(await c.findOne({ _id: 'soi' })).toEqual({ _id: 'soi', a: 2, created: 'first' });
  });

  it('is ignored by a plain (non-upsert) update', async () => {
    const { doc, result } = await apply({ a: 1 }, { $setOnInsert: { b: 1 } });
    expect(doc).toEqual({ a: 1 });
    expect(result.modifiedCount).toBe(0);
  });
});

describe('$currentDate', () => {
  it('sets a Date by default and a Timestamp on request', async () => {
    const before = Date.now();
    const { raw } = await apply({ a: 1 }, { $currentDate: { d: true, d2: { $type: 'date' }, ts: { $type: 'timestamp' } } });
    const after = Date.now();
    expect(raw!.d).toBeInstanceOf(Date);
    expect(raw!.d2).toBeInstanceOf(Date);
    expect(bsonTypeName(raw!.ts)).toBe('Timestamp');
    // Sanity only (clock of the server vs. this process), not a timing assertion.
    expect(raw!.d.getTime()).toBeGreaterThan(before - 10 * 60_000);
    expect(raw!.d.getTime()).toBeLessThan(after + 10 * 60_000);
    expect(raw!.ts.t * 1000).toBeGreaterThan(before - 10 * 60_000);
  });
});

describe('$push', () => {
  it('appends a value and creates the array when missing', async () => {
    const { doc } = await apply({ arr: [1] }, { $push: { arr: 2, fresh: 'x' } });
    expect(doc).toEqual({ arr: [1, 2], fresh: ['x'] });
  });

  it('pushes an array as a single element without $each', async () => {
    const { doc } = await apply({ arr: [1] }, { $push: { arr: [2, 3] } });
    expect(doc).toEqual({ arr: [1, [2, 3]] });
  });

  it('$each appends several values', async () => {
    const { doc } = await apply({ arr: [1] }, { $push: { arr: { $each: [2, 3, 4] } } });
    expect(doc).toEqual({ arr: [1, 2, 3, 4] });
  });

  it('$position inserts at the given index (negative counts from the end)', async () => {
    const front = await apply({ arr: [1, 2, 3] }, { $push: { arr: { $each: [8, 9], $position: 0 } } });
    expect(front.doc).toEqual({ arr: [8, 9, 1, 2, 3] });
    const middle = await apply({ arr: [1, 2, 3] }, { $push: { arr: { $each: [7], $position: 1 } } });
    expect(middle.doc).toEqual({ arr: [1, 7, 2, 3] });
    const negative = await apply({ arr: [1, 2, 3] }, { $push: { arr: { $each: [7], $position: -1 } } });
    expect(negative.doc).toEqual({ arr: [1, 2, 7, 3] });
  });

  it('$slice keeps the first or last N elements', async () => {
    const last = await apply({ arr: [1, 2, 3] }, { $push: { arr: { $each: [4, 5], $slice: -3 } } });
    expect(last.doc).toEqual({ arr: [3, 4, 5] });
    const first = await apply({ arr: [1, 2, 3] }, { $push: { arr: { $each: [4, 5], $slice: 2 } } });
    expect(first.doc).toEqual({ arr: [1, 2] });
    const none = await apply({ arr: [1, 2, 3] }, { $push: { arr: { $each: [], $slice: 0 } } });
    expect(none.doc).toEqual({ arr: [] });
  });

  it('$sort orders values ascending or descending', async () => {
    const asc = await apply({ arr: [5, 1] }, { $push: { arr: { $each: [3, 2], $sort: 1 } } });
    expect(asc.doc).toEqual({ arr: [1, 2, 3, 5] });
    const desc = await apply({ arr: [5, 1] }, { $push: { arr: { $each: [3], $sort: -1 } } });
    expect(desc.doc).toEqual({ arr: [5, 3, 1] });
  });

  it('$sort by a document field combined with $slice keeps the top N', async () => {
    const { doc } = await apply(
      {
        scores: [
          { s: 5, n: 'a' },
          { s: 1, n: 'b' },
        ],
      },
      {
        $push: {
          scores: {
            $each: [
              { s: 9, n: 'c' },
              { s: 3, n: 'd' },
            ],
            $sort: { s: -1 },
            $slice: 3,
          },
        },
      },
    );
    expect(doc).toEqual({
      scores: [
        { s: 9, n: 'c' },
        { s: 5, n: 'a' },
        { s: 3, n: 'd' },
      ],
    });
  });
});

describe('$addToSet', () => {
  it('adds only values that are not present', async () => {
    const added = await apply({ tags: ['a'] }, { $addToSet: { tags: 'b' } });
    expect(added.doc).toEqual({ tags: ['a', 'b'] });
    const existing = await apply({ tags: ['a'] }, { $addToSet: { tags: 'a' } });
    expect(existing.doc).toEqual({ tags: ['a'] });
    expect(existing.result.modifiedCount).toBe(0);
  });

  it('$each adds each missing value once, in order', async () => {
    const { doc } = await apply({ tags: ['a'] }, { $addToSet: { tags: { $each: ['a', 'b', 'c', 'b'] } } });
    expect(doc).toEqual({ tags: ['a', 'b', 'c'] });
  });

  it('creates the array when missing and compares documents as whole values', async () => {
    const { doc } = await apply({ items: [{ k: 1 }] }, { $addToSet: { items: { $each: [{ k: 1 }, { k: 2 }] }, fresh: 1 } });
    expect(doc).toEqual({ items: [{ k: 1 }, { k: 2 }], fresh: [1] });
  });
});

describe('$pop / $pull / $pullAll', () => {
  it('$pop removes the last (1) or the first (-1) element', async () => {
    expect((await apply({ arr: [1, 2, 3] }, { $pop: { arr: 1 } })).doc).toEqual({ arr: [1, 2] });
    expect((await apply({ arr: [1, 2, 3] }, { $pop: { arr: -1 } })).doc).toEqual({ arr: [2, 3] });
  });

  it('$pull removes every element equal to a value', async () => {
    const { doc } = await apply({ arr: [1, 2, 3, 2, 'x'] }, { $pull: { arr: 2 } });
    expect(doc).toEqual({ arr: [1, 3, 'x'] });
  });

  it('$pull removes elements matching a condition', async () => {
    const { doc } = await apply({ arr: [1, 5, 2, 6, 9] }, { $pull: { arr: { $gte: 5 } } });
    expect(doc).toEqual({ arr: [1, 2] });
    const in_ = await apply({ arr: ['a', 'b', 'c', 'd'] }, { $pull: { arr: { $in: ['b', 'd'] } } });
    expect(in_.doc).toEqual({ arr: ['a', 'c'] });
  });

  it('$pull removes documents matching a query on their fields', async () => {
    const { doc } = await apply(
      {
        items: [
          { sku: 'a', qty: 1 },
          { sku: 'b', qty: 10 },
          { sku: 'c', qty: 3 },
        ],
      },
      { $pull: { items: { qty: { $lt: 5 } } } },
    );
    expect(doc).toEqual({ items: [{ sku: 'b', qty: 10 }] });
  });

  it('$pullAll removes every listed value', async () => {
    const { doc } = await apply({ arr: [0, 2, 5, 5, 1, 0] }, { $pullAll: { arr: [0, 5] } });
    expect(doc).toEqual({ arr: [2, 1] });
  });
});

describe('$bit', () => {
  it('applies and / or / xor to integers', async () => {
    expect((await apply({ n: new Int32(13) }, { $bit: { n: { and: new Int32(10) } } })).doc).toEqual({ n: 8 });
    expect((await apply({ n: new Int32(13) }, { $bit: { n: { or: new Int32(10) } } })).doc).toEqual({ n: 15 });
    expect((await apply({ n: new Int32(13) }, { $bit: { n: { xor: new Int32(10) } } })).doc).toEqual({ n: 7 });
    const long = await apply({ n: Long.fromNumber(13) }, { $bit: { n: { and: new Int32(10) } } });
    expect(bsonTypeName(long.raw!.n)).toBe('Long');
    expect(long.raw!.n.toString()).toBe('8');
  });
});

describe('positional updates', () => {
  it('$ updates the first array element matched by the query', async () => {
    const _id = ++nextId;
    await c.insertOne({ _id, grades: [80, 85, 80] });
    await c.updateOne({ _id, grades: 80 }, { $set: { 'grades.$': 82 } });
    expect(await c.findOne({ _id })).toEqual({ _id, grades: [82, 85, 80] });
  });

  it('$ works with fields of documents in an array', async () => {
    const _id = ++nextId;
    await c.insertOne({
      _id,
      items: [
        { sku: 'a', qty: 1 },
        { sku: 'b', qty: 2 },
      ],
    });
    await c.updateOne({ _id, 'items.sku': 'b' }, { $inc: { 'items.$.qty': 5 } });
    expect(await c.findOne({ _id })).toEqual({
      _id,
      items: [
        { sku: 'a', qty: 1 },
        { sku: 'b', qty: 7 },
      ],
    });
  });

  it('$[] updates every element', async () => {
    const { doc } = await apply({ grades: [1, 2, 3] }, { $inc: { 'grades.$[]': 10 } });
    expect(doc).toEqual({ grades: [11, 12, 13] });
    const nested = await apply({ items: [{ q: 1 }, { q: 2 }] }, { $set: { 'items.$[].done': true } });
    expect(nested.doc).toEqual({
      items: [
        { q: 1, done: true },
        { q: 2, done: true },
      ],
    });
  });

  it('$[identifier] updates elements selected by arrayFilters', async () => {
    const { doc } = await apply({ grades: [95, 102, 90, 150] }, { $set: { 'grades.$[el]': 100 } }, { arrayFilters: [{ el: { $gte: 100 } }] });
    expect(doc).toEqual({ grades: [95, 100, 90, 100] });
    const docs = await apply(
      {
        items: [
          { sku: 'a', qty: 1 },
          { sku: 'b', qty: 2 },
          { sku: 'a', qty: 3 },
        ],
      },
      { $set: { 'items.$[it].qty': 0 } },
      { arrayFilters: [{ 'it.sku': 'a' }] },
    );
    expect(docs.doc).toEqual({
      items: [
        { sku: 'a', qty: 0 },
        { sku: 'b', qty: 2 },
        { sku: 'a', qty: 0 },
      ],
    });
  });

  it('arrayFilters apply across every matched document of updateMany', async () => {
    const coll = t.db.collection<any>('af_many');
    await coll.insertMany([
      { _id: 1, v: [1, 5, 10] },
      { _id: 2, v: [6, 2] },
    ]);
    const res = await coll.updateMany({}, { $mul: { 'v.$[big]': 2 } }, { arrayFilters: [{ big: { $gt: 4 } }] });
    expect(res.modifiedCount).toBe(2);
    expect(await coll.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, v: [1, 10, 20] },
      { _id: 2, v: [12, 2] },
    ]);
  });
});

describe('upsert seeding', () => {
  it('copies equality fields from the filter (including dotted and $eq) into the new document', async () => {
    const coll = t.db.collection<any>('seed');
    const res = await coll.updateOne({ name: 'x', 'meta.k': 3, n: { $gt: 5 }, c: { $eq: 4 } }, { $set: { v: 1 } }, { upsert: true });
    expect(res.upsertedCount).toBe(1);
    const doc = await coll.findOne({ _id: res.upsertedId! }, { projection: { _id: 0 } });
    expect(doc).toEqual({ name: 'x', meta: { k: 3 }, c: 4, v: 1 });
  });

  it('seeds fields from $and of equalities and then applies the operators', async () => {
    const coll = t.db.collection<any>('seed2');
    const res = await coll.updateOne({ $and: [{ a: 1 }, { b: 'two' }] }, { $inc: { a: 1 }, $push: { list: 'x' } } as any, { upsert: true });
    const doc = await coll.findOne({ _id: res.upsertedId! }, { projection: { _id: 0 } });
    expect(doc).toEqual({ a: 2, b: 'two', list: ['x'] });
  });
});

describe('update errors', () => {
  it('modifying _id with $set fails with ImmutableField (66)', async () => {
    const _id = ++nextId;
    await c.insertOne({ _id, a: 1 });
    await expectCode(c.updateOne({ _id }, { $set: { _id: 'other' } }), 66);
    expect(await c.findOne({ _id })).toEqual({ _id, a: 1 });
  });

  it('replaceOne with a different _id fails with ImmutableField (66)', async () => {
    const _id = ++nextId;
    await c.insertOne({ _id, a: 1 });
    await expectCode(c.replaceOne({ _id }, { _id: 'other', a: 2 }), 66);
    expect(await c.findOne({ _id })).toEqual({ _id, a: 1 });
  });

  it('two operators on the same path fail with ConflictingUpdateOperators (40)', async () => {
    const _id = ++nextId;
    await c.insertOne({ _id, a: 1 });
    await expectCode(c.updateOne({ _id }, { $set: { a: 5 }, $inc: { a: 1 } }), 40);
    await expectCode(c.updateOne({ _id }, { $set: { 'a.b': 5 }, $unset: { a: '' } }), 40);
    expect(await c.findOne({ _id })).toEqual({ _id, a: 1 });
  });

  it('setting a field inside a non-document fails with PathNotViable (28)', async () => {
    const _id = ++nextId;
    await c.insertOne({ _id, a: 1 });
    await expectCode(c.updateOne({ _id }, { $set: { 'a.b': 2 } }), 28);
    expect(await c.findOne({ _id })).toEqual({ _id, a: 1 });
  });

  it('$push onto a non-array fails with BadValue (2)', async () => {
    const _id = ++nextId;
    await c.insertOne({ _id, a: 1 });
    await expectCode(c.updateOne({ _id }, { $push: { a: 2 } } as any), 2);
    expect(await c.findOne({ _id })).toEqual({ _id, a: 1 });
  });

  it('$inc with a non-numeric argument fails with TypeMismatch (14)', async () => {
    const _id = ++nextId;
    await c.insertOne({ _id, a: 1 });
    await expectCode(c.updateOne({ _id }, { $inc: { a: 'one' } } as any), 14);
  });

  it('an unknown update operator fails with FailedToParse (9)', async () => {
    const _id = ++nextId;
    await c.insertOne({ _id, a: 1 });
    await expectCode(c.updateOne({ _id }, { $foo: { a: 1 } } as any), 9);
    expect(await c.findOne({ _id })).toEqual({ _id, a: 1 });
  });
});
