// GridFS through GridFSBucket: a 5 MiB random file in 255 KiB chunks — upload, full and ranged
// download, find by metadata, rename, delete, and FileNotFound for missing files.
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GridFSBucket, ObjectId, type Document } from 'mongodb';
import { openTestDb, rejectionOf, type TestDb } from './harness.ts';

const SIZE = 5 * 1024 * 1024;
const CHUNK = 255 * 1024;

let t: TestDb;
let bucket: GridFSBucket;
let data: Buffer;
let fileId: ObjectId;

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

async function upload(b: GridFSBucket, name: string, bytes: Buffer, metadata?: Document): Promise<ObjectId> {
  const up = b.openUploadStream(name, metadata ? { metadata } : {});
  await pipeline(Readable.from([bytes]), up);
  return up.id as ObjectId;
}

beforeAll(async () => {
  t = await openTestDb();
  bucket = new GridFSBucket(t.db, { chunkSizeBytes: CHUNK });
  data = randomBytes(SIZE);
  fileId = await upload(bucket, 'big.bin', data, { kind: 'random', owner: 'tests', n: 1 });
});
afterAll(async () => {
  await t?.close();
});

describe('upload', () => {
  it('stores a files document with length, chunkSize, metadata and uploadDate', async () => {
    const files = await bucket.find({ _id: fileId }).toArray();
    expect(files).toHaveLength(1);
    const f = files[0];
    expect(f.length).toBe(SIZE);
    expect(f.chunkSize).toBe(CHUNK);
    expect(f.filename).toBe('big.bin');
    expect(f.metadata).toEqual({ kind: 'random', owner: 'tests', n: 1 });
    expect(f.uploadDate).toBeInstanceOf(Date);
  });

  it('splits the bytes into ceil(length / chunkSize) chunks numbered from 0', async () => {
    const chunks = t.db.collection<any>('fs.chunks');
    const expected = Math.ceil(SIZE / CHUNK);
    expect(await chunks.countDocuments({ files_id: fileId })).toBe(expected);
    const ns = (
      await chunks
        .find({ files_id: fileId }, { projection: { n: 1, _id: 0 } })
        .sort({ n: 1 })
        .toArray()
    ).map((c) => c.n);
    expect(ns).toEqual(Array.from({ length: expected }, (_, i) => i));
    const last = await chunks.findOne({ files_id: fileId, n: expected - 1 });
    expect(last!.data.length()).toBe(SIZE - (expected - 1) * CHUNK);
  });

  it('creates the GridFS indexes', async () => {
    const chunkIndexes = await t.db.collection<any>('fs.chunks').listIndexes().toArray();
    const chunkIdx = chunkIndexes.find((i) => i.key.files_id === 1 && i.key.n === 1);
    expect(chunkIdx).toBeDefined();
    expect(chunkIdx!.unique).toBe(true);
    const fileIndexes = await t.db.collection<any>('fs.files').listIndexes().toArray();
    expect(fileIndexes.some((i) => i.key.filename === 1 && i.key.uploadDate === 1)).toBe(true);
  });
});

describe('download', () => {
  it('returns the whole file byte for byte', async () => {
    const got = await readAll(bucket.openDownloadStream(fileId));
    expect(got.length).toBe(SIZE);
    expect(sha256(got)).toBe(sha256(data));
  });

  it('downloads by name', async () => {
    const got = await readAll(bucket.openDownloadStreamByName('big.bin'));
    expect(sha256(got)).toBe(sha256(data));
  });

  it('returns exact byte ranges (start inclusive, end exclusive)', async () => {
    const ranges: Array<[number, number]> = [
      [0, 10],
      [1000, 300_000], // crosses the first chunk boundary
      [CHUNK, 2 * CHUNK], // exactly one chunk
      [CHUNK - 1, CHUNK + 1],
      [3 * CHUNK + 5, SIZE], // to the end
      [SIZE - 1, SIZE],
    ];
    for (const [start, end] of ranges) {
      const got = await readAll(bucket.openDownloadStream(fileId, { start, end }));
      expect(got.length, `range ${start}-${end}`).toBe(end - start);
      expect(sha256(got), `range ${start}-${end}`).toBe(sha256(data.subarray(start, end)));
    }
  });

  it('a missing file fails with FileNotFound', async () => {
    const err = await rejectionOf(readAll(bucket.openDownloadStream(new ObjectId())));
    expect(String(err.message)).toMatch(/FileNotFound/);
    const byName = await rejectionOf(readAll(bucket.openDownloadStreamByName('no-such-file.bin')));
    expect(String(byName.message)).toMatch(/FileNotFound/);
  });
});

describe('find / rename / delete', () => {
  it('finds files by metadata', async () => {
    const other = await upload(bucket, 'small.txt', Buffer.from('hello gridfs'), { kind: 'text', owner: 'tests' });
    expect((await bucket.find({ 'metadata.kind': 'random' }).toArray()).map((f) => String(f._id))).toEqual([String(fileId)]);
    const owned = (await bucket.find({ 'metadata.owner': 'tests' }).sort({ filename: 1 }).toArray()).map((f) => f.filename);
    expect(owned).toEqual(['big.bin', 'small.txt']);
    expect(await bucket.find({ 'metadata.kind': 'nothing' }).toArray()).toEqual([]);
    expect((await readAll(bucket.openDownloadStream(other))).toString()).toBe('hello gridfs');
  });

  it('stores and downloads an empty file', async () => {
    const id = await upload(bucket, 'empty.bin', Buffer.alloc(0));
    const [f] = await bucket.find({ _id: id }).toArray();
    expect(f.length).toBe(0);
    expect((await readAll(bucket.openDownloadStream(id))).length).toBe(0);
  });

  it('renames a file', async () => {
    await bucket.rename(fileId, 'renamed.bin');
    expect(await bucket.find({ filename: 'big.bin' }).toArray()).toEqual([]);
    const [f] = await bucket.find({ filename: 'renamed.bin' }).toArray();
    expect(String(f._id)).toBe(String(fileId));
    const got = await readAll(bucket.openDownloadStreamByName('renamed.bin'));
    expect(sha256(got)).toBe(sha256(data));
  });

  it('deletes the files document and every chunk', async () => {
    await bucket.delete(fileId);
    expect(await bucket.find({ _id: fileId }).toArray()).toEqual([]);
    expect(await t.db.collection<any>('fs.chunks').countDocuments({ files_id: fileId })).toBe(0);
    const err = await rejectionOf(readAll(bucket.openDownloadStream(fileId)));
    expect(String(err.message)).toMatch(/FileNotFound/);
  });

  it('deleting a missing file fails with a file-not-found error', async () => {
    const err = await rejectionOf(bucket.delete(new ObjectId()));
    expect(String(err.message)).toMatch(/File not found/i);
  });

  it('a custom bucket name keeps its own collections', async () => {
    const photos = new GridFSBucket(t.db, { bucketName: 'photos', chunkSizeBytes: 1024 });
    const bytes = randomBytes(10_000);
    const id = await upload(photos, 'p.jpg', bytes);
    expect(await t.db.collection<any>('photos.chunks').countDocuments({ files_id: id })).toBe(10);
    expect(sha256(await readAll(photos.openDownloadStream(id)))).toBe(sha256(bytes));
    expect(await bucket.find({ filename: 'p.jpg' }).toArray()).toEqual([]);
  });
});
