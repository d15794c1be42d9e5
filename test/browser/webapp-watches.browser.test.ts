// Watches in the web app, in Chromium, at 1280 and 390 px: reached from the navigation, created from the form
// (page, URL, schedule, webhook; its secret shown once), a refused cron in the API's words next to its field,
// runs (driven by a test clock) shown as the last signal and in the signals list with the changed lines,
// paused and resumed, deleted after a confirm dialog. OUTPOST_SHOTS_DIR keeps a screenshot at each width.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../support/capture-fixtures.ts';
import { runOnce, TestClock } from '../watches/watch-helpers.ts';
import { HAVE_CHROMIUM, suiteTitle } from './chromium.ts';
import { PASSWORD, signUpInApp, startWebApp, type WebApp } from './webapp.ts';

const html = (price: string) => `<!doctype html><title>Prices</title><h1>Prices</h1><p>Plan A: ${price}</p>`;

describe.skipIf(!HAVE_CHROMIUM)(suiteTitle('watches in the web app'), () => {
  let app: WebApp;
  let site: FixtureServer;
  let page: Page;
  let token: string;
  let pageId: string;
  const clock = new TestClock();
  const shots = process.env.OUTPOST_SHOTS_DIR;

  beforeAll(async () => {
    site = await startFixtureServer();
    site.route('/pricing', { type: 'text/html', body: html('10 €') });
    app = await startWebApp(
      { CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8', CAPTURE_ALLOWED_PORTS: String(site.port) },
      { watches: { now: clock.now, pollMs: 60_000 } },
    );
    page = await (await app.newContext()).newPage();
    await signUpInApp(page, app.server, 'owner@example.com');
    token = (await app.outpost.api('/api/auth/login', { body: { email: 'owner@example.com', password: PASSWORD } })).body.token;
    pageId = (await app.outpost.api('/api/pages', { token, body: { name: 'Price list', source_url: site.url('/pricing') } })).body.id;
    if (shots) fs.mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await app?.close();
    await site?.close();
  });

  it('create, see signals, pause and resume, delete', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Watches' }).click();
    await page.getByRole('heading', { name: 'Watches', level: 1 }).waitFor();
    await page.getByText('No watch yet.').waitFor();

    await page.getByLabel('Page', { exact: true }).selectOption(pageId);
    await page.getByLabel('URL to watch').fill(site.url('/pricing'));
    await page.getByLabel('Schedule').selectOption('cron');
    await page.getByLabel('Cron expression (UTC)').fill('* * * * *');
    await page.getByRole('button', { name: 'Create watch' }).click();
    const cron = page.getByLabel('Cron expression (UTC)');
    await expect.poll(() => cron.getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
    await page.getByText('runs more often than every 15 minutes').waitFor();

    await page.getByLabel('Schedule').selectOption('15');
    await page.getByLabel('Webhook URL (optional)').fill(site.url('/hook'));
    await page.getByRole('button', { name: 'Create watch' }).click();
    await page.getByRole('status').getByText('Watch created.').waitFor();
    await expect(page.getByLabel('Webhook signing secret').inputValue()).resolves.toMatch(/^whsec_/);
    const item = page.locator('li.watch', { hasText: site.url('/pricing') });
    await item.getByText('No run yet.').waitFor();
    await item.getByText('Every 15 minutes').waitFor();

    const watchId = (await app.outpost.api('/api/watches', { token })).body.watches[0].id;
    await runOnce(app.outpost, clock, token, watchId);
    site.route('/pricing', { type: 'text/html', body: html('12 €') });
    await runOnce(app.outpost, clock, token, watchId);
    await page.reload();
    await item.getByText(/1 line added, 1 removed/).waitFor();
    await item.getByRole('button', { name: /^Signals/ }).click();
    await expect(item.getByRole('button', { name: /^Hide signals/ }).getAttribute('aria-expanded')).resolves.toBe('true');
    await item.locator('.signals > li').nth(1).getByText('No change').waitFor();
    await item.locator('.excerpts .added').getByText('Plan A: 12 €').waitFor();
    await item.locator('.excerpts .removed').getByText('Plan A: 10 €').waitFor();

    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `horizontal overflow at ${width} px`).toBe(0);
      if (shots) await page.screenshot({ path: path.join(shots, `watches-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 800 });

    await item.getByRole('button', { name: /^Pause/ }).click();
    await page.getByRole('status').getByText('Watch paused.').waitFor();
    await item.getByText('Paused: no run planned').waitFor();
    await item.getByRole('button', { name: /^Resume/ }).click();
    await page.getByRole('status').getByText('Watch resumed.').waitFor();
    await item.getByText(/Next run/).waitFor();

    await item.getByRole('button', { name: /^Delete/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this watch?' });
    await dialog.getByRole('button', { name: 'Delete watch' }).click();
    await page.getByRole('status').getByText('Watch deleted.').waitFor();
    await page.getByText('No watch yet.').waitFor();
    expect((await app.outpost.api('/api/watches', { token })).body.watches).toEqual([]);
  });
});
