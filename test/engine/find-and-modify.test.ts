// findOneAndUpdate / findOneAndReplace / findOneAndDelete (the findAndModify command).
import { afterAll, beforeEach, beforeAll, describe, expect, it } from 'vitest';
import { ObjectId, type Collection } from 'mongodb';
import { expectCode, openTestDb, type TestDb } from './harness.ts';

let t: TestDb;
let c: Collection<any>;

beforeAll(async () => {
  t = await openTestDb();
  c = t.db.collection<any>('fam');
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await c.deleteMany({});
  await c.insertMany([
    { _id: 1, name: 'a', score: 5, group: 'g' },
    { _id: 2, name: 'b', score: 9, group: 'g' },
    { _id: 3, name: 'c', score: 7, group: 'h' },
  ]);
});

describe('findOneAndUpdate', () => {
  it('returns the document before the update by default', async () => {
    const before = await c.findOneAndUpdate({ _id: 1 }, { $inc: { score: 1 } });
    expect(before).toEqual({ _id: 1, name: 'a', score: 5, group: 'g' });
    expect((await c.findOne({ _id: 1 }))?.score).toBe(6);
  });

  it('returns the updated document with returnDocument: after', async () => {
    const after = await c.findOneAndUpdate({ _id: 1 }, { $set: { name: 'z' } }, { returnDocument: 'after' });
    expect(after).toEqual({ _id: 1, name: 'z', score: 5, group: 'g' });
  });

  it('returnDocument: before returns the pre-image explicitly', async () => {
    const before = await c.findOneAndUpdate({ _id: 3 }, { $set: { score: 0 } }, { returnDocument: 'before' });
    expect(before?.score).toBe(7);
  });

  it('sort selects which matching document is modified', async () => {
    const top = await c.findOneAndUpdate({ group: 'g' }, { $inc: { score: 100 } }, { sort: { score: -1 }, returnDocument: 'after' });
    expect(top).toEqual({ _id: 2, name: 'b', score: 109, group: 'g' });
    const low = await c.findOneAndUpdate({}, { $set: { low: true } }, { sort: { score: 1 }, returnDocument: 'after' });
    expect(low?._id).toBe(1);
    expect(await c.countDocuments({ low: true })).toBe(1);
  });

  it('applies a projection to the returned document', async () => {
    const doc = await c.findOneAndUpdate({ _id: 2 }, { $set: { score: 10 } }, { projection: { score: 1, _id: 0 }, returnDocument: 'after' });
    expect(doc).toEqual({ score: 10 });
  });

  it('returns null when nothing matches and upsert is off', async () => {
    expect(await c.findOneAndUpdate({ _id: 99 }, { $set: { x: 1 } })).toBeNull();
    expect(await c.countDocuments()).toBe(3);
  });

  it('upserts: returnDocument after gives the new document, before gives null', async () => {
    const created = await c.findOneAndUpdate({ _id: 10 }, { $set: { name: 'new' }, $setOnInsert: { score: 0 } }, { upsert: true, returnDocument: 'after' });
    expect(created).toEqual({ _id: 10, name: 'new', score: 0 });
    const none = await c.findOneAndUpdate({ name: 'other' }, { $set: { score: 1 } }, { upsert: true, returnDocument: 'before' });
    expect(none).toBeNull();
    const inserted = await c.findOne({ name: 'other' });
    expect(inserted?._id).toBeInstanceOf(ObjectId);
    expect(inserted?.score).toBe(1);
  });

  it('includeResultMetadata exposes lastErrorObject', async () => {
    const updated = await c.findOneAndUpdate({ _id: 1 }, { $set: { m: 1 } }, { includeResultMetadata: true, returnDocument: 'after' });
    expect(updated.ok).toBe(1);
    expect(updated.value?.m).toBe(1);
    expect(updated.lastErrorObject).toMatchObject({ n: 1, updatedExisting: true });

    const upserted = await c.findOneAndUpdate({ _id: 20 }, { $set: { m: 2 } }, { includeResultMetadata: true, upsert: true, returnDocument: 'after' });
    expect(upserted.value).toEqual({ _id: 20, m: 2 });
    expect(upserted.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false, upserted: 20 });
  });

  it('rejects an update that changes _id (66)', async () => {
    await expectCode(c.findOneAndUpdate({ _id: 1 }, { $set: { _id: 5 } }), 66);
  });
});

describe('findOneAndReplace', () => {
  it('replaces and returns before / after', async () => {
    const before = await c.findOneAndReplace({ _id: 1 }, { name: 'r1' });
    expect(before).toEqual({ _id: 1, name: 'a', score: 5, group: 'g' });
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, name: 'r1' });
    const after = await c.findOneAndReplace({ _id: 2 }, { name: 'r2' }, { returnDocument: 'after' });
    expect(after).toEqual({ _id: 2, name: 'r2' });
  });

  it('honours sort and upsert', async () => {
    const replaced = await c.findOneAndReplace({ group: 'g' }, { name: 'top' }, { sort: { score: -1 }, returnDocument: 'after' });
    expect(replaced).toEqual({ _id: 2, name: 'top' });
    const created = await c.findOneAndReplace({ _id: 30 }, { name: 'made' }, { upsert: true, returnDocument: 'after' });
    expect(created).toEqual({ _id: 30, name: 'made' });
  });

  it('returns null without upsert when nothing matches', async () => {
    expect(await c.findOneAndReplace({ _id: 404 }, { name: 'none' })).toBeNull();
  });
});

describe('findOneAndDelete', () => {
  it('deletes and returns the deleted document', async () => {
    const gone = await c.findOneAndDelete({ _id: 3 });
    expect(gone).toEqual({ _id: 3, name: 'c', score: 7, group: 'h' });
    expect(await c.findOne({ _id: 3 })).toBeNull();
    expect(await c.countDocuments()).toBe(2);
  });

  it('sort picks the document to delete and projection shapes the result', async () => {
    const gone = await c.findOneAndDelete({}, { sort: { score: -1 }, projection: { name: 1 } });
    expect(gone).toEqual({ _id: 2, name: 'b' });
    expect((await c.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([1, 3]);
  });

  it('returns null when nothing matches', async () => {
    expect(await c.findOneAndDelete({ _id: 404 })).toBeNull();
    expect(await c.countDocuments()).toBe(3);
  });
});
