// The page file store against the embedded engine through the real driver: versions written into GridFS,
// read back byte for byte (whole and ranged), replaced atomically under concurrent readers, rolled back,
// cleaned up after failures and crashes by the sweep.
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { GridFSBucket, ObjectId, type Db } from 'mongodb';
import { useFreshDatabases } from '../support/fresh-db.ts';
import { InvalidInput } from '../../src/shared/errors.ts';
import {
  beginVersion,
  CHUNK_SIZE_BYTES,
  commitVersion,
  contentTypeFor,
  deleteAllVersions,
  ensureFileIndexes,
  listFiles,
  normalizeFilePath,
  openFile,
  RangeNotSatisfiable,
  sweepOrphans,
  VersionDiscarded,
  type PageFileDoc,
  type PageVersionDoc,
  type StoredFile,
  type VersionWriter,
} from '../../src/pages/file-store.ts';

const databases = useFreshDatabases('files_t', ensureFileIndexes);
const freshDb = () => databases.fresh();

const KiB = 1024;
const MiB = 1024 * KiB;
const HOUR = 3600_000;

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** A stream of `bytes` in pieces of `piece` bytes (so uploads see many small writes). */
function streamOf(bytes: Buffer, piece = 64 * KiB): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += piece) parts.push(bytes.subarray(i, i + piece));
  return Readable.from(parts);
}

type Site = Record<string, Buffer>;

const pages = (db: Db) => db.collection<{ _id: string; current_version: string | null }>('pages');
const versions = (db: Db) => db.collection<PageVersionDoc>('page_versions');
const fileDocs = (db: Db) => db.collection<PageFileDoc>('page_files.files');
const chunkDocs = (db: Db) => db.collection<{ files_id: ObjectId; n: number }>('page_files.chunks');

async function createPage(db: Db, pageId: string): Promise<void> {
  await pages(db).insertOne({ _id: pageId, current_version: null });
}

async function currentVersion(db: Db, pageId: string): Promise<string | null> {
  return (await pages(db).findOne({ _id: pageId }))?.current_version ?? null;
}

/** The pages module's pointer update: one guarded single-document update. */
function pointerUpdate(db: Db, pageId: string, expected: string | null) {
  return async (versionId: string) =>
    (await pages(db).updateOne({ _id: pageId, current_version: expected }, { $set: { current_version: versionId } })).modifiedCount === 1;
}

async function writeSite(db: Db, pageId: string, site: Site): Promise<VersionWriter> {
  const writer = await beginVersion(db, pageId);
  for (const [path, bytes] of Object.entries(site)) await writer.add(path, bytes.length > 100 * KiB ? streamOf(bytes) : bytes);
  return writer;
}

/** Writes and commits `site` as the page's new version; returns its id. */
async function publish(db: Db, pageId: string, site: Site): Promise<string> {
  const writer = await writeSite(db, pageId, site);
  const result = await commitVersion(db, pageId, writer, pointerUpdate(db, pageId, await currentVersion(db, pageId)));
  expect(result.committed).toBe(true);
  return result.versionId;
}

/** path → sha256 of everything in the version, read through openFile. */
async function readVersion(db: Db, pageId: string, versionId: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of await listFiles(db, pageId, versionId)) {
    const opened = await openFile(db, pageId, versionId, file.path);
    expect(opened, file.path).not.toBeNull();
    out[file.path] = sha256(await readAll(opened!.stream));
  }
  return out;
}

function hashes(site: Site): Record<string, string> {
  return Object.fromEntries(Object.entries(site).map(([path, bytes]) => [path, sha256(bytes)]));
}

/** Files documents and chunks stored for one version (chunks by the ids the files had). */
async function stored(db: Db, versionId: string, fileIds: ObjectId[]): Promise<{ files: number; chunks: number }> {
  return {
    files: await fileDocs(db).countDocuments({ 'metadata.version': versionId }),
    chunks: await chunkDocs(db).countDocuments({ files_id: { $in: fileIds } }),
  };
}

/** Chunks (and no files document) as an upload leaves them when the process dies mid-write. */
async function strandedUpload(db: Db, id: ObjectId, bytes: number, metadata?: object): Promise<void> {
  const bucket = new GridFSBucket(db, { bucketName: 'page_files', chunkSizeBytes: CHUNK_SIZE_BYTES });
  const upload = bucket.openUploadStreamWithId(id, 'stranded.bin', metadata ? { metadata } : {});
  await new Promise<void>((resolve, reject) => upload.write(randomBytes(bytes), (e) => (e ? reject(e) : resolve())));
}

const BIG = randomBytes(1 * MiB);
const MID = randomBytes(300 * KiB);

function sampleSite(): Site {
  return {
    'index.html': Buffer.from('<!doctype html><h1>Hello</h1><script src="js/app.mjs"></script>'),
    'css/site.css': Buffer.from('h1 { color: teal }'),
    'js/app.mjs': Buffer.from('export const answer = 42;\n'),
    'img/logo.png': randomBytes(3000),
    'media/big.bin': BIG,
    'data/mid.json': MID,
    'empty.txt': Buffer.alloc(0),
  };
}

