// What serving /p/ remembers (caches.ts) and the fast path in front of hapi (fast-path.ts):
//  - the page cache's rules on their own (one lookup for concurrent requests, TTL, invalidation racing a lookup);
//  - against a real Outpost on 127.0.0.1 with two users (pages made and changed over REST): a page made private,
//    given passcodes or allowed e-mails, replaced or deleted is never served as it was by the very next request,
//    however warm the caches were; another user's page id changes nothing; a change made behind this server's
//    back (another instance) is seen within PAGE_TTL_MS;
//  - the fast path answers exactly as the hapi route does.
import { createHash } from 'node:crypto';
import http from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from 'mongodb';
import { pageChanged } from '../../src/pages/page-changes.ts';
import { PAGE_TTL_MS, PageCache, ResolutionCache, type ServedPage } from '../../src/serve/caches.ts';
import { fastPathStats } from '../../src/serve/fast-path.ts';
import { signupAndLogin, startTestOutpost, startTwoUserOutpost, type TestOutpost } from '../support/outpost.ts';
import { rawRequest } from '../support/raw-http.ts';

const sha256 = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A Db whose `pages` lookups are answered by `answer`, counting them. */
function fakeDb(answer: (id: string) => Promise<ServedPage | null>) {
  const calls: string[] = [];
  const db = {
    collection: () => ({
      findOne: (filter: { _id: string }) => {
        calls.push(filter._id);
        return answer(filter._id);
      },
    }),
  } as unknown as Db;
  return { db, calls };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const page = (id: string, visibility: string): ServedPage => ({ _id: id, visibility, current_version: 'v1', default_file: 'index.html' });

describe('the page cache', () => {
  it('shares one lookup between concurrent requests and keeps the answer for its TTL', async () => {
    const { db, calls } = fakeDb(async (id) => page(id, 'public'));
    const cache = new PageCache(60);
    try {
      const entries = await Promise.all([cache.get(db, 'a'), cache.get(db, 'a'), cache.get(db, 'a')]);
      expect(calls).toEqual(['a']);
      expect(entries.every((e) => e === entries[0] && e.open)).toBe(true);
      expect(await cache.get(db, 'a')).toBe(entries[0]);
      expect(cache.peek('a')).toBe(entries[0]);
      expect(calls).toEqual(['a']);
      await sleep(80);
      expect(cache.peek('a')).toBeUndefined();
      await cache.get(db, 'a');
      expect(calls).toEqual(['a', 'a']);
    } finally {
      cache.close();
    }
  });

  it('remembers that a page does not exist, until it is created', async () => {
    let exists = false;
    const { db, calls } = fakeDb(async (id) => (exists ? page(id, 'public') : null));
    const cache = new PageCache();
    try {
      expect((await cache.get(db, 'new')).page).toBeNull();
      expect((await cache.get(db, 'new')).page).toBeNull();
      expect(calls).toHaveLength(1);
      exists = true;
      pageChanged({ pageId: 'new', ownerId: 'u', kind: 'created' }); // what createPage does
      expect((await cache.get(db, 'new')).page?._id).toBe('new');
    } finally {
      cache.close();
    }
  });

  it('never stores what a lookup read if the page was invalidated while it ran', async () => {
    let current = page('p', 'public');
    const slow = deferred<ServedPage>();
    let first = true;
    const { db, calls } = fakeDb(async () => {
      if (first) {
        first = false;
        return slow.promise;
      }
      return current;
    });
    const cache = new PageCache();
    try {
      const racing = cache.get(db, 'p');
      // The page is made private and the pages module invalidates it while the first lookup is still out.
      current = page('p', 'private');
      pageChanged({ pageId: 'p', ownerId: 'u', kind: 'updated' });
      // A request arriving now doesn't join the old lookup: it reads the page afresh.
      const after = await cache.get(db, 'p');
      expect(after.page?.visibility).toBe('private');
      slow.resolve(page('p', 'public'));
      // The racing request gets what it read (it was concurrent with the change), but that is not kept.
      expect((await racing).page?.visibility).toBe('public');
      expect(cache.peek('p')?.page?.visibility).toBe('private');
      expect((await cache.get(db, 'p')).page?.visibility).toBe('private');
      expect(calls).toHaveLength(2);
    } finally {
      cache.close();
    }
  });

  it('refresh reads again at once; closed caches keep nothing', async () => {
    let visibility = 'public';
    const { db, calls } = fakeDb(async (id) => page(id, visibility));
    const cache = new PageCache();
    await cache.get(db, 'x');
    visibility = 'private';
    expect((await cache.refresh(db, 'x')).page?.visibility).toBe('private');
    expect(calls).toHaveLength(2);
    cache.close();
    await cache.get(db, 'y');
    expect(cache.size).toBe(0);
  });

  it('is bounded', async () => {
    const { db } = fakeDb(async (id) => page(id, 'public'));
    const cache = new PageCache(60_000, 3);
    try {
      for (const id of ['a', 'b', 'c', 'd']) await cache.get(db, id);
      expect(cache.size).toBe(3);
      expect(cache.peek('a')).toBeUndefined();
      expect(cache.peek('d')).toBeDefined();
    } finally {
      cache.close();
    }
  });

  it('keys resolutions unambiguously by version, default file and path', () => {
    expect(ResolutionCache.key('v1', 'a', 'b/c')).not.toBe(ResolutionCache.key('v1', 'ab', '/c'));
    expect(ResolutionCache.key('v1', '', 'x')).not.toBe(ResolutionCache.key('v1x', '', ''));
    const cache = new ResolutionCache(2);
    cache.set('a', { kind: 'missing' });
    cache.set('b', { kind: 'redirect' });
    cache.get('a');
    cache.set('c', { kind: 'missing' });
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual({ kind: 'missing' });
    expect(cache.size).toBe(2);
    // Bounded by the length of the keys too (paths are chosen by visitors).
    const byChars = new ResolutionCache(100, 25);
    for (const key of ['k'.repeat(10), 'l'.repeat(10), 'm'.repeat(10)]) byChars.set(key, { kind: 'missing' });
    expect(byChars.size).toBe(2);
    expect(byChars.get('k'.repeat(10))).toBeUndefined();
    byChars.set('x'.repeat(5000), { kind: 'missing' });
    expect(byChars.get('x'.repeat(5000))).toBeUndefined();
  });
});

// ---- against a real server ---------------------------------------------------------------------------

let outpost: TestOutpost;
let alice: string;
let bob: string;

beforeAll(async () => {
  ({ outpost, alice, bob } = await startTwoUserOutpost());
});
afterAll(() => outpost?.stop());

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One raw request; the path is sent as it is (not normalized: "../pages/" and "../" stay). */
function request(method: string, path: string, headers: Record<string, string> = {}): Promise<Res> {
  return rawRequest(outpost.url, path, { method, headers, verbatim: true });
}

const get = (path: string, headers: Record<string, string> = {}) => request('GET', path, headers);

const SECRET = 'the secret of the warm cache 9e2b';
const HTML = `<!doctype html><title>Warm</title><p>${SECRET}</p>${'<p>filler paragraph for compression</p>'.repeat(60)}`;
const CSS = `body{color:red} /* ${SECRET} */`;

async function createPage(token: string, fields: Record<string, unknown> = {}): Promise<string> {
  const res = await outpost.api('/api/pages', {
    token,
    body: {
      visibility: 'public',
      files: [
        { path: 'index.html', content: HTML },
        { path: 'style.css', content: CSS },
      ],
      ...fields,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const served = () => fastPathStats(outpost.server)!.served;

/** Requests that the warm caches answer on the fast path (each variant twice: the first may fill a cache). */
const VARIANTS: Record<string, string>[] = [{}, { 'accept-encoding': 'br' }, { 'accept-encoding': 'gzip' }];

async function warm(id: string): Promise<void> {
  const before = served();
  for (const path of ['', 'index.html', 'style.css']) {
    for (const headers of VARIANTS) {
      for (let i = 0; i < 2; i++) expect((await get(`/p/${id}/${path}`, headers)).status).toBe(200);
    }
    const etag = (await get(`/p/${id}/${path}`)).headers.etag!;
    expect((await get(`/p/${id}/${path}`, { 'if-none-match': etag })).status).toBe(304);
  }
  // Most of those were answered without hapi (and so without any database read).
  expect(served() - before).toBeGreaterThanOrEqual(12);
}

/** Every way of asking for the page's files, warm or not, gets `status` and nothing of the content. */
async function expectRefused(id: string, status: number, text: string): Promise<void> {
  const etag = `"${sha256(HTML)}"`;
  for (const path of ['', 'index.html', 'style.css', 'client/route']) {
    for (const headers of [
      ...VARIANTS,
      { 'if-none-match': etag },
      { 'if-modified-since': new Date(Date.now() + 86_400_000).toUTCString() },
      { range: 'bytes=0-10' },
    ]) {
      const res = await get(`/p/${id}/${path}`, headers);
      expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(status);
      expect(res.body.toString()).toContain(text);
      expect(res.body.toString()).not.toContain(SECRET);
      expect(res.headers.etag).toBeUndefined();
    }
  }
}

describe('a change to a page is served by the very next request', () => {
  it('made private: 403', async () => {
    const id = await createPage(alice);
    await warm(id);
    expect((await outpost.api(`/api/pages/${id}`, { method: 'PATCH', token: alice, body: { visibility: 'private' } })).status).toBe(200);
    await expectRefused(id, 403, 'This page is protected');
  });

  it('given passcodes: the gate', async () => {
    const id = await createPage(alice);
    await warm(id);
    expect((await outpost.api(`/api/pages/${id}`, { method: 'PATCH', token: alice, body: { visibility: 'shared', passcodes: ['letmein'] } })).status).toBe(200);
    await expectRefused(id, 401, 'Passcode required');
  });

  it('given allowed e-mails: the e-mail gate', async () => {
    const id = await createPage(alice);
    await warm(id);
    expect(
      (await outpost.api(`/api/pages/${id}`, { method: 'PATCH', token: alice, body: { visibility: 'shared', allowed_emails: ['friend@example.com'] } })).status,
    ).toBe(200);
    await expectRefused(id, 401, 'Sign-in required');
  });

  it('deleted: 404', async () => {
    const id = await createPage(alice);
    await warm(id);
    expect((await outpost.api(`/api/pages/${id}`, { method: 'DELETE', token: alice })).status).toBe(204);
    await expectRefused(id, 404, 'There is no page at this address');
  });

  it('with its files replaced: the new files', async () => {
    const id = await createPage(alice);
    await warm(id);
    const replaced = await outpost.api(`/api/pages/${id}/files`, { token: alice, body: { files: [{ path: 'index.html', content: '<h1>new site</h1>' }] } });
    expect(replaced.status).toBe(200);
    for (const headers of VARIANTS) {
      const res = await get(`/p/${id}/`, headers);
      expect(res.status).toBe(200);
      expect(res.body.toString()).toBe('<h1>new site</h1>');
      expect(res.headers.etag).toBe(`"${sha256('<h1>new site</h1>')}"`);
    }
    // A validator of the old file doesn't get a 304, and the removed file is gone.
    expect((await get(`/p/${id}/`, { 'if-none-match': `"${sha256(HTML)}"` })).status).toBe(200);
    expect((await get(`/p/${id}/style.css`)).status).toBe(404);
  });

  it('made public again after being private: served again at once', async () => {
    const id = await createPage(alice, { visibility: 'private' });
    expect((await get(`/p/${id}/`)).status).toBe(403);
    expect((await outpost.api(`/api/pages/${id}`, { method: 'PATCH', token: alice, body: { visibility: 'public' } })).status).toBe(200);
    expect((await get(`/p/${id}/`)).body.toString()).toBe(HTML);
  });
});

describe('another user’s page id', () => {
  it('changes nothing, and what is cached stays correct', async () => {
    const id = await createPage(alice);
    await warm(id);
    expect((await outpost.api(`/api/pages/${id}`, { method: 'PATCH', token: bob, body: { visibility: 'private' } })).status).toBe(404);
    expect((await outpost.api(`/api/pages/${id}/files`, { token: bob, body: { files: [{ path: 'index.html', content: 'bob was here' }] } })).status).toBe(404);
    expect((await outpost.api(`/api/pages/${id}`, { method: 'DELETE', token: bob })).status).toBe(404);
    for (const headers of VARIANTS) {
      const res = await get(`/p/${id}/`, headers);
      expect(res.status).toBe(200);
      expect(res.headers.etag).toContain(sha256(HTML));
    }
    expect((await get(`/p/${id}/`)).body.toString()).toBe(HTML);
  });
});

describe('a change made behind this server’s back (another instance)', () => {
  it('is seen within PAGE_TTL_MS', async () => {
    const id = await createPage(alice);
    await warm(id);
    await outpost.app.db.collection('pages').updateOne({ _id: id as never }, { $set: { visibility: 'private' } });
    await sleep(PAGE_TTL_MS + 50);
    await expectRefused(id, 403, 'This page is protected');
  });
});

describe('a Host header hapi cannot parse', () => {
  it('is a 400 with the sandbox headers, on a public and on a shared page (not a 500)', async () => {
    const open = await createPage(alice);
    const gated = await createPage(alice, { visibility: 'shared', passcodes: ['p'] });
    for (const id of [open, gated]) {
      for (const host of ['exa mple', 'a<b', '[::1']) {
        const res = await get(`/p/${id}/%2E/style.css`, { host });
        expect(res.status, `${id} ${host}`).toBe(400);
        expect(res.headers['content-security-policy']).toMatch(/^sandbox /);
        expect(res.body.toString()).not.toContain(SECRET);
      }
    }
  });
});

describe('Last-Modified', () => {
  it('is left out while the page changed within the last second, so If-Modified-Since never gets a stale 304', async () => {
    const id = await createPage(alice);
    const fresh = await get(`/p/${id}/`);
    expect(fresh.status).toBe(200);
    expect(fresh.headers['last-modified']).toBeUndefined();
    // A client holding only a date (the second the page changed, or later) still gets the page, not 304.
    const since = new Date(Date.now() + 500).toUTCString();
    expect((await get(`/p/${id}/`, { 'if-modified-since': since })).status).toBe(200);
    await sleep(PAGE_TTL_MS + 100);
    const settled = await get(`/p/${id}/`);
    expect(settled.headers['last-modified']).toBeDefined();
    expect((await get(`/p/${id}/`, { 'if-modified-since': settled.headers['last-modified'] as string })).status).toBe(304);
  });
});

describe('the fast path', () => {
  const LOGO = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));
  let id: string;
  beforeAll(async () => {
    const res = await outpost.api('/api/pages', {
      token: alice,
      body: {
        visibility: 'public',
        files: [
          { path: 'index.html', content: HTML },
          { path: 'tiny.txt', content: 'tiny' },
          { path: 'logo.png', content: LOGO.toString('base64'), encoding: 'base64' },
          { path: 'font.woff2', content: LOGO.toString('base64'), encoding: 'base64' },
          { path: 'app.js', content: `export const x = ${JSON.stringify(HTML)};` },
          { path: 'data.json', content: JSON.stringify({ html: HTML }) },
        ],
      },
    });
    expect(res.status).toBe(201);
    id = res.body.id;
  });

  /** The same request as hapi answers it: a percent-encoded "." keeps the fast path out, hapi decodes it. */
  const viaHapi = (path: string) => path.replace(/\.(?=[a-z0-9]+$)/, '%2E');

  const comparable = (res: Res) => {
    const { date: _date, 'x-request-id': requestId, connection: _c, 'keep-alive': _k, ...headers } = res.headers;
    expect(requestId).toMatch(/^\d+:.+:\d+$/);
    return { status: res.status, headers, body: res.body.toString('base64') };
  };

  it('answers exactly as the hapi route does', async () => {
    // Pages changed in the last second have no Last-Modified yet (see the next test): let this one settle.
    await sleep(1100);
    const cases: [string, Record<string, string>][] = [];
    for (const path of ['index.html', 'tiny.txt', 'logo.png', 'font.woff2', 'app.js', 'data.json']) {
      const variants: Record<string, string>[] = [{}, { 'accept-encoding': 'br' }, { 'accept-encoding': 'gzip, deflate' }, { 'accept-encoding': 'identity' }];
      for (const headers of variants) cases.push([path, headers]);
    }
    cases.push(['index.html', { 'if-none-match': `"${sha256(HTML)}"` }]);
    cases.push(['index.html', { 'accept-encoding': 'br', 'if-none-match': `W/"${sha256(HTML)}-br"` }]);
    cases.push(['index.html', { 'accept-encoding': 'gzip', 'if-none-match': '*' }]);
    cases.push(['logo.png', { 'if-modified-since': new Date(Date.now() + 60_000).toUTCString() }]);
    for (const [path, headers] of cases) {
      const label = `${path} ${JSON.stringify(headers)}`;
      const slow = await get(`/p/${id}/${viaHapi(path)}`, headers); // also fills the caches
      const before = served();
      const fast = await get(`/p/${id}/${path}`, headers);
      expect(served() - before, label).toBe(1);
      const before2 = served();
      const slowAgain = await get(`/p/${id}/${viaHapi(path)}`, headers);
      expect(served() - before2, label).toBe(0);
      expect(comparable(fast), label).toEqual(comparable(slowAgain));
      expect(comparable(slow), label).toEqual(comparable(slowAgain));
      expect(fast.headers['x-request-id']).not.toBe(slowAgain.headers['x-request-id']);
    }
  });

  it('answers a URL it answered before once the page is read again, after its entry left the cache', async () => {
    const path = `/p/${id}/index.html`;
    const warmBody = (await get(path)).body;
    // The gzip variant too (its first request, which hapi answers, makes it), whatever ran before this test.
    expect((await get(path, { 'accept-encoding': 'gzip' })).status).toBe(200);
    let before = served();
    await get(path);
    expect(served() - before).toBe(1);
    await sleep(PAGE_TTL_MS + 100);
    before = served();
    const answers = await Promise.all([get(path), get(path), get(path, { 'accept-encoding': 'gzip' })]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers[0].body.equals(warmBody) && answers[1].body.equals(warmBody)).toBe(true);
    expect(served() - before).toBe(3);
  });

  it('leaves to hapi what it does not answer itself', async () => {
    await get(`/p/${id}/index.html`);
    const before = served();
    const etag = `"${sha256(HTML)}"`;
    const requests: [string, Record<string, string>, number | null][] = [
      [`/p/${id}/index.html`, { range: 'bytes=0-9' }, 206],
      [`/p/${id}/index.html`, { 'if-none-match': '"something else"' }, 200],
      [`/p/${id}/missing.png`, {}, 404],
      [`/p/${id}`, {}, 301],
      [`/p/${id}/index%2Ehtml`, {}, 200],
      // Dot and empty segments: whatever hapi's router makes of them (not the fast path's business).
      [`/p/${id}/./index.html`, {}, null],
      [`/p/${id}//index.html`, {}, null],
      [`/p/${id}/a/../index.html`, {}, null],
    ];
    for (const [path, headers, status] of requests) {
      const res = await get(path, headers);
      if (status !== null) expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(status);
    }
    expect((await request('HEAD', `/p/${id}/index.html`)).status).toBe(200);
    const post = await request('POST', `/p/${id}/index.html`);
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect(served()).toBe(before);
    // And the query string doesn't matter to a public page.
    expect((await get(`/p/${id}/index.html?x=1`, { 'if-none-match': etag })).status).toBe(304);
    expect(served()).toBe(before + 1);
  });
});

describe('the fast path’s access log', () => {
  it('writes the line hapi-pino writes for every response', async () => {
    const lines: Record<string, any>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line));
        callback();
      },
    });
    const logged = await startTestOutpost({ LOG_LEVEL: 'info' }, { logStream: sink });
    try {
      const { token } = await signupAndLogin(logged, 'logger@example.com');
      const created = await logged.api('/api/pages', { token, body: { files: [{ path: 'index.html', content: HTML }] } });
      const { hostname, port } = new URL(logged.url);
      const fetchIt = () =>
        new Promise<string>((resolve, reject) => {
          http
            .get({ hostname, port, path: `/p/${created.body.id}/index.html?from=log`, agent: false }, (res) => {
              res.resume();
              res.on('end', () => resolve(res.headers['x-request-id'] as string));
            })
            .on('error', reject);
        });
      const before = fastPathStats(logged.server)!.served;
      const slowId = await fetchIt();
      const fastId = await fetchIt();
      expect(fastPathStats(logged.server)!.served).toBe(before + 1);
      await sleep(50);
      const lineOf = (id: string) => lines.find((l) => l.req?.id === id);
      const slow = lineOf(slowId)!;
      const fast = lineOf(fastId)!;
      expect(slow).toBeDefined();
      expect(fast).toBeDefined();
      for (const line of [slow, fast]) {
        expect(line.level).toBe(30);
        expect(line.req).toEqual({ id: line.req.id, method: 'get', url: `/p/${created.body.id}/index.html` });
        expect(line.client).toBe('127.0.0.1');
        expect(line.res.statusCode).toBe(200);
        expect(line.res.headers['content-security-policy']).toBe(slow.res.headers['content-security-policy']);
        expect(line.res.headers.etag).toBe(`"${sha256(HTML)}"`);
        expect(line.msg).toMatch(new RegExp(`^\\[response\\] get /p/${created.body.id}/index.html 200 \\(\\d+ms\\)$`));
        expect(typeof line.responseTime).toBe('number');
      }
      // The same line, key for key and in the same order, but for what differs per request.
      const perRequest = (line: Record<string, any>) => ({
        ...line,
        time: 0,
        responseTime: 0,
        msg: line.msg.replace(/\(\d+ms\)$/, ''),
        req: { ...line.req, id: '' },
        res: { ...line.res, headers: { ...line.res.headers, 'x-request-id': '' } },
      });
      expect(JSON.stringify(perRequest(fast))).toBe(JSON.stringify(perRequest(slow)));
      expect(fast.res.headers['x-request-id']).toBe(fastId);
    } finally {
      await logged.stop();
    }
  });
});
