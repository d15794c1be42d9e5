// Expiry and views in Chromium: an expired page's address shows the 410 page (a heading and words a visitor
// understands, nothing of the page); the page screen of the web app shows its views (totals, a bar per day,
// views left) and sets expiry and maximum views, with the API's refusal next to its field; axe finds nothing
// serious at 390 and 1280 px. Set OUTPOST_SHOTS_DIR to keep the screenshots.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { recordEmailOpen } from '../../src/pages/view-stats.ts';
import { viewCounterOf } from '../../src/serve/view-counter.ts';
import { HAVE_CHROMIUM, suiteTitle } from './chromium.ts';
import { seriousViolations } from './axe.ts';
import { PASSWORD, signUpInApp, startWebApp, type WebApp } from './webapp.ts';

const HTML = '<!doctype html><title>Offer</title><h1>Spring offer</h1><p>valid while it lasts</p>';

describe.skipIf(!HAVE_CHROMIUM)(suiteTitle('expiry and views'), () => {
  let app: WebApp;
  let jwt: string;
  let page: Page;
  const shots = process.env.OUTPOST_SHOTS_DIR;

  beforeAll(async () => {
    app = await startWebApp();
    page = await (await app.newContext()).newPage();
    await signUpInApp(page, app.server, 'owner@example.com');
    jwt = (await app.outpost.api('/api/auth/login', { body: { email: 'owner@example.com', password: PASSWORD } })).body.token;
    if (shots) fs.mkdirSync(shots, { recursive: true });
  });
  afterAll(() => app?.close());

  const shot = async (target: Page, name: string) => {
    if (shots) await target.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  };

  it('an expired page shows the 410 page', async () => {
    const expiresAt = Date.now() + 1500;
    const created = await app.outpost.api('/api/pages', { token: jwt, body: { html: HTML, expires_at: new Date(expiresAt).toISOString() } });
    const visitor = await (await app.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    const live = await visitor.goto(created.body.url);
    expect(live!.status()).toBe(200);
    await visitor.getByRole('heading', { name: 'Spring offer' }).waitFor();
    await new Promise((r) => setTimeout(r, Math.max(0, expiresAt + 50 - Date.now())));
    const gone = await visitor.reload();
    expect(gone!.status()).toBe(410);
    await visitor.getByRole('heading', { name: 'This page has expired' }).waitFor();
    expect(await visitor.title()).toBe('This page has expired');
    expect(await visitor.content()).not.toContain('Spring offer');
    await shot(visitor, 'expired-390');
    await visitor.setViewportSize({ width: 1280, height: 800 });
    await shot(visitor, 'expired-1280');
  });

  it('the page screen shows views and sets expiry and maximum views', { timeout: 60_000 }, async () => {
    const created = await app.outpost.api('/api/pages', { token: jwt, body: { name: 'Launch page', html: HTML, max_views: 20 } });
    const id = created.body.id as string;
    for (let i = 0; i < 5; i++) await fetch(created.body.url + '/', { headers: { 'user-agent': `reader-${i % 2}` } });
    await viewCounterOf(app.outpost.server)!.flush();
    // What the e-mail gate records when an allowed address follows its link (test/serve/page-end.test.ts follows one).
    await recordEmailOpen(app.outpost.app.db, id, 'friend@example.com', new Date('2026-03-01T10:00:00Z'));
    await recordEmailOpen(app.outpost.app.db, id, 'friend@example.com', new Date('2026-03-02T09:30:00Z'));

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${app.server}/pages/${id}`);
    const views = page.getByRole('region', { name: 'Views' });
    await views.getByText('Live.').waitFor();
    await views.getByText('15 views left of 20').waitFor();
    expect(await views.locator('.stats-totals dd').allTextContents()).toEqual(['5', '5', '≈ about 2']);
    const days = views.getByRole('list', { name: 'Views per day' }).getByRole('listitem');
    expect(await days.count()).toBe(30);
    expect(await days.last().textContent()).toMatch(/5 views, about 2 visitors/);
    const opens = views.getByRole('table', { name: 'Opened through an e-mailed link' });
    expect(
      await opens
        .getByRole('row', { name: /friend@example\.com/ })
        .getByRole('cell')
        .first()
        .textContent(),
    ).toBe('2');

    // A refused value is shown next to its field, in the API's words.
    const maxViews = page.getByLabel('Maximum views');
    await maxViews.fill('0');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('max_views must be a whole number of at least 1, or null').waitFor();
    expect(await maxViews.getAttribute('aria-invalid')).toBe('true');

    await maxViews.fill('5');
    await page.getByLabel('Expires at').fill('2030-01-02T03:04');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').getByText('Settings saved.').waitFor();
    await views.getByText('0 views left of 5').waitFor();
    await views.getByText('Expired: its link answers “gone”.').waitFor();
    const saved = await app.outpost.api(`/api/pages/${id}`, { token: jwt });
    expect(saved.body).toMatchObject({ max_views: 5, status: 'expired' });
    expect(Date.parse(saved.body.expires_at)).toBe(new Date('2030-01-02T03:04').getTime());

    for (const [width, height] of [
      [390, 844],
      [1280, 800],
    ]) {
      await page.setViewportSize({ width, height });
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, `page-stats-${width}`);
    }
  });
});