describe('writing and reading a version', () => {
  it('stores every file with its metadata and reads it back byte for byte', async () => {
    const db = await freshDb();
    await createPage(db, 'pg_a');
    const site = sampleSite();
    const writer = await beginVersion(db, 'pg_a');
    expect(writer.versionId).toMatch(/^[0-9a-f]{24}$/);
    expect(await versions(db).findOne({ _id: writer.versionId })).toEqual({
      _id: writer.versionId,
      page_id: 'pg_a',
      state: 'writing',
      started_at: expect.any(Date),
    });

    const added: StoredFile[] = [];
    for (const [path, bytes] of Object.entries(site)) {
      // Buffers, a stream in 64 KiB pieces, and a stream in odd 7 KiB pieces.
      const content = path === 'media/big.bin' ? streamOf(bytes) : path === 'data/mid.json' ? streamOf(bytes, 7 * KiB) : bytes;
      added.push(await writer.add(path, content));
    }
    for (const file of added) {
      expect(file.size).toBe(site[file.path].length);
      expect(file.sha256).toBe(sha256(site[file.path]));
      expect(file.contentType).toBe(contentTypeFor(file.path));
    }
    expect(writer.totalSize).toBe(Object.values(site).reduce((n, b) => n + b.length, 0));

    const result = await commitVersion(db, 'pg_a', writer, pointerUpdate(db, 'pg_a', null));
    expect(result).toEqual({ committed: true, versionId: writer.versionId, files: added, removedVersions: [] });
    const version = writer.versionId;
    expect(await currentVersion(db, 'pg_a')).toBe(version);
    expect(await versions(db).findOne({ _id: version })).toMatchObject({
      state: 'live',
      file_count: 7,
      total_size: writer.totalSize,
      completed_at: expect.any(Date),
      live_at: expect.any(Date),
    });

    // Files documents: GridFS fields plus the documented metadata, chunks of 255 KiB.
    for (const file of added) {
      const doc = await fileDocs(db).findOne({ _id: file.fileId });
      expect(doc).toMatchObject({ length: file.size, chunkSize: 255 * KiB, filename: file.path });
      expect(doc!.metadata).toEqual({
        pageId: 'pg_a',
        version,
        path: file.path,
        sha256: sha256(site[file.path]),
        contentType: contentTypeFor(file.path),
        size: site[file.path].length,
      });
      expect(await chunkDocs(db).countDocuments({ files_id: file.fileId })).toBe(Math.ceil(file.size / CHUNK_SIZE_BYTES));
    }
    expect(await chunkDocs(db).countDocuments({ files_id: added.find((f) => f.path === 'media/big.bin')!.fileId })).toBe(5);
    expect(await chunkDocs(db).countDocuments({ files_id: added.find((f) => f.path === 'data/mid.json')!.fileId })).toBe(2);

    const listed = await listFiles(db, 'pg_a', version);
    expect(listed.map((f) => f.path)).toEqual(['css/site.css', 'data/mid.json', 'empty.txt', 'img/logo.png', 'index.html', 'js/app.mjs', 'media/big.bin']);
    expect(listed).toEqual([...added].sort((a, b) => (a.path < b.path ? -1 : 1)));

    for (const [path, bytes] of Object.entries(site)) {
      const opened = await openFile(db, 'pg_a', version, path);
      expect(opened!.file.contentType).toBe(contentTypeFor(path));
      const got = await readAll(opened!.stream);
      expect(got.length, path).toBe(bytes.length);
      expect(got.equals(bytes), path).toBe(true);
    }
    expect(await readVersion(db, 'pg_a', version)).toEqual(hashes(site));
  });

  it('reports content types from the allow-list', async () => {
    const db = await freshDb();
    await createPage(db, 'pg_ct');
    const writer = await beginVersion(db, 'pg_ct');
    const types: Record<string, string> = {};
    for (const path of ['a.HTML', 'b.css', 'c.js', 'd.svg', 'e.woff2', 'f.wasm', 'g.unknown', 'Makefile']) {
      types[path] = (await writer.add(path, Buffer.from(path))).contentType;
    }
    expect(types).toEqual({
      'a.HTML': 'text/html; charset=utf-8',
      'b.css': 'text/css; charset=utf-8',
      'c.js': 'text/javascript; charset=utf-8',
      'd.svg': 'image/svg+xml; charset=utf-8',
      'e.woff2': 'font/woff2',
      'f.wasm': 'application/wasm',
      'g.unknown': 'application/octet-stream',
      Makefile: 'application/octet-stream',
    });
    await writer.abort();
  });

  it('normalizes paths to NFC and refuses unsafe or duplicate ones without writing anything', async () => {
    const db = await freshDb();
    await createPage(db, 'pg_p');
    const writer = await beginVersion(db, 'pg_p');
    const nfd = 'caf\u0065\u0301/me\u0301nu.html';
    const file = await writer.add(nfd, Buffer.from('<p>menu</p>'));
    expect(file.path).toBe('caf\u00e9/m\u00e9nu.html');

    const unsafe = [
      '',
      '/etc/passwd',
      '../up.html',
      'a/../../b',
      './a',
      'a/./b',
      'a//b',
      'dir/',
      'a\\b',
      'C:/x',
      'nul\u0000.html',
      'tab\t.html',
      'x'.repeat(256),
      '\ud800.html',
    ];
    for (const path of unsafe) {
      await expect(writer.add(path, Buffer.from('x')), JSON.stringify(path)).rejects.toBeInstanceOf(InvalidInput);
    }
    // The same path again, also when spelled in another normalization form.
    await expect(writer.add('caf\u00e9/m\u00e9nu.html', Buffer.from('again'))).rejects.toThrow(/duplicate path/);
    await expect(writer.add(nfd, Buffer.from('again'))).rejects.toThrow(/duplicate path/);

    // Refusals don't spoil the writer: it still commits, with just the one good file.
    expect(await fileDocs(db).countDocuments({ 'metadata.version': writer.versionId })).toBe(1);
    await writer.add('index.html', Buffer.from('<p>home</p>'));
    const result = await commitVersion(db, 'pg_p', writer, pointerUpdate(db, 'pg_p', null));
    expect(result.committed).toBe(true);
    expect((await listFiles(db, 'pg_p', writer.versionId)).map((f) => f.path)).toEqual(['caf\u00e9/m\u00e9nu.html', 'index.html']);

    // Reads normalize the same way; unsafe paths are simply not found.
    const opened = await openFile(db, 'pg_p', writer.versionId, nfd);
    expect((await readAll(opened!.stream)).toString()).toBe('<p>menu</p>');
    for (const path of ['../index.html', '/index.html', 'x/../index.html', 'missing.html']) {
      expect(await openFile(db, 'pg_p', writer.versionId, path), path).toBeNull();
    }
    expect(await openFile(db, 'pg_p', new ObjectId().toHexString(), 'index.html')).toBeNull();
    expect(await openFile(db, 'pg_other', writer.versionId, 'index.html')).toBeNull();
    expect(normalizeFilePath('a/b.html')).toBe('a/b.html');
  });

  it('serves byte ranges exactly (end exclusive), across chunk boundaries', async () => {
    const db = await freshDb();
    await createPage(db, 'pg_r');
    const version = await publish(db, 'pg_r', { 'big.bin': BIG, 'empty.txt': Buffer.alloc(0) });
    const size = BIG.length;
    const cases: Array<[Parameters<typeof openFile>[4], number, number]> = [
      [{ start: 0, end: 10 }, 0, 10],
      [{ start: 1000, end: 300_000 }, 1000, 300_000],
      [{ start: CHUNK_SIZE_BYTES - 1, end: CHUNK_SIZE_BYTES + 1 }, CHUNK_SIZE_BYTES - 1, CHUNK_SIZE_BYTES + 1],
      [{ start: CHUNK_SIZE_BYTES, end: 2 * CHUNK_SIZE_BYTES }, CHUNK_SIZE_BYTES, 2 * CHUNK_SIZE_BYTES],
      [{ start: 4 * CHUNK_SIZE_BYTES + 3 }, 4 * CHUNK_SIZE_BYTES + 3, size],
      [{ start: size - 1, end: size }, size - 1, size],
      [{ start: 500_000, end: size + 12_345 }, 500_000, size],
      [{ suffixLength: 500 }, size - 500, size],
      [{ suffixLength: size + 1 }, 0, size],
    ];
    for (const [range, start, end] of cases) {
      const opened = await openFile(db, 'pg_r', version, 'big.bin', range);
      expect(opened!.range, JSON.stringify(range)).toEqual({ start, end });
      expect(opened!.file.size).toBe(size);
      const got = await readAll(opened!.stream);
      expect(got.length, JSON.stringify(range)).toBe(end - start);
      expect(got.equals(BIG.subarray(start, end)), JSON.stringify(range)).toBe(true);
    }
    for (const range of [
      { start: size },
      { start: size + 5, end: size + 10 },
      { start: 10, end: 10 },
      { start: 10, end: 5 },
      { start: -1, end: 5 },
      { suffixLength: 0 },
      { start: 1.5 },
    ]) {
      const error = await openFile(db, 'pg_r', version, 'big.bin', range).catch((e: unknown) => e);
      expect(error, JSON.stringify(range)).toBeInstanceOf(RangeNotSatisfiable);
      expect((error as RangeNotSatisfiable).size).toBe(size);
    }
    await expect(openFile(db, 'pg_r', version, 'empty.txt', { start: 0 })).rejects.toBeInstanceOf(RangeNotSatisfiable);
    expect(await openFile(db, 'pg_r', version, 'missing.bin', { start: 0 })).toBeNull();
  });

  it('a stored file whose last chunks are gone fails to read instead of reading short', async () => {
    const db = await freshDb();
    await createPage(db, 'pg_t');
    const version = await publish(db, 'pg_t', { 'big.bin': BIG, 'other.bin': randomBytes(BIG.length) });
    const [big, other] = await listFiles(db, 'pg_t', version);
    const chunks = db.collection('page_files.chunks');
    const last = Math.ceil(BIG.length / CHUNK_SIZE_BYTES) - 1;
    expect((await chunks.deleteOne({ files_id: big!.fileId, n: last })).deletedCount).toBe(1);
    expect((await chunks.deleteMany({ files_id: other!.fileId })).deletedCount).toBe(last + 1);

    for (const path of ['big.bin', 'other.bin']) {
      const opened = await openFile(db, 'pg_t', version, path);
      await expect(readAll(opened!.stream), path).rejects.toThrow(/ChunkIsMissing: the stored file ended after \d+ of its 1048576 bytes/);
    }
    // A range that ends before the missing chunk is whole.
    const head = await openFile(db, 'pg_t', version, 'big.bin', { start: 0, end: CHUNK_SIZE_BYTES + 5 });
    expect((await readAll(head!.stream)).equals(BIG.subarray(0, CHUNK_SIZE_BYTES + 5))).toBe(true);
  });
});

