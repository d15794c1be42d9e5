// The embedded engine's journal: torn tails, corruption, compaction, the data-directory lock.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Binary, MongoClient } from 'mongodb';
import { startEngine, type EngineOptions } from '../../src/engine/index.ts';
import { Journal, type JournalOp } from '../../src/engine/journal.ts';
import { RECORD_HEADER_BYTES } from '../../src/engine/journal-reader.ts';

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
      await c
        .db('j')
        .collection<any>('docs')
        .insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }]);
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

  it('starts on a journal over 2 GiB (it is read a piece at a time), cutting off a zero-filled tail', async () => {
    const dir = tempDir();
    await withEngine({ dataDir: dir }, async (c) => {
      await c
        .db('j')
        .collection<any>('docs')
        .insertMany([{ _id: 1 }, { _id: 2 }]);
    });
    const intact = fs.statSync(journalFile(dir)).size;
    // Sparse: 2.2 GB of length that takes no disk space, read back as zeros (as a crash after the file
    // system extended the file but before the data landed can leave it).
    fs.truncateSync(journalFile(dir), 2.2e9);
    await withEngine({ dataDir: dir }, async (c) => {
      const ids = (await c.db('j').collection<any>('docs').find().toArray()).map((d) => d._id);
      expect(ids).toEqual([1, 2]);
      expect(fs.statSync(journalFile(dir)).size).toBe(intact);
    });
  });

  it('replays every record when records straddle and outgrow the read chunk', async () => {
    const dir = tempDir();
    const sizes = [0, 1, 100, 4000, 4096, 5000, 70_000, 9, 200_000, 3];
    // Binaries kept in the journal (not in blob segments), so that its records are this large.
    await withEngine({ dataDir: dir, blobThresholdBytes: Number.POSITIVE_INFINITY }, async (c) => {
      const coll = c.db('j').collection<any>('docs');
      for (const [i, size] of sizes.entries()) await coll.insertOne({ _id: i, data: new Binary(Buffer.alloc(size, i + 1)) });
    });
    // A torn record at the tail, too: the reader must stop there whatever the chunking.
    const torn = Buffer.alloc(RECORD_HEADER_BYTES + 10);
    torn.writeUInt32LE(300_000, 0);
    fs.appendFileSync(journalFile(dir), torn);
    const intact = fs.statSync(journalFile(dir)).size - torn.length;

    for (const chunk of [RECORD_HEADER_BYTES, 4096, 65_537]) {
      const { journal, records } = Journal.open(dir, undefined, chunk);
      const puts = new Map<unknown, Buffer>();
      for (const ops of records) {
        for (const op of ops as JournalOp[])
          if (op.t === 'put' && op.ns === 'j.docs') puts.set((op.d as any)._id.valueOf(), Buffer.from((op.d as any).data.buffer));
      }
      journal.close();
      expect([...puts.keys()]).toEqual(sizes.map((_, i) => i));
      for (const [i, size] of sizes.entries()) expect(puts.get(i)!.equals(Buffer.alloc(size, i + 1))).toBe(true);
      expect(fs.statSync(journalFile(dir)).size).toBe(intact);
    }
  });

  it('refuses appends until its records have been read', () => {
    const dir = tempDir();
    const { journal } = Journal.open(dir);
    try {
      expect(() => journal.append([{ t: 'createCollection', ns: 'j.docs' }])).toThrow(/read to the end/);
    } finally {
      journal.close();
    }
  });
});
