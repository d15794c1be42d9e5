// Basic CRUD through the driver: inserts (incl. ordered/unordered bulk errors), find with
// filter/sort/projection/skip/limit, updates, replaces, deletes and mixed bulkWrite.
import { beforeAll, describe, expect, it } from 'vitest';
import { MongoBulkWriteError, ObjectId, type Collection, type Document } from 'mongodb';
import { expectCode, useTestDb } from './harness.ts';

const t = useTestDb();

function writeErrorsOf(err: MongoBulkWriteError): Array<{ code: number; index: number }> {
  const we = err.writeErrors as unknown;
  return (Array.isArray(we) ? we : [we]) as Array<{ code: number; index: number }>;
}

async function ids(c: Collection<any>, filter: Document = {}): Promise<unknown[]> {
  return (await c.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);
}

describe('insert', () => {
  it('insertOne generates an ObjectId _id when none is given and the doc can be read back', async () => {
    const c = t.db.collection<any>('ins_one');
    const res = await c.insertOne({ name: 'ann', n: 1 });
    expect(res.acknowledged).toBe(true);
    expect(res.insertedId).toBeInstanceOf(ObjectId);
    const doc = await c.findOne({ _id: res.insertedId });
    expect(doc).toEqual({ _id: res.insertedId, name: 'ann', n: 1 });
  });

  it('insertOne keeps a caller-supplied _id of any type', async () => {
    const c = t.db.collection<any>('ins_ids');
    await c.insertOne({ _id: 'str-id', v: 1 } as Document);
    await c.insertOne({ _id: 42, v: 2 } as Document);
    await c.insertOne({ _id: { a: 1, b: 2 }, v: 3 } as Document);
    expect(await c.findOne({ _id: 'str-id' } as Document)).toEqual({ _id: 'str-id', v: 1 });
    expect(await c.findOne({ _id: 42 } as Document)).toEqual({ _id: 42, v: 2 });
    expect(await c.findOne({ _id: { a: 1, b: 2 } } as Document)).toEqual({ _id: { a: 1, b: 2 }, v: 3 });
  });

  it('insertOne with a duplicate _id fails with 11000', async () => {
    const c = t.db.collection<any>('ins_dup');
    await c.insertOne({ _id: 1 } as Document);
    const err = await expectCode(c.insertOne({ _id: 1, x: 1 } as Document), 11000);
    expect(err.keyPattern).toEqual({ _id: 1 });
    expect(err.keyValue).toEqual({ _id: 1 });
    expect(await c.countDocuments()).toBe(1);
  });

  it('insertMany inserts all documents and reports their ids', async () => {
    const c = t.db.collection<any>('ins_many');
    const res = await c.insertMany([{ a: 1 }, { a: 2 }, { _id: 'x', a: 3 } as Document]);
    expect(res.insertedCount).toBe(3);
    expect(res.insertedIds[0]).toBeInstanceOf(ObjectId);
    expect(res.insertedIds[2]).toBe('x');
    expect(await c.countDocuments()).toBe(3);
  });

  it('ordered insertMany stops at the first duplicate', async () => {
    const c = t.db.collection<any>('ins_ordered');
    const docs = [
      { _id: 1, v: 'a' },
      { _id: 2, v: 'b' },
      { _id: 2, v: 'dup' },
      { _id: 3, v: 'c' },
    ];
    const err = await expectCode(c.insertMany(docs as Document[]), 11000);
    expect(err).toBeInstanceOf(MongoBulkWriteError);
    expect(err.insertedCount).toBe(2);
    const we = writeErrorsOf(err);
    expect(we).toHaveLength(1);
    expect(we[0].code).toBe(11000);
    expect(we[0].index).toBe(2);
    expect(await ids(c)).toEqual([1, 2]);
    expect(await c.findOne({ _id: 2 } as Document)).toEqual({ _id: 2, v: 'b' });
  });

  it('unordered insertMany inserts everything except the duplicate', async () => {
    const c = t.db.collection<any>('ins_unordered');
    const docs = [{ _id: 1 }, { _id: 2 }, { _id: 2, v: 'dup' }, { _id: 3 }, { _id: 1, v: 'dup2' }, { _id: 4 }];
    const err = await expectCode(c.insertMany(docs as Document[], { ordered: false }), 11000);
    expect(err).toBeInstanceOf(MongoBulkWriteError);
    expect(err.insertedCount).toBe(4);
    const we = writeErrorsOf(err);
    expect(we.map((e) => e.code)).toEqual([11000, 11000]);
    expect(we.map((e) => e.index).sort()).toEqual([2, 4]);
    expect(await ids(c)).toEqual([1, 2, 3, 4]);
    expect(await c.findOne({ _id: 2 } as Document)).toEqual({ _id: 2 });
  });
});

