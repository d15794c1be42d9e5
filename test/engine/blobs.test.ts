// Large Binary values in blob segments: references that behave like the Binary they replace, documents and
// the journal that hold only references, a journal from before segments migrated, and segments reclaimed.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Binary, calculateObjectSize, serialize } from 'bson';
import { GridFSBucket, MongoClient } from 'mongodb';
import { BlobRef, BlobStore } from '../../src/engine/blobs.ts';
import { Journal } from '../../src/engine/journal.ts';
import { Store } from '../../src/engine/store.ts';
import { cloneValue } from '../../src/engine/values.ts';
import { startEngine } from '../../src/engine/index.ts';
import { makeTempDir, realServer, removeDir } from './harness.ts';

const tempDirs: string[] = [];
afterAll(() => {
  for (const d of tempDirs) removeDir(d);
});
function tempDir(): string {
  const dir = makeTempDir('blobs');
  tempDirs.push(dir);
  return dir;
}
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const journalBytes = (dir: string) => fs.statSync(path.join(dir, 'journal.bin')).size;
const segmentBytes = (dir: string) => fs.readdirSync(path.join(dir, 'blobs')).reduce((n, f) => n + fs.statSync(path.join(dir, 'blobs', f)).size, 0);

describe.skipIf(realServer)('blob segments', () => {
  it('a BlobRef serializes and sizes exactly like its Binary, and only serializing reads it', () => {
    const blobs = BlobStore.open(tempDir());
    try {
      const bytes = randomBytes(70_000);
      const ref = blobs.append(bytes, 0);
      const other = blobs.append(Buffer.from('second'), 5);
      expect(blobs.reads).toBe(0);
      const doc = { n: 1, data: ref, nested: [{ x: other }] };
      const plain = { n: 1, data: new Binary(bytes, 0), nested: [{ x: new Binary(Buffer.from('second'), 5) }] };
      expect(calculateObjectSize(doc)).toBe(calculateObjectSize(plain));
      expect(cloneValue(doc).data).toBe(ref);
      expect(ref).toBeInstanceOf(Binary);
      expect(blobs.reads).toBe(0);
      expect(Buffer.from(serialize(doc)).equals(Buffer.from(serialize(plain)))).toBe(true);
      expect(blobs.reads).toBe(2);
    } finally {
      blobs.close();
    }
  });

  it('keeps GridFS chunks out of memory and out of the journal, across restarts', async () => {
    const dir = tempDir();
    const bytes = randomBytes(3 * 1024 * 1024 + 20_000); // the last chunk, too, is over the 16 KiB threshold
    const store = Store.open(dir);
    const chunks = store.ensureCollection('fs', 'chunks');
    chunks.addIndex({ key: { files_id: 1, n: 1 }, name: 'files_id_1_n_1', unique: true } as never);
    // Indexed and _id values stay inline even when large: index keys compare their bytes.
    const bigKey = new Binary(randomBytes(20_000));
    for (let n = 0; n * 261_120 < bytes.length; n++) {
      chunks.insert({ _id: n, files_id: n === 0 ? bigKey : 1, n, data: new Binary(bytes.subarray(n * 261_120, (n + 1) * 261_120)) });
    }
    store.flush();
    expect([...chunks.docs.values()].every((d) => d.data instanceof BlobRef)).toBe(true);
    expect(chunks.getById(0)!.files_id).not.toBeInstanceOf(BlobRef);
    expect(journalBytes(dir)).toBeLessThan(64 * 1024);
    expect(store.blobs!.reads).toBe(0);
    store.close();

    const again = Store.open(dir);
    try {
      const docs = [...again.collection('fs', 'chunks')!.docs.values()].sort((a, b) => a.n - b.n);
      expect(again.blobs!.reads).toBe(0);
      expect(sha256(Buffer.concat(docs.map((d) => d.data.buffer)))).toBe(sha256(bytes));
      expect(Buffer.from(docs[0].files_id.buffer).equals(Buffer.from(bigKey.buffer))).toBe(true);
    } finally {
      again.close();
    }
  });

  it('migrates a journal that holds blobs inline', () => {
    const dir = tempDir();
    const bytes = randomBytes(200_000);
    // As an engine without blob segments wrote it.
    const { journal, records } = Journal.open(dir);
    for (const _ of records);
    journal.append([{ t: 'createCollection', ns: 'm.c' }]);
    journal.append([{ t: 'put', ns: 'm.c', d: { _id: 1, data: new Binary(bytes), small: new Binary(Buffer.from('tiny')) } }]);
    journal.close();
    expect(journalBytes(dir)).toBeGreaterThan(bytes.length);

    for (let run = 0; run < 2; run++) {
      const store = Store.open(dir);
      try {
        const doc = store.collection('m', 'c')!.getById(1)!;
        expect(doc.data).toBeInstanceOf(BlobRef);
        expect(doc.small).not.toBeInstanceOf(BlobRef);
        expect(Buffer.from(doc.data.buffer).equals(bytes)).toBe(true);
        expect(journalBytes(dir)).toBeLessThan(1024);
      } finally {
        store.close();
      }
    }
  });

  it('rewrites segments once their blobs are mostly deleted; files survive it and a restart', async () => {
    const dir = tempDir();
    const engine = await startEngine({ dataDir: dir, blobCompactionBytes: 900 * 1024, log: () => {} });
    const client = new MongoClient(engine.uri);
    try {
      const bucket = new GridFSBucket(client.db('c'), { chunkSizeBytes: 256 * 1024 });
      const files = Array.from({ length: 10 }, () => randomBytes(1024 * 1024));
      const ids = [];
      for (const [i, data] of files.entries()) {
        const up = bucket.openUploadStream(`f${i}`);
        up.end(data);
        await new Promise((resolve, reject) => up.once('finish', resolve).once('error', reject));
        ids.push(up.id);
      }
      const before = segmentBytes(dir);
      expect(before).toBeGreaterThan(10 * 1024 * 1024);
      for (const id of ids.slice(0, 8)) await bucket.delete(id);
      expect(segmentBytes(dir)).toBeLessThan(before * 0.3);
      for (const [i, id] of ids.entries()) {
        if (i < 8) continue;
        const got: Buffer[] = [];
        for await (const chunk of bucket.openDownloadStream(id)) got.push(chunk as Buffer);
        expect(sha256(Buffer.concat(got))).toBe(sha256(files[i]));
      }
    } finally {
      await client.close();
      await engine.close();
    }
    const store = Store.open(dir);
    try {
      const chunks = [...store.collection('c', 'fs.chunks')!.docs.values()];
      expect(chunks).toHaveLength(2 * 4);
      for (const c of chunks) expect(c.data.buffer.length).toBe(c.data.position);
    } finally {
      store.close();
    }
  });

  it('a document an open cursor has yet to return keeps its blob through a segment rewrite, deleted or not', async () => {
    const dir = tempDir();
    const engine = await startEngine({ dataDir: dir, blobCompactionBytes: 1, log: () => {} });
    const client = new MongoClient(engine.uri);
    try {
      const coll = client.db('t').collection<{ _id: number; data: Binary }>('files');
      const payloads = Array.from({ length: 10 }, () => randomBytes(100_000));
      await coll.insertMany(payloads.map((p, i) => ({ _id: i, data: new Binary(p) })));
      const cursor = coll.find({ _id: { $gte: 8 } }, { sort: { _id: 1 }, batchSize: 1 });
      const first = await cursor.next();
      // Every blob is dead now but the one the cursor holds: their segment is rewritten and deleted.
      await coll.deleteMany({});
      expect(fs.readdirSync(path.join(dir, 'blobs'))).not.toContain('seg-000001.bin');
      const rest = await cursor.toArray();
      expect([first!, ...rest].map((d) => sha256(d.data.buffer))).toEqual(payloads.slice(8).map(sha256));
    } finally {
      await client.close();
      await engine.close();
    }
  });

  it('a blob that cannot be read is a command error; the connection stays open', async () => {
    const dir = tempDir();
    const errors: unknown[] = [];
    const engine = await startEngine({ dataDir: dir, log: () => {}, onError: (e) => errors.push(e) });
    const client = new MongoClient(engine.uri, { maxPoolSize: 1 });
    const closed: unknown[] = [];
    client.on('connectionClosed', (event) => closed.push(event));
    try {
      const coll = client.db('t').collection<{ _id: number; data: Binary }>('files');
      await coll.insertOne({ _id: 1, data: new Binary(randomBytes(100_000)) });
      fs.truncateSync(path.join(dir, 'blobs', 'seg-000001.bin'), 1000);
      await expect(coll.findOne({ _id: 1 })).rejects.toThrow(/^Cannot send the reply: blob segment 1 ends before/);
      expect(await coll.countDocuments()).toBe(1);
      expect(closed).toEqual([]);
      expect(errors).toHaveLength(1);
    } finally {
      await client.close();
      await engine.close();
    }
  });
});
