// Where the browser session cookie does NOT count: the MCP endpoints (/mcp, /sse, /mcp/message) and page
// serving (/p/), even from the instance's own origin with the CSRF token; and no response of the server lets
// another origin read an answer made with it (no Access-Control-Allow-Credentials anywhere).
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { signupAndLogin } from '../support/outpost.ts';
import { PASSWORD, useOutpost } from './helpers.ts';
import { type BrowserSignIn, fromApp, signInBrowser } from './browser.ts';

const t = useOutpost({ SIGNUP_MODE: 'open' });
let token: string;
let browser: BrowserSignIn;

beforeAll(async () => {
  token = (await signupAndLogin(t.outpost, 'alice@example.com', PASSWORD)).token;
  browser = await signInBrowser(t.outpost, 'alice@example.com');
});

/** Everything a request of the app itself carries: the cookie, its own Origin, the CSRF token. */
const asTheApp = () => ({ cookie: browser.cookie, ...fromApp(t.outpost), 'x-csrf-token': browser.csrf });

describe('MCP endpoints take only a bearer credential', () => {
  const toolsList = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });

  it('POST /mcp with the cookie: 401', async () => {
    const res = await t.outpost.api('/mcp', { body: toolsList, headers: { ...asTheApp(), accept: 'application/json, text/event-stream' } });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('Missing or invalid Authorization header');
    // The same request with the bearer credential works: the 401 is the cookie's.
    const ok = await t.outpost.api('/mcp', { body: toolsList, token, headers: { accept: 'application/json, text/event-stream' } });
    expect(ok.status).toBe(200);
  });

  it.each([
    ['GET /mcp (legacy stream)', 'GET', '/mcp'],
    ['GET /sse', 'GET', '/sse'],
    ['DELETE /mcp', 'DELETE', '/mcp'],
  ])('%s with the cookie: 401', async (_label, method, path) => {
    const res = await t.outpost.api(path, { method, headers: { ...asTheApp(), accept: 'text/event-stream' } });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('Missing or invalid Authorization header');
  });

  it('POST /mcp/message with the cookie: only a live session id opens it, the cookie adds nothing (404)', async () => {
    const res = await t.outpost.api(`/mcp/message?session_id=${randomUUID()}`, { body: toolsList, headers: asTheApp() });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('Session not found');
  });
});

describe('page serving ignores it', () => {
  it('a private page is refused to its own owner’s browser session, as to anyone', async () => {
    const page = await t.outpost.api('/api/pages', { token, body: { name: 'Secret', html: '<h1>the private content</h1>', visibility: 'private' } });
    expect(page.status).toBe(201);
    const anonymous = await t.outpost.api(`/p/${page.body.id}/`);
    const withCookie = await t.outpost.api(`/p/${page.body.id}/`, { headers: { ...asTheApp(), 'sec-fetch-site': 'same-origin' } });
    expect(withCookie.status).toBe(anonymous.status);
    expect(withCookie.status).toBe(403);
    expect(withCookie.body).not.toContain('the private content');
    // The preview link is what opens it.
    const preview = await fetch(page.body.preview_url, { redirect: 'manual' });
    expect([200, 302, 303]).toContain(preview.status);
  });

  it('no /p/ response sets the session cookie or any cookie valid outside the page', async () => {
    const page = await t.outpost.api('/api/pages', { token, body: { html: '<h1>public</h1>' } });
    const res = await t.outpost.api(`/p/${page.body.id}/`, { headers: { cookie: browser.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(res.headers.get('content-security-policy')).toMatch(/^sandbox /);
    expect(res.headers.get('content-security-policy')).not.toContain('allow-same-origin');
  });
});

describe('no Access-Control-Allow-Credentials', () => {
  it('on any API answer, preflights from other origins included', async () => {
    const evil = { origin: 'https://evil.example' };
    const preflight = (path: string, method: string) => ({
      method: 'OPTIONS',
      headers: { ...evil, 'access-control-request-method': method, 'access-control-request-headers': 'x-csrf-token, content-type' },
    });
    const responses = [
      await t.outpost.api('/api/session', { headers: { cookie: browser.cookie, ...evil } }),
      await t.outpost.api('/api/session', { headers: { cookie: browser.cookie, 'sec-fetch-site': 'same-origin' } }),
      await t.outpost.api('/api/session', { body: { email: 'alice@example.com', password: PASSWORD }, headers: fromApp(t.outpost) }),
      await t.outpost.api('/api/me', { headers: { cookie: browser.cookie, ...evil } }),
      await t.outpost.api('/api/instance', { headers: evil }),
      await t.outpost.api('/api/session', preflight('/api/session', 'POST')),
      await t.outpost.api('/api/tokens', preflight('/api/tokens', 'POST')),
      await t.outpost.api('/mcp', preflight('/mcp', 'POST')),
      await t.outpost.api('/mcp', { body: '{}', token, headers: { ...evil, 'content-type': 'application/json' } }),
    ];
    for (const res of responses) expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    // The API routes answer no preflight at all: a browser on another origin may not even send the CSRF header.
    expect(responses[5].headers.get('access-control-allow-origin')).toBeNull();
    expect(responses[6].headers.get('access-control-allow-origin')).toBeNull();
  });
});