describe('replacing a version', () => {
  it('writes the new version, flips the pointer, then removes every file and chunk of the old one', async () => {
    const db = await freshDb();
    await createPage(db, 'pg_x');
    const v1Site = sampleSite();
    const v1 = await publish(db, 'pg_x', v1Site);
    const v1Ids = (await listFiles(db, 'pg_x', v1)).map((f) => f.fileId);
    expect(await stored(db, v1, v1Ids)).toEqual({ files: 7, chunks: 1 + 1 + 1 + 1 + 5 + 2 + 0 });

    const v2Site: Site = { 'index.html': Buffer.from('<h1>v2</h1>'), 'media/big.bin': randomBytes(MiB + 17), 'new.txt': Buffer.from('new') };
    const writer = await writeSite(db, 'pg_x', v2Site);
    const result = await commitVersion(db, 'pg_x', writer, pointerUpdate(db, 'pg_x', v1));
    expect(result).toMatchObject({ committed: true, versionId: writer.versionId, removedVersions: [v1] });
    const v2 = writer.versionId;

    expect(await currentVersion(db, 'pg_x')).toBe(v2);
    expect(await stored(db, v1, v1Ids)).toEqual({ files: 0, chunks: 0 });
    expect(await versions(db).findOne({ _id: v1 })).toBeNull();
    expect(await listFiles(db, 'pg_x', v1)).toEqual([]);
    expect(await openFile(db, 'pg_x', v1, 'index.html')).toBeNull();
    expect(await readVersion(db, 'pg_x', v2)).toEqual(hashes(v2Site));
    expect((await versions(db).find({ page_id: 'pg_x' }).toArray()).map((v) => [v._id, v.state])).toEqual([[v2, 'live']]);
    // Nothing else is left in the bucket.
    expect(await fileDocs(db).countDocuments({})).toBe(3);
    expect(await chunkDocs(db).countDocuments({})).toBe(1 + 5 + 1);
  });

  it('switches at the pointer update: before it readers get the old site, after it the new one', async () => {
    const db = await freshDb();
    await createPage(db, 'pg_s');
    const oldSite: Site = { 'index.html': Buffer.from('old'), 'a.bin': MID };
    const newSite: Site = { 'index.html': Buffer.from('new'), 'b.bin': randomBytes(300 * KiB) };
    const v1 = await publish(db, 'pg_s', oldSite);
    const writer = await writeSite(db, 'pg_s', newSite);
    const seen: Array<Record<string, string>> = [];
    const update = pointerUpdate(db, 'pg_s', v1);
    const result = await commitVersion(db, 'pg_s', writer, async (versionId) => {
      // Everything of the new version is written and marked complete before anything points at it.
      expect(await versions(db).findOne({ _id: versionId })).toMatchObject({ state: 'complete', file_count: 2 });
      expect(await readVersion(db, 'pg_s', versionId)).toEqual(hashes(newSite));
      seen.push(await readVersion(db, 'pg_s', (await currentVersion(db, 'pg_s'))!));
      const ok = await update(versionId);
      // Switched; the old version is still whole until the update has returned.
      seen.push(await readVersion(db, 'pg_s', (await currentVersion(db, 'pg_s'))!));
      expect(await readVersion(db, 'pg_s', v1)).toEqual(hashes(oldSite));
      return ok;
    });
    expect(result.committed).toBe(true);
    expect(seen).toEqual([hashes(oldSite), hashes(newSite)]);
  });

  it('a concurrent reader always sees exactly one complete version', async () => {
    const db = await freshDb();
    await createPage(db, 'pg_c');
    // Each generation changes every file, and the set of paths too.
    const site = (g: number): Site => ({
      'index.html': Buffer.from(`<h1>generation ${g}</h1>`),
      'app.js': Buffer.from(`console.log(${g});`),
      'data.bin': randomBytes(300 * KiB),
      [`only-in-${g}.txt`]: Buffer.from(`${g}`),
    });
    const expected = new Map<string, Record<string, string>>();
    const first = site(0);
    const v0 = await publish(db, 'pg_c', first);
    expected.set(v0, hashes(first));

    let writing = true;
    // torn: reads during which the page switched (their files may have vanished: counted in missing).
    const stats = { complete: 0, torn: 0, missing: 0, versions: new Set<string>() };
    const reader = async () => {
      const readOnce = async () => {
        const version = (await currentVersion(db, 'pg_c'))!;
        const want = expected.get(version);
        expect(want, `reader saw unknown version ${version}`).toBeDefined();
        const got: Record<string, string> = {};
        let missing = 0;
        for (const file of await listFiles(db, 'pg_c', version)) {
          const opened = await openFile(db, 'pg_c', version, file.path);
          if (!opened) {
            missing++;
            continue;
          }
          let bytes: Buffer;
          try {
            bytes = await readAll(opened.stream);
          } catch (e) {
            // The version was replaced and removed while this stream was open: a missing file, never other bytes.
            expect(String((e as Error).message)).toMatch(/ChunkIsMissing|FileNotFound/);
            missing++;
            continue;
          }
          // Whatever is returned belongs to the version the reader resolved.
          expect(sha256(bytes)).toBe(want![file.path]);
          got[file.path] = sha256(bytes);
        }
        if ((await currentVersion(db, 'pg_c')) === version) {
          // Still current after the reads: the read set is that version, complete.
          expect(missing).toBe(0);
          expect(got).toEqual(want);
          stats.complete++;
          stats.versions.add(version);
        } else {
          stats.torn++;
          stats.missing += missing;
        }
      };
      while (writing) await readOnce();
      await readOnce();
    };

    const writer = async () => {
      try {
        for (let g = 1; g <= 6; g++) {
          const s = site(g);
          const w = await beginVersion(db, 'pg_c');
          expected.set(w.versionId, hashes(s));
          for (const [path, bytes] of Object.entries(s)) await w.add(path, bytes.length > 100 * KiB ? streamOf(bytes) : bytes);
          const result = await commitVersion(db, 'pg_c', w, pointerUpdate(db, 'pg_c', await currentVersion(db, 'pg_c')));
          expect(result.committed).toBe(true);
        }
      } finally {
        writing = false;
      }
    };

    await Promise.all([writer(), reader(), reader(), reader()]);
    expect(stats.complete).toBeGreaterThanOrEqual(3);
    const last = (await currentVersion(db, 'pg_c'))!;
    expect(stats.versions.has(last)).toBe(true);
    expect(await readVersion(db, 'pg_c', last)).toEqual(expected.get(last));
    // Only the final version is left.
    expect(await versions(db).countDocuments({ page_id: 'pg_c' })).toBe(1);
    expect(await fileDocs(db).countDocuments({})).toBe(4);
    expect(await chunkDocs(db).countDocuments({})).toBe(1 + 1 + 2 + 1);
  });

  it('a stream already open on the replaced version yields its own bytes or fails, never other bytes', async () => {
    const db = await freshDb();
    await createPage(db, 'pg_o');
    const oldBig = randomBytes(MiB);
    const v1 = await publish(db, 'pg_o', { 'big.bin': oldBig });
    const opened = await openFile(db, 'pg_o', v1, 'big.bin');
    const iterator = opened!.stream[Symbol.asyncIterator]();
    const firstPiece = Buffer.from((await iterator.next()).value as Uint8Array);
    expect(firstPiece.equals(oldBig.subarray(0, firstPiece.length))).toBe(true);

    await publish(db, 'pg_o', { 'big.bin': randomBytes(MiB) });
    const rest: Buffer[] = [];
    let failure: unknown;
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        rest.push(Buffer.from(next.value as Uint8Array));
      }
    } catch (e) {
      failure = e;
    }
    const got = Buffer.concat([firstPiece, ...rest]);
    if (failure) {
      expect(String((failure as Error).message)).toMatch(/ChunkIsMissing|FileNotFound/);
      expect(got.equals(oldBig.subarray(0, got.length))).toBe(true);
    } else {
      expect(got.equals(oldBig)).toBe(true);
    }
  });

  it('rolls the new version back when the pointer update does not match', async () => {
    const db = await freshDb();
    await createPage(db, 'pg_rb');
    const oldSite = sampleSite();
    const v1 = await publish(db, 'pg_rb', oldSite);
    const writer = await writeSite(db, 'pg_rb', { 'index.html': Buffer.from('lost'), 'big.bin': randomBytes(600 * KiB) });
    const ids = writer.files.map((f) => f.fileId);
    expect(await stored(db, writer.versionId, ids)).toEqual({ files: 2, chunks: 1 + 3 });

    // Someone else changed the page meanwhile: the guarded update matches nothing.
    const result = await commitVersion(db, 'pg_rb', writer, pointerUpdate(db, 'pg_rb', 'not-the-current-version'));
    expect(result).toEqual({ committed: false, versionId: writer.versionId });
    expect(await stored(db, writer.versionId, ids)).toEqual({ files: 0, chunks: 0 });
    expect(await versions(db).findOne({ _id: writer.versionId })).toBeNull();
    expect(await currentVersion(db, 'pg_rb')).toBe(v1);
    expect(await readVersion(db, 'pg_rb', v1)).toEqual(hashes(oldSite));
    await expect(writer.add('late.txt', Buffer.from('x'))).rejects.toThrow(/committed/);
    await expect(writer.abort()).rejects.toThrow(/pointer update/);
  });

  it('when the pointer update fails with an unknown outcome, keeps the version for the sweep to settle', async () => {
    const db = await freshDb();
    await createPage(db, 'pg_u');
    const v1 = await publish(db, 'pg_u', { 'index.html': Buffer.from('one') });

    // Update not applied, then the connection "dropped".
    const notApplied = await writeSite(db, 'pg_u', { 'index.html': Buffer.from('two') });
    await expect(
      commitVersion(db, 'pg_u', notApplied, async () => {
        throw new Error('connection reset');
      }),
    ).rejects.toThrow('connection reset');
    expect(await versions(db).findOne({ _id: notApplied.versionId })).toMatchObject({ state: 'complete' });

    // Update applied, then the reply was lost.
    const applied = await writeSite(db, 'pg_u', { 'index.html': Buffer.from('three') });
    await expect(
      commitVersion(db, 'pg_u', applied, async (v) => {
        await pointerUpdate(db, 'pg_u', v1)(v);
        throw new Error('reply lost');
      }),
    ).rejects.toThrow('reply lost');
    expect(await currentVersion(db, 'pg_u')).toBe(applied.versionId);

    // While both are fresh, the sweep only keeps v1 as history (replaced: live, no longer pointed at).
    expect(await sweepOrphans(db, { olderThanMs: HOUR })).toEqual({ versionsRemoved: 0, filesRemoved: 0, chunksRemoved: 0 });
    expect(await versions(db).findOne({ _id: v1 })).toMatchObject({ state: 'kept' });
    expect(await versions(db).findOne({ _id: notApplied.versionId })).toMatchObject({ state: 'complete' });
    expect(await versions(db).findOne({ _id: applied.versionId })).toMatchObject({ state: 'complete' });
    // Later: the one not pointed at goes, and the current one is recorded live.
    const result = await sweepOrphans(db, { olderThanMs: 0 });
    expect(result).toEqual({ versionsRemoved: 1, filesRemoved: 1, chunksRemoved: 1 });
    expect((await versions(db).find({ page_id: 'pg_u' }).toArray()).map((v) => [v._id, v.state])).toEqual([
      [v1, 'kept'],
      [applied.versionId, 'live'],
    ]);
    expect(await readVersion(db, 'pg_u', applied.versionId)).toEqual({ 'index.html': sha256(Buffer.from('three')) });
  });
});

