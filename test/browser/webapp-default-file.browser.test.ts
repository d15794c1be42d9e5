// A page's default file on its settings screen: a captured document's path can be long (the source site's
// folders), and the screen must still fit a phone (390 px) without scrolling sideways, and a desktop.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, suiteTitle } from './chromium.ts';
import { PASSWORD, signInInApp, signUpInApp, startWebApp, type WebApp } from './webapp.ts';

const SHOTS = path.join(os.tmpdir(), 'outpost-docpath-shots');
const DEEP = `${Array.from({ length: 12 }, (_, i) => `folder_number_${i}`).join('/')}/struct.AVeryLongTypeNameIndeedThatHasNoPlaceToBreakAtAll.html`;

describe.skipIf(!HAVE_CHROMIUM)(suiteTitle('a long default file on the page settings screen'), () => {
  let app: WebApp;
  let pageId: string;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    app = await startWebApp();
    const context = await app.newContext();
    await signUpInApp(await context.newPage(), app.server, 'owner@example.com');
    const jwt = (await app.outpost.api('/api/auth/login', { body: { email: 'owner@example.com', password: PASSWORD } })).body.token;
    const created = await app.outpost.api('/api/pages', { token: jwt, body: { name: 'Deep docs', files: [{ path: DEEP, content: '<h1>Deep</h1>' }] } });
    expect(created.body.default_file).toBe(DEEP);
    pageId = created.body.id;
  });
  afterAll(() => app?.close());

  it.each([390, 1280])('fits %i px without scrolling sideways, the whole path shown', async (width) => {
    const context = await app.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    await signInInApp(page, app.server, 'owner@example.com');
    await page.goto(`${app.server}/pages/${pageId}`);
    await page.locator('main h1').waitFor();
    await expect.poll(() => page.locator('main code', { hasText: 'struct.AVeryLongTypeNameIndeedThatHasNoPlaceToBreakAtAll.html' }).textContent()).toBe(DEEP);
    await page.screenshot({ path: path.join(SHOTS, `settings-${width}.png`), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  });
});
