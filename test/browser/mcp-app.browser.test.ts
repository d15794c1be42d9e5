// The page card (ui://outpost/page-card) in a real MCP Apps host: a host page on its own loopback origin puts
// the card in a sandbox="allow-scripts" iframe under the CSP of its resource's `_meta.ui.csp`, and ext-apps'
// AppBridge hands it the result of outpost_create, made through Outpost's real MCP server. The card shows the
// page with a live preview of it (a nested iframe of /p/), and its buttons change the page through the host,
// which forwards tools/call to Outpost: checked through REST. The card reaches nothing else on the network.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameLocator, Page } from 'playwright-core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { PAGE_CARD_TOOL_META, PAGE_CARD_URI, pageCardListing, type readPageCard } from '../../src/mcp/page-card-resource.ts';
import { seriousViolations } from './axe.ts';
import { HAVE_CHROMIUM, startBrowserSession, suiteTitle, type BrowserSession } from './chromium.ts';
import type { HostWindow, MountOptions } from './mcp-app-host.ts';

const SCREENSHOT = (name: string) => path.join(os.tmpdir(), `outpost-page-card-${name}.png`);
const PAGE_HTML = '<!doctype html><html lang="en"><title>Card test</title><h1 id="hello">Hello from the card test</h1></html>';

