// The web app's session, attacked from the browser: a signed-in person opens a malicious page published under
// /p/ on the same instance (their own upload from an untrusted source), and a page on another site. Each page's
// script tries to read the session, call the API with it, change state (fetch, auto-submitting forms), frame
// the app or reach into it through window.open, and writes what it got into its own DOM. Nothing may work:
// /p/ pages run sandboxed in an opaque origin, the cookie is HttpOnly and SameSite=Lax, the API honours it only
// from the instance's own origin and with the CSRF header, and the app refuses to be framed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAVE_CHROMIUM, suiteTitle } from './chromium.ts';
import { PASSWORD, signUpInApp, startWebApp, type WebApp } from './webapp.ts';

/** The attacks, as a script the malicious page runs; `base` is where the API is ('' for the same origin). */
const attackScript = (base: string, pageId: string) => `
(async () => {
  const out = {};
  const attempt = async (name, run) => { try { out[name] = await run(); } catch (e) { out[name] = 'threw: ' + e.name; } };
  await attempt('cookie', async () => document.cookie);
  for (const path of ['/api/session', '/api/me', '/api/tokens', '/api/pages']) {
    await attempt('GET ' + path, async () => { const r = await fetch('${base}' + path, { credentials: 'include' }); return r.status + ' ' + (await r.text()).slice(0, 60); });
  }
  const json = { 'content-type': 'application/json' };
  await attempt('POST /api/tokens', async () => (await fetch('${base}/api/tokens', { method: 'POST', credentials: 'include', headers: json, body: '{"name":"stolen"}' })).status);
  await attempt('POST /api/tokens with a guessed CSRF header', async () => (await fetch('${base}/api/tokens', { method: 'POST', credentials: 'include', headers: { ...json, 'x-csrf-token': 'guess' }, body: '{"name":"stolen"}' })).status);
  await attempt('POST /api/tokens no-cors', async () => (await fetch('${base}/api/tokens', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: '{"name":"stolen"}' })).type);
  await attempt('DELETE the page', async () => (await fetch('${base}/api/pages/${pageId}', { method: 'DELETE', credentials: 'include' })).status);
  await attempt('POST /api/me/password', async () => (await fetch('${base}/api/me/password', { method: 'POST', credentials: 'include', headers: json, body: JSON.stringify({ current_password: '${PASSWORD}', new_password: 'owned by the attacker' }) })).status);
  await attempt('DELETE /api/session', async () => (await fetch('${base}/api/session', { method: 'DELETE', credentials: 'include' })).status);
  await attempt('window.open the app', async () => { const w = window.open('${base}/'); await new Promise((r) => setTimeout(r, 1500)); try { return 'read: ' + w.document.title; } catch (e) { return 'blocked: ' + e.name; } finally { w && w.close(); } });
  await attempt('storage', async () => { try { return String(localStorage.length + sessionStorage.length); } catch (e) { return 'blocked: ' + e.name; } });
  const frame = document.createElement('iframe');
  frame.src = '${base}/';
  frame.id = 'app-frame';
  document.body.append(frame);
  await new Promise((r) => setTimeout(r, 1500));
  await attempt('frame the app', async () => { try { return 'read: ' + frame.contentDocument.title; } catch (e) { return 'blocked: ' + e.name; } });
  const pre = document.createElement('pre');
  pre.id = 'out';
  pre.textContent = JSON.stringify(out);
  document.body.append(pre);
})();
`;

/** A page that posts a form to the API as soon as it loads (text/plain, so the body looks like JSON). */
const formAttack = (action: string) => `<!doctype html><title>form</title>
<form id="f" method="post" enctype="text/plain" action="${action}"><input name='{"name":"from a form","x":"' value='"}'></form>
<script>document.getElementById('f').submit()</script>`;