describe('failed writes', () => {
  it('a source that fails midway leaves nothing visible and no chunks; abort removes the rest', async () => {
    const db = await freshDb();
    await createPage(db, 'pg_f');
    const oldSite: Site = { 'index.html': Buffer.from('still here') };
    const v1 = await publish(db, 'pg_f', oldSite);
    const chunksBefore = await chunkDocs(db).countDocuments({});

    const writer = await beginVersion(db, 'pg_f');
    await writer.add('index.html', Buffer.from('replacement'));
    const failing = Readable.from(
      (async function* () {
        yield randomBytes(200 * KiB);
        yield randomBytes(200 * KiB);
        yield randomBytes(200 * KiB); // two chunks are in the database by now
        throw new Error('disk on fire');
      })(),
    );
    await expect(writer.add('big.bin', failing)).rejects.toThrow('disk on fire');

    // Only the first file exists; the failed file left neither a files document nor chunks.
    expect((await listFiles(db, 'pg_f', writer.versionId)).map((f) => f.path)).toEqual(['index.html']);
    expect(await chunkDocs(db).countDocuments({})).toBe(chunksBefore + 1);
    // The page still serves the old site.
    expect(await currentVersion(db, 'pg_f')).toBe(v1);
    expect(await readVersion(db, 'pg_f', v1)).toEqual(hashes(oldSite));

    // The writer is spent: it can't be committed, only aborted.
    await expect(writer.add('more.txt', Buffer.from('x'))).rejects.toThrow(/failed/);
    await expect(commitVersion(db, 'pg_f', writer, pointerUpdate(db, 'pg_f', v1))).rejects.toThrow(/failed to write/);
    expect(await currentVersion(db, 'pg_f')).toBe(v1);
    await writer.abort();
    await writer.abort();
    expect(await listFiles(db, 'pg_f', writer.versionId)).toEqual([]);
    expect(await versions(db).findOne({ _id: writer.versionId })).toBeNull();
    expect(await chunkDocs(db).countDocuments({})).toBe(chunksBefore);
  });

  it('an upload interrupted by a crash is invisible, and the sweep removes its chunks', async () => {
    const db = await freshDb();
    await createPage(db, 'pg_k');
    const v1 = await publish(db, 'pg_k', { 'index.html': Buffer.from('v1') });
    // The process died while writing a new version: one whole file, and a big one half-way (chunks only).
    const writer = await beginVersion(db, 'pg_k');
    await writer.add('index.html', Buffer.from('v2'));
    const strandedId = new ObjectId();
    await strandedUpload(db, strandedId, 600 * KiB, { pageId: 'pg_k', version: writer.versionId, path: 'big.bin' });
    expect(await chunkDocs(db).countDocuments({ files_id: strandedId })).toBe(2);
    expect(await fileDocs(db).countDocuments({ _id: strandedId })).toBe(0);

    expect(await currentVersion(db, 'pg_k')).toBe(v1);
    expect(await openFile(db, 'pg_k', writer.versionId, 'big.bin')).toBeNull();

    // Young: still possibly in progress, left alone.
    expect(await sweepOrphans(db, { olderThanMs: HOUR })).toEqual({ versionsRemoved: 0, filesRemoved: 0, chunksRemoved: 0 });
    expect(await chunkDocs(db).countDocuments({ files_id: strandedId })).toBe(2);

    const result = await sweepOrphans(db, { olderThanMs: 0 });
    expect(result).toEqual({ versionsRemoved: 1, filesRemoved: 1, chunksRemoved: 1 + 2 });
    expect(await chunkDocs(db).countDocuments({ files_id: strandedId })).toBe(0);
    expect(await versions(db).findOne({ _id: writer.versionId })).toBeNull();
    expect(await readVersion(db, 'pg_k', v1)).toEqual({ 'index.html': sha256(Buffer.from('v1')) });
    // The crashed writer can no longer publish.
    await expect(commitVersion(db, 'pg_k', writer, pointerUpdate(db, 'pg_k', v1))).rejects.toBeInstanceOf(VersionDiscarded);
    expect(await currentVersion(db, 'pg_k')).toBe(v1);
  });

  it('refuses to commit while an add is running, and after the writer was aborted', async () => {
    const db = await freshDb();
    await createPage(db, 'pg_m');
    const writer = await beginVersion(db, 'pg_m');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = Readable.from(
      (async function* () {
        yield Buffer.from('a');
        await gate;
        yield Buffer.from('b');
      })(),
    );
    const pending = writer.add('slow.txt', slow);
    await expect(commitVersion(db, 'pg_m', writer, pointerUpdate(db, 'pg_m', null))).rejects.toThrow(/still running/);
    release();
    expect((await pending).sha256).toBe(sha256(Buffer.from('ab')));
    await expect(commitVersion(db, 'pg_m', writer, pointerUpdate(db, 'pg_m', null))).resolves.toMatchObject({ committed: true });
    await expect(writer.abort()).rejects.toThrow(/pointer update/);

    // Content must be bytes; a bad stream fails the add before anything is written.
    const objects = await beginVersion(db, 'pg_m');
    await expect(objects.add('o.json', Readable.from([{ not: 'bytes' }]))).rejects.toThrow(TypeError);
    expect(await fileDocs(db).countDocuments({ 'metadata.version': objects.versionId })).toBe(0);
    await objects.abort();
    expect(await versions(db).findOne({ _id: objects.versionId })).toBeNull();

    const other = await beginVersion(db, 'pg_m');
    await other.abort();
    await expect(other.add('x.txt', Buffer.from('x'))).rejects.toThrow(/aborted/);
    await expect(commitVersion(db, 'pg_m', other, pointerUpdate(db, 'pg_m', writer.versionId))).rejects.toThrow(/aborted/);
    await expect(commitVersion(db, 'pg_other', await beginVersion(db, 'pg_m'), async () => true)).rejects.toThrow(/belongs to page pg_m/);
  });
});

