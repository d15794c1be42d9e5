// The page settings screen's "Script compatibility" checkbox, in Chromium: labelled and described, used with the
// keyboard at 390 px and 1280 px, saved with the other settings; the page's script that needs localStorage then
// runs for a visitor. axe finds nothing serious on the screen.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupAndLogin } from '../support/outpost.ts';
import { seriousViolations } from './axe.ts';
import { HAVE_CHROMIUM, suiteTitle } from './chromium.ts';
import { signInInApp, startWebApp, type WebApp } from './webapp.ts';

const PAGE = `<!doctype html><html><head><title>Storage page</title></head><body><h1 id="out">storage refused</h1>
<script>localStorage.setItem('k', 'stored'); document.getElementById('out').textContent = localStorage.getItem('k');</script></body></html>`;

describe.skipIf(!HAVE_CHROMIUM)(suiteTitle('script compatibility in the web app'), () => {
  let app: WebApp;
  let token: string;
  const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-shims-'));

  beforeAll(async () => {
    app = await startWebApp();
    token = (await signupAndLogin(app.outpost, 'owner@example.com')).token;
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(shots, { recursive: true, force: true });
  });

  for (const width of [390, 1280]) {
    it(`turned on with the keyboard at ${width} px; the page's script then has its storage`, async () => {
      const created = await app.outpost.api('/api/pages', { token, body: { html: PAGE, visibility: 'public' } });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      const url = `${app.server}/p/${id}/`;

      const page = await (await app.newContext({ viewport: { width, height: 900 } })).newPage();
      await signInInApp(page, app.server, 'owner@example.com');
      await page.goto(`${app.server}/pages/${id}`);
      const box = page.getByRole('checkbox', { name: 'Script compatibility' });
      await box.waitFor();
      expect(await box.isChecked()).toBe(false);
      const hint = await box.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby')!)?.textContent);
      expect(hint).toContain('in-memory cookies, local storage and workers');
      expect(await seriousViolations(page)).toEqual([]);

      await box.focus();
      await page.keyboard.press('Space');
      expect(await box.isChecked()).toBe(true);
      await box.screenshot({ path: path.join(shots, `checkbox-${width}.png`) });
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByRole('status').getByText('Settings saved.').waitFor();
      await page.screenshot({ path: path.join(process.env.SHIM_SHOTS ?? shots, `settings-${width}.png`), fullPage: true });
      expect(await page.getByRole('checkbox', { name: 'Script compatibility' }).isChecked()).toBe(true);
      expect((await app.outpost.api(`/api/pages/${id}`, { token })).body.script_shims).toBe(true);

      const visitor = await (await app.newContext()).newPage();
      await visitor.goto(url);
      await expect(visitor.locator('#out').textContent()).resolves.toBe('stored');
    });
  }
});
