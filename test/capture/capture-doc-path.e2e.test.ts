// A captured document is stored at its own path in the mirrored layout and is the page's default file;
// `/p/<id>/` answers 302 to it (keeping an access grant and the query), so paths its scripts build relative to
// it resolve as on the original. Uploads keep serving their default file at the root. A real Outpost and a
// loopback fixture; raw HTTP requests (no redirect followed).
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastPathStats } from '../../src/serve/fast-path.ts';
import { GRANT_SEGMENT } from '../../src/serve/grant.ts';
import { captureApi, seededPng, startFixtureServer, type CaptureApi } from '../support/capture-fixtures.ts';
import { startTestOutpost, type TestOutpost, apiTokenFor } from '../support/outpost.ts';
import { rawRequest } from '../support/raw-http.ts';

const fixture = await startFixtureServer();
const logo = seededPng('logo');
const html = (body: string) => ({ type: 'text/html; charset=utf-8', body: `<!doctype html><html><head><title>Doc</title></head><body>${body}</body></html>` });
const DEEP = `/${Array.from({ length: 40 }, (_, i) => `d${i}`).join('/')}/leaf.html`;

fixture.routes({
  '/doc/mycrate/struct.Thing.html': html('<h1>Thing</h1><img src="../../static/logo.png"><a href="../index.html">up</a>'),
  '/static/logo.png': { type: 'image/png', body: logo },
  '/doc/guide/': html('<h1>Guide</h1><img src="../../static/logo.png">'),
  '/doc/search?q=vec': html('<h1>Results</h1><img src="/static/logo.png">'),
  '/': html('<h1>Home</h1><img src="static/logo.png">'),
  '/doc/café/日本.html': html('<h1>Café</h1><img src="../../static/logo.png">'),
  "/doc/50%25%20off%23now%3F/it's.html": html('<h1>Odd</h1><img src="../../static/logo.png">'),
  [DEEP]: html('<h1>Deep</h1><img src="/static/logo.png">'),
  '/doc/other/one.html': html('<h1>One</h1>'),
  '/doc/framed.html': html('<h1>Framed</h1><iframe src="/"></iframe>'),
});

let outpost: TestOutpost;
let api: CaptureApi;
let token: string;

beforeAll(async () => {
  outpost = await startTestOutpost({
    SIGNUP_MODE: 'open',
    RATE_LIMIT_REQUESTS: '100000',
    CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8',
    CAPTURE_ALLOWED_PORTS: String(fixture.port),
  });
  token = await apiTokenFor(outpost, 'docpath@example.com', 'docpath');
  api = captureApi(outpost, token);
});

afterAll(async () => {
  await Promise.all([outpost?.stop(), fixture.close()]);
});

const get = (path: string, init: Parameters<typeof rawRequest>[2] = {}) => rawRequest(outpost.url, path, init);

