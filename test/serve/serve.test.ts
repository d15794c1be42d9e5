// Serving pages at /p/: a real Outpost on 127.0.0.1 (in-memory engine), pages written straight into the
// database with the file store, raw HTTP requests (node:http, so nothing is decoded or followed for us).
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from 'mongodb';
import { beginVersion, commitVersion, ensureFileIndexes, type PageFileDoc } from '../../src/pages/file-store.ts';
import { pageChanged } from '../../src/pages/page-changes.ts';
import { ContentCache } from '../../src/serve/caches.ts';
import { byteRange, matchIfNoneMatch, negotiateEncoding } from '../../src/serve/request-headers.ts';
import { PAGE_CSP } from '../../src/serve/sandbox.ts';
import { startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { rawRequest } from '../support/raw-http.ts';

let outpost: TestOutpost;

beforeAll(async () => {
  outpost = await startTestOutpost();
  await ensureFileIndexes(outpost.app.db);
});
afterAll(async () => {
  await outpost?.stop();
});

const KiB = 1024;
const MiB = 1024 * KiB;
const UPDATED_AT = new Date('2025-03-04T05:06:07.000Z');

const db = (): Db => outpost.app.db;
const pages = () => db().collection<{ _id: string } & Record<string, unknown>>('pages');
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const newPageId = () => Array.from({ length: 8 }, () => BASE62[randomInt(62)]).join('');

type Files = Record<string, string | Buffer>;

/** Inserts a page document (public by default), then publishes `files` as its first version. */
async function createPage(files: Files, fields: Record<string, unknown> = {}): Promise<string> {
  const id = newPageId();
  await pages().insertOne({
    _id: id,
    owner_id: 'user-1',
    name: 'Test page',
    visibility: 'public',
    default_file: 'index.html',
    current_version: null,
    passcodes: [],
    allowed_emails: [],
    size: 0,
    file_count: 0,
    created_at: UPDATED_AT,
    updated_at: UPDATED_AT,
    ...fields,
  });
  await publish(id, files, null);
  return id;
}

/**
 * Writes a new version and flips the page to it (from `previous`), as the pages module does — including telling
 * the serving caches right after the flip (without that, this server would notice within PAGE_TTL_MS, as
 * another instance sharing the database does: caches.test.ts).
 */
async function publish(id: string, files: Files, previous: string | null, updatedAt = UPDATED_AT): Promise<string> {
  const writer = await beginVersion(db(), id);
  for (const [path, content] of Object.entries(files)) await writer.add(path, typeof content === 'string' ? Buffer.from(content) : content);
  const result = await commitVersion(db(), id, writer, async (v) => {
    const flipped =
      (await pages().updateOne({ _id: id, current_version: previous }, { $set: { current_version: v, updated_at: updatedAt } })).modifiedCount === 1;
    pageChanged({ pageId: id, ownerId: 'u', kind: 'updated' });
    return flipped;
  });
  expect(result.committed).toBe(true);
  return result.versionId;
}

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One raw HTTP request: no decompression, no redirects followed, no Accept-Encoding unless given. */
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Res> {
  return rawRequest(outpost.url, path, { method, headers });
}

const head = (path: string, headers: Record<string, string> = {}) => get(path, headers, 'HEAD');

/** The headers every /p/ response carries. */
function expectSandboxed(res: Res, { xframe = false } = {}): void {
  expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
  expect(res.headers['content-security-policy']).not.toContain('allow-same-origin');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['set-cookie']).toBeUndefined();
  if (!xframe) expect(res.headers['x-frame-options']).toBeUndefined();
}

function expectHtmlError(res: Res, status: number, text: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(res.body.toString()).toContain(text);
  expect(res.body.length).toBeLessThan(1024);
}

const INDEX = '<!doctype html><title>Home</title><h1>Home</h1>';
/** Text big enough to be compressed, small enough for the cache. */
const APP_JS = Array.from({ length: 2000 }, (_, i) => `export const value${i} = ${i} * 2; // some code\n`).join('');
/** Text larger than the cache's per-file limit: streamed and compressed on the fly. */
const BIG_TXT = Array.from({ length: 40000 }, (_, i) => `line ${i}: the quick brown fox jumps over the lazy dog\n`).join('');
const LOGO = randomBytes(3000);
const DATA = randomBytes(MiB);

