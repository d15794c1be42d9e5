// Content shared between a page's versions, against the embedded engine through the real driver: identical
// files are stored once (small ones before writing, large streamed ones after), a removed version leaves the
// content a kept version shares, the race between sharing and removing a holder, and the sweep's rules.
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Db, ObjectId } from 'mongodb';
import { useFreshDatabases } from '../support/fresh-db.ts';
import {
  beginVersion,
  commitVersion,
  ensureFileIndexes,
  listFiles,
  openFile,
  sweepOrphans,
  type PageFileDoc,
  type VersionWriter,
} from '../../src/pages/file-store.ts';
import { retireVersion } from '../../src/pages/version-removal.ts';
import { usedBytes } from '../../src/pages/storage-quota.ts';

const databases = useFreshDatabases('shared_t', ensureFileIndexes);
const KiB = 1024;
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const fileDocs = (db: Db) => db.collection<PageFileDoc>('page_files.files');
const chunkDocs = (db: Db) => db.collection<{ files_id: ObjectId }>('page_files.chunks');
const pages = (db: Db) => db.collection<{ _id: string; current_version: string | null }>('pages');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const streamOf = (bytes: Buffer) => Readable.from([bytes.subarray(0, 100 * KiB), bytes.subarray(100 * KiB, 400 * KiB), bytes.subarray(400 * KiB)]);

async function commit(db: Db, pageId: string, writer: VersionWriter): Promise<string> {
  const result = await commitVersion(db, pageId, writer, async (v) => {
    await pages(db).updateOne({ _id: pageId }, { $set: { current_version: v } }, { upsert: true });
    return true;
  });
  expect(result.committed).toBe(true);
  return writer.versionId;
}

const quota = { userId: 'u1', limitBytes: 10 * 1024 * KiB, replacedBytes: 0 };

async function read(db: Db, pageId: string, versionId: string, path: string): Promise<Buffer> {
  const opened = await openFile(db, pageId, versionId, path);
  return readAll(opened!.stream);
}

