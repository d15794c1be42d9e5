// Administrative and database commands: ping, hello, buildInfo, listDatabases, listCollections,
// create, drop and dropDatabase.
import { describe, expect, it } from 'vitest';
import type { Document } from 'mongodb';
import { expectCode, useTestDb } from './harness.ts';

const t = useTestDb();

const collectionNames = async () => (await t.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
const databaseNames = async () => (await t.client.db('admin').admin().listDatabases()).databases.map((d) => d.name);

describe('server information', () => {
  it('ping answers ok: 1', async () => {
    expect(await t.db.command({ ping: 1 })).toMatchObject({ ok: 1 });
    expect(await t.client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
  });

  it('buildInfo reports a version', async () => {
    const info = await t.db.admin().buildInfo();
    expect(info.ok).toBe(1);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Array.isArray(info.versionArray)).toBe(true);
  });

  it('hello describes a writable primary with the documented limits', async () => {
    const hello = await t.db.admin().command({ hello: 1 });
    expect(hello.ok).toBe(1);
    expect(hello.isWritablePrimary).toBe(true);
    expect(hello.maxBsonObjectSize).toBe(16 * 1024 * 1024);
    expect(hello.maxMessageSizeBytes).toBe(48_000_000);
    expect(hello.maxWriteBatchSize).toBe(100_000);
    expect(hello.localTime).toBeInstanceOf(Date);
    expect(typeof hello.maxWireVersion).toBe('number');
    expect(typeof hello.logicalSessionTimeoutMinutes).toBe('number');
  });
});

describe('listDatabases', () => {
  it('includes a database once something was written to it', async () => {
    const db = t.client.db(`${t.db.databaseName}_ld`);
    try {
      expect(await databaseNames()).not.toContain(db.databaseName);
      await db.collection<any>('c').insertOne({ a: 1 });
      expect(await databaseNames()).toContain(db.databaseName);
      const nameOnly = await t.client.db('admin').command({ listDatabases: 1, nameOnly: true });
      expect(nameOnly.databases.map((d: Document) => d.name)).toContain(db.databaseName);
    } finally {
      await db.dropDatabase();
    }
  });
});

describe('listCollections / create / drop', () => {
  it('lists collections created implicitly by writes and filters by name', async () => {
    await t.db.collection<any>('alpha').insertOne({ a: 1 });
    await t.db.collection<any>('beta').insertOne({ b: 1 });
    const names = await collectionNames();
    expect(names).toContain('alpha');
    expect(names).toContain('beta');
    const filtered = await t.db.listCollections({ name: 'alpha' }).toArray();
    expect(filtered).toHaveLength(1);
    expect(filtered[0]).toMatchObject({ name: 'alpha', type: 'collection' });
    expect(await t.db.listCollections({ name: 'no_such' }).toArray()).toEqual([]);
  });

  it('create makes an empty collection that is listed', async () => {
    const coll = await t.db.createCollection('explicit');
    expect(coll.collectionName).toBe('explicit');
    expect(await collectionNames()).toContain('explicit');
    expect(await coll.countDocuments()).toBe(0);
  });

  it('create is idempotent for identical options (MongoDB 7.0+) and fails with NamespaceExists (48) otherwise', async () => {
    await t.db.command({ create: 'twice' });
    const again = await t.db.command({ create: 'twice' });
    expect(again.ok).toBe(1);
    await expectCode(t.db.command({ create: 'twice', capped: true, size: 4096 }), 48);
    await t.db.collection<any>('implicit_first').insertOne({ a: 1 });
    await expectCode(t.db.command({ create: 'implicit_first', capped: true, size: 4096 }), 48);
    expect((await collectionNames()).filter((n) => n === 'twice')).toHaveLength(1);
  });

  it('drop removes the collection and its documents', async () => {
    const c = t.db.collection<any>('to_drop');
    await c.insertMany([{ a: 1 }, { a: 2 }]);
    await c.createIndex({ a: 1 });
    expect(await c.drop()).toBe(true);
    expect(await collectionNames()).not.toContain('to_drop');
    expect(await c.countDocuments()).toBe(0);
    await c.insertOne({ a: 3 });
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('dropDatabase removes the database and all its collections', async () => {
    const db = t.client.db(`${t.db.databaseName}_dd`);
    await db.collection<any>('x').insertOne({ a: 1 });
    await db.collection<any>('y').insertOne({ b: 1 });
    expect(await databaseNames()).toContain(db.databaseName);
    expect(await db.dropDatabase()).toBe(true);
    expect(await databaseNames()).not.toContain(db.databaseName);
    expect(await db.listCollections().toArray()).toEqual([]);
    expect(await db.collection<any>('x').countDocuments()).toBe(0);
  });

  it('collections in different databases are independent', async () => {
    const other = t.client.db(`${t.db.databaseName}_o`);
    try {
      await t.db.collection<any>('shared_name').insertOne({ _id: 1, where: 'main' });
      await other.collection<any>('shared_name').insertOne({ _id: 1, where: 'other' });
      expect(await t.db.collection<any>('shared_name').findOne({ _id: 1 })).toEqual({ _id: 1, where: 'main' });
      expect(await other.collection<any>('shared_name').findOne({ _id: 1 })).toEqual({ _id: 1, where: 'other' });
    } finally {
      await other.dropDatabase();
    }
  });
});
