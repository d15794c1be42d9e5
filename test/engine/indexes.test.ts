// Index management and enforcement: unique / compound unique, listIndexes, dropIndex,
// createIndexes idempotency and conflicts, NamespaceNotFound, and TTL expiry.
import { describe, expect, it } from 'vitest';
import { Decimal128, Double, Long, MongoClient, type Document } from 'mongodb';
import { expectCode, useTestDb, realServer, startEmbedded, waitFor } from './harness.ts';

const t = useTestDb();

const byName = (indexes: Document[], name: string) => indexes.find((i) => i.name === name);

describe('unique indexes', () => {
  it('createIndex returns the generated name and rejects duplicates with 11000, keyPattern and keyValue', async () => {
    const c = t.db.collection<any>('users');
    expect(await c.createIndex({ email: 1 }, { unique: true })).toBe('email_1');
    await c.insertOne({ email: 'a@x.io', n: 1 });
    const err = await expectCode(c.insertOne({ email: 'a@x.io', n: 2 }), 11000);
    expect(err.keyPattern).toEqual({ email: 1 });
    expect(err.keyValue).toEqual({ email: 'a@x.io' });
    expect(await c.countDocuments({ email: 'a@x.io' })).toBe(1);
    await c.insertOne({ email: 'b@x.io' });
    expect(await c.countDocuments()).toBe(2);
  });

  it('rejects an update that would create a duplicate', async () => {
    const c = t.db.collection<any>('users');
    const err = await expectCode(c.updateOne({ email: 'b@x.io' }, { $set: { email: 'a@x.io' } }), 11000);
    expect(err.keyValue).toEqual({ email: 'a@x.io' });
    expect(await c.countDocuments({ email: 'b@x.io' })).toBe(1);
  });

  it('rejects duplicate upserts and duplicates inside insertMany', async () => {
    const c = t.db.collection<any>('users');
    await expectCode(c.updateOne({ n: 999 }, { $set: { email: 'a@x.io' } }, { upsert: true }), 11000);
    const err = await expectCode(c.insertMany([{ email: 'c@x.io' }, { email: 'c@x.io' }]), 11000);
    expect(err.insertedCount).toBe(1);
  });

  it('treats numerically equal values of different types as duplicates', async () => {
    const c = t.db.collection<any>('uniq_num');
    await c.createIndex({ k: 1 }, { unique: true });
    await c.insertOne({ k: 1 });
    await expectCode(c.insertOne({ k: new Double(1) }), 11000);
    await expectCode(c.insertOne({ k: Long.fromNumber(1) }), 11000);
    await expectCode(c.insertOne({ k: Decimal128.fromString('1.0') }), 11000);
    await c.insertOne({ k: '1' });
    expect(await c.countDocuments()).toBe(2);
  });

  it('allows only one document without the indexed field (it is indexed as null)', async () => {
    const c = t.db.collection<any>('uniq_missing');
    await c.createIndex({ k: 1 }, { unique: true });
    await c.insertOne({ other: 1 });
    await expectCode(c.insertOne({ other: 2 }), 11000);
    await expectCode(c.insertOne({ k: null }), 11000);
    expect(await c.countDocuments()).toBe(1);
  });

  it('a sparse unique index allows many documents without the field but not repeated values (null included)', async () => {
    const c = t.db.collection<any>('uniq_sparse');
    await c.createIndex({ k: 1 }, { unique: true, sparse: true });
    await c.insertMany([{ other: 1 }, { other: 2 }, { k: 1 }]);
    await expectCode(c.insertOne({ k: 1 }), 11000);
    await c.insertOne({ k: null });
    await expectCode(c.insertOne({ k: null }), 11000);
    expect(await c.countDocuments()).toBe(4);
    const ix = (await c.listIndexes().toArray()).find((i) => i.name === 'k_1');
    expect(ix).toMatchObject({ key: { k: 1 }, unique: true, sparse: true });
  });

  it('a compound unique index is violated only when the whole tuple repeats', async () => {
    const c = t.db.collection<any>('pairs');
    expect(await c.createIndex({ a: 1, b: -1 }, { unique: true })).toBe('a_1_b_-1');
    await c.insertMany([
      { a: 1, b: 1 },
      { a: 1, b: 2 },
      { a: 2, b: 1 },
    ]);
    const err = await expectCode(c.insertOne({ a: 1, b: 2 }), 11000);
    expect(err.keyPattern).toEqual({ a: 1, b: -1 });
    expect(err.keyValue).toEqual({ a: 1, b: 2 });
    await c.insertOne({ a: 2, b: 2 });
    expect(await c.countDocuments()).toBe(4);
  });

  it('building a unique index over existing duplicates fails with 11000', async () => {
    const c = t.db.collection<any>('dups_before');
    await c.insertMany([{ k: 1 }, { k: 1 }]);
    await expectCode(c.createIndex({ k: 1 }, { unique: true }), 11000);
    const names = (await c.listIndexes().toArray()).map((i) => i.name);
    expect(names).toEqual(['_id_']);
  });
});