describe('sweepOrphans', () => {
  it('removes stale and unreferenced versions and loose files and chunks, and nothing current or fresh', async () => {
    const db = await freshDb();
    await createPage(db, 'pg_1');
    await createPage(db, 'pg_2');
    const twoHoursAgo = new Date(Date.now() - 2 * HOUR);

    const current1 = await publish(db, 'pg_1', { 'index.html': Buffer.from('pg_1 live'), 'big.bin': MID });
    const current2 = await publish(db, 'pg_2', { 'index.html': Buffer.from('pg_2 live') });

    // An upload abandoned two hours ago (2 files, 1 + 2 chunks).
    const stale = await writeSite(db, 'pg_1', { 'index.html': Buffer.from('abandoned'), 'big.bin': randomBytes(300 * KiB) });
    await versions(db).updateOne({ _id: stale.versionId }, { $set: { started_at: twoHoursAgo } });
    // An upload in progress right now.
    const fresh = await writeSite(db, 'pg_1', { 'index.html': Buffer.from('in progress') });
    // A commit that stopped after marking complete, long ago, never pointed at (1 file, 1 chunk).
    const stuck = await writeSite(db, 'pg_2', { 'index.html': Buffer.from('stuck') });
    await versions(db).updateOne({ _id: stuck.versionId }, { $set: { state: 'complete', completed_at: twoHoursAgo } });
    // A removal that stopped half-way (1 file, 1 chunk).
    const halfDeleted = await writeSite(db, 'pg_2', { 'gone.txt': Buffer.from('going') });
    await versions(db).updateOne({ _id: halfDeleted.versionId }, { $set: { state: 'deleting', deleting_at: twoHoursAgo } });
    // Files of a version nobody knows (1 file, 1 chunk), and old chunks without any files document.
    const bucket = new GridFSBucket(db, { bucketName: 'page_files', chunkSizeBytes: CHUNK_SIZE_BYTES });
    const unknownVersion = new ObjectId().toHexString();
    await new Promise<void>((resolve, reject) =>
      bucket
        .openUploadStream('x.txt', { metadata: { pageId: 'pg_2', version: unknownVersion, path: 'x.txt', contentType: 'text/plain', sha256: '', size: 3 } })
        .end(Buffer.from('xyz'), () => resolve())
        .on('error', reject),
    );
    const oldLoose = ObjectId.createFromTime(Math.floor(twoHoursAgo.getTime() / 1000));
    await strandedUpload(db, oldLoose, 300 * KiB);
    const youngLoose = new ObjectId();
    await strandedUpload(db, youngLoose, 300 * KiB);

    const result = await sweepOrphans(db, { olderThanMs: HOUR });
    expect(result).toEqual({
      versionsRemoved: 3, // stale, stuck, halfDeleted
      filesRemoved: 2 + 1 + 1 + 1, // ... and the unknown version's file
      chunksRemoved: 3 + 1 + 1 + 1 + 1, // ... and the old loose chunk
    });

    const left = (await versions(db).find({}).sort({ _id: 1 }).toArray()).map((v) => [v._id, v.state]);
    expect(left).toEqual([
      [current1, 'live'],
      [current2, 'live'],
      [fresh.versionId, 'writing'],
    ]);
    expect(await fileDocs(db).countDocuments({ 'metadata.version': unknownVersion })).toBe(0);
    expect(await chunkDocs(db).countDocuments({ files_id: oldLoose })).toBe(0);
    expect(await chunkDocs(db).countDocuments({ files_id: youngLoose })).toBe(1);
    expect(await readVersion(db, 'pg_1', current1)).toEqual({ 'index.html': sha256(Buffer.from('pg_1 live')), 'big.bin': sha256(MID) });
    expect(await readVersion(db, 'pg_2', current2)).toEqual({ 'index.html': sha256(Buffer.from('pg_2 live')) });
    expect(await readVersion(db, 'pg_1', fresh.versionId)).toEqual({ 'index.html': sha256(Buffer.from('in progress')) });

    // The fresh upload still commits, and a second sweep finds nothing more.
    const committed = await commitVersion(db, 'pg_1', fresh, pointerUpdate(db, 'pg_1', current1));
    expect(committed).toMatchObject({ committed: true, removedVersions: [current1] });
    expect(await sweepOrphans(db, { olderThanMs: HOUR })).toEqual({ versionsRemoved: 0, filesRemoved: 0, chunksRemoved: 0 });
  });

  it('keeps the version a replacement left live as history, and records a switched but unrecorded commit', async () => {
    const db = await freshDb();
    await createPage(db, 'pg_i');
    const v1 = await publish(db, 'pg_i', { 'index.html': Buffer.from('one') });
    // Crash right after the pointer update: v2 is current, still 'complete'; v1 still 'live'.
    const v2 = await writeSite(db, 'pg_i', { 'index.html': Buffer.from('two') });
    await versions(db).updateOne({ _id: v2.versionId }, { $set: { state: 'complete', completed_at: new Date(Date.now() - 2 * HOUR) } });
    await pointerUpdate(db, 'pg_i', v1)(v2.versionId);

    const result = await sweepOrphans(db, { olderThanMs: HOUR });
    expect(result).toEqual({ versionsRemoved: 0, filesRemoved: 0, chunksRemoved: 0 });
    expect((await versions(db).find({}).toArray()).map((v) => [v._id, v.state])).toEqual([
      [v1, 'kept'],
      [v2.versionId, 'live'],
    ]);
    expect(await readVersion(db, 'pg_i', v2.versionId)).toEqual({ 'index.html': sha256(Buffer.from('two')) });
  });

  it('validates its option', async () => {
    const db = await freshDb();
    await expect(sweepOrphans(db, { olderThanMs: -1 })).rejects.toThrow(TypeError);
    await expect(sweepOrphans(db, { olderThanMs: Number.NaN })).rejects.toThrow(TypeError);
    expect(await sweepOrphans(db, { olderThanMs: 0 })).toEqual({ versionsRemoved: 0, filesRemoved: 0, chunksRemoved: 0 });
  });
});