describe.skipIf(!HAVE_CHROMIUM)(suiteTitle('the web app session cannot be used by other pages'), () => {
  let app: WebApp;
  let person: Page;
  let jwt: string;
  let pageId: string;
  let elsewhere: http.Server;
  let elsewhereOrigin: string;
  const elsewhereRoutes = new Map<string, string>();

  beforeAll(async () => {
    app = await startWebApp();
    person = await (await app.newContext()).newPage();
    await signUpInApp(person, app.server, 'victim@example.com');
    jwt = (await app.outpost.api('/api/auth/login', { body: { email: 'victim@example.com', password: PASSWORD } })).body.token;
    elsewhere = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(elsewhereRoutes.get(req.url ?? '') ?? 'not found');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    elsewhereOrigin = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => elsewhere?.close(resolve));
  });

  const tokenNames = async () => ((await app.outpost.api('/api/tokens', { token: jwt })).body.tokens as { name: string }[]).map((t) => t.name);
  const publish = async (html: string) => {
    const res = await app.outpost.api('/api/pages', { token: jwt, body: { name: 'untrusted', html } });
    expect(res.status).toBe(201);
    return res.body as { id: string; url: string };
  };
  /** The session as the app itself sees it (a same-origin fetch from the app's page). */
  const stillSignedIn = () => person.evaluate(async () => (await fetch('/api/session')).status);
  async function resultsOf(page: Page): Promise<Record<string, string>> {
    await page.locator('#out').waitFor({ timeout: 20_000 });
    return JSON.parse(await page.locator('#out').innerText());
  }

  it('the app keeps nothing readable: the cookie is HttpOnly, storage is empty', async () => {
    expect(await person.evaluate(() => [document.cookie, localStorage.length, sessionStorage.length])).toEqual(['', 0, 0]);
  });

  it('a page under /p/ of the same instance gets nothing and changes nothing', async () => {
    const target = await publish('<h1>keep me</h1>');
    pageId = target.id;
    const evil = await publish(`<!doctype html><title>evil</title><script>${attackScript('', pageId)}</script>`);
    const tab = await person.context().newPage();
    await tab.goto(evil.url);
    const out = await resultsOf(tab);

    expect(out.cookie).toBe('threw: SecurityError'); // an opaque origin has no cookies at all
    // The page's origin is opaque, so the API is another origin to it: the request fails (no CORS grant) or is refused.
    for (const path of ['/api/session', '/api/me', '/api/tokens', '/api/pages']) expect(out[`GET ${path}`], path).toMatch(/^(401 |403 |threw: TypeError)/);
    expect(out['POST /api/tokens']).toMatch(/^(401|403|threw: TypeError)$/);
    expect(out['POST /api/tokens with a guessed CSRF header']).toMatch(/^(401|403|threw: TypeError)$/);
    expect(out['POST /api/tokens no-cors']).toBe('opaque');
    expect(out['DELETE the page']).toMatch(/^(401|403|threw: TypeError)$/);
    expect(out['POST /api/me/password']).toMatch(/^(401|403|threw: TypeError)$/);
    expect(out['DELETE /api/session']).toMatch(/^(401|403|threw: TypeError)$/);
    expect(out['window.open the app']).toMatch(/^(blocked: |threw: )/);
    expect(out.storage).toMatch(/^blocked: /);
    expect(out['frame the app']).toMatch(/^(blocked: |threw: |read: $)/);
    // The frame never showed the app: Chromium replaced it with its error page (frame-ancestors 'none').
    const frame = tab.frames().find((f) => f !== tab.mainFrame());
    expect(frame?.url()).not.toBe(`${app.server}/`);

    expect(await tokenNames()).toEqual([]);
    expect((await app.outpost.api(`/api/pages/${pageId}`, { token: jwt })).status).toBe(200);
    expect((await app.outpost.api('/api/auth/login', { body: { email: 'victim@example.com', password: PASSWORD } })).status).toBe(200);
    expect(await stillSignedIn()).toBe(200);
  });

  it('an auto-submitting form on a /p/ page changes nothing', async () => {
    const evil = await publish(formAttack(`${app.server}/api/tokens`));
    const tab = await person.context().newPage();
    const landed = tab.waitForResponse((r) => r.url() === `${app.server}/api/tokens` && r.request().method() === 'POST');
    await tab.goto(evil.url);
    expect([401, 403, 415]).toContain((await landed).status());
    expect(await tokenNames()).toEqual([]);
  });

  it('a page on another site gets nothing and changes nothing, by fetch or by form', async () => {
    elsewhereRoutes.set('/fetch', `<!doctype html><title>elsewhere</title><script>${attackScript(app.server, pageId)}</script>`);
    elsewhereRoutes.set('/form', formAttack(`${app.server}/api/tokens`));
    const tab = await person.context().newPage();
    await tab.goto(`${elsewhereOrigin}/fetch`);
    const out = await resultsOf(tab);
    for (const path of ['/api/session', '/api/me', '/api/tokens', '/api/pages']) expect(out[`GET ${path}`], path).toMatch(/^(401 |403 |threw: TypeError)/);
    for (const name of ['POST /api/tokens', 'POST /api/tokens with a guessed CSRF header', 'DELETE the page', 'POST /api/me/password', 'DELETE /api/session'])
      expect(out[name], name).toMatch(/^(401|403|threw: TypeError)$/);
    expect(out['window.open the app']).toMatch(/^blocked: /);
    expect(out['frame the app']).toMatch(/^(blocked: |read: $)/);

    const form = await person.context().newPage();
    const landed = form.waitForResponse((r) => r.url() === `${app.server}/api/tokens` && r.request().method() === 'POST');
    await form.goto(`${elsewhereOrigin}/form`);
    expect([401, 403, 415]).toContain((await landed).status());

    expect(await tokenNames()).toEqual([]);
    expect((await app.outpost.api(`/api/pages/${pageId}`, { token: jwt })).status).toBe(200);
    expect(await stillSignedIn()).toBe(200);
  });
});