describe('find', () => {
  let c: Collection<any>;
  beforeAll(async () => {
    c = t.db.collection<any>('people');
    await c.insertMany([
      { _id: 1, name: 'ann', age: 30, city: 'Oslo', tags: ['a', 'b'], addr: { zip: '0150', street: 'Main' } },
      { _id: 2, name: 'bob', age: 25, city: 'Bergen', addr: { zip: '5003', street: 'Bryggen' } },
      { _id: 3, name: 'cy', age: 35, city: 'Oslo' },
      { _id: 4, name: 'di', age: 28, city: 'Trondheim' },
      {
        _id: 5,
        name: 'ed',
        age: 40,
        city: 'Oslo',
        items: [
          { k: 'x', n: 1 },
          { k: 'y', n: 2 },
        ],
      },
    ]);
  });

  it('filters by equality', async () => {
    expect(await ids(c, { city: 'Oslo' })).toEqual([1, 3, 5]);
    expect(await ids(c, { city: 'Oslo', age: 35 })).toEqual([3]);
    expect(await ids(c, { city: 'Paris' })).toEqual([]);
  });

  it('sorts ascending, descending and by compound keys', async () => {
    const byAgeDesc = await c.find({ city: 'Oslo' }).sort({ age: -1 }).toArray();
    expect(byAgeDesc.map((d) => d._id)).toEqual([5, 3, 1]);
    const byAge = await c.find().sort({ age: 1 }).toArray();
    expect(byAge.map((d) => d._id)).toEqual([2, 4, 1, 3, 5]);
    const compound = await c.find().sort({ city: 1, age: -1 }).toArray();
    expect(compound.map((d) => d._id)).toEqual([2, 5, 3, 1, 4]);
    const byName = await c.find({}, { sort: { name: -1 } }).toArray();
    expect(byName.map((d) => d.name)).toEqual(['ed', 'di', 'cy', 'bob', 'ann']);
  });

  it('projects with inclusion (keeps _id by default)', async () => {
    expect(await c.findOne({ _id: 1 }, { projection: { name: 1, age: 1 } })).toEqual({ _id: 1, name: 'ann', age: 30 });
  });

  it('projects with exclusion', async () => {
    expect(await c.findOne({ _id: 1 }, { projection: { tags: 0, addr: 0, city: 0 } })).toEqual({
      _id: 1,
      name: 'ann',
      age: 30,
    });
  });

  it('projects with _id: 0', async () => {
    expect(await c.findOne({ _id: 2 }, { projection: { _id: 0, name: 1 } })).toEqual({ name: 'bob' });
    expect(await c.findOne({ _id: 3 }, { projection: { _id: 0 } })).toEqual({ name: 'cy', age: 35, city: 'Oslo' });
  });

  it('projects dotted paths, including into arrays of documents', async () => {
    expect(await c.findOne({ _id: 1 }, { projection: { 'addr.zip': 1, _id: 0 } })).toEqual({ addr: { zip: '0150' } });
    expect(await c.findOne({ _id: 3 }, { projection: { 'addr.zip': 1, _id: 0 } })).toEqual({});
    expect(await c.findOne({ _id: 5 }, { projection: { 'items.n': 1 } })).toEqual({ _id: 5, items: [{ n: 1 }, { n: 2 }] });
    expect(await c.findOne({ _id: 2 }, { projection: { 'addr.street': 0, name: 0, age: 0, city: 0 } })).toEqual({
      _id: 2,
      addr: { zip: '5003' },
    });
  });

  it('supports the $slice, $elemMatch and positional $ projection operators', async () => {
    expect(await c.findOne({ _id: 5 }, { projection: { items: { $slice: -1 } } })).toEqual({
      _id: 5,
      name: 'ed',
      age: 40,
      city: 'Oslo',
      items: [{ k: 'y', n: 2 }],
    });
    expect(await c.findOne({ _id: 1 }, { projection: { _id: 0, name: 1, tags: { $slice: 1 } } })).toEqual({
      name: 'ann',
      tags: ['a'],
    });
    expect(await c.findOne({ _id: 5 }, { projection: { items: { $elemMatch: { n: 2 } } } })).toEqual({
      _id: 5,
      items: [{ k: 'y', n: 2 }],
    });
    expect(await c.findOne({ _id: 5, 'items.k': 'y' }, { projection: { 'items.$': 1 } })).toEqual({
      _id: 5,
      items: [{ k: 'y', n: 2 }],
    });
  });

  it('rejects a projection mixing inclusion and exclusion (31254)', async () => {
    await expectCode(c.find({}, { projection: { name: 1, age: 0 } }).toArray(), 31254);
  });

  it('skips and limits', async () => {
    const page = await c.find().sort({ _id: 1 }).skip(1).limit(2).toArray();
    expect(page.map((d) => d._id)).toEqual([2, 3]);
    const tail = await c.find().sort({ _id: 1 }).skip(4).limit(10).toArray();
    expect(tail.map((d) => d._id)).toEqual([5]);
    expect(await c.find().skip(10).toArray()).toEqual([]);
    const options = await c.find({}, { sort: { age: -1 }, skip: 1, limit: 2 }).toArray();
    expect(options.map((d) => d._id)).toEqual([3, 1]);
  });

  it('findOne returns null when nothing matches and honours sort', async () => {
    expect(await c.findOne({ name: 'nobody' })).toBeNull();
    expect((await c.findOne({}, { sort: { age: -1 } }))?._id).toBe(5);
    expect((await c.findOne({ city: 'Oslo' }, { sort: { age: 1 } }))?._id).toBe(1);
  });
});

