// A captured document at its own path, in Chromium: a rustdoc-like tree whose script builds
// '../../static/logo.png' from the document's address and calls location.replace('../../…') is captured, then
// opened from the fixture and from /p/<id>/ (302 to the stored document, in its CSP sandbox). The screenshots
// must match (< 0.5 % of pixels differ) and the copy must make no request to the fixture. The same document
// served at the page's root, as captures were stored before, breaks both: the comparison would see it.
// Skipped when /usr/bin/chromium is absent.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { captureApi, startFixtureServer, type CaptureApi, type FixtureServer } from '../support/capture-fixtures.ts';
import { png } from '../support/png.ts';
import { startTestOutpost, type TestOutpost, apiTokenFor } from '../support/outpost.ts';
import { HAVE_CHROMIUM, launchChromium, suiteTitle } from './chromium.ts';
import { diffScreenshots, TOLERANCE, ScreenshotTabs } from './screenshots.ts';

const VIEWPORT = { width: 640, height: 400 };
const SHOTS = path.join(os.tmpdir(), 'outpost-docpath-shots');
const DOC = '/doc/mycrate/struct.Thing.html';

const html = (body: string) => ({ type: 'text/html; charset=utf-8', body });
const LOGO = png(64, 64, (x, y) => [(x * 4) % 256, (y * 4) % 256, 160, 255]);
const SOURCE_LOGO = png(32, 32, (x, y) => [200, (x * 8) % 256, (y * 8) % 256, 255]);

/** The document: rustdoc's variables in a meta element; main.js builds paths from them and from the address. */
const THING = `<!doctype html><html><head><meta charset="utf-8"><title>Thing in mycrate</title>
<meta name="rustdoc-vars" data-root-path="../" data-static-root-path="../../static/" data-current-crate="mycrate">
<link rel="icon" href="../../static/logo.png">
<link rel="stylesheet" href="../../static/rustdoc.css">
<script src="../../static/main.js" defer></script>
</head><body>
<img id="logo" alt="mycrate logo" width="64" height="64">
<h1>Struct <span class="struct">Thing</span></h1>
<section id="impl"><h2>Implementations</h2><p>impl Thing</p></section>
<iframe title="source" src="../../src/mycrate/lib.rs.html" width="300" height="90"></iframe>
</body></html>`;

