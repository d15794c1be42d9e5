// Pages in a real browser: Debian's Chromium driven by playwright-core against a real Outpost on 127.0.0.1.
// What only a browser can show: that the /p/ sandbox really runs a page's scripts in an opaque origin (no
// reading the API, no cookies, no storage), and that the gate's plain forms, redirects and cookies work as a
// person clicks through them, and that a protected multi-file page, once opened, loads every file it refers to
// (through the access grant in its address: its opaque-origin document sends no cookie with those requests).
// One browser for the file, a fresh context (cookie jar) per test.
// Skipped when /usr/bin/chromium is absent; .ci/run installs it, so CI runs these.
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import type { TestOutpost } from '../support/outpost.ts';
import { expectSiteLoaded, grantUrl, multiFileSite, recordFailures } from './multi-file-site.ts';
import { HAVE_CHROMIUM, startBrowserSession, suiteTitle, type BrowserSession } from './chromium.ts';

/** The passcode form as a person sees it, for looking at by hand (not asserted, not committed). */
const SCREENSHOT = path.join(os.tmpdir(), 'outpost-passcode-form.png');

const title = suiteTitle('pages in Chromium');

describe.skipIf(!HAVE_CHROMIUM)(title, () => {
  let session: BrowserSession;
  let outpost: TestOutpost;
  let token: string;
  let server: string;

  beforeAll(async () => {
    session = await startBrowserSession();
    ({ outpost, token, server } = session);
  });
  afterAll(() => session?.close());

  const newContext = (): Promise<BrowserContext> => session.newContext();

  async function createPage(body: Record<string, unknown>): Promise<string> {
    const res = await outpost.api('/api/pages', { token, body });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  it('runs a page’s script in an opaque origin: no API data, no cookies, no storage', async () => {
    const secret = `secret-${crypto.randomBytes(8).toString('hex')}`;
    // The script records what it could get; every probe catches its own failure.
    const script = `
      (async () => {
        const out = { ran: true };
        async function probe(url) {
          try {
            const res = await fetch(url, { credentials: 'include' });
            return { status: res.status, type: res.type, body: await res.text() };
          } catch (e) { return { error: String(e && e.name) }; }
        }
        out.relative = await probe('/api/pages');
        out.absolute = await probe(${JSON.stringify(`${server}/api/me`)});
        try { out.cookie = document.cookie; } catch (e) { out.cookieError = String(e && e.name); }
        try { localStorage.setItem('k', 'v'); out.storage = localStorage.getItem('k'); } catch (e) { out.storageError = String(e && e.name); }
        out.origin = self.origin;
        document.body.dataset.result = JSON.stringify(out);
      })();`;
    const id = await createPage({
      html: `<!doctype html><html><head><title>Free prizes</title></head><body><h1>Hi</h1><script>${script}</script></body></html>`,
    });

    const context = await newContext();
    await context.addCookies([
      { name: 'outpost_session', value: secret, url: server },
      { name: 'outpost_other', value: secret, url: `${server}/p/${id}/` },
    ]);
    const page = await context.newPage();
    const response = await page.goto(`${server}/p/${id}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toMatch(/^sandbox /);
    const handle = await page.waitForFunction(() => document.body?.dataset.result);
    const raw = (await handle.jsonValue()) as string;
    const result = JSON.parse(raw);

    expect(result.ran).toBe(true); // the sandbox allows scripts
    expect(result.origin).toBe('null'); // ...in an opaque origin
    // Cross-origin from the opaque origin, and the API sends no CORS headers: the browser refuses to read.
    for (const probe of [result.relative, result.absolute]) {
      expect(probe).toEqual({ error: 'TypeError' });
    }
    expect(result.cookie ?? '').toBe('');
    expect(result.cookieError ?? 'SecurityError').toBe('SecurityError');
    expect(result.storage).toBeUndefined();
    expect(result.storageError).toBe('SecurityError');
    expect(raw).not.toContain(secret);
    expect(await page.content()).not.toContain(secret);
  });

  it('a link with target=_blank and window.open from one page to another open it in a popup, still in an opaque origin', async () => {
    // Page B reports, in its body, what it can reach: its origin, its opener, cookies.
    const report = `
      const out = { origin: self.origin, hasOpener: window.opener !== null };
      try { out.cookie = document.cookie; } catch (e) { out.cookieError = String(e && e.name); }
      document.body.dataset.result = JSON.stringify(out);`;
    const b = await createPage({
      html: `<!doctype html><html><head><title>B</title></head><body><p id="b">page B</p><script>${report}</script></body></html>`,
    });
    const a = await createPage({
      html: `<!doctype html><html><head><title>A</title></head><body>
        <a id="link" href="/p/${b}/?via=link" target="_blank">to B</a>
        <button id="open" onclick="window.open('/p/${b}/?via=open')">open B</button>
        <a id="keep-opener" href="/p/${b}/?via=rel-opener" target="_blank" rel="opener">to B, opener kept</a>
      </body></html>`,
    });
    const context = await newContext();
    const page = await context.newPage();
    expect((await page.goto(`${server}/p/${a}/`))?.status()).toBe(200);

    for (const [selector, via] of [
      ['#link', 'link'],
      ['#open', 'open'],
      ['#keep-opener', 'rel-opener'],
    ]) {
      const [popup] = await Promise.all([context.waitForEvent('page'), page.click(selector)]);
      await popup.waitForLoadState('domcontentloaded');
      // Not Chromium's error page (ERR_BLOCKED_BY_RESPONSE, at chrome-error://) but page B, at its address.
      expect(popup.url(), via).toBe(`${server}/p/${b}/?via=${via}`);
      const reported = await popup.waitForFunction(() => document.body?.dataset.result, undefined, { timeout: 5000 });
      const result = JSON.parse((await reported.jsonValue()) as string);
      expect(result.origin, via).toBe('null');
      expect(result.cookie ?? '', via).toBe('');
      expect(result.cookieError ?? 'SecurityError', via).toBe('SecurityError');
      // Page B cannot reach page A's document: COOP leaves it no opener, even with rel=opener.
      expect(result.hasOpener, via).toBe(false);
      await popup.close();
    }
  });

  it('passcode gate: form, wrong passcode, right passcode, and the cookie keeps it open', async () => {
    const id = await createPage({
      visibility: 'shared',
      passcodes: ['open sesame'],
      html: '<!doctype html><html><head><title>Plans</title></head><body><p id="content">the secret plans 4c1d</p></body></html>',
    });
    const context = await newContext();
    const page = await context.newPage();

    const first = await page.goto(`${server}/p/${id}/`);
    expect(first?.status()).toBe(401);
    await page.getByLabel('Passcode').waitFor();
    expect(await page.title()).toBe('Passcode required');
    expect(await page.locator('[role=alert]').count()).toBe(0);
    await page.screenshot({ path: SCREENSHOT });

    await page.getByLabel('Passcode').fill('open says me');
    await page.getByRole('button', { name: 'View page' }).click();
    await expect.poll(() => page.locator('[role=alert]').textContent()).toContain('not right');
    expect(await page.content()).not.toContain('secret plans');

    await page.getByLabel('Passcode').fill('open sesame');
    await page.getByRole('button', { name: 'View page' }).click();
    await page.locator('#content').waitFor();
    // The page is shown behind an access grant in its address.
    expect(page.url()).toMatch(grantUrl(server, id));
    expect(await page.locator('#content').textContent()).toBe('the secret plans 4c1d');
    const gateCookie = (await context.cookies(`${server}/p/${id}/`)).find((c) => c.name === `outpost_gate_${id}`);
    expect(gateCookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: `/p/${id}/` });

    const again = await page.reload();
    expect(again?.status()).toBe(200);
    expect(await page.locator('#content').textContent()).toBe('the secret plans 4c1d');
    // Back at the plain address, the cookie leads to a (new) grant address.
    const back = await page.goto(`${server}/p/${id}/?tab=2`);
    expect(back?.status()).toBe(200);
    expect(page.url()).toMatch(grantUrl(server, id, '?tab=2'));
    expect(await page.locator('#content').textContent()).toBe('the secret plans 4c1d');
  });

  it('a multi-file shared page loads its stylesheet, image, script, fetch, font and frame once through the passcode gate', async () => {
    const id = await createPage({ visibility: 'shared', passcodes: ['open sesame'], files: multiFileSite() });
    const page = await (await newContext()).newPage();
    const failures = recordFailures(page, (r) => r.status() === 401 && r.url() === `${server}/p/${id}/`);
    expect((await page.goto(`${server}/p/${id}/`))?.status()).toBe(401);
    await page.getByLabel('Passcode').fill('open sesame');
    await page.getByRole('button', { name: 'View page' }).click();
    await expectSiteLoaded(page, failures);
    expect(page.url()).toMatch(grantUrl(server, id));

    // A stranger with no grant: the gate for every file.
    const stranger = await (await newContext()).newPage();
    for (const path of ['', 'css/site.css', 'img/pic.png', 'frame/']) {
      expect((await stranger.goto(`${server}/p/${id}/${path}`))?.status()).toBe(401);
      expect(await stranger.content()).not.toContain('multi-file secret');
    }
  });

  it('a multi-file private page opened with the owner’s preview link loads its stylesheet, image, script, fetch, font and frame', async () => {
    const id = await createPage({ visibility: 'private', files: multiFileSite() });
    const previewUrl = new URL((await outpost.api(`/api/pages/${id}`, { token })).body.preview_url as string);
    const page = await (await newContext()).newPage();
    const failures = recordFailures(page);
    const opened = await page.goto(`${server}${previewUrl.pathname}${previewUrl.search}`);
    expect(opened?.status()).toBe(200);
    expect(page.url()).toMatch(grantUrl(server, id));
    expect(page.url()).not.toContain('preview=');
    await expectSiteLoaded(page, failures);
  });

  it('private page: 403 without a preview, the owner’s preview_url opens it, a tampered token has expired', async () => {
    const id = await createPage({
      visibility: 'private',
      html: '<!doctype html><html><head><title>Draft</title></head><body><p id="content">private draft 9e2b</p></body></html>',
    });
    const context = await newContext();
    const page = await context.newPage();

    const refused = await page.goto(`${server}/p/${id}/`);
    expect(refused?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('This page is protected');
    expect(await page.content()).not.toContain('private draft');

    // The preview link as the owner gets it, kept on 127.0.0.1 whatever PUBLIC_URL says.
    const previewUrl = new URL((await outpost.api(`/api/pages/${id}`, { token })).body.preview_url as string);
    const previewToken = previewUrl.searchParams.get('preview')!;
    expect(previewToken).toBeTruthy();
    const opened = await page.goto(`${server}${previewUrl.pathname}${previewUrl.search}`);
    expect(opened?.status()).toBe(200);
    await page.locator('#content').waitFor();
    expect(await page.locator('#content').textContent()).toBe('private draft 9e2b');
    expect(page.url()).toMatch(grantUrl(server, id));
    // The preview cookie keeps it open without the query (at a grant address again).
    const plain = await page.goto(`${server}/p/${id}/`);
    expect(plain?.status()).toBe(200);
    await page.locator('#content').waitFor();
    expect(page.url()).toMatch(grantUrl(server, id));

    const stranger = await (await newContext()).newPage();
    const [exp, mac] = previewToken.split('.');
    const tampered = `${exp}.${mac.slice(0, -3)}${mac.endsWith('abc') ? 'xyz' : 'abc'}`;
    const bad = await stranger.goto(`${server}/p/${id}/?preview=${encodeURIComponent(tampered)}`);
    expect(bad?.status()).toBe(403);
    expect(await stranger.locator('h1').textContent()).toBe('This link has expired');
    expect(await stranger.content()).not.toContain('private draft');
  });
});