async function capture(path: string, extra: Record<string, unknown> = {}) {
  const res = await api.create({ source_url: fixture.url(path), ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; default_file: string; url: string; preview_url?: string };
}

/** `/p/<id>/<path>` with each segment percent-encoded, as a Location names it. */
const pagePath = (id: string, path: string) => `/p/${id}/${path.split('/').map(encodeURIComponent).join('/')}`;

describe('where the captured document is stored', () => {
  it("at the source's own path: the root answers 302 to it, the document's relative references and the runtime's resolve", async () => {
    const page = await capture('/doc/mycrate/struct.Thing.html');
    expect(page.default_file).toBe('doc/mycrate/struct.Thing.html');
    // The shown URL stays the page's root.
    expect(page.url).toBe(`${outpost.app.config.publicUrl}/p/${page.id}`);
    const root = await get(`/p/${page.id}/`);
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe(`/p/${page.id}/doc/mycrate/struct.Thing.html`);
    // The page's scripts (an opaque origin) may fetch the root and follow it, as on the original.
    expect(root.headers['access-control-allow-origin']).toBe('*');
    const doc = await get(root.headers.location!);
    expect(doc.status).toBe(200);
    const $ = cheerio.load(doc.text);
    expect($('img').attr('src')).toBe('../../static/logo.png');
    // What a script computes from the document ('../../static/logo.png') is where the copy has it.
    const logoUrl = new URL('../../static/logo.png', new URL(root.headers.location!, outpost.url));
    expect(logoUrl.pathname).toBe(`/p/${page.id}/static/logo.png`);
    expect((await get(logoUrl.pathname)).body.equals(logo)).toBe(true);
  });

  it('the root redirect keeps the query; HEAD answers the same; /p/<id> leads there in two steps', async () => {
    const page = await capture('/doc/mycrate/struct.Thing.html');
    const located = `/p/${page.id}/doc/mycrate/struct.Thing.html`;
    expect((await get(`/p/${page.id}/?search=vec&x=1`)).headers.location).toBe(`${located}?search=vec&x=1`);
    const head = await get(`/p/${page.id}/`, { method: 'HEAD' });
    expect(head.status).toBe(302);
    expect(head.headers.location).toBe(located);
    const bare = await get(`/p/${page.id}`);
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe(`/p/${page.id}/`);
  });

  it('the fast path never answers the root of such a page: the 302 holds once its caches are warm', async () => {
    const page = await capture('/doc/mycrate/struct.Thing.html');
    const stats = fastPathStats(outpost.server)!;
    for (let i = 0; i < 3; i++) await get(pagePath(page.id, page.default_file));
    const before = stats.served;
    for (let i = 0; i < 3; i++) {
      const root = await get(`/p/${page.id}/`);
      expect(root.status).toBe(302);
      expect(root.headers.location).toBe(pagePath(page.id, page.default_file));
    }
    expect(stats.served).toBe(before);
    // The document itself, warm, is the fast path's.
    expect((await get(pagePath(page.id, page.default_file))).status).toBe(200);
    expect(stats.served).toBe(before + 1);
  });

  it('a URL ending in "/" is its folder\'s index.html', async () => {
    const page = await capture('/doc/guide/');
    expect(page.default_file).toBe('doc/guide/index.html');
    expect((await get(`/p/${page.id}/`)).headers.location).toBe(`/p/${page.id}/doc/guide/index.html`);
    // The folder without its slash is redirected to it, followable by the page's scripts too.
    const folder = await get(`/p/${page.id}/doc/guide?x=1`);
    expect(folder.status).toBe(302);
    expect(folder.headers.location).toBe(`/p/${page.id}/doc/guide/?x=1`);
    expect(folder.headers['access-control-allow-origin']).toBe('*');
    expect(
      cheerio
        .load((await get(`/p/${page.id}/doc/guide/`)).text)('h1')
        .text(),
    ).toBe('Guide');
  });

  it('a URL with a query is named by a hash of the query, in its folder', async () => {
    const page = await capture('/doc/search?q=vec');
    expect(page.default_file).toMatch(/^doc\/search\.[0-9a-f]{8}\.html$/);
    const root = await get(`/p/${page.id}/`);
    expect(root.headers.location).toBe(`/p/${page.id}/${page.default_file}`);
    const $ = cheerio.load((await get(root.headers.location!)).text);
    expect($('h1').text()).toBe('Results');
    expect($('img').attr('src')).toBe('../static/logo.png');
  });

  it('a URL whose path is "/" is index.html at the root, served there with no redirect', async () => {
    const page = await capture('/');
    expect(page.default_file).toBe('index.html');
    const root = await get(`/p/${page.id}/`);
    expect(root.status).toBe(200);
    expect(cheerio.load(root.text)('img').attr('src')).toBe('static/logo.png');
  });

  it('a percent-encoded path is stored decoded and redirected to encoded', async () => {
    const page = await capture('/doc/café/日本.html');
    expect(page.default_file).toBe('doc/café/日本.html');
    const root = await get(`/p/${page.id}/`);
    expect(root.headers.location).toBe(`/p/${page.id}/doc/caf%C3%A9/%E6%97%A5%E6%9C%AC.html`);
    const doc = await get(root.headers.location!);
    expect(cheerio.load(doc.text)('h1').text()).toBe('Café');
    expect((await get(new URL(cheerio.load(doc.text)('img').attr('src')!, new URL(root.headers.location!, outpost.url)).pathname)).body.equals(logo)).toBe(
      true,
    );
  });

  it('a name holding "%", "#", "?" and a space is redirected to with them encoded, never as a query or fragment', async () => {
    const page = await capture("/doc/50%25%20off%23now%3F/it's.html");
    expect(page.default_file).toBe("doc/50% off#now?/it's.html");
    const root = await get(`/p/${page.id}/?q=1`);
    expect(root.headers.location).toBe(`/p/${page.id}/doc/50%25%20off%23now%3F/it's.html?q=1`);
    const doc = await get(root.headers.location!);
    expect(doc.status).toBe(200);
    expect(cheerio.load(doc.text)('h1').text()).toBe('Odd');
  });

  it('a very deep path is mirrored as deep', async () => {
    const page = await capture(DEEP);
    expect(page.default_file).toBe(DEEP.slice(1));
    const root = await get(`/p/${page.id}/`);
    expect(root.headers.location).toBe(`/p/${page.id}${DEEP}`);
    const $ = cheerio.load((await get(root.headers.location!)).text);
    expect($('img').attr('src')).toBe(`${'../'.repeat(40)}static/logo.png`);
  });

  it("a frame of the site's root is stored at index.html; the page's root still leads to the document", async () => {
    const page = await capture('/doc/framed.html');
    expect(page.default_file).toBe('doc/framed.html');
    expect((await get(`/p/${page.id}/`)).headers.location).toBe(`/p/${page.id}/doc/framed.html`);
    const doc = cheerio.load((await get(`/p/${page.id}/doc/framed.html`)).text);
    expect(doc('iframe').attr('src')).toBe('../index.html');
    expect(
      cheerio
        .load((await get(`/p/${page.id}/index.html`)).text)('h1')
        .text(),
    ).toBe('Home');
  });

  it('the ZIP export holds the layout as stored: the document at its path, nothing at the root', async () => {
    const page = await capture('/doc/mycrate/struct.Thing.html');
    const files = await api.exportZip(page.id);
    expect(Object.keys(files).sort()).toEqual(['doc/mycrate/struct.Thing.html', 'static/logo.png']);
  });
});

describe('replacing the files moves the default file', () => {
  it('capture → capture elsewhere → capture of "/" → upload → capture: the root follows each', async () => {
    const page = await capture('/doc/mycrate/struct.Thing.html');
    const replace = async (body: Record<string, unknown>) => {
      const res = await outpost.api(`/api/pages/${page.id}/files`, { token, body });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.default_file as string;
    };
    const rootOf = async () => {
      const res = await get(`/p/${page.id}/`);
      return res.status === 302 ? `302 ${res.headers.location}` : `${res.status} ${cheerio.load(res.text)('h1, p').first().text()}`;
    };
    expect(await replace({ source_url: fixture.url('/doc/other/one.html') })).toBe('doc/other/one.html');
    expect(await rootOf()).toBe(`302 /p/${page.id}/doc/other/one.html`);
    expect((await get(`/p/${page.id}/doc/mycrate/struct.Thing.html`)).status).toBe(404);
    expect(await replace({ source_url: fixture.url('/') })).toBe('index.html');
    expect(await rootOf()).toBe('200 Home');
    expect(await replace({ html: '<p>uploaded</p>' })).toBe('index.html');
    expect(await rootOf()).toBe('200 uploaded');
    expect(await replace({ source_url: fixture.url('/doc/guide/') })).toBe('doc/guide/index.html');
    expect(await rootOf()).toBe(`302 /p/${page.id}/doc/guide/index.html`);
    expect(await replace({ files: [{ path: 'home.html', content: '<p>home upload</p>' }] })).toBe('home.html');
    // An upload's default file is served at the root, as before (a single-page app's router sees the root).
    expect(await rootOf()).toBe('200 home upload');
    // A kept captured version's read-only link sends its root to that version's document.
    const v5 = await outpost.api(`/api/pages/${page.id}/versions/5`, { token });
    expect(v5.status, JSON.stringify(v5.body)).toBe(200);
    const v5Root = new URL(v5.body.preview_url as string).pathname;
    const v5Moved = await get(v5Root);
    expect(v5Moved.status).toBe(302);
    expect(v5Moved.headers.location).toBe(`${v5Root}doc/guide/index.html`);
    expect(
      cheerio
        .load((await get(v5Moved.headers.location!)).text)('h1')
        .text(),
    ).toBe('Guide');
    // Rolling back to the first capture brings its redirect back; rolling back to an upload removes it.
    const rolled = await outpost.api(`/api/pages/${page.id}/versions/1/rollback`, { token, method: 'POST' });
    expect(rolled.status, JSON.stringify(rolled.body)).toBe(200);
    expect(rolled.body.default_file).toBe('doc/mycrate/struct.Thing.html');
    expect(await rootOf()).toBe(`302 /p/${page.id}/doc/mycrate/struct.Thing.html`);
    expect((await outpost.api(`/api/pages/${page.id}/versions/4/rollback`, { token, method: 'POST' })).status).toBe(200);
    expect(await rootOf()).toBe('200 uploaded');
  });

  it('a root the fast path was serving redirects at once when a capture replaces the upload', async () => {
    const created = await outpost.api('/api/pages', { token, body: { html: '<p>uploaded</p>' } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const stats = fastPathStats(outpost.server)!;
    const before = stats.served;
    // Warm: the first request fills the caches, a later one is the fast path's.
    for (let i = 0; i < 5 && stats.served === before; i++) expect((await get(`/p/${id}/`)).status).toBe(200);
    expect(stats.served).toBeGreaterThan(before);
    const replaced = await outpost.api(`/api/pages/${id}/files`, { token, body: { source_url: fixture.url('/doc/other/one.html') } });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    const warm = stats.served;
    const root = await get(`/p/${id}/`);
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe(`/p/${id}/doc/other/one.html`);
    expect(stats.served).toBe(warm);
  });
});

describe('protected pages keep their grant through the root redirect', () => {
  it('a grant address of a shared page answers 302 keeping the grant; the gate itself names no file', async () => {
    const page = await capture('/doc/mycrate/struct.Thing.html', { visibility: 'shared', passcodes: ['open sesame'] });
    const gate = await get(`/p/${page.id}/`);
    expect(gate.status).toBe(401);
    expect(gate.headers.location).toBeUndefined();
    expect(gate.text).not.toContain('struct.Thing');
    const passed = await get(`/p/${page.id}/__gate`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ passcode: 'open sesame', next: `/p/${page.id}/` }).toString(),
    });
    expect(passed.status).toBe(303);
    const granted = passed.headers.location!;
    const grant = granted.split('/')[3];
    expect(grant).toMatch(GRANT_SEGMENT);
    expect(granted).toBe(`/p/${page.id}/${grant}/`);
    // Without the slash after the grant: first to the grant's folder, then on.
    expect((await get(`/p/${page.id}/${grant}`)).headers.location).toBe(granted);
    expect((await get(granted, { method: 'HEAD' })).headers.location).toBe(`/p/${page.id}/${grant}/doc/mycrate/struct.Thing.html`);
    const root = await get(granted);
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe(`/p/${page.id}/${grant}/doc/mycrate/struct.Thing.html`);
    expect(root.headers['cache-control']).toBe('private, no-cache');
    // It names no grant but the one in its own address, which the page's files are read with already.
    expect(root.headers['access-control-allow-origin']).toBe('*');
    const doc = await get(root.headers.location!);
    expect(doc.status).toBe(200);
    // The document's reference resolves under the grant too.
    expect((await get(new URL('../../static/logo.png', new URL(root.headers.location!, outpost.url)).pathname)).body.equals(logo)).toBe(true);
  });

  it('a preview link of a private page leads to the grant address, whose root answers 302 keeping the grant', async () => {
    const page = await capture('/doc/mycrate/struct.Thing.html', { visibility: 'private' });
    expect((await get(`/p/${page.id}/`)).status).toBe(403);
    const preview = new URL((await outpost.api(`/api/pages/${page.id}`, { token })).body.preview_url as string);
    const traded = await get(`${preview.pathname}${preview.search}`);
    expect(traded.status).toBe(303);
    const grant = traded.headers.location!.split('/')[3];
    expect(grant).toMatch(GRANT_SEGMENT);
    const root = await get(traded.headers.location!);
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe(`/p/${page.id}/${grant}/doc/mycrate/struct.Thing.html`);
    expect((await get(root.headers.location!)).status).toBe(200);
  });
});