describe('listIndexes / createIndexes / dropIndex', () => {
  it('lists _id_ and created indexes with key and unique', async () => {
    const c = t.db.collection<any>('listed');
    await c.insertOne({ a: 1 });
    await c.createIndex({ a: 1 });
    await c.createIndex({ b: -1, c: 1 }, { unique: true, name: 'bc_unique' });
    const indexes = await c.listIndexes().toArray();
    expect(indexes.map((i) => i.name).sort()).toEqual(['_id_', 'a_1', 'bc_unique']);
    expect(byName(indexes, '_id_')).toMatchObject({ key: { _id: 1 }, name: '_id_' });
    expect(byName(indexes, '_id_')!.unique).toBeUndefined();
    expect(byName(indexes, 'a_1')).toMatchObject({ key: { a: 1 } });
    expect(byName(indexes, 'a_1')!.unique).toBeUndefined();
    expect(byName(indexes, 'bc_unique')).toMatchObject({ key: { b: -1, c: 1 }, unique: true });
    expect(Object.keys(byName(indexes, 'bc_unique')!.key)).toEqual(['b', 'c']);
    for (const ix of indexes) expect(ix.v).toBe(2);
  });

  it('createIndex on a missing collection creates the collection', async () => {
    const c = t.db.collection<any>('auto_created');
    await c.createIndex({ z: 1 });
    const names = (await t.db.listCollections({}, { nameOnly: true }).toArray()).map((x) => x.name);
    expect(names).toContain('auto_created');
    expect((await c.listIndexes().toArray()).map((i) => i.name).sort()).toEqual(['_id_', 'z_1']);
  });

  it('createIndexes with the same spec is idempotent', async () => {
    const c = t.db.collection<any>('idem');
    const spec = [{ key: { x: 1 }, name: 'x_1', unique: true }];
    expect(await c.createIndexes(spec)).toEqual(['x_1']);
    expect(await c.createIndexes(spec)).toEqual(['x_1']);
    expect(await c.createIndex({ x: 1 }, { unique: true })).toBe('x_1');
    const raw = await t.db.command({ createIndexes: 'idem', indexes: spec });
    expect(raw.ok).toBe(1);
    expect(raw.numIndexesBefore).toBe(2);
    expect(raw.numIndexesAfter).toBe(2);
    expect((await c.listIndexes().toArray()).map((i) => i.name).sort()).toEqual(['_id_', 'x_1']);
  });

  it('the same key under another name conflicts (85); the same name with other keys conflicts (86)', async () => {
    const c = t.db.collection<any>('conflicts');
    await c.createIndex({ k: 1 }, { name: 'k_idx' });
    await expectCode(c.createIndex({ k: 1 }, { name: 'other_name' }), 85);
    await expectCode(c.createIndex({ j: 1 }, { name: 'k_idx' }), 86);
  });

  it('dropIndex removes the index and its constraint', async () => {
    const c = t.db.collection<any>('droppy');
    await c.createIndex({ e: 1 }, { unique: true });
    await c.insertOne({ e: 1 });
    await expectCode(c.insertOne({ e: 1 }), 11000);
    await c.dropIndex('e_1');
    const names = (await c.listIndexes().toArray()).map((i) => i.name);
    expect(names).toEqual(['_id_']);
    await c.insertOne({ e: 1 });
    expect(await c.countDocuments({ e: 1 })).toBe(2);
  });

  it('dropIndex of an unknown index fails with IndexNotFound (27); _id_ cannot be dropped (72)', async () => {
    const c = t.db.collection<any>('droppy');
    await expectCode(c.dropIndex('nope_1'), 27);
    await expectCode(c.dropIndex('_id_'), 72);
  });

  it('dropIndexes("*") keeps only _id_', async () => {
    const c = t.db.collection<any>('drop_all');
    await c.createIndex({ a: 1 });
    await c.createIndex({ b: 1 });
    await c.dropIndexes();
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('listIndexes on a missing collection fails with NamespaceNotFound (26)', async () => {
    await expectCode(t.db.command({ listIndexes: 'nope' }), 26);
  });

  it('a TTL index is listed with expireAfterSeconds', async () => {
    const c = t.db.collection<any>('ttl_listed');
    await c.createIndex({ at: 1 }, { expireAfterSeconds: 3600 });
    const ix = byName(await c.listIndexes().toArray(), 'at_1');
    expect(ix).toMatchObject({ key: { at: 1 }, expireAfterSeconds: 3600 });
  });
});

// mongod's TTL monitor runs every 60 s, so the timing test only runs against the embedded engine.
describe.skipIf(realServer)('TTL expiry (embedded engine)', () => {
  it('removes documents whose date has passed and keeps the others', async () => {
    const engine = await startEmbedded({ inMemory: true, ttlIntervalMs: 200 });
    const client = new MongoClient(engine.uri, { serverSelectionTimeoutMS: 10_000 });
    try {
      await client.connect();
      const c = client.db('ttl').collection<any>('sessions');
      await c.createIndex({ at: 1 }, { expireAfterSeconds: 0 });
      const past = new Date(Date.now() - 60_000);
      const future = new Date(Date.now() + 3_600_000);
      await c.insertMany([
        { _id: 'expired', at: past },
        { _id: 'expired-array', at: [future, past] },
        { _id: 'future', at: future },
        { _id: 'not-a-date', at: 'yesterday' },
        { _id: 'missing' },
      ] as Document[]);
      const gone = await waitFor(async () => (await c.countDocuments({ _id: { $in: ['expired', 'expired-array'] } } as Document)) === 0, 8_000);
      expect(gone).toBe(true);
      const left = (await c.find().sort({ _id: 1 }).toArray()).map((d) => d._id);
      expect(left).toEqual(['future', 'missing', 'not-a-date']);
    } finally {
      await client.close();
      await engine.close();
    }
  });
});
