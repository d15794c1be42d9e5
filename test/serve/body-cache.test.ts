// The body cache of large files (body-cache.ts) and how they are sent (body-sender.ts):
//  - on its own, in a temp folder: only bytes that hash to their name are kept, files are 0600 in a 0700 folder,
//    a copy is made from a request's stream (once; not from a request that stops early),
//    the folder stays under its bound (entries written by another instance included), a body being read survives
//    the eviction of its entry;
//  - against a real Outpost on 127.0.0.1: a large file is served byte-exact from GridFS first, then from its copy
//    (whole on the fast path, ranges through hapi); a replaced file is never served with the old bytes; a page made
//    private is not served from the cache to a visitor without access.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_CACHE_DIR, BodyCache } from '../../src/serve/body-cache.ts';
import { fastPathStats } from '../../src/serve/fast-path.ts';
import type { StoredFile } from '../../src/pages/file-versions.ts';
import { startTwoUserOutpost, type TestOutpost } from '../support/outpost.ts';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const storedFile = (bytes: Buffer): StoredFile => ({
  path: 'x.bin',
  size: bytes.length,
  sha256: sha256(bytes),
  contentType: 'application/octet-stream',
  fileId: new ObjectId(),
});

function readBody(fd: number, size: number): Buffer {
  const out = Buffer.alloc(size);
  fs.readSync(fd, out, 0, size, 0);
  return out;
}

describe('the body cache on its own', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-body-cache-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps only bytes that hash to their name, private, and hands out open descriptors on them', async () => {
    const folder = path.join(dir, 'a');
    const cache = new BodyCache(folder, 1024 * 1024);
    expect(await cache.ready()).toBe(true);
    const good = randomBytes(1000);
    const file = storedFile(good);
    cache.fill(file, () => Readable.from([good]));
    // A record whose hash doesn't match what the stream delivers is refused.
    const liar = { ...storedFile(randomBytes(1000)) };
    cache.fill(liar, () => Readable.from([randomBytes(1000)]));
    await cache.idle();
    expect(fs.readdirSync(folder)).toEqual([file.sha256]);
    expect(fs.statSync(folder).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(folder, file.sha256)).mode & 0o777).toBe(0o600);
    expect(await cache.openBody(liar)).toBeUndefined();
    // The size must match the record's too.
    expect(await cache.openBody({ ...file, size: 999 })).toBeUndefined();
    const body = (await cache.openBody(file))!;
    expect(readBody(body.fd, body.size).equals(good)).toBe(true);
    body.release();
    const peeked = cache.peek(file)!;
    expect(readBody(peeked.fd, peeked.size).equals(good)).toBe(true);
    peeked.release();
    cache.close();
  });

  it('checks an entry it did not write (a previous run, another instance) before sending it, and drops a wrong one', async () => {
    const folder = path.join(dir, 'b');
    fs.mkdirSync(folder, { mode: 0o700 });
    const good = randomBytes(2000);
    const bad = randomBytes(2000);
    fs.writeFileSync(path.join(folder, sha256(good)), good, { mode: 0o600 });
    const badFile = storedFile(bad);
    fs.writeFileSync(path.join(folder, badFile.sha256), randomBytes(2000), { mode: 0o600 });
    const cache = new BodyCache(folder, 1024 * 1024);
    await cache.ready();
    expect(await cache.openBody(storedFile(good))).toBeUndefined();
    expect(await cache.openBody(badFile)).toBeUndefined();
    await cache.idle();
    const body = (await cache.openBody(storedFile(good)))!;
    expect(readBody(body.fd, body.size).equals(good)).toBe(true);
    body.release();
    expect(await cache.openBody(badFile)).toBeUndefined();
    expect(fs.existsSync(path.join(folder, badFile.sha256))).toBe(false);
    cache.close();
  });

  it("copies a file from a request's stream on the way, once, and drops the copy of a request that stops early", async () => {
    const folder = path.join(dir, 'tee');
    const cache = new BodyCache(folder, 64 * 1024 * 1024);
    expect(await cache.ready()).toBe(true);
    const bytes = randomBytes(1024 * 1024);
    const file = storedFile(bytes);
    const chunks = (b: Buffer) => Array.from({ length: Math.ceil(b.length / 65536) }, (_, i) => b.subarray(i * 65536, (i + 1) * 65536));

    // The request stops after its first chunk: nothing is kept, no temporary file is left.
    const stopped = cache.sendAndKeep(file, Readable.from(chunks(bytes)));
    for await (const _ of stopped) break;
    await cache.idle();
    expect(fs.readdirSync(folder)).toEqual([]);

    // A whole read: the request gets every byte, the copy is kept; a second request meanwhile is not copied twice.
    const source = Readable.from(chunks(bytes));
    const sent = cache.sendAndKeep(file, source);
    const second = Readable.from([bytes]);
    expect(cache.sendAndKeep(file, second)).toBe(second);
    const received: Buffer[] = [];
    for await (const chunk of sent) received.push(chunk as Buffer);
    expect(Buffer.concat(received).equals(bytes)).toBe(true);
    await cache.idle();
    expect(fs.readdirSync(folder)).toEqual([file.sha256]);
    const body = (await cache.openBody(file))!;
    expect(readBody(body.fd, body.size).equals(bytes)).toBe(true);
    body.release();

    // Bytes that don't hash to the record's name are sent as they are, and not kept.
    const liar = storedFile(randomBytes(1000));
    const other = randomBytes(1000);
    const passed: Buffer[] = [];
    for await (const chunk of cache.sendAndKeep(liar, Readable.from([other]))) passed.push(chunk as Buffer);
    expect(Buffer.concat(passed).equals(other)).toBe(true);
    await cache.idle();
    expect(fs.readdirSync(folder)).toEqual([file.sha256]);
    cache.close();
  });

  it('stays under its bound, counting entries another instance wrote, and a body being read outlives its eviction', async () => {
    const folder = path.join(dir, 'c');
    const cache = new BodyCache(folder, 40_000);
    await cache.ready();
    const first = randomBytes(10_000);
    cache.fill(storedFile(first), () => Readable.from([first]));
    await cache.idle();
    const reading = (await cache.openBody(storedFile(first)))!;
    // Another instance's entry.
    const theirs = randomBytes(10_000);
    fs.writeFileSync(path.join(folder, sha256(theirs)), theirs, { mode: 0o600 });
    for (let i = 0; i < 3; i++) {
      const more = randomBytes(10_000);
      cache.fill(storedFile(more), () => Readable.from([more]));
      await cache.idle();
    }
    const total = fs.readdirSync(folder).reduce((sum, name) => sum + fs.statSync(path.join(folder, name)).size, 0);
    expect(total).toBeLessThanOrEqual(40_000);
    // Another instance's entry, never used here, goes first; then the least recently used.
    expect(fs.existsSync(path.join(folder, sha256(theirs)))).toBe(false);
    for (let i = 0; i < 4 && fs.existsSync(path.join(folder, sha256(first))); i++) {
      const more = randomBytes(10_000);
      cache.fill(storedFile(more), () => Readable.from([more]));
      await cache.idle();
    }
    expect(fs.existsSync(path.join(folder, sha256(first)))).toBe(false);
    expect(readBody(reading.fd, reading.size).equals(first)).toBe(true);
    reading.release();
    // Over a quarter of the bound: not kept at all.
    const big = randomBytes(10_001);
    cache.fill(storedFile(big), () => Readable.from([big]));
    await cache.idle();
    expect(fs.existsSync(path.join(folder, sha256(big)))).toBe(false);
    cache.close();
  });
});