describe('routing', () => {
  let id: string;
  beforeAll(async () => {
    id = await createPage({
      'index.html': INDEX,
      'about.html': '<h1>About</h1>',
      'assets/css/site.css': 'body { color: red }',
      'docs/index.html': '<h1>Docs</h1>',
      'docs/guide/index.html': '<h1>Guide</h1>',
      'café.txt': 'coffee',
      'empty.txt': '',
    });
  });

  it('redirects /p/{id} to /p/{id}/, keeping the query string', async () => {
    const res = await get(`/p/${id}?utm=1&b=2`);
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(`/p/${id}/?utm=1&b=2`);
    expectSandboxed(res);
    const plain = await get(`/p/${id}`);
    expect(plain.status).toBe(301);
    expect(plain.headers.location).toBe(`/p/${id}/`);
    expect((await head(`/p/${id}`)).status).toBe(301);
  });

  it('serves index.html at the root', async () => {
    const res = await get(`/p/${id}/`);
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe(INDEX);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(INDEX)));
    expect(res.headers['x-request-id']).toBeTruthy();
    expectSandboxed(res);
  });

  it('serves nested paths, percent-encoded and non-ASCII names (NFC or not)', async () => {
    expect((await get(`/p/${id}/about.html`)).body.toString()).toBe('<h1>About</h1>');
    const css = await get(`/p/${id}/assets/css/site.css`);
    expect(css.status).toBe(200);
    expect(css.body.toString()).toBe('body { color: red }');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get(`/p/${id}/assets%2Fcss%2Fsite.css`)).body.toString()).toBe('body { color: red }');
    expect((await get(`/p/${id}/caf%C3%A9.txt`)).body.toString()).toBe('coffee');
    expect((await get(`/p/${id}/cafe%CC%81.txt`)).body.toString()).toBe('coffee'); // NFD
  });

  it('serves a directory path from its index.html, and redirects the path without its slash', async () => {
    expect((await get(`/p/${id}/docs/`)).body.toString()).toBe('<h1>Docs</h1>');
    expect((await get(`/p/${id}/docs/guide/`)).body.toString()).toBe('<h1>Guide</h1>');
    const res = await get(`/p/${id}/docs/guide?x=1`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(`/p/${id}/docs/guide/?x=1`);
    expectSandboxed(res);
  });

  it('falls back to the default file for unknown paths without an extension', async () => {
    for (const path of ['dashboard', 'users/42/settings', 'nothing-here/', '.well-known']) {
      const res = await get(`/p/${id}/${path}`);
      expect(res.status, path).toBe(200);
      expect(res.body.toString(), path).toBe(INDEX);
      expect(res.headers.etag).toBe(`"${sha256(INDEX)}"`);
    }
  });

  it('answers 404 with a small HTML page for unknown paths with an extension', async () => {
    for (const path of ['missing.png', 'assets/app.js', 'docs/missing.html', 'about.html/x.css']) {
      const res = await get(`/p/${id}/${path}`);
      expectHtmlError(res, 404, 'nothing at this address');
      expectSandboxed(res);
      expect(res.headers.etag).toBeUndefined();
      // The page's own scripts run in an opaque origin: they read this 404 as a 404, not as a CORS failure.
      expect(res.headers['access-control-allow-origin']).toBe('*');
    }
  });

  it('answers 404 for unknown pages, invalid ids and /p/ itself', async () => {
    for (const path of [`/p/${newPageId()}/`, `/p/${newPageId()}/index.html`, '/p/bad%20id/', '/p/a.b/index.html']) {
      const res = await get(path);
      expectHtmlError(res, 404, 'There is no page at this address');
      expectSandboxed(res);
      expect(res.headers['access-control-allow-origin'], 'no page: nothing to read').toBeUndefined();
    }
    // No route matches these: hapi's own 404, still an HTML page in the sandbox (hapi adds its X-Frame-Options).
    for (const path of ['/p/', '/p', '/p//x']) {
      const res = await get(path);
      expectHtmlError(res, 404, 'There is no page at this address');
      expectSandboxed(res, { xframe: true });
    }
    const malformed = await get(`/p/${id}/%E0%A4%A`);
    expectHtmlError(malformed, 400, 'Bad request');
    expectSandboxed(malformed, { xframe: true });
  });

  it('answers 404 for a page without content yet', async () => {
    const empty = newPageId();
    await pages().insertOne({ _id: empty, visibility: 'public', default_file: 'index.html', current_version: null, passcodes: [], allowed_emails: [] });
    const res = await get(`/p/${empty}/`);
    expectHtmlError(res, 404, 'no content yet');
    expectSandboxed(res);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('never leaves the page: traversal in the path finds nothing of another page', async () => {
    const other = await createPage({ 'secret.txt': 'other page secret' });
    for (const path of [`..%2F${other}%2Fsecret.txt`, `..%2F..%2Fp%2F${other}%2Fsecret.txt`, `%2F${other}%2Fsecret.txt`]) {
      const res = await get(`/p/${id}/${path}`);
      expect(res.status, path).toBe(404);
      expect(res.body.toString()).not.toContain('other page secret');
    }
  });

  it('serves an empty file as 200 with no body', async () => {
    const res = await get(`/p/${id}/empty.txt`);
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe('0');
    expect(res.body.length).toBe(0);
    expect(res.headers.etag).toBe(`"${sha256('')}"`);
  });
});

describe('a single-page app without index.html', () => {
  it('serves the default file at the root, for folders and for client routes', async () => {
    const app = '<!doctype html><div id="app"></div>';
    const id = await createPage({ 'app.html': app, 'main.js': 'start()' }, { default_file: 'app.html' });
    for (const path of ['', 'dashboard', 'dashboard/', 'a/b/c']) {
      const res = await get(`/p/${id}/${path}`);
      expect(res.status, path).toBe(200);
      expect(res.body.toString(), path).toBe(app);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    }
    expect((await get(`/p/${id}/main.js`)).body.toString()).toBe('start()');
    expect((await get(`/p/${id}/chunk-1.js`)).status).toBe(404);
  });
});

describe('headers', () => {
  let id: string;
  beforeAll(async () => {
    id = await createPage({
      'index.html': INDEX,
      'a.css': 'a{}',
      'a.js': 'let a',
      'a.mjs': 'let a',
      'a.json': '{}',
      'a.svg': '<svg/>',
      'a.png': LOGO,
      'a.woff2': 'font',
      'a.wasm': 'wasm',
      'a.xyz': 'unknown',
      LICENSE: 'MIT',
      'a.HTML': '<p>upper</p>',
    });
  });

  it('sends the Content-Type of the allow-list (unknown → application/octet-stream) with nosniff', async () => {
    const expected: Record<string, string> = {
      'a.css': 'text/css; charset=utf-8',
      'a.js': 'text/javascript; charset=utf-8',
      'a.mjs': 'text/javascript; charset=utf-8',
      'a.json': 'application/json; charset=utf-8',
      'a.svg': 'image/svg+xml; charset=utf-8',
      'a.png': 'image/png',
      'a.woff2': 'font/woff2',
      'a.wasm': 'application/wasm',
      'a.xyz': 'application/octet-stream',
      LICENSE: 'application/octet-stream',
      'a.HTML': 'text/html; charset=utf-8',
    };
    for (const [path, type] of Object.entries(expected)) {
      const res = await get(`/p/${id}/${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type'], path).toBe(type);
      expectSandboxed(res);
    }
    expect((await get(`/p/${id}/a.png`)).body.equals(LOGO)).toBe(true);
  });

  it('sends a strong ETag (the SHA-256), Last-Modified, Cache-Control: no-cache and Accept-Ranges', async () => {
    const res = await get(`/p/${id}/a.png`);
    expect(res.headers.etag).toBe(`"${sha256(LOGO)}"`);
    expect(res.headers['last-modified']).toBe(UPDATED_AT.toUTCString());
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers.vary).toBeUndefined(); // not a text type: never compressed
  });

  it('answers If-None-Match with 304 (single tag, lists, weak form, *), and 200 otherwise', async () => {
    const etag = `"${sha256(LOGO)}"`;
    for (const inm of [etag, `"nope", ${etag}`, `W/${etag}`, '*', `"a","b",${etag}`]) {
      const res = await get(`/p/${id}/a.png`, { 'if-none-match': inm });
      expect(res.status, inm).toBe(304);
      expect(res.body.length).toBe(0);
      expect(res.headers.etag).toBe(etag);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['last-modified']).toBe(UPDATED_AT.toUTCString());
      expectSandboxed(res);
    }
    const other = await get(`/p/${id}/a.png`, { 'if-none-match': `"${sha256('something else')}"` });
    expect(other.status).toBe(200);
    expect(other.body.equals(LOGO)).toBe(true);
    // The ETag of one file doesn't validate another.
    expect((await get(`/p/${id}/a.css`, { 'if-none-match': etag })).status).toBe(200);
  });

  it('answers If-Modified-Since (only without If-None-Match)', async () => {
    const later = new Date(UPDATED_AT.getTime() + 1000).toUTCString();
    const earlier = new Date(UPDATED_AT.getTime() - 1000).toUTCString();
    expect((await get(`/p/${id}/a.png`, { 'if-modified-since': UPDATED_AT.toUTCString() })).status).toBe(304);
    expect((await get(`/p/${id}/a.png`, { 'if-modified-since': later })).status).toBe(304);
    expect((await get(`/p/${id}/a.png`, { 'if-modified-since': earlier })).status).toBe(200);
    expect((await get(`/p/${id}/a.png`, { 'if-modified-since': later, 'if-none-match': '"other"' })).status).toBe(200);
    expect((await get(`/p/${id}/a.png`, { 'if-modified-since': 'not a date' })).status).toBe(200);
  });

  it('answers HEAD with the GET headers and no body', async () => {
    const res = await head(`/p/${id}/a.png`);
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(0);
    expect(res.headers['content-length']).toBe(String(LOGO.length));
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers.etag).toBe(`"${sha256(LOGO)}"`);
    expectSandboxed(res);
    expect((await head(`/p/${id}/a.png`, { 'if-none-match': `"${sha256(LOGO)}"` })).status).toBe(304);
    const missing = await head(`/p/${id}/missing.png`);
    expect(missing.status).toBe(404);
    expect(missing.body.length).toBe(0);
  });
});

describe('byte ranges', () => {
  let id: string;
  beforeAll(async () => {
    id = await createPage({ 'index.html': INDEX, 'logo.png': LOGO, 'data.bin': DATA, 'big.txt': BIG_TXT });
  });

  const cases: [string, (size: number) => [number, number]][] = [
    ['bytes=0-99', () => [0, 99]],
    ['bytes=100-100', () => [100, 100]],
    ['bytes=2000-', (size) => [2000, size - 1]],
    ['bytes=-500', (size) => [size - 500, size - 1]],
    ['bytes=10-99999999', (size) => [10, size - 1]],
    ['bytes=0-99999999999999999999999', (size) => [0, size - 1]],
    ['bytes=-99999999', (size) => [0, size - 1]],
    ['bytes=261000-522500', () => [261000, 522500]], // across GridFS chunk boundaries (255 KiB)
    ['BYTES=5-9', () => [5, 9]],
  ];

  it('serves a-b, a- and -n byte-exact with 206 and Content-Range (cached small file and streamed large file)', async () => {
    for (const [path, content] of [
      ['logo.png', LOGO],
      ['data.bin', DATA],
    ] as const) {
      for (const [range, expected] of cases) {
        const [first, last] = expected(content.length);
        if (first >= content.length) continue;
        const res = await get(`/p/${id}/${path}`, { range });
        expect(res.status, `${path} ${range}`).toBe(206);
        expect(res.headers['content-range']).toBe(`bytes ${first}-${Math.min(last, content.length - 1)}/${content.length}`);
        const want = content.subarray(first, Math.min(last, content.length - 1) + 1);
        expect(res.headers['content-length']).toBe(String(want.length));
        expect(res.body.equals(want), `${path} ${range}`).toBe(true);
        expect(res.headers.etag).toBe(`"${sha256(content)}"`);
        expectSandboxed(res);
      }
    }
  });

  it('answers 416 with Content-Range: bytes */size for unsatisfiable ranges', async () => {
    for (const range of ['bytes=3000-', 'bytes=5000-6000', 'bytes=-0', 'bytes=99999999999999999999-']) {
      const res = await get(`/p/${id}/logo.png`, { range });
      expect(res.status, range).toBe(416);
      expect(res.headers['content-range']).toBe(`bytes */${LOGO.length}`);
      expectSandboxed(res);
    }
    const big = await get(`/p/${id}/data.bin`, { range: `bytes=${MiB}-` });
    expect(big.status).toBe(416);
    expect(big.headers['content-range']).toBe(`bytes */${MiB}`);
  });

  it('serves the whole file for several ranges, other units, bad syntax, and HEAD', async () => {
    for (const range of ['bytes=0-1,5-6', 'bytes=0-1, -5', 'items=0-1', 'bytes=9-2', 'bytes=abc', 'bytes=-']) {
      const res = await get(`/p/${id}/logo.png`, { range });
      expect(res.status, range).toBe(200);
      expect(res.body.equals(LOGO), range).toBe(true);
      expect(res.headers['content-range']).toBeUndefined();
    }
    const headRes = await head(`/p/${id}/logo.png`, { range: 'bytes=0-9' });
    expect(headRes.status).toBe(200);
    expect(headRes.headers['content-length']).toBe(String(LOGO.length));
  });

  it('honours If-Range: the matching ETag gets the range, anything else the whole file', async () => {
    const etag = `"${sha256(LOGO)}"`;
    const match = await get(`/p/${id}/logo.png`, { range: 'bytes=0-9', 'if-range': etag });
    expect(match.status).toBe(206);
    expect(match.body.equals(LOGO.subarray(0, 10))).toBe(true);
    for (const ifRange of [`"${sha256('old')}"`, `W/${etag}`, UPDATED_AT.toUTCString()]) {
      const res = await get(`/p/${id}/logo.png`, { range: 'bytes=0-9', 'if-range': ifRange });
      expect(res.status, ifRange).toBe(200);
      expect(res.body.equals(LOGO)).toBe(true);
    }
    const bigMismatch = await get(`/p/${id}/data.bin`, { range: 'bytes=0-9', 'if-range': '"stale"' });
    expect(bigMismatch.status).toBe(200);
    expect(sha256(bigMismatch.body)).toBe(sha256(DATA));
  });

  it('serves a 1 MiB binary file byte-exact, whole and in ranges', async () => {
    const whole = await get(`/p/${id}/data.bin`);
    expect(whole.status).toBe(200);
    expect(whole.headers['content-length']).toBe(String(MiB));
    expect(whole.headers['content-type']).toBe('application/octet-stream');
    expect(whole.body.length).toBe(MiB);
    expect(sha256(whole.body)).toBe(sha256(DATA));
    // Reassembled from ranges.
    const parts: Buffer[] = [];
    for (let start = 0; start < MiB; start += 300 * KiB) {
      const end = Math.min(start + 300 * KiB, MiB) - 1;
      const res = await get(`/p/${id}/data.bin`, { range: `bytes=${start}-${end}` });
      expect(res.status).toBe(206);
      parts.push(res.body);
    }
    expect(Buffer.concat(parts).equals(DATA)).toBe(true);
    // Even when the client would accept compression: ranges and binaries are sent as they are.
    const ranged = await get(`/p/${id}/big.txt`, { range: 'bytes=100-199', 'accept-encoding': 'br, gzip' });
    expect(ranged.status).toBe(206);
    expect(ranged.headers['content-encoding']).toBeUndefined();
    expect(ranged.body.toString()).toBe(BIG_TXT.slice(100, 200));
    const binary = await get(`/p/${id}/data.bin`, { 'accept-encoding': 'br, gzip' });
    expect(binary.headers['content-encoding']).toBeUndefined();
    expect(binary.body.equals(DATA)).toBe(true);
  });
});

describe('compression', () => {
  let id: string;
  beforeAll(async () => {
    id = await createPage({ 'index.html': INDEX, 'app.js': APP_JS, 'big.txt': BIG_TXT, 'logo.png': LOGO });
  });

  const decode = (res: Res) => {
    const encoding = res.headers['content-encoding'];
    if (encoding === 'br') return zlib.brotliDecompressSync(res.body);
    if (encoding === 'gzip') return zlib.gunzipSync(res.body);
    return res.body;
  };

  it('sends br or gzip for text types, decoding to the exact bytes, with Vary and an ETag per coding', async () => {
    for (const [path, content] of [
      ['app.js', APP_JS],
      ['big.txt', BIG_TXT],
    ] as const) {
      const sha = sha256(content);
      for (const [accept, coding] of [
        ['br', 'br'],
        ['gzip', 'gzip'],
        ['gzip, deflate, br', 'br'],
        ['br;q=0.5, gzip', 'gzip'],
        ['br;q=0, gzip;q=0.1', 'gzip'],
        ['*', 'br'],
      ] as const) {
        const res = await get(`/p/${id}/${path}`, { 'accept-encoding': accept });
        expect(res.status).toBe(200);
        expect(res.headers['content-encoding'], `${path} ${accept}`).toBe(coding);
        expect(res.headers.vary?.toLowerCase()).toContain('accept-encoding');
        expect(res.headers.etag).toBe(`"${sha}-${coding}"`);
        expect(res.body.length).toBeLessThan(Buffer.byteLength(content) / 2);
        expect(decode(res).toString(), `${path} ${accept}`).toBe(content);
        expectSandboxed(res);
      }
      // No compression accepted: the bytes as they are, with the plain ETag.
      for (const accept of ['identity', 'deflate', 'br;q=0, gzip;q=0', '']) {
        const res = await get(`/p/${id}/${path}`, accept ? { 'accept-encoding': accept } : {});
        expect(res.headers['content-encoding'], accept).toBeUndefined();
        expect(res.headers.etag).toBe(`"${sha}"`);
        expect(res.headers['content-length']).toBe(String(Buffer.byteLength(content)));
        expect(res.headers.vary?.toLowerCase()).toContain('accept-encoding');
        expect(res.body.toString()).toBe(content);
      }
    }
  });

  it('streams large files compressed without Content-Length', async () => {
    const res = await get(`/p/${id}/big.txt`, { 'accept-encoding': 'br' });
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers['transfer-encoding']).toBe('chunked');
    const headRes = await head(`/p/${id}/big.txt`, { 'accept-encoding': 'gzip' });
    expect(headRes.status).toBe(200);
    expect(headRes.headers['content-encoding']).toBe('gzip');
    expect(headRes.headers.etag).toBe(`"${sha256(BIG_TXT)}-gzip"`);
    expect(headRes.headers['content-length']).toBeUndefined();
    expect(headRes.body.length).toBe(0);
  });

  it('revalidates each coding: 304 names the tag the client holds', async () => {
    const sha = sha256(APP_JS);
    const br = await get(`/p/${id}/app.js`, { 'accept-encoding': 'br', 'if-none-match': `"${sha}-br"` });
    expect(br.status).toBe(304);
    expect(br.headers.etag).toBe(`"${sha}-br"`);
    expect(br.headers.vary?.toLowerCase()).toContain('accept-encoding');
    const plain = await get(`/p/${id}/app.js`, { 'accept-encoding': 'br', 'if-none-match': `"${sha}"` });
    expect(plain.status).toBe(304);
    expect(plain.headers.etag).toBe(`"${sha}"`);
    const star = await get(`/p/${id}/app.js`, { 'accept-encoding': 'gzip', 'if-none-match': '*' });
    expect(star.status).toBe(304);
    expect(star.headers.etag).toBe(`"${sha}-gzip"`);
    expect((await get(`/p/${id}/app.js`, { 'accept-encoding': 'br', 'if-none-match': `"${sha256('x')}-br"` })).status).toBe(200);
  });

  it('leaves tiny text files and binary files uncompressed', async () => {
    const tiny = await get(`/p/${id}/`, { 'accept-encoding': 'br, gzip' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe(INDEX);
    expect(tiny.headers.etag).toBe(`"${sha256(INDEX)}"`);
    const png = await get(`/p/${id}/logo.png`, { 'accept-encoding': 'br, gzip' });
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.body.equals(LOGO)).toBe(true);
  });
});

describe('protected pages', () => {
  const SECRET = 'top secret content 7f3a';
  const files = { 'index.html': `<p>${SECRET}</p>`, 'secret.txt': SECRET, 'app.js': SECRET.repeat(100) };

  it.each([
    ['shared', { visibility: 'shared' }],
    ['private', { visibility: 'private' }],
    ['public with a passcode', { passcodes: [{ id: 'pc1', label: 'friends', hash: 'x' }] }],
    ['public with allowed e-mails', { allowed_emails: ['friend@example.com'] }],
    ['an unknown visibility', { visibility: 'unlisted' }],
  ])('refuses a %s page with 403 and never sends its files', async (_name, fields) => {
    const id = await createPage(files, fields);
    for (const path of ['', 'index.html', 'secret.txt', 'app.js', 'some/route', 'missing.png']) {
      for (const headers of [{}, { range: 'bytes=0-5' }, { 'accept-encoding': 'br' }, { 'if-none-match': '*' }] as Record<string, string>[]) {
        const res = await get(`/p/${id}/${path}`, headers);
        expectHtmlError(res, 403, 'This page is protected');
        expect(res.body.toString()).not.toContain(SECRET);
        expect(res.headers.etag).toBeUndefined();
        expectSandboxed(res);
      }
    }
    const headRes = await head(`/p/${id}/secret.txt`);
    expect(headRes.status).toBe(403);
    expect(headRes.headers['content-length']).not.toBe(String(SECRET.length));
  });
});

describe('the content cache', () => {
  const chunks = () => db().collection('page_files.chunks');
  const fileDocs = () => db().collection<PageFileDoc>('page_files.files');

  it('serves new bytes as soon as the page points at a new version', async () => {
    const v1 = '<h1>version one</h1>';
    const v2 = '<h1>version two, longer</h1>';
    const id = await createPage({ 'index.html': v1, 'style.css': 'a{}' });
    const first = await get(`/p/${id}/`);
    expect(first.body.toString()).toBe(v1);
    expect((await get(`/p/${id}/`)).body.toString()).toBe(v1); // now cached
    const current = (await pages().findOne({ _id: id }))!.current_version as string;
    const later = new Date(UPDATED_AT.getTime() + 60_000);
    await publish(id, { 'index.html': v2 }, current, later);
    const second = await get(`/p/${id}/`);
    expect(second.body.toString()).toBe(v2);
    expect(second.headers.etag).toBe(`"${sha256(v2)}"`);
    expect(second.headers['last-modified']).toBe(later.toUTCString());
    // The old validator no longer matches; the removed file is gone.
    expect((await get(`/p/${id}/`, { 'if-none-match': first.headers.etag! })).status).toBe(200);
    expect((await get(`/p/${id}/style.css`)).status).toBe(404);
    // And back to the first content: same hash, correct bytes.
    const v2id = (await pages().findOne({ _id: id }))!.current_version as string;
    await publish(id, { 'index.html': v1 }, v2id);
    expect((await get(`/p/${id}/`)).body.toString()).toBe(v1);
  });

  it('serves the old or the new version, never an error, while a page is replaced again and again', async () => {
    const sites = [0, 1].map((n) => ({ 'index.html': `<h1>site ${n}</h1>`, 'a.txt': `file a of site ${n}`, 'b/c.css': `.site${n}{}` }));
    const id = await createPage(sites[0]);
    let current = (await pages().findOne({ _id: id }))!.current_version as string;
    let replacing = true;
    const seen: string[] = [];
    const readers = Array.from({ length: 8 }, async (_, r) => {
      for (let i = 0; replacing || i < 3; i++) {
        const path = ['', 'a.txt', 'b/c.css', 'client/route'][(r + i) % 4];
        const res = await get(`/p/${id}/${path}`);
        const file = path === 'a.txt' ? 'a.txt' : path === 'b/c.css' ? 'b/c.css' : 'index.html';
        expect(res.status, `${path}: ${res.body.toString()}`).toBe(200);
        expect([sites[0][file], sites[1][file]]).toContain(res.body.toString());
        seen.push(res.body.toString());
      }
    });
    for (let n = 1; n <= 12; n++) current = await publish(id, sites[n % 2], current);
    replacing = false;
    await Promise.all(readers);
    expect(seen.length).toBeGreaterThan(24);
  });

  it('looks again when the version it read was replaced and deleted before its files were looked up', async () => {
    // The race made deterministic: the request's first read of the page document returns the document as it
    // was before a replacement whose old version is already deleted.
    const id = await createPage({ 'index.html': '<h1>old</h1>', 'a.txt': 'old a' });
    const stale = await pages().findOne({ _id: id });
    await publish(id, { 'index.html': '<h1>new</h1>', 'a.txt': 'new a' }, stale!.current_version as string);
    const real = outpost.app.db;
    let staleReads = 0;
    const pagesWithOneStaleRead = (collection: ReturnType<Db['collection']>) =>
      new Proxy(collection, {
        get(target, prop) {
          if (prop === 'findOne') {
            return async (...args: Parameters<typeof target.findOne>) => (staleReads++ === 0 ? stale : target.findOne(...args));
          }
          const value = Reflect.get(target, prop, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    outpost.app.db = new Proxy(real, {
      get(target, prop) {
        if (prop === 'collection') {
          return (name: string) => (name === 'pages' ? pagesWithOneStaleRead(target.collection(name)) : target.collection(name));
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    try {
      const res = await get(`/p/${id}/a.txt`);
      expect(res.status).toBe(200);
      expect(res.body.toString()).toBe('new a');
      expect(staleReads).toBe(3); // stale page, the check that found it changed, the fresh page
    } finally {
      outpost.app.db = real;
    }
  });

  it("answers repeated requests for small files from memory, but only through the current version's file record", async () => {
    const id = await createPage({ 'index.html': INDEX, 'cached.txt': 'cached bytes', 'uncached.txt': 'never requested' });
    expect((await get(`/p/${id}/cached.txt`)).body.toString()).toBe('cached bytes');
    // Remove the stored bytes behind the file store's back: a cached file is still served...
    const version = (await pages().findOne({ _id: id }))!.current_version as string;
    const docs = await fileDocs().find({ 'metadata.pageId': id, 'metadata.version': version }).toArray();
    const idOf = (path: string) => docs.find((d) => d.metadata.path === path)!._id;
    await chunks().deleteMany({ files_id: { $in: [idOf('cached.txt'), idOf('uncached.txt')] } });
    const again = await get(`/p/${id}/cached.txt`);
    expect(again.status).toBe(200);
    expect(again.body.toString()).toBe('cached bytes');
    expect((await get(`/p/${id}/cached.txt`, { range: 'bytes=7-' })).body.toString()).toBe('bytes');
    // ...while a file that wasn't cached needs GridFS (its chunks are gone: a server error, as an HTML page).
    const broken = await get(`/p/${id}/uncached.txt`);
    expectHtmlError(broken, 500, 'Something went wrong');
    expectSandboxed(broken);
    // A version's file records never change, so they are remembered too; but bytes in the cache are only ever
    // reached through a record of the page's current version: a version without the file doesn't serve it.
    await publish(id, { 'index.html': INDEX }, version);
    expect((await get(`/p/${id}/cached.txt`)).status).toBe(404);
  });

  it('is a bounded LRU keyed by content', () => {
    const cache = new ContentCache(10, 25);
    const bytes = (n: number, fill: number) => Buffer.alloc(n, fill);
    cache.set('a', bytes(10, 1));
    cache.set('b', bytes(10, 2));
    expect(cache.get('a')?.[0]).toBe(1); // a is now the most recently used
    cache.set('c', bytes(10, 3)); // 30 > 25: evicts b
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.[0]).toBe(1);
    expect(cache.get('c')?.[0]).toBe(3);
    expect(cache.bytes).toBe(20);
    cache.set('big', bytes(11, 4)); // larger than one entry may be
    expect(cache.get('big')).toBeUndefined();
    cache.set('a', bytes(5, 5)); // replacing counts once
    expect(cache.bytes).toBe(15);
    expect(cache.size).toBe(2);
  });
});

describe('header parsing', () => {
  it('parses single byte ranges (end made exclusive) and ignores the rest', () => {
    const size = 1000;
    expect(byteRange('bytes=0-99', size)).toEqual({ start: 0, end: 100 });
    expect(byteRange('bytes=5-', size)).toEqual({ start: 5, end: size });
    expect(byteRange('bytes=-20', size)).toEqual({ start: 980, end: size });
    expect(byteRange(' bytes = 1 - 2 ', size)).toBeNull(); // no space allowed before "="
    expect(byteRange('bytes=1 - 2', size)).toEqual({ start: 1, end: 3 });
    expect(byteRange('bytes=0-1,2-3', size)).toBeNull();
    expect(byteRange('bytes=3-2', size)).toBeNull();
    expect(byteRange('bytes=-', size)).toBeNull();
    expect(byteRange('pages=1-2', size)).toBeNull();
    // A well-formed range outside the file is unsatisfiable (416), not ignored.
    expect(byteRange('bytes=1000-', size)).toBe('unsatisfiable');
    expect(byteRange('bytes=-0', size)).toBe('unsatisfiable');
    expect(byteRange('bytes=0-', 0)).toBe('unsatisfiable');
    expect(byteRange('bytes=0-99999999999999999999', size)).toEqual({ start: 0, end: size });
  });

  it('negotiates br or gzip by q-value', () => {
    expect(negotiateEncoding(undefined)).toBeNull();
    expect(negotiateEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(negotiateEncoding('gzip;q=1, br;q=0.8')).toBe('gzip');
    expect(negotiateEncoding('x-gzip')).toBe('gzip');
    expect(negotiateEncoding('*;q=0.5, br;q=0')).toBe('gzip');
    expect(negotiateEncoding('deflate, identity')).toBeNull();
    expect(negotiateEncoding('BR')).toBe('br');
  });

  it('matches If-None-Match against any coding of the same content', () => {
    const sha = 'ab'.repeat(32);
    expect(matchIfNoneMatch(`"${sha}-gzip"`, sha, `"${sha}-br"`)).toBe(`"${sha}-gzip"`);
    expect(matchIfNoneMatch('*', sha, `"${sha}-br"`)).toBe(`"${sha}-br"`);
    expect(matchIfNoneMatch(`"${sha}-deflate", "x"`, sha, `"${sha}"`)).toBeNull();
    expect(matchIfNoneMatch(`${sha}`, sha, `"${sha}"`)).toBeNull(); // unquoted: not an entity tag
  });
});
