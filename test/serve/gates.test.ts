// Access gates at /p/: the passcode gate of shared pages and owners' preview links, against a real Outpost on
// 127.0.0.1 (in-memory engine). Pages are made over REST; requests are raw node:http (no redirects followed,
// no cookie jar: cookies are passed by hand). Passing a gate (or coming back with its cookie) leads to the same
// path behind an access grant, `/p/<id>/<grant>/<path>` (access-grants.test.ts tests the grants themselves).
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { GATE_ATTEMPTS } from '../../src/serve/gate.ts';
import { mintPreviewToken, verifyPreviewToken } from '../../src/serve/preview.ts';
import { PAGE_CSP } from '../../src/serve/sandbox.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { expectGrantLocation } from './grant-support.ts';
import { rawRequest } from '../support/raw-http.ts';

let outpost: TestOutpost;
let token: string;

const SECRET = '<!doctype html><title>Plans</title><p>the secret plans 4c1d</p>';
const CSS = 'body{color:rebeccapurple}';

beforeAll(async () => {
  outpost = await startTestOutpost();
  const session = await signupAndLogin(outpost, 'owner@example.com');
  token = (await outpost.api('/api/tokens', { token: session.token, body: { name: 'gates' } })).body.token;
});
afterAll(() => outpost?.stop());

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

async function request(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Res> {
  const { status, headers, text } = await rawRequest(outpost.url, path, options);
  return { status, headers, body: text };
}

const get = (path: string, cookie?: string) => request(path, { headers: cookie ? { cookie } : {} });

/**
 * A visitor coming back with a cookie to a plain address `/p/<id>/<rest>`: a valid cookie is sent (302, no-store)
 * to the same path with a grant, which is then followed without the cookie. Any other answer is returned as is.
 */
async function viaCookie(path: string, cookie: string): Promise<Res> {
  const res = await get(path, cookie);
  if (res.status !== 302) return res;
  const id = path.split('/')[2];
  expectGrantLocation(res.headers.location, id, path.slice(`/p/${id}/`.length));
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers['set-cookie']).toBeUndefined();
  expect(res.body).not.toContain('secret plans');
  return get(res.headers.location!);
}

