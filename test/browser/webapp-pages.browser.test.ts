// Publishing and managing pages in the web app, in Chromium: a dropped .zip with its upload progress, the
// link, sharing with a passcode (a fresh browser meets the gate), deleting after a confirmation that names
// the page; a picked folder zipped in the browser; a refused archive in the API's words; pasted HTML,
// renaming, passcodes and e-mails, new files, the ZIP export; a capture followed live and cancelled.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFixtureServer, seededBytes, type FixtureServer } from '../support/capture-fixtures.ts';
import { HAVE_CHROMIUM, suiteTitle } from './chromium.ts';
import { signUpInApp, startWebApp, type WebApp } from './webapp.ts';

async function zipOf(entries: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries)) zip.addBuffer(Buffer.from(content), name, { compress: false });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A real drop on the drop zone: a DataTransfer made in the page holding the file. */
async function dropFile(page: Page, name: string, bytes: Buffer, type: string) {
  await page.evaluate(
    ({ name, base64, type }) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name, { type }));
      const zone = document.querySelector('[data-testid="drop-zone"]')!;
      for (const kind of ['dragenter', 'dragover', 'drop'])
        zone.dispatchEvent(new DragEvent(kind, { bubbles: true, cancelable: true, dataTransfer: transfer }));
    },
    { name, base64: bytes.toString('base64'), type },
  );
}