const HOST_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Test host</title>
<style>
  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; background: #eceef2; color: #1b1f24; }
  main { max-width: 60rem; margin: 0 auto; padding: 1rem 0.75rem; }
  iframe { display: block; width: 100%; height: 12rem; border: 0; border-radius: 12px; background: #fff; }
  iframe.bordered { border: 1px solid #c9ced6; }
</style>
</head>
<body>
<main>
<h1>Assistant</h1>
<p>I published your page:</p>
<div id="slot"></div>
</main>
<script src="/host.js"></script>
</body>
</html>
`;

interface Host {
  origin: string;
  close(): Promise<void>;
}

/** The host page and its script on 127.0.0.1 (another port than Outpost's), and POST /tools/call through `client`. */
async function startHost(client: Client): Promise<Host> {
  const built = await esbuild.build({
    entryPoints: [fileURLToPath(new URL('./mcp-app-host.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  const script = built.outputFiles[0].text;
  const server = http.createServer(async (req, res) => {
    if (req.method === 'GET' && req.url === '/') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HOST_PAGE);
    if (req.method === 'GET' && req.url === '/host.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    if (req.method === 'POST' && req.url === '/tools/call') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const params = JSON.parse(body) as { name: string; arguments?: Record<string, unknown> };
      const result = await client.callTool({ name: params.name, arguments: params.arguments });
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe.skipIf(!HAVE_CHROMIUM)(suiteTitle('the page card in an MCP Apps host'), () => {
  let session: BrowserSession;
  let client: Client;
  let host: Host;

  beforeAll(async () => {
    session = await startBrowserSession();
    client = new Client({ name: 'outpost-card-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL('/mcp', session.outpost.url), {
        requestInit: { headers: { Authorization: `Bearer ${session.token}` } },
      }),
    );
    host = await startHost(client);
  });
  afterAll(async () => {
    await client?.close();
    await host?.close();
    await session?.close();
  });

  /** The host page with the card mounted and handed `toolResult`; every request the page makes, by URL. */
  async function openHost(
    options: Omit<MountOptions, 'theme'>,
    width: number,
    theme: MountOptions['theme'] = 'light',
  ): Promise<{ page: Page; card: FrameLocator; requests: string[] }> {
    const context = await session.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${host.origin}/`);
    await page.evaluate((mount) => (window as unknown as HostWindow).mountCard(mount), { ...options, theme } satisfies MountOptions);
    return { page, card: page.frameLocator('iframe#card'), requests };
  }

  /** The card as the MCP server serves it (resources/read of ui://outpost/page-card). */
  async function readCard() {
    const read = await client.readResource({ uri: PAGE_CARD_URI });
    return read.contents as unknown as Awaited<ReturnType<typeof readPageCard>>['contents'];
  }

  const hostLog = (page: Page) => page.evaluate(() => (window as unknown as HostWindow).hostLog);
  const visibilityOf = async (id: string) => (await session.outpost.api(`/api/pages/${id}`, { token: session.token })).body.visibility as string;

  it('shows the page outpost_create made, with its link and a live preview, and makes it private through the host', async () => {
    const toolArguments = { name: 'Card test page', html: PAGE_HTML };
    const created = await client.callTool({ name: 'outpost_create', arguments: toolArguments });
    expect(created.isError).toBeFalsy();
    const made = created.structuredContent as { id: string; url: string; name: string; visibility: string };
    expect(made.visibility).toBe('public');

    // The host learns of the card from tools/list and reads it with resources/read, as a host does.
    const { tools } = await client.listTools();
    expect(tools.find((t) => t.name === 'outpost_create')?._meta).toEqual(PAGE_CARD_TOOL_META);
    expect((await client.listResources()).resources).toContainEqual(pageCardListing());
    const [resource] = await readCard();
    expect(resource._meta.ui.csp?.frameDomains).toEqual([new URL(made.url).origin]);

    const mount = { html: resource.text, ui: resource._meta.ui, toolName: 'outpost_create', toolArguments, toolResult: created as MountOptions['toolResult'] };
    const { page, card, requests } = await openHost(mount, 1280);
    await card.getByRole('heading', { level: 1, name: 'Card test page' }).waitFor();
    expect(await card.getByRole('link', { name: made.url }).getAttribute('href')).toBe(made.url);
    expect(await card.getByText('Public', { exact: true }).count()).toBe(1);
    const preview = card.frameLocator('iframe[title="Preview of Card test page"]');
    expect(await preview.locator('#hello').textContent({ timeout: 15_000 })).toBe('Hello from the card test');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: SCREENSHOT('1280'), fullPage: true });

    await card.getByRole('button', { name: 'Copy link' }).click();
    await card.getByRole('status').getByText('Link copied.').waitFor();
    // The sandbox opens no window: the card asks the host to.
    await card.getByRole('button', { name: 'Open Card test page' }).click();
    await expect.poll(async () => (await hostLog(page)).openedLinks).toEqual([made.url]);

    await card.getByRole('button', { name: 'Make private' }).focus();
    await page.keyboard.press('Enter');
    await card.getByRole('status').getByText('Saved: the page is now private.').waitFor();
    // The button is gone with the change; focus goes to the page's name rather than being lost.
    expect(await card.locator('h1').evaluate((h1) => h1 === document.activeElement)).toBe(true);
    expect(await visibilityOf(made.id)).toBe('private');
    expect(await card.getByText('Private', { exact: true }).count()).toBe(1);
    expect(await card.getByText('No preview: the page is private.').count()).toBe(1);
    expect(await card.locator('iframe').count()).toBe(0);
    expect(await card.getByRole('button', { name: 'Make private' }).count()).toBe(0);
    expect(await card.getByRole('button', { name: 'Make public' }).count()).toBe(1);
    const log = await hostLog(page);
    expect(log.toolCalls).toEqual([{ name: 'outpost_update', arguments: { page_id: made.id, visibility: 'private' } }]);
    expect(log.modelContext.at(-1)).toContain(`${made.id}`);
    expect(log.modelContext.at(-1)).toContain('now private');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: SCREENSHOT('1280-private'), fullPage: true });

    // What the card loaded: its host page and script, and the public page it previewed (no other request).
    const mine = requests.filter((url) => !url.startsWith(`${host.origin}/`));
    expect(mine.length).toBeGreaterThan(0);
    for (const url of mine) expect(url.startsWith(`${new URL(made.url).origin}/p/${made.id}`), url).toBe(true);
  });

  it('shares with a passcode, says what is wrong with a refused one next to the field, and looks right at 390 px', async () => {
    const toolArguments = { name: 'A page with a rather long name that has to wrap on a phone', html: PAGE_HTML };
    const created = await client.callTool({ name: 'outpost_create', arguments: toolArguments });
    const made = created.structuredContent as { id: string; url: string };
    const [resource] = await readCard();
    const { page, card } = await openHost(
      { html: resource.text, ui: resource._meta.ui, toolName: 'outpost_create', toolArguments, toolResult: created as MountOptions['toolResult'] },
      390,
    );
    await card.getByRole('heading', { level: 1 }).waitFor();
    await page.screenshot({ path: SCREENSHOT('390'), fullPage: true });

    const field = card.getByLabel('Passcode');
    const share = card.getByRole('button', { name: 'Share with this passcode' });
    await share.click();
    await card.getByText('Enter a passcode first.').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');

    await field.fill('x'.repeat(129));
    await share.click();
    await card.getByRole('status').getByText('Not saved: the passcode needs fixing.').waitFor();
    const error = card.locator('.field-error');
    // Outpost's own refusal, about the passcode rather than the tool's `passcodes.0` argument.
    expect(await error.textContent()).toMatch(/^The passcode .*128 characters\.$/);
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await field.getAttribute('aria-describedby')).toContain((await error.getAttribute('id')) ?? 'missing');
    expect(await visibilityOf(made.id)).toBe('public');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: SCREENSHOT('390-error'), fullPage: true });

    await field.fill('pilot-2026');
    await share.click();
    await card.getByRole('status').getByText('Saved: the page is now shared.').waitFor();
    const saved = (await session.outpost.api(`/api/pages/${made.id}`, { token: session.token })).body;
    expect(saved).toMatchObject({ visibility: 'shared', passcodes: ['pilot-2026'] });
    expect(await card.getByText('The preview needs the passcode: open the link to see the page.').count()).toBe(1);
    expect(await card.locator('code', { hasText: 'pilot-2026' }).count()).toBe(1);
    expect(await card.locator('.field-error').count()).toBe(0);
    expect(await field.inputValue()).toBe('');
    await page.screenshot({ path: SCREENSHOT('390-shared'), fullPage: true });

    await card.getByRole('button', { name: 'Make public' }).click();
    await card.getByRole('status').getByText('Saved: the page is now public.').waitFor();
    // Public for everyone: a public page that kept its passcodes would be closed to all (src/serve/access.ts).
    expect((await session.outpost.api(`/api/pages/${made.id}`, { token: session.token })).body).toMatchObject({
      visibility: 'public',
      passcodes: [],
      allowed_emails: [],
    });
    // Loaded lazily: below the fold at this width, it loads once scrolled to.
    await card.locator('iframe.preview').scrollIntoViewIfNeeded();
    expect(await card.frameLocator('iframe.preview').locator('#hello').textContent()).toBe('Hello from the card test');
  });

  it('tells a public page that kept a passcode (closed to everyone) from an open one, and opens it', async () => {
    const toolArguments = { name: 'Closed public page', html: PAGE_HTML, visibility: 'public', passcodes: ['left-over'] };
    const created = await client.callTool({ name: 'outpost_create', arguments: toolArguments });
    const made = created.structuredContent as { id: string; visibility: string };
    expect(made.visibility).toBe('public');
    const [resource] = await readCard();
    const { card } = await openHost(
      { html: resource.text, ui: resource._meta.ui, toolName: 'outpost_create', toolArguments, toolResult: created as MountOptions['toolResult'] },
      1280,
    );
    await card.getByText('so no one can open it').waitFor();
    expect(await card.getByText('No preview: Outpost opens this page to no one.').count()).toBe(1);
    await card.getByRole('button', { name: 'Make public' }).click();
    await card.getByRole('status').getByText('Saved: the page is now public.').waitFor();
    expect((await session.outpost.api(`/api/pages/${made.id}`, { token: session.token })).body).toMatchObject({ visibility: 'public', passcodes: [] });
    expect(await card.frameLocator('iframe.preview').locator('#hello').textContent()).toBe('Hello from the card test');
  });

  it("says a tool's error in its words, and follows the host's dark theme", async () => {
    const toolArguments = { page_id: 'NoSuchPg' };
    const failed = await client.callTool({ name: 'outpost_get', arguments: toolArguments });
    expect(failed.isError).toBe(true);
    const [resource] = await readCard();
    const { page, card } = await openHost(
      { html: resource.text, ui: resource._meta.ui, toolName: 'outpost_get', toolArguments, toolResult: failed as MountOptions['toolResult'] },
      390,
      'dark',
    );
    const message = card.locator('.form-error');
    await message.waitFor();
    expect(await message.textContent()).toMatch(/not found/i);
    expect(await message.textContent()).not.toContain('{');
    expect(await card.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await card.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor)).toBe('rgb(23, 27, 34)');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: SCREENSHOT('390-dark-error'), fullPage: true });
  });
});