describe('deleteAllVersions', () => {
  it("removes every version, file and chunk of the page, and nothing of another page's", async () => {
    const db = await freshDb();
    await createPage(db, 'pg_del');
    await createPage(db, 'pg_keep');
    const keepSite: Site = { 'index.html': Buffer.from('keep'), 'big.bin': BIG };
    const keep = await publish(db, 'pg_keep', keepSite);
    const keepIds = (await listFiles(db, 'pg_keep', keep)).map((f) => f.fileId);

    await publish(db, 'pg_del', sampleSite());
    const inProgress = await writeSite(db, 'pg_del', { 'index.html': Buffer.from('draft'), 'mid.bin': MID });
    expect(await fileDocs(db).countDocuments({ 'metadata.pageId': 'pg_del' })).toBe(9);

    await pages(db).deleteOne({ _id: 'pg_del' });
    await deleteAllVersions(db, 'pg_del');
    expect(await fileDocs(db).countDocuments({ 'metadata.pageId': 'pg_del' })).toBe(0);
    expect(await versions(db).countDocuments({ page_id: 'pg_del' })).toBe(0);
    expect(await fileDocs(db).countDocuments({})).toBe(2);
    expect(await chunkDocs(db).countDocuments({})).toBe(1 + 5);
    expect(await stored(db, keep, keepIds)).toEqual({ files: 2, chunks: 6 });
    expect(await readVersion(db, 'pg_keep', keep)).toEqual(hashes(keepSite));
    // The upload that was running can't be published into the deleted page.
    await expect(commitVersion(db, 'pg_del', inProgress, async () => true)).rejects.toBeInstanceOf(VersionDiscarded);
    expect(await sweepOrphans(db, { olderThanMs: 0 })).toEqual({ versionsRemoved: 0, filesRemoved: 0, chunksRemoved: 0 });
  });
});