/** Records what the upload progress shows each time it changes: [value of the bar, its words]. */
async function watchUploadProgress(page: Page) {
  await page.evaluate(() => {
    const seen: [number, string][] = ((window as any).__progress = []);
    new MutationObserver(() => {
      const box = document.querySelector('.upload-progress');
      if (box) seen.push([(box.querySelector('progress') as HTMLProgressElement).value, box.textContent ?? '']);
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

describe.skipIf(!HAVE_CHROMIUM)(suiteTitle('pages in the web app'), () => {
  let app: WebApp;
  let site: FixtureServer;
  let page: Page;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-webapp-'));

  beforeAll(async () => {
    site = await startFixtureServer();
    app = await startWebApp({ CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8', CAPTURE_ALLOWED_PORTS: String(site.port) });
    page = await (await app.newContext()).newPage();
    await signUpInApp(page, app.server, 'owner@example.com');
  });
  afterAll(async () => {
    await app?.close();
    await site?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('drop a .zip: progress to 100 %, the link works; shared with a passcode; deleted after naming it', async () => {
    await page.getByText('You have not published a page yet.').waitFor();
    await page.getByRole('link', { name: 'Publish your first page' }).click();
    await page.getByRole('heading', { name: 'Publish a page' }).waitFor();
    const zip = await zipOf({
      'site/index.html': '<!doctype html><title>Drop test</title><link rel="stylesheet" href="style.css"><h1>Hello from the drop</h1>',
      'site/style.css': 'h1 { color: rgb(200, 0, 0) }',
      'site/big.bin': seededBytes('big', 3 * 1024 * 1024),
    });
    await dropFile(page, 'site.zip', zip, 'application/zip');
    await page.getByText('Selected: site.zip').waitFor();

    // A slow upload link, so the bar has something to show between 0 and 100.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 4 * 1024 * 1024 });
    await watchUploadProgress(page);
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('heading', { name: 'Drop test' }).waitFor({ timeout: 20_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    const seen: [number, string][] = await page.evaluate(() => (window as any).__progress);
    expect(
      seen.some(([value]) => value > 0 && value < 100),
      JSON.stringify(seen),
    ).toBe(true);
    expect(Math.max(...seen.map(([value]) => value))).toBe(100);
    expect(seen.some(([, words]) => words.includes('Uploaded'))).toBe(true);

    const url = await page.locator('.page-url').first().innerText();
    const visitor = await (await app.newContext()).newPage();
    await visitor.goto(url);
    await expect(visitor.getByRole('heading', { name: 'Hello from the drop' }).evaluate((h) => getComputedStyle(h).color)).resolves.toBe('rgb(200, 0, 0)');

    await page.getByRole('link', { name: 'Page settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.getByRole('radio', { name: /Shared/ }).check();
    await page.getByLabel('New passcode').fill('open sesame');
    await page.getByRole('button', { name: 'Add passcode' }).click();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').getByText('Settings saved.').waitFor();

    const stranger = await (await app.newContext()).newPage();
    await stranger.goto(url);
    await stranger.getByLabel('Passcode').fill('open sesame');
    await stranger.getByRole('button', { name: 'View page' }).click();
    await stranger.getByRole('heading', { name: 'Hello from the drop' }).waitFor();
    const newcomer = await (await app.newContext()).newPage();
    await newcomer.goto(url);
    await newcomer.getByLabel('Passcode').waitFor();

    await page.getByRole('button', { name: 'Delete page' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “Drop test”?' });
    await dialog.getByRole('button', { name: 'Delete page' }).click();
    await page.getByRole('status').getByText('Deleted Drop test.').waitFor();
    await page.getByText('You have not published a page yet.').waitFor();
    expect((await fetch(url)).status).toBe(404);
  });

  it('a picked folder is zipped in the browser; a refused archive shows the API message', async () => {
    const folder = path.join(tmp, 'my-site');
    fs.mkdirSync(path.join(folder, 'css'), { recursive: true });
    fs.writeFileSync(
      path.join(folder, 'index.html'),
      '<!doctype html><title>Folder site</title><link rel="stylesheet" href="css/site.css"><h1>From a folder</h1>',
    );
    fs.writeFileSync(path.join(folder, 'css', 'site.css'), 'h1 { color: rgb(0, 120, 0) }');
    await page.goto(`${app.server}/publish`);
    await page.locator('input[type=file][webkitdirectory]').setInputFiles(folder);
    await page.getByText('Selected: folder my-site (2 files').waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    // A folder published without a name is named after the folder.
    await page.getByRole('heading', { name: 'my-site' }).waitFor();
    const url = await page.locator('.page-url').first().innerText();
    const visitor = await (await app.newContext()).newPage();
    await visitor.goto(url);
    await expect(visitor.getByRole('heading', { name: 'From a folder' }).evaluate((h) => getComputedStyle(h).color)).resolves.toBe('rgb(0, 120, 0)');

    await page.goto(`${app.server}/publish`);
    await page
      .locator('input[type=file]:not([webkitdirectory])')
      .setInputFiles({ name: 'broken.zip', mimeType: 'application/zip', buffer: Buffer.from('this is not a zip archive') });
    await page.getByRole('button', { name: 'Publish' }).click();
    const message = page.locator('.drop-zone .field-error');
    await message.waitFor();
    expect(await message.innerText()).toMatch(/zip/i);
    // Nothing was stored: the folder site is still the only page.
    const pages = (await app.outpost.api('/api/pages', { token: await ownerToken() })).body.pages;
    expect(pages.map((p: { name: string }) => p.name)).toEqual(['my-site']);
  });

  it('pasted HTML, rename, passcodes and e-mails, new files, the ZIP export', async () => {
    await page.goto(`${app.server}/publish`);
    await page.getByRole('radio', { name: 'Paste HTML' }).check();
    await page.getByLabel('HTML', { exact: true }).fill('<h1>Pasted</h1>');
    await page.getByLabel('Name').fill('Pasted page');
    await page.getByRole('radio', { name: /Private/ }).check();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('heading', { name: 'Pasted page' }).waitFor();
    await page.getByRole('link', { name: 'Preview' }).waitFor();
    await page.getByRole('link', { name: 'Page settings' }).click();

    await page.getByLabel('Name', { exact: true }).fill('Renamed page');
    await page.getByRole('radio', { name: /Shared/ }).check();
    for (const code of ['alpha', 'beta']) {
      await page.getByLabel('New passcode').fill(code);
      await page.getByLabel('New passcode').press('Enter');
    }
    await page.getByRole('button', { name: 'Remove passcode alpha' }).click();
    await page.getByLabel('Allowed e-mail addresses').fill('friend@example.com\nnot-an-email');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const emails = page.getByLabel('Allowed e-mail addresses');
    await expect.poll(() => emails.getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Allowed e-mail addresses').fill('friend@example.com');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('heading', { name: 'Renamed page' }).waitFor();
    const id = new URL(page.url()).pathname.split('/').at(-1)!;
    const stored = (await app.outpost.api(`/api/pages/${id}`, { token: await ownerToken() })).body;
    expect(stored).toMatchObject({ name: 'Renamed page', visibility: 'shared', passcodes: ['beta'], allowed_emails: ['friend@example.com'] });

    const replace = page.locator('form', { has: page.getByRole('button', { name: 'Replace files' }) });
    await replace.getByRole('radio', { name: 'Paste HTML' }).check();
    await replace.getByLabel('HTML', { exact: true }).fill('<h1>Second version</h1>');
    await replace.getByRole('button', { name: 'Replace files' }).click();
    await page.getByRole('status').getByText('New files published for Renamed page.').waitFor();

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download as ZIP' }).click();
    const file = await (await download).path();
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
  });

  it('a capture is followed live and can be cancelled', async () => {
    const assets = Array.from({ length: 12 }, (_, i) => `/img/${i}.png`);
    site.route('/slow/', { type: 'text/html', body: `<!doctype html><title>Slow</title>${assets.map((a) => `<img src="${a}">`).join('')}` });
    assets.forEach((a, i) => site.route(a, { type: 'image/png', body: seededBytes(a, 100), delayMs: i < 2 ? 50 : 30_000 }));
    await page.goto(`${app.server}/publish`);
    await page.getByRole('radio', { name: 'Capture a URL' }).check();
    await page.getByLabel('Page to capture').fill(site.url('/slow/'));
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(/of 12 assets fetched/).waitFor({ timeout: 20_000 });
    await page.getByText(/^[12] of 12 assets fetched/).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Cancel capture' }).click();
    await page
      .getByText(/cancelled/)
      .first()
      .waitFor();
    const jobs = (await app.outpost.api('/api/jobs', { token: await ownerToken() })).body.jobs;
    expect(jobs[0].status).toBe('cancelled');
  });

  let token: string | undefined;
  async function ownerToken() {
    token ??= (await app.outpost.api('/api/auth/login', { body: { email: 'owner@example.com', password: 'correct horse battery' } })).body.token as string;
    return token;
  }
});