/** A frame one folder deeper than the source root: its own script builds its own relative path. */
const SOURCE_FRAME = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="../../static/rustdoc.css">
<link rel="preload" as="image" href="../../static/src-logo.png"></head><body><img id="src-logo" alt="" width="32" height="32"><code>pub struct Thing;</code>
<script>document.getElementById('src-logo').src = '../../static/' + 'src-logo.png';</script></body></html>`;

const MAIN_JS = `const vars = document.querySelector('meta[name=rustdoc-vars]').dataset;
document.getElementById('logo').src = vars.staticRootPath + 'logo.png';
// As rustdoc's redirects do: an address built relative to the document.
if (location.hash === '') location.replace('../../doc/mycrate/struct.Thing.html#impl');`;

const CSS = `body{margin:8px;font:16px sans-serif;background:#fff}
h1 .struct{color:#ad378a}
#impl:target{background:#fc0;outline:4px solid #c80}
iframe{border:2px solid #888}`;

describe.skipIf(!HAVE_CHROMIUM)(suiteTitle('a captured document at its own path, in Chromium'), () => {
  let fixture: FixtureServer;
  let outpost: TestOutpost;
  let api: CaptureApi;
  let token: string;
  let browser: Browser;
  let server: string;
  const tabs = new ScreenshotTabs(() => browser, VIEWPORT);

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    fixture = await startFixtureServer();
    fixture.routes({
      [DOC]: html(THING),
      '/src/mycrate/lib.rs.html': html(SOURCE_FRAME),
      '/static/logo.png': { type: 'image/png', body: LOGO },
      '/static/src-logo.png': { type: 'image/png', body: SOURCE_LOGO },
      '/static/rustdoc.css': { type: 'text/css', body: CSS },
      '/static/main.js': { type: 'text/javascript', body: MAIN_JS },
    });
    [outpost, browser] = await Promise.all([
      startTestOutpost({
        SIGNUP_MODE: 'open',
        RATE_LIMIT_REQUESTS: '100000',
        CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8',
        CAPTURE_ALLOWED_PORTS: String(fixture.port),
      }),
      launchChromium(),
    ]);
    server = new URL(outpost.url).origin;
    token = await apiTokenFor(outpost, 'docpath-browser@example.com', 'docpath');
    api = captureApi(outpost, token);
  });

  afterAll(async () => {
    await tabs.close();
    await browser?.close();
    await outpost?.stop();
    await fixture?.close();
  });

  /** Opens `url`, waits for `finalUrl` and a quiet network; a screenshot (also written to SHOTS), every request, and what the page shows. */
  async function render(url: string, finalUrl: string, name: string) {
    const tab = await tabs.open();
    const requests: string[] = [];
    tab.on('request', (r) => requests.push(r.url()));
    await tab.goto(url, { waitUntil: 'networkidle' });
    if (tab.url() !== finalUrl) await arrival(tab, finalUrl);
    const shown = await tab.evaluate(() => {
      const logo = document.getElementById('logo') as HTMLImageElement | null;
      return { hash: location.hash, logo: logo ? logo.complete && logo.naturalWidth === 64 : false };
    });
    const frameLogo = await tab
      .frames()[1]
      ?.evaluate(() => (document.getElementById('src-logo') as HTMLImageElement | null)?.naturalWidth ?? 0)
      .catch(() => 0);
    const shot = await tab.screenshot({ type: 'png' });
    fs.writeFileSync(path.join(SHOTS, `${name}.png`), shot);
    return { tab, requests, shown: { ...shown, frameLogo }, shot };
  }

  /** Waits for the tab to reach `url` and go quiet; a failure says where it is instead. */
  async function arrival(tab: Page, url: string | RegExp) {
    await tab.waitForURL(url, { waitUntil: 'networkidle', timeout: 10_000 }).catch((e: Error) => {
      throw new Error(`the tab is at ${tab.url()}, not ${String(url)}: ${e.message.split('\n')[0]}`);
    });
  }

  async function capture(extra: Record<string, unknown> = {}) {
    const res = await api.create({ source_url: fixture.url(DOC), ...extra });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.job.problem_count).toBe(0);
    return res.body as { id: string; default_file: string };
  }

  it('the copy opened at /p/<id>/ renders like the original; runtime paths resolve; nothing is asked of the original', async () => {
    const page = await capture();
    expect(page.default_file).toBe(DOC.slice(1));
    const source = await render(fixture.url(DOC), `${fixture.url(DOC)}#impl`, 'source');
    expect(source.shown).toEqual({ hash: '#impl', logo: true, frameLogo: 32 });
    fixture.clearLog();
    const copy = await render(`${server}/p/${page.id}/`, `${api.served(page.id, page.default_file)}#impl`, 'copy');
    expect(copy.shown).toEqual({ hash: '#impl', logo: true, frameLogo: 32 });
    expect(
      copy.requests.filter((u) => u.startsWith(fixture.origin)),
      'the copy asks the original for nothing',
    ).toEqual([]);
    expect(fixture.log.map((e) => e.url)).toEqual([]);
    const diff = await diffScreenshots(await tabs.open(), source.shot, copy.shot);
    expect(diff.ratio, `${diff.differing} pixels differ in ${JSON.stringify(diff.box)}; screenshots in ${SHOTS}`).toBeLessThan(TOLERANCE);
  });

  it('the same files with the document at the root (the layout before) break: the comparison sees it', async () => {
    const page = await capture();
    const stored = await api.exportZip(page.id);
    // As the capture wrote it before: at index.html, its references rewritten relative to the root; what its
    // script builds (from data attributes and string literals) is not a reference and stays as it was.
    const atRoot = (doc: Buffer) => Buffer.from(doc.toString('utf8').replace(/\b(href|src)="\.\.\/\.\.\//g, '$1="'));
    const files = Object.entries(stored).map(([name, bytes]) => ({
      path: name === page.default_file ? 'index.html' : name,
      content: (name === page.default_file ? atRoot(bytes) : bytes).toString('base64'),
      encoding: 'base64',
    }));
    expect(
      files.find((f) => f.path === 'index.html'),
      'the document, moved',
    ).toBeDefined();
    const flat = await outpost.api('/api/pages', { token, body: { files } });
    expect(flat.status, JSON.stringify(flat.body)).toBe(201);
    const source = await render(fixture.url(DOC), `${fixture.url(DOC)}#impl`, 'source-again');
    // The logo the script builds ('../../static/logo.png') is outside the page, and its
    // location.replace('../../doc/…') leaves the page for an address Outpost does not serve pages at.
    const broken = await render(`${server}/p/${flat.body.id}/`, `${server}/doc/mycrate/struct.Thing.html#impl`, 'at-root');
    expect(broken.requests).toContain(`${server}/static/logo.png`);
    const diff = await diffScreenshots(await tabs.open(), source.shot, broken.shot);
    expect(diff.ratio).toBeGreaterThan(TOLERANCE * 4);
  });

  it('a private copy opened through its preview link keeps the grant segment to the document, and renders with its assets', async () => {
    const page = await capture({ visibility: 'private' });
    const preview = (await outpost.api(`/api/pages/${page.id}`, { token })).body.preview_url as string;
    const tab = await tabs.open();
    await tab.goto(preview, { waitUntil: 'networkidle' });
    const granted = new RegExp(
      `^${new URL(preview).origin.replaceAll('.', '\\.')}/p/${page.id}/~g[0-9a-z]+\\.[A-Za-z0-9_-]{22}/doc/mycrate/struct\\.Thing\\.html#impl$`,
    );
    if (!granted.test(tab.url())) await arrival(tab, granted);
    expect(await tab.evaluate(() => (document.getElementById('logo') as HTMLImageElement).naturalWidth)).toBe(64);
  });
});