describe('update', () => {
  let c: Collection<any>;
  beforeAll(async () => {
    c = t.db.collection<any>('upd');
    await c.insertMany([
      { _id: 1, name: 'a', n: 1, group: 'x' },
      { _id: 2, name: 'b', n: 2, group: 'x' },
      { _id: 3, name: 'c', n: 3, group: 'y' },
    ]);
  });

  it('updateOne reports matched and modified counts', async () => {
    const res = await c.updateOne({ group: 'x' }, { $set: { touched: true } });
    expect(res).toMatchObject({ acknowledged: true, matchedCount: 1, modifiedCount: 1, upsertedCount: 0, upsertedId: null });
    expect(await c.countDocuments({ touched: true })).toBe(1);
  });

  it('a no-op update matches but modifies nothing', async () => {
    const res = await c.updateOne({ _id: 3 }, { $set: { n: 3, name: 'c' } });
    expect(res.matchedCount).toBe(1);
    expect(res.modifiedCount).toBe(0);
  });

  it('updateOne with no match changes nothing', async () => {
    const res = await c.updateOne({ _id: 999 }, { $set: { n: 0 } });
    expect(res).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 0, upsertedId: null });
  });

  it('updateMany updates every match', async () => {
    const res = await c.updateMany({ group: 'x' }, { $inc: { n: 10 } });
    expect(res).toMatchObject({ matchedCount: 2, modifiedCount: 2, upsertedCount: 0 });
    expect((await c.find().sort({ _id: 1 }).toArray()).map((d) => d.n)).toEqual([11, 12, 3]);
  });

  it('updateMany counts only documents that actually changed', async () => {
    await c.updateOne({ _id: 1 }, { $set: { flag: 'on' } });
    const res = await c.updateMany({}, { $set: { flag: 'on' } });
    expect(res.matchedCount).toBe(3);
    expect(res.modifiedCount).toBe(2);
  });

  it('updateOne upsert inserts and reports upsertedId', async () => {
    const res = await c.updateOne({ _id: 50 }, { $set: { name: 'new' } }, { upsert: true });
    expect(res).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 1, upsertedId: 50 });
    expect(await c.findOne({ _id: 50 })).toEqual({ _id: 50, name: 'new' });
    const again = await c.updateOne({ _id: 50 }, { $set: { name: 'newer' } }, { upsert: true });
    expect(again).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0, upsertedId: null });
  });

  it('upsert without _id in the filter generates an ObjectId', async () => {
    const res = await c.updateOne({ name: 'zed' }, { $set: { n: 100 } }, { upsert: true });
    expect(res.upsertedId).toBeInstanceOf(ObjectId);
    expect(await c.findOne({ _id: res.upsertedId })).toEqual({ _id: res.upsertedId, name: 'zed', n: 100 });
  });

  it('updateMany with upsert and no match inserts exactly one document', async () => {
    const res = await c.updateMany({ group: 'none' }, { $set: { k: 1 } }, { upsert: true });
    expect(res.upsertedCount).toBe(1);
    expect(await c.countDocuments({ group: 'none' })).toBe(1);
  });

  it('replaceOne replaces the whole document but keeps _id', async () => {
    const res = await c.replaceOne({ _id: 2 }, { only: 'this' });
    expect(res).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    expect(await c.findOne({ _id: 2 })).toEqual({ _id: 2, only: 'this' });
  });

  it('replaceOne with upsert inserts with the filter _id', async () => {
    const res = await c.replaceOne({ _id: 77 }, { r: 1 }, { upsert: true });
    expect(res).toMatchObject({ matchedCount: 0, upsertedCount: 1, upsertedId: 77 });
    expect(await c.findOne({ _id: 77 })).toEqual({ _id: 77, r: 1 });
  });

  it('replaceOne with no match and no upsert does nothing', async () => {
    const res = await c.replaceOne({ _id: 'missing' }, { r: 1 });
    expect(res).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 0 });
    expect(await c.findOne({ _id: 'missing' })).toBeNull();
  });
});