describe('content shared between versions', () => {
  it('stores a large streamed file once: the second copy becomes an alias and its chunks go', async () => {
    const db = await databases.fresh();
    const big = randomBytes(700 * KiB);
    const w1 = await beginVersion(db, 'pg', { quota, keep: 5 });
    await w1.add('big.bin', streamOf(big));
    await w1.add('a.txt', Buffer.from('a'));
    const v1 = await commit(db, 'pg', w1);

    const w2 = await beginVersion(db, 'pg', { quota, keep: 5 });
    const second = await w2.add('big.bin', streamOf(big));
    const small = await w2.add('copy.txt', Buffer.from('a'));
    const v2 = await commit(db, 'pg', w2);

    const [firstSmall, firstBig] = await listFiles(db, 'pg', v1);
    expect([firstSmall.path, firstBig.path]).toEqual(['a.txt', 'big.bin']);
    expect(second.fileId).toEqual(firstBig.fileId);
    expect(small.fileId).toEqual(firstSmall.fileId);
    const aliases = await fileDocs(db).find({ 'metadata.version': v2 }).toArray();
    expect(aliases.every((d) => d.metadata.blob)).toBe(true);
    expect(await chunkDocs(db).countDocuments({ files_id: { $in: aliases.map((d) => d._id) } })).toBe(0);
    expect(sha256(await read(db, 'pg', v2, 'big.bin'))).toBe(sha256(big));
    // Only version 1's bytes are counted.
    expect(await usedBytes(db, 'u1')).toBe(700 * KiB + 1);
  });

  it('a removed version leaves the content a kept version shares, which goes with the last sharer', async () => {
    const db = await databases.fresh();
    const w1 = await beginVersion(db, 'pg', { quota, keep: 5 });
    await w1.addBuffers([
      { path: 'index.html', content: Buffer.from('one') },
      { path: 'lib.js', content: Buffer.alloc(10 * KiB, 1) },
    ]);
    const v1 = await commit(db, 'pg', w1);
    const w2 = await beginVersion(db, 'pg', { quota, keep: 5 });
    await w2.addBuffers([
      { path: 'index.html', content: Buffer.from('two') },
      { path: 'lib.js', content: Buffer.alloc(10 * KiB, 1) },
    ]);
    const v2 = await commit(db, 'pg', w2);
    expect(await usedBytes(db, 'u1')).toBe(10 * KiB + 6);

    // Version 1 goes: its index.html with it, lib.js stays for version 2 (and stays counted).
    await retireVersion(db, v1, ['kept']);
    expect(await db.collection('page_versions').findOne({ _id: v1 as never })).toMatchObject({ state: 'deleting' });
    expect(await usedBytes(db, 'u1')).toBe(10 * KiB + 3);
    expect(await read(db, 'pg', v2, 'lib.js')).toEqual(Buffer.alloc(10 * KiB, 1));
    await sweepOrphans(db, { olderThanMs: 0 });
    expect(await read(db, 'pg', v2, 'lib.js')).toEqual(Buffer.alloc(10 * KiB, 1));

    // A third version replaces lib.js; version 2 goes: now nothing shares version 1's lib.js.
    const w3 = await beginVersion(db, 'pg', { quota, keep: 1 });
    await w3.addBuffers([{ path: 'index.html', content: Buffer.from('three') }]);
    await commit(db, 'pg', w3);
    expect(await db.collection('page_versions').countDocuments({})).toBe(1);
    expect(await fileDocs(db).countDocuments({})).toBe(1);
    expect(await chunkDocs(db).countDocuments({})).toBe(1);
    expect(await usedBytes(db, 'u1')).toBe(5);
  });

  it('a holder being removed is not shared: the new version stores the bytes itself', async () => {
    const db = await databases.fresh();
    const w1 = await beginVersion(db, 'pg', { quota, keep: 5 });
    await w1.addBuffers([{ path: 'x.txt', content: Buffer.from('same') }]);
    await commit(db, 'pg', w1);
    // A removal has marked the holder (and has not yet looked for aliases).
    await fileDocs(db).updateOne({ 'metadata.path': 'x.txt' }, { $set: { 'metadata.dying': true } });
    const w2 = await beginVersion(db, 'pg', { quota, keep: 5 });
    const [stored] = await w2.addBuffers([{ path: 'x.txt', content: Buffer.from('same') }]);
    const own = await fileDocs(db).findOne({ _id: stored.fileId });
    expect(own?.metadata.version).toBe(w2.versionId);
    expect(own?.metadata.blob).toBeUndefined();

    // Marked after the writer read what it may share: the check of its aliases before the commit catches it.
    const w3 = await beginVersion(db, 'pg', { quota, keep: 5 });
    await w3.addBuffers([{ path: 'first.txt', content: Buffer.from('first') }]);
    await fileDocs(db).updateOne({ _id: stored.fileId }, { $set: { 'metadata.dying': true } });
    await w3.add('x.txt', Buffer.from('same'));
    await commit(db, 'pg', w3);
    const late = (await listFiles(db, 'pg', w3.versionId)).find((f) => f.path === 'x.txt')!;
    expect(late.fileId.equals(stored.fileId)).toBe(false);
    expect((await read(db, 'pg', w3.versionId, 'x.txt')).toString()).toBe('same');
    expect((await fileDocs(db).findOne({ _id: late.fileId }))?.metadata).toMatchObject({ version: w3.versionId, path: 'x.txt' });
    expect(await fileDocs(db).countDocuments({ 'metadata.version': w3.versionId, 'metadata.blob': { $exists: true } })).toBe(0);
  });

  it('the sweep removes chunks left under an alias (a crash after a large file was shared)', async () => {
    const db = await databases.fresh();
    const big = randomBytes(300 * KiB);
    const w1 = await beginVersion(db, 'pg', { keep: 5 });
    const first = await w1.add('a.bin', streamOf(big));
    await commit(db, 'pg', w1);
    // An alias whose own chunks are still there.
    const w2 = await beginVersion(db, 'pg', { keep: 5 });
    const second = await w2.add('b.bin', Buffer.from('other'));
    await fileDocs(db).updateOne({ _id: second.fileId }, { $set: { 'metadata.blob': first.fileId, 'metadata.size': big.length, length: big.length } });
    await commit(db, 'pg', w2);
    const result = await sweepOrphans(db, { olderThanMs: 0 });
    expect(result.chunksRemoved).toBe(1);
    expect(sha256(await read(db, 'pg', w2.versionId, 'b.bin'))).toBe(sha256(big));
  });
});
