// A page's versions in the web app, in Chromium: the link from the page's screen, the list (how, when, size,
// changes), a version's files and its read-only link, rolling back after the confirm dialog (keyboard only),
// the announcement, and the screen at 390 px and 1280 px (screenshots in the temp folder).
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAVE_CHROMIUM, suiteTitle } from './chromium.ts';
import { apiTokenFor } from '../support/outpost.ts';
import { signInInApp, startWebApp, type WebApp } from './webapp.ts';

const SCREENSHOT = (name: string) => path.join(os.tmpdir(), `outpost-versions-${name}.png`);

describe.skipIf(!HAVE_CHROMIUM)(suiteTitle('page versions in the web app'), () => {
  let app: WebApp;
  let page: Page;
  let pageId: string;
  let pageUrl: string;

  beforeAll(async () => {
    app = await startWebApp();
    page = await (await app.newContext()).newPage();
    // Three versions made through the API with an API token of the person who then signs in to the app.
    const token = await apiTokenFor(app.outpost, 'owner@example.com', 'test');
    const api = (pathname: string, body: unknown) => app.outpost.api(pathname, { token, body });
    const created = await api('/api/pages', {
      name: 'Launch notes',
      visibility: 'public',
      files: [
        { path: 'index.html', content: '<h1>Launch v1</h1>' },
        { path: 'app.css', content: 'h1{}' },
      ],
    });
    expect(created.status).toBe(201);
    pageId = created.body.id;
    pageUrl = created.body.url;
    expect(
      (
        await api(`/api/pages/${pageId}/files`, {
          files: [
            { path: 'index.html', content: '<h1>Launch v2</h1>' },
            { path: 'app.css', content: 'h1{}' },
            { path: 'faq.html', content: 'faq' },
          ],
        })
      ).status,
    ).toBe(200);
    expect((await api(`/api/pages/${pageId}/files`, { html: '<h1>Launch v3</h1>' })).status).toBe(200);
    await signInInApp(page, app.server, 'owner@example.com');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists the versions from the page screen, shows files and a read-only link, and rolls back with the keyboard', async () => {
    await page.goto(`${app.server}/pages/${pageId}`);
    await page.getByRole('link', { name: 'Versions and rollback' }).click();
    await page.getByRole('heading', { level: 1, name: 'Versions of Launch notes' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

    const items = page.getByRole('list', { name: 'Versions, newest first' }).getByRole('listitem');
    await expect.poll(() => items.count()).toBe(3);
    expect(await items.nth(0).getByRole('heading').textContent()).toBe('Version 3 live');
    expect(await items.nth(0).locator('.changes').innerText()).toMatch(/0 files added\s+1 changed\s+2 removed/);
    expect(await items.nth(1).locator('.changes').innerText()).toMatch(/1 file added\s+1 changed\s+0 removed/);
    expect(await items.nth(2).getByText('Sent as HTML or files').count()).toBe(1);
    // The live version has nothing to roll back to.
    expect(
      await items
        .nth(0)
        .getByRole('button', { name: /Roll back/ })
        .count(),
    ).toBe(0);

    // Version 1's files, and its read-only link opens version 1 while the page shows version 3.
    const show = items.nth(2).getByRole('button', { name: 'Show files of version 1' });
    await show.click();
    const table = items.nth(2).getByRole('table', { name: 'Files of version 1' });
    await table.waitFor();
    expect(await items.nth(2).getByRole('button', { name: 'Hide files of version 1' }).getAttribute('aria-expanded')).toBe('true');
    expect(await table.getByRole('row').allInnerTexts()).toEqual(['File\tSize', 'app.css\t4 bytes', 'index.html\t18 bytes']);
    const link = await items.nth(2).getByRole('link', { name: 'Open version 1 (read-only)' }).getAttribute('href');
    expect(await (await fetch(link!)).text()).toBe('<h1>Launch v1</h1>');
    expect(await (await fetch(pageUrl)).text()).toBe('<h1>Launch v3</h1>');

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: SCREENSHOT('1280'), fullPage: true });

    // Keyboard only: focus the rollback button, open the dialog, confirm.
    await items.nth(2).getByRole('button', { name: 'Roll back to this version (1)' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Roll back to version 1?' });
    await dialog.waitFor();
    await page.screenshot({ path: SCREENSHOT('1280-confirm') });
    // Focus starts on Cancel; Shift+Tab reaches the confirm button.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Version 1 is live again, as a new version.').waitFor();
    await expect.poll(() => items.count()).toBe(4);
    expect(await items.nth(0).getByRole('heading').textContent()).toBe('Version 4 live');
    expect(await items.nth(0).getByText('Rolled back to version 1').count()).toBe(1);
    expect(await (await fetch(pageUrl)).text()).toBe('<h1>Launch v1</h1>');
  });

  it('fits a 390 px phone screen', async () => {
    const phone = await (
      await app.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, storageState: await page.context().storageState() })
    ).newPage();
    await phone.goto(`${app.server}/pages/${pageId}/versions`);
    await phone.getByRole('heading', { level: 1, name: 'Versions of Launch notes' }).waitFor();
    await phone.getByRole('button', { name: 'Show files of version 2' }).click();
    await phone.getByRole('table', { name: 'Files of version 2' }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: SCREENSHOT('390'), fullPage: true });
  });
});