describe('delete', () => {
  let c: Collection<any>;
  beforeAll(async () => {
    c = t.db.collection<any>('del');
    await c.insertMany([1, 2, 3, 4, 5, 6].map((i) => ({ _id: i, even: i % 2 === 0 })));
  });

  it('deleteOne removes exactly one matching document', async () => {
    const res = await c.deleteOne({ even: true });
    expect(res).toEqual({ acknowledged: true, deletedCount: 1 });
    expect(await c.countDocuments({ even: true })).toBe(2);
  });

  it('deleteOne with no match deletes nothing', async () => {
    expect((await c.deleteOne({ _id: 100 })).deletedCount).toBe(0);
  });

  it('deleteMany removes every match', async () => {
    const res = await c.deleteMany({ even: false });
    expect(res.deletedCount).toBe(3);
    expect(await c.countDocuments()).toBe(2);
    expect((await c.deleteMany({})).deletedCount).toBe(2);
    expect(await c.countDocuments()).toBe(0);
  });
});

describe('large documents and batches', () => {
  it('round-trips a document close to the 16 MiB limit', async () => {
    const c = t.db.collection<any>('big_one');
    const big = 'x'.repeat(15 * 1024 * 1024);
    await c.insertOne({ _id: 'big', s: big, tail: 1 });
    const doc = await c.findOne({ _id: 'big' });
    expect(doc!.s.length).toBe(big.length);
    expect(doc!.s === big).toBe(true);
    expect(doc!.tail).toBe(1);
  });

  it('inserts and reads back more data than fits in one 48 MB message', async () => {
    const c = t.db.collection<any>('big_many');
    const MiB = 1024 * 1024;
    const docs = Array.from({ length: 60 }, (_, i) => ({ _id: i, s: String.fromCharCode(65 + (i % 26)).repeat(MiB) }));
    const res = await c.insertMany(docs);
    expect(res.insertedCount).toBe(60);
    expect(await c.countDocuments()).toBe(60);
    let n = 0;
    for await (const d of c.find().sort({ _id: 1 })) {
      expect(d._id).toBe(n);
      expect(d.s.length).toBe(MiB);
      expect(d.s[0]).toBe(String.fromCharCode(65 + (n % 26)));
      n++;
    }
    expect(n).toBe(60);
  });

  it('handles concurrent writers over several pooled connections', async () => {
    const c = t.db.collection<any>('concurrent');
    await Promise.all(Array.from({ length: 8 }, (_, w) => c.insertMany(Array.from({ length: 250 }, (_, i) => ({ w, i })))));
    expect(await c.countDocuments()).toBe(2000);
    await Promise.all(Array.from({ length: 8 }, (_, w) => c.updateMany({ w }, { $inc: { i: 1000 } })));
    expect(await c.countDocuments({ i: { $gte: 1000 } })).toBe(2000);
  });
});

describe('bulkWrite', () => {
  it('applies a mixed ordered batch and reports every count', async () => {
    const c = t.db.collection<any>('bulk');
    const res = await c.bulkWrite([
      { insertOne: { document: { _id: 1, n: 1 } } },
      { insertOne: { document: { _id: 2, n: 2 } } },
      { updateOne: { filter: { _id: 1 }, update: { $set: { n: 10 } } } },
      { updateMany: { filter: {}, update: { $inc: { n: 1 } } } },
      { replaceOne: { filter: { _id: 2 }, replacement: { n: 20 } } },
      { deleteOne: { filter: { _id: 1 } } },
      { updateOne: { filter: { _id: 3 }, update: { $set: { n: 3 } }, upsert: true } },
      { deleteMany: { filter: { n: { $gt: 100 } } } },
    ] as any);
    expect(res.insertedCount).toBe(2);
    expect(res.matchedCount).toBe(4);
    expect(res.modifiedCount).toBe(4);
    expect(res.deletedCount).toBe(1);
    expect(res.upsertedCount).toBe(1);
    expect(res.upsertedIds).toEqual({ 6: 3 });
    expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 2, n: 20 },
      { _id: 3, n: 3 },
    ]);
  });

  it('unordered bulkWrite continues past a failing operation', async () => {
    const c = t.db.collection<any>('bulk_unordered');
    await c.insertOne({ _id: 1 } as Document);
    const err = await expectCode(
      c.bulkWrite([{ insertOne: { document: { _id: 1 } } }, { insertOne: { document: { _id: 2 } } }, { deleteOne: { filter: { _id: 1 } } }] as any, {
        ordered: false,
      }),
      11000,
    );
    expect(err).toBeInstanceOf(MongoBulkWriteError);
    expect(err.insertedCount).toBe(1);
    expect(err.deletedCount).toBe(1);
    expect(await ids(c)).toEqual([2]);
  });
});