describe('large files served through the body cache', () => {
  let outpost: TestOutpost;
  let alice: string;
  let cacheDir: string;
  const LARGE = 3 * 1024 * 1024;

  beforeAll(async () => {
    ({ outpost, alice } = await startTwoUserOutpost({ UPLOAD_LIMIT_MB: '16' }));
    cacheDir = path.join(outpost.app.config.dataDir, BODY_CACHE_DIR);
  });
  afterAll(() => outpost?.stop());

  const createPage = async (bytes: Buffer) => {
    const res = await outpost.api('/api/pages', {
      token: alice,
      body: {
        visibility: 'public',
        files: [
          { path: 'index.html', content: '<p>hi</p>' },
          { path: 'big.bin', content: bytes.toString('base64'), encoding: 'base64' },
        ],
      },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await fetch(new URL(url, outpost.url), { headers, redirect: 'manual' });
    return { res, body: Buffer.from(await res.arrayBuffer()) };
  };
  const waitForEntry = async (sha: string) => {
    for (let i = 0; i < 200 && !fs.existsSync(path.join(cacheDir, sha)); i++) await new Promise((r) => setTimeout(r, 25));
    expect(fs.existsSync(path.join(cacheDir, sha))).toBe(true);
  };

  it('serves a large file byte-exact before and after its copy is made, whole (fast path) and in ranges', async () => {
    const bytes = randomBytes(LARGE);
    const id = await createPage(bytes);
    const first = await get(`/p/${id}/big.bin`);
    expect(first.res.status).toBe(200);
    expect(first.body.equals(bytes)).toBe(true);
    await waitForEntry(sha256(bytes));
    // Through hapi (opens the descriptor), then on the fast path.
    const before = fastPathStats(outpost.server)!.served;
    for (let i = 0; i < 3; i++) {
      const again = await get(`/p/${id}/big.bin`);
      expect(again.res.status).toBe(200);
      expect(again.res.headers.get('content-security-policy')).toMatch(/^sandbox /);
      expect(again.res.headers.get('etag')).toBe(`"${sha256(bytes)}"`);
      expect(again.body.equals(bytes)).toBe(true);
    }
    expect(fastPathStats(outpost.server)!.served).toBeGreaterThan(before);
    const range = await get(`/p/${id}/big.bin`, { range: 'bytes=1000000-2999999' });
    expect(range.res.status).toBe(206);
    expect(range.res.headers.get('content-range')).toBe(`bytes 1000000-2999999/${LARGE}`);
    expect(range.body.equals(bytes.subarray(1_000_000, 3_000_000))).toBe(true);
  });

  it('never sends the old bytes of a replaced file, nor a page made private to a visitor without access', async () => {
    const bytes = randomBytes(LARGE);
    const id = await createPage(bytes);
    await get(`/p/${id}/big.bin`);
    await waitForEntry(sha256(bytes));
    await get(`/p/${id}/big.bin`);
    const replacement = randomBytes(LARGE);
    const replaced = await outpost.api(`/api/pages/${id}/files`, {
      token: alice,
      body: {
        files: [
          { path: 'index.html', content: '<p>new</p>' },
          { path: 'big.bin', content: replacement.toString('base64'), encoding: 'base64' },
        ],
      },
    });
    expect(replaced.status).toBe(200);
    const now = await get(`/p/${id}/big.bin`);
    expect(now.body.equals(replacement)).toBe(true);
    await waitForEntry(sha256(replacement));
    await get(`/p/${id}/big.bin`);
    expect((await outpost.api(`/api/pages/${id}`, { method: 'PATCH', token: alice, body: { visibility: 'private' } })).status).toBe(200);
    const refused = await get(`/p/${id}/big.bin`);
    expect(refused.res.status).not.toBe(200);
    expect(refused.body.includes(replacement.subarray(0, 64))).toBe(false);
  });
});