function postGate(id: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Res> {
  return request(`/p/${id}/__gate`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

async function createPage(fields: Record<string, unknown>): Promise<string> {
  const res = await outpost.api('/api/pages', {
    token,
    body: {
      files: [
        { path: 'index.html', content: SECRET },
        { path: 'style.css', content: CSS },
      ],
      ...fields,
    },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** `name=value` of the one Set-Cookie header, and its attributes. */
function setCookie(res: Res): { pair: string; name: string; value: string; attributes: string[] } {
  const headers = res.headers['set-cookie'];
  expect(headers).toHaveLength(1);
  const [pair, ...attributes] = headers![0].split(';').map((s) => s.trim());
  const eq = pair.indexOf('=');
  return { pair, name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes };
}

function expectSandboxed(res: Res): void {
  expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
  expect(res.headers['content-security-policy']).not.toContain('allow-same-origin');
}

function expectGateForm(res: Res, id: string): void {
  expect(res.status).toBe(401);
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(res.body).toContain(`<form method="post" action="/p/${id}/__gate">`);
  expect(res.body).toMatch(/<label for="passcode">[^<]+<\/label>/);
  expect(res.body).toMatch(/<input id="passcode" name="passcode" type="password"/);
  expect(res.body).toContain('<button type="submit">');
  expect(res.body).toContain('name="viewport"');
  // No external assets, no script.
  expect(res.body).not.toMatch(/<script|<link|src=|https?:\/\//);
  expect(res.body).not.toContain('secret plans');
  expect(res.headers['set-cookie']).toBeUndefined();
  expectSandboxed(res);
}

async function passIn(id: string, passcode: string, next?: string): Promise<Res> {
  return postGate(id, next === undefined ? { passcode } : { passcode, next });
}

describe('the passcode gate of shared pages', () => {
  let id: string;
  beforeAll(async () => {
    id = await createPage({ visibility: 'shared', passcodes: ['open sesame', 'second-code'] });
  });

  it('answers any path with a 401 passcode form, and never the files', async () => {
    for (const path of ['', 'index.html', 'style.css', 'some/route']) {
      const res = await get(`/p/${id}/${path}`);
      expectGateForm(res, id);
      expect(res.body).toContain(`name="next" value="/p/${id}/${path}"`);
      expect(res.body).not.toContain(CSS);
    }
    const head = await request(`/p/${id}/style.css`, { method: 'HEAD' });
    expect(head.status).toBe(401);
  });

  it('refuses a wrong passcode with the form and an error, without a cookie', async () => {
    const res = await passIn(id, 'open says me');
    expectGateForm(res, id);
    expect(res.body).toContain('role="alert"');
    expect(res.body).toContain('not right');
    expect(res.body).not.toContain('open sesame');
  });

  it('lets a right passcode in (normalized) with a page-scoped HttpOnly cookie, then serves the files', async () => {
    const res = await passIn(id, '   open sesame  ', `/p/${id}/style.css`);
    expect(res.status).toBe(303);
    // To `next` behind a grant, which serves it without any cookie.
    expectGrantLocation(res.headers.location, id, 'style.css');
    expect(res.headers['cache-control']).toBe('no-store');
    expectSandboxed(res);
    const granted = await get(res.headers.location!);
    expect(granted.status).toBe(200);
    expect(granted.body).toBe(CSS);
    const cookie = setCookie(res);
    expect(cookie.name).toBe(`outpost_gate_${id}`);
    expect(cookie.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', `Path=/p/${id}/`]));
    expect(cookie.attributes).not.toContain('Secure');
    expect(cookie.attributes.find((a) => a.startsWith('Max-Age='))).toBe(`Max-Age=${7 * 24 * 3600}`);

    const css = await viaCookie(`/p/${id}/style.css`, cookie.pair);
    expect(css.status).toBe(200);
    expect(css.body).toBe(CSS);
    expectSandboxed(css);
    expect(css.headers['set-cookie']).toBeUndefined();
    expect(css.headers['cache-control']).toBe('private, no-cache');
    const index = await viaCookie(`/p/${id}/`, `other=1; ${cookie.pair}`);
    expect(index.status).toBe(200);
    expect(index.body).toBe(SECRET);

    // The other passcode works as well; a cookie for another page, or tampered with, does not.
    expect((await passIn(id, 'second-code')).status).toBe(303);
    const otherId = await createPage({ visibility: 'shared', passcodes: ['open sesame'] });
    expectGateForm(await get(`/p/${otherId}/`, `outpost_gate_${otherId}=${cookie.value}`), otherId);
    const [exp, mac] = cookie.value.split('.');
    expectGateForm(await get(`/p/${id}/`, `${cookie.name}=${(Number.parseInt(exp, 36) + 1000).toString(36)}.${mac}`), id);
    expectGateForm(await get(`/p/${id}/`, `${cookie.name}=${exp}.${mac.slice(0, -2)}AA`), id);
  });

  it('revokes the cookies handed out when the passcodes change', async () => {
    const page = await createPage({ visibility: 'shared', passcodes: ['before'] });
    const cookie = setCookie(await passIn(page, 'before'));
    expect((await viaCookie(`/p/${page}/`, cookie.pair)).status).toBe(200);

    const patched = await outpost.api(`/api/pages/${page}`, { method: 'PATCH', token, body: { passcodes: ['after'] } });
    expect(patched.status).toBe(200);
    expectGateForm(await get(`/p/${page}/`, cookie.pair), page);
    expectGateForm(await passIn(page, 'before'), page);

    const fresh = setCookie(await passIn(page, 'after'));
    expect((await viaCookie(`/p/${page}/`, fresh.pair)).body).toBe(SECRET);
  });

  it('ignores a `next` that leaves the page', async () => {
    const other = await createPage({ visibility: 'public' });
    for (const next of [
      '//evil.com',
      'https://evil.com/',
      `/p/${other}/`,
      `/p/${id}/../${other}/`,
      `/p/${id}/..%2f..%2f`,
      '/\\evil.com',
      'javascript:alert(1)',
      `/p/${id}/__gate`,
    ]) {
      const res = await passIn(id, 'open sesame', next);
      expect(res.status).toBe(303);
      const location = res.headers.location!;
      expect(location.startsWith(`/p/${id}/`), `${next} → ${location}`).toBe(true);
      expect(location).not.toContain('evil');
      expect(location).not.toContain(other);
      expect(new URL(location, 'http://outpost.test').origin).toBe('http://outpost.test');
    }
    const kept = await passIn(id, 'open sesame', `/p/${id}/docs/?tab=2`);
    expectGrantLocation(kept.headers.location, id, 'docs/?tab=2');
    // A grant already in `next` is replaced, not kept.
    const regranted = await passIn(id, 'open sesame', `/p/${id}/~g1.AAAAAAAAAAAAAAAAAAAAAA/docs/`);
    expectGrantLocation(regranted.headers.location, id, 'docs/');
  });

  it(`limits attempts per page and client: 429 with Retry-After after ${GATE_ATTEMPTS}`, async () => {
    const page = await createPage({ visibility: 'shared', passcodes: ['right one'] });
    for (let i = 0; i < GATE_ATTEMPTS; i++) expect((await passIn(page, `wrong ${i}`)).status).toBe(401);
    const limited = await passIn(page, 'wrong again');
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(limited.body).toContain('Too many attempts');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expectSandboxed(limited);
    // Even the right passcode waits now; another page is unaffected.
    const right = await passIn(page, 'right one');
    expect(right.status).toBe(429);
    expect(right.headers['set-cookie']).toBeUndefined();
    expect((await passIn(id, 'open sesame')).status).toBe(303);
  });

  it('refuses the gate for pages without passcodes, and bad form posts', async () => {
    const emailsOnly = await createPage({ visibility: 'shared', allowed_emails: ['friend@example.com'] });
    // Such a page has the e-mail gate only (email-gate.test.ts): no passcode form, and __gate refuses.
    const res = await get(`/p/${emailsOnly}/`);
    expect(res.status).toBe(401);
    expect(res.body).not.toContain('__gate');
    expect((await passIn(emailsOnly, 'anything')).status).toBe(403);
    const pub = await createPage({ visibility: 'public' });
    expect((await passIn(pub, 'anything')).status).toBe(403);
    expect((await passIn('NoSuchPage1', 'anything')).status).toBe(404);
    const json = await request(`/p/${id}/__gate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"passcode":"open sesame"}' });
    expect(json.status).toBe(415);
    expect(json.headers['set-cookie']).toBeUndefined();
    expectSandboxed(json);
  });
});

describe('preview links', () => {
  it('private pages are refused without a preview', async () => {
    const id = await createPage({ visibility: 'private' });
    const res = await get(`/p/${id}/`);
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('secret plans');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('the owner’s preview_url opens the page: 303 and a cookie, then the files', async () => {
    const id = await createPage({ visibility: 'private' });
    const page = await outpost.api(`/api/pages/${id}`, { token });
    expect(page.status).toBe(200);
    const previewUrl = new URL(page.body.preview_url as string);
    expect(`${previewUrl.origin}${previewUrl.pathname}`).toBe(`${outpost.app.config.publicUrl}/p/${id}/`);
    const previewToken = previewUrl.searchParams.get('preview')!;
    const check = verifyPreviewToken(outpost.app.keys.signing, id, 0, previewToken);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.expiresAt - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);

    const res = await get(`${previewUrl.pathname}${previewUrl.search}`);
    expect(res.status).toBe(303);
    expectGrantLocation(res.headers.location, id, '');
    expect(res.headers['cache-control']).toBe('no-store');
    expectSandboxed(res);
    expect((await get(res.headers.location!)).body).toBe(SECRET);
    expect(res.body).not.toContain('secret plans');
    const cookie = setCookie(res);
    expect(cookie.name).toBe(`outpost_preview_${id}`);
    expect(cookie.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', `Path=/p/${id}/`]));
    const maxAge = Number(cookie.attributes.find((a) => a.startsWith('Max-Age='))!.slice('Max-Age='.length));
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(15 * 60);

    const index = await viaCookie(`/p/${id}/`, cookie.pair);
    expect(index.status).toBe(200);
    expect(index.body).toBe(SECRET);
    expect((await viaCookie(`/p/${id}/style.css`, cookie.pair)).body).toBe(CSS);

    // Other query parameters survive the redirect.
    const withQuery = await get(`/p/${id}/docs?tab=2&preview=${previewToken}&x=y`);
    expect(withQuery.status).toBe(303);
    expectGrantLocation(withQuery.headers.location, id, 'docs?tab=2&x=y');
  });

  it('outpost_get gives the owner a working preview_url too', async () => {
    const id = await createPage({ visibility: 'private' });
    const client = new Client({ name: 'gates-test', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', outpost.url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
    try {
      const got = (await client.callTool({ name: 'outpost_get', arguments: { page_id: id } })).structuredContent as { preview_url: string };
      const url = new URL(got.preview_url);
      expect(url.pathname).toBe(`/p/${id}/`);
      const cookie = setCookie(await get(`${url.pathname}${url.search}`));
      expect((await viaCookie(`/p/${id}/`, cookie.pair)).body).toBe(SECRET);
    } finally {
      await client.close();
    }
  });

  it('opens a gated shared page without its passcode', async () => {
    const id = await createPage({ visibility: 'shared', passcodes: ['nobody knows'] });
    const previewUrl = new URL((await outpost.api(`/api/pages/${id}`, { token })).body.preview_url as string);
    const cookie = setCookie(await get(`${previewUrl.pathname}${previewUrl.search}`));
    expect((await viaCookie(`/p/${id}/`, cookie.pair)).body).toBe(SECRET);
  });

  it('a change of visibility revokes outstanding preview links, their cookies and grants; the new preview_url works', async () => {
    const id = await createPage({ visibility: 'shared', passcodes: ['nobody knows'] });
    const before = new URL((await outpost.api(`/api/pages/${id}`, { token })).body.preview_url as string);
    const opened = await get(`${before.pathname}${before.search}`);
    expect(opened.status).toBe(303);
    const cookie = setCookie(opened);
    const granted = opened.headers.location!;
    expect((await get(granted)).body).toBe(SECRET);

    // Renaming (or setting the same visibility) changes nothing for previews.
    expect((await outpost.api(`/api/pages/${id}`, { token, method: 'PATCH', body: { name: 'Renamed', visibility: 'shared' } })).status).toBe(200);
    expect((await get(granted)).body).toBe(SECRET);
    expect((await get(`${before.pathname}${before.search}`)).status).toBe(303);

    const updated = await outpost.api(`/api/pages/${id}`, { token, method: 'PATCH', body: { visibility: 'private' } });
    expect(updated.status).toBe(200);
    // The old link, its cookie and its grant all stop working at once.
    const oldLink = await get(`${before.pathname}${before.search}`);
    expect(oldLink.status).toBe(403);
    expect(oldLink.body).toContain('This link has expired');
    expect((await get(`/p/${id}/`, cookie.pair)).status).toBe(403);
    const oldGrant = await get(granted);
    expect(oldGrant.status).toBe(302);
    expect(oldGrant.headers.location).toBe(`/p/${id}/`);
    expect(oldGrant.body).not.toContain('secret plans');

    // The preview_url handed out now (with the update, or by getPage) opens it.
    for (const fresh of [updated.body.preview_url, (await outpost.api(`/api/pages/${id}`, { token })).body.preview_url] as string[]) {
      const url = new URL(fresh);
      const res = await get(`${url.pathname}${url.search}`);
      expect(res.status).toBe(303);
      expect((await get(res.headers.location!)).body).toBe(SECRET);
    }
  });

  it('refuses tampered and expired tokens with a 403 that says the link expired', async () => {
    const id = await createPage({ visibility: 'private' });
    const keys = outpost.app.keys.signing;
    const good = mintPreviewToken(keys, id, 0);
    const [exp, mac] = good.split('.');
    const expired = mintPreviewToken(keys, id, 0, Date.now() - 60_000);
    for (const bad of [expired, `${(Number.parseInt(exp, 36) + 3600).toString(36)}.${mac}`, `${exp}.${mac.slice(0, -3)}abc`, 'garbage', '']) {
      const res = await get(`/p/${id}/?preview=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(403);
      expect(res.body).toContain('This link has expired');
      expect(res.body).toContain('owner');
      expect(res.body).not.toContain('secret plans');
      expect(res.headers['set-cookie']).toBeUndefined();
      expectSandboxed(res);
      // Nor as a cookie.
      expect((await get(`/p/${id}/`, `outpost_preview_${id}=${bad}`)).status).toBe(403);
    }
  });

  it('a preview of page A does not open page B', async () => {
    const a = await createPage({ visibility: 'private' });
    const b = await createPage({ visibility: 'private' });
    const tokenA = new URL((await outpost.api(`/api/pages/${a}`, { token })).body.preview_url as string).searchParams.get('preview')!;
    expect((await get(`/p/${b}/?preview=${tokenA}`)).status).toBe(403);
    expect((await get(`/p/${b}/`, `outpost_preview_${b}=${tokenA}`)).status).toBe(403);
    expect((await get(`/p/${b}/`, `outpost_preview_${a}=${tokenA}`)).status).toBe(403);
    expect((await get(`/p/${a}/?preview=${tokenA}`)).status).toBe(303);
  });

  it('public pages ignore ?preview= and never set a cookie', async () => {
    const id = await createPage({ visibility: 'public' });
    const res = await get(`/p/${id}/?preview=garbage`);
    expect(res.status).toBe(200);
    expect(res.body).toBe(SECRET);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
