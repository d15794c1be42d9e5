// The embedded engine's journal: torn tails, corruption, compaction, the data-directory lock.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Binary, MongoClient } from 'mongodb';
import { startEngine, type EngineOptions } from '../../src/engine/index.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-journal-'));
  dirs.push(d);
  return d;
}

async function withEngine<T>(options: EngineOptions, fn: (client: MongoClient) => Promise<T>): Promise<T> {
  const engine = await startEngine(options);
  const client = new MongoClient(engine.uri);
  try {
    return await fn(client);
  } finally {
    await client.close();
    await engine.close();
  }
}

const journalFile = (dir: string) => path.join(dir, 'journal.bin');

describe('journal', () => {
  it('drops a torn record at the tail and keeps everything before it', async () => {
    const dir = tempDir();
    await withEngine({ dataDir: dir }, async (c) => {
      await c.db('j').collection<any>('docs').insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }]);
    });
    const intact = fs.statSync(journalFile(dir)).size;
    // A record cut short by kill -9: a plausible header and half a payload.
    const torn = Buffer.alloc(40);
    torn.writeUInt32LE(500, 0);
    fs.appendFileSync(journalFile(dir), torn);
    await withEngine({ dataDir: dir }, async (c) => {
      const ids = (await c.db('j').collection<any>('docs').find().toArray()).map((d) => d._id);
      expect(ids).toEqual([1, 2, 3]);
      expect(fs.statSync(journalFile(dir)).size).toBe(intact);
      await c.db('j').collection<any>('docs').insertOne({ _id: 4 });
    });
    await withEngine({ dataDir: dir }, async (c) => {
      expect(await c.db('j').collection<any>('docs').countDocuments()).toBe(4);
    });
  });

  it('stops at a record whose checksum does not match', async () => {
    const dir = tempDir();
    await withEngine({ dataDir: dir }, async (c) => {
      await c.db('j').collection<any>('docs').insertOne({ _id: 'first' });
      await c.db('j').collection<any>('docs').insertOne({ _id: 'second' });
    });
    const data = fs.readFileSync(journalFile(dir));
    data[data.length - 3] ^= 0xff; // flip a byte inside the last record
    fs.writeFileSync(journalFile(dir), data);
    await withEngine({ dataDir: dir }, async (c) => {
      const ids = (await c.db('j').collection<any>('docs').find().toArray()).map((d) => d._id);
      expect(ids).toEqual(['first']);
    });
  });

  it('compacts superseded records and keeps the current state, indexes included', async () => {
    const dir = tempDir();
    const payload = new Binary(Buffer.alloc(64 * 1024, 1));
    await withEngine({ dataDir: dir, compactionBytes: 1024 * 1024 }, async (c) => {
      const coll = c.db('j').collection<any>('docs');
      await coll.createIndex({ key: 1 }, { unique: true });
      for (let round = 0; round < 40; round++) {
        await coll.updateOne({ _id: 'hot' }, { $set: { key: 'k', payload, round } }, { upsert: true });
      }
      await coll.insertOne({ _id: 'gone', key: 'g' });
      await coll.deleteOne({ _id: 'gone' });
    });
    // 40 versions of a 64 KiB document would be 2.5 MiB; compaction keeps about one.
    expect(fs.statSync(journalFile(dir)).size).toBeLessThan(1024 * 1024);
    await withEngine({ dataDir: dir }, async (c) => {
      const coll = c.db('j').collection<any>('docs');
      const docs = await coll.find().toArray();
      expect(docs).toHaveLength(1);
      expect(docs[0]).toMatchObject({ _id: 'hot', key: 'k', round: 39 });
      expect((docs[0].payload as Binary).length()).toBe(64 * 1024);
      await expect(coll.insertOne({ _id: 'other', key: 'k' })).rejects.toMatchObject({ code: 11000 });
    });
  });

  it('refuses a data directory held by another live process', async () => {
    const dir = tempDir();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'journal.lock'), String(process.ppid));
    await expect(startEngine({ dataDir: dir })).rejects.toThrow(/in use by process/);
  });

  it('takes over the lock of a process that no longer exists', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'journal.lock'), '999999999');
    await withEngine({ dataDir: dir }, async (c) => {
      await c.db('j').collection<any>('docs').insertOne({ _id: 1 });
    });
  });
});
