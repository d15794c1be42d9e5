// Capture rules that only a browser can judge: each fixture page (on 127.0.0.1) is captured, then opened in
// Chromium from the fixture and from /p/<id>/ (its CSP sandbox, an opaque origin); the screenshots must match
// (< 0.5 % of pixels differ) and the copy must not make a single request to the fixture. One fixture server,
// one Outpost and one browser for the file. Skipped when /usr/bin/chromium is absent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { captureApi, seededPng, startFixtureServer, type CaptureApi, type FixtureServer } from '../support/capture-fixtures.ts';
import { png } from '../support/png.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { HAVE_CHROMIUM, launchChromium, suiteTitle } from './chromium.ts';
import { diffScreenshots, TOLERANCE, ScreenshotTabs } from './screenshots.ts';

const VIEWPORT = { width: 640, height: 400 };
const FRAME_DEPTH = 1;

const page = (body: string, head = '') =>
  `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:8px;font:16px sans-serif;background:#fff}</style>${head}</head><body>${body}</body></html>`;
const html = (body: string) => ({ type: 'text/html; charset=utf-8', body });
const js = (body: string) => ({ type: 'text/javascript', body });
const svg = (body: string) => ({ type: 'image/svg+xml', body });
const css = (body: string) => ({ type: 'text/css', body });
const solid = (width: number, height: number, [r, g, b]: [number, number, number]) => png(width, height, () => [r, g, b, 255]);

const ICONS = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
  <defs>
    <linearGradient id="gold" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#fd0"/><stop offset="1" stop-color="#c40"/></linearGradient>
    <clipPath id="half"><rect width="100" height="60"/></clipPath>
  </defs>
  <symbol id="star" viewBox="0 0 100 100"><polygon points="50,5 61,39 98,39 68,61 79,95 50,75 21,95 32,61 2,39 39,39" fill="url(#gold)"/></symbol>
  <symbol id="ring" viewBox="0 0 100 100"><circle cx="50" cy="50" r="38" fill="none" stroke="#1a5" stroke-width="14" clip-path="url(#half)"/></symbol>
  <style>.leaf { fill: rgb(30, 140, 60) }</style>
  <symbol id="leaf" viewBox="0 0 100 100"><circle class="leaf" cx="50" cy="50" r="40"/></symbol>
  <g id="badge"><rect width="40" height="40" rx="8" fill="#36c"/><use href="#star" width="40" height="40"/></g>
</svg>`;

describe.skipIf(!HAVE_CHROMIUM)(suiteTitle('capture rules in Chromium'), () => {
  let fixture: FixtureServer;
  let outpost: TestOutpost;
  let api: CaptureApi;
  let browser: Browser;
  let server: string;
  const tabs = new ScreenshotTabs(() => browser, VIEWPORT);

  beforeAll(async () => {
    fixture = await startFixtureServer();
    const origin = fixture.origin;
    fixture.routes({
      // <use> of another file (sprite), with gradients, a clip path and a symbol used inside a group; one
      // <use> with both href and xlink:href naming different symbols (a browser shows href's).
      '/sprite/index.html': html(
        page(
          '<svg width="120" height="120"><use href="icons.svg#star"/></svg>' +
            '<svg width="120" height="120"><use href="../sprite/icons.svg#ring" xlink:href="icons.svg#star"/></svg>' +
            '<svg width="120" height="120" viewBox="0 0 40 40"><use xlink:href="/sprite/icons.svg#badge"/></svg>' +
            '<svg width="120" height="120"><use href="icons.svg#leaf"/></svg>',
        ),
      ),
      '/sprite/icons.svg': svg(ICONS),
      // Resource hints: a preloaded fetch() target and image, a preloaded stylesheet, and hints the copy must not
      // send to the original (prefetch, preconnect, dns-prefetch, a modulepreload that 404s).
      '/hints/index.html': html(
        page(
          '<div id="box" style="width:200px;height:80px;background:#eee"></div><img src="pre.png" width="64" height="64">' +
            `<script>fetch(document.querySelector('link[as=fetch]').href).then((r) => r.json()).then((d) => { document.getElementById('box').style.background = d.color; document.title = 'ready'; });</script>`,
          '<link rel="preload" as="fetch" href="data.json" crossorigin><link rel="preload" as="image" href="pre.png">' +
            '<link rel="preload" as="style" href="hints.css"><link rel="stylesheet" href="hints.css">' +
            `<link rel="prefetch" href="next.html"><link rel="preconnect" href="${origin}"><link rel="dns-prefetch" href="${origin}">` +
            '<link rel="modulepreload" href="gone.js"><link rel="preload" as="font" href="/hints/none.woff2" crossorigin>',
        ),
      ),
      '/hints/data.json': { type: 'application/json', body: JSON.stringify({ color: 'rgb(200, 40, 90)' }) },
      '/hints/pre.png': { type: 'image/png', body: solid(8, 8, [40, 90, 200]) },
      '/hints/hints.css': css('body { border-top: 12px solid rgb(30, 160, 120) }'),
      '/hints/next.html': html(page('next')),
      // An ES module graph: a module script, its static imports (one in a folder above), a JSON module, a
      // modulepreload, an inline module, and a dynamic import() of a literal.
      '/mod/app/index.html': html(
        page(
          '<div id="a" style="width:100px;height:50px"></div><div id="b" style="width:100px;height:50px"></div><div id="c" style="width:100px;height:50px"></div>' +
            '<script type="module" src="main.js"></script>' +
            `<script type="module">import { paint } from 'painter'; paint('c', 'rgb(90, 30, 160)');</script>`,
          `<script type="importmap">{ "imports": { "painter": "../lib/paint.js" } }</script><link rel="modulepreload" href="../lib/paint.js">`,
        ),
      ),
      '/mod/app/main.js': js(
        `import { paint } from "../lib/paint.js";\nimport conf from './conf.json' with { type: 'json' };\n` +
          `paint('a', conf.first);\nimport(/* later */ './lazy.js').then((m) => m.run());\n`,
      ),
      '/mod/app/conf.json': { type: 'application/json', body: JSON.stringify({ first: 'rgb(220, 120, 20)' }) },
      '/mod/app/lazy.js': js(`import { paint } from '/mod/lib/paint.js';\nexport function run() { paint('b', 'rgb(20, 130, 200)'); }\n`),
      '/mod/lib/paint.js': js(`export function paint(id, color) { document.getElementById(id).style.background = color; }\n`),
      // <object>/<embed> documents: an SVG diagram (its image by absolute URL, its stylesheet by a processing
      // instruction) and an HTML page (a stylesheet and an image by root-relative paths).
      '/obj/index.html': html(
        page(
          '<object data="diagram.svg" type="image/svg+xml" width="200" height="150"></object>' +
            '<embed src="diagram.svg" type="image/svg+xml" width="200" height="150">' +
            '<object data="inner.html" width="200" height="120"></object>',
        ),
      ),
      '/obj/diagram.svg': svg(
        `<?xml version="1.0"?>\n<?xml-stylesheet href="diagram.css" type="text/css"?>\n` +
          `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="150">` +
          `<rect class="back" width="200" height="150"/><image xlink:href="${origin}/obj/photo.png" x="20" y="20" width="80" height="80"/></svg>`,
      ),
      '/obj/diagram.css': css('.back { fill: rgb(250, 220, 120) }'),
      '/obj/photo.png': { type: 'image/png', body: solid(8, 8, [160, 30, 30]) },
      '/obj/inner.html': html(page('<img src="/obj/inner.png" width="60" height="60">', '<link rel="stylesheet" href="/obj/inner.css">')),
      '/obj/inner.css': css('body { background: rgb(120, 200, 240) }'),
      '/obj/inner.png': { type: 'image/png', body: solid(6, 6, [30, 30, 30]) },
      // What is not captured: an image that fails (404 on the source too) and a frame past the depth limit
      // (hidden, on both: the copy does not have its content, by design).
      '/miss/index.html': html(
        page(
          '<img src="gone.png" alt="" width="40" height="40" style="background:#ccc"><img src="here.png" width="40" height="40">' +
            '<iframe src="f1.html" width="300" height="120" style="border:0"></iframe>',
        ),
      ),
      '/miss/here.png': { type: 'image/png', body: seededPng('here', 8) },
      '/miss/f1.html': html(page('<iframe src="f2.html" style="visibility:hidden"></iframe><b>level one</b>')),
      '/miss/f2.html': html(page('<img src="f2.png">')),
      '/miss/f2.png': { type: 'image/png', body: seededPng('f2', 8) },
      // A redirect stub (Chromium follows its refresh; the capture stores where it leads) and its target.
      '/stub/index.html': html('<!doctype html><html><head><meta http-equiv="refresh" content="0; URL=en/index.html"></head></html>'),
      '/stub/en/index.html': html(page('<h1>Arrived</h1><img src="mark.png" width="64" height="64">', '<link rel="stylesheet" href="en.css">')),
      '/stub/en/en.css': css('h1 { color: rgb(30, 90, 160); border-bottom: 6px solid rgb(200, 120, 30) }'),
      '/stub/en/mark.png': { type: 'image/png', body: seededPng('stub-mark', 8) },
      // A script that reads a missing file's status (the copy's document is an opaque origin: a CORS read).
      '/cors/index.html': html(
        page(
          '<p id="out">…</p><script>fetch("missing.json").then((r) => r.status, () => "blocked")' +
            '.then((s) => { document.getElementById("out").textContent = "missing.json: " + s; document.title = String(s); });</script>',
        ),
      ),
    });
    [outpost, browser] = await Promise.all([
      startTestOutpost({
        RATE_LIMIT_REQUESTS: '100000',
        CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8',
        CAPTURE_ALLOWED_PORTS: String(fixture.port),
        CAPTURE_FRAME_DEPTH: String(FRAME_DEPTH),
      }),
      launchChromium(),
    ]);
    server = new URL(outpost.url).origin;
    const session = await signupAndLogin(outpost, 'rules@example.com');
    api = captureApi(outpost, (await outpost.api('/api/tokens', { token: session.token, body: { name: 'rules' } })).body.token);
  });

  afterAll(async () => {
    await tabs.close();
    await browser?.close();
    await outpost?.stop();
    await fixture?.close();
  });

  const newPage = (): Promise<Page> => tabs.open();

  /** Opens a URL, waits until it is loaded and its network is quiet, and returns a screenshot and every request made. */
  async function render(url: string, finalUrl = url) {
    const tab = await newPage();
    const requests: string[] = [];
    /** What went wrong in the page, for a failure's message. */
    const errors: string[] = [];
    tab.on('request', (r) => requests.push(r.url()));
    tab.on('requestfailed', (r) => errors.push(`${r.failure()?.errorText} ${r.url()}`));
    tab.on('response', (r) => void (r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`)));
    tab.on('pageerror', (e) => errors.push(e.message));
    tab.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    await tab.goto(url, { waitUntil: 'networkidle' });
    if (tab.url() !== finalUrl) await tab.waitForURL(finalUrl, { waitUntil: 'networkidle' });
    await tab.evaluate(() => document.fonts.ready);
    return { tab, requests, errors, shot: await tab.screenshot({ type: 'png' }) };
  }

  /** Captures the fixture page, renders both, and checks the copy against the source (shown at `finalPath` once it has navigated there). */
  async function compare(path: string, expectedProblems: string[] = [], finalPath = path) {
    const res = await api.create({ source_url: fixture.url(path) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const problems = (res.body.job.problems as { url: string; reason: string }[]).map((p) => `${p.reason} ${new URL(p.url).pathname}`);
    expect(problems.sort()).toEqual(expectedProblems);
    const source = await render(fixture.url(path), fixture.url(finalPath));
    fixture.clearLog();
    // The page's root answers 302 to the document, stored at the source's own path.
    const copy = await render(`${server}/p/${res.body.id}/`, api.served(res.body.id, res.body.default_file));
    expect(
      copy.requests.filter((u) => u.startsWith(fixture.origin)),
      'the copy asks the original for nothing',
    ).toEqual([]);
    expect(fixture.log.map((e) => e.url)).toEqual([]);
    const diff = await diffScreenshots(await newPage(), source.shot, copy.shot);
    expect(diff.ratio, `${diff.differing} pixels differ in ${JSON.stringify(diff.box)}; in the copy: ${copy.errors.join('\n')}`).toBeLessThan(TOLERANCE);
    return { source, copy };
  }

  it("comparison sanity: a copy without the sprite's symbols would differ", async () => {
    const source = await render(fixture.url('/sprite/index.html'));
    await source.tab.addStyleTag({ content: 'svg { visibility: hidden }' });
    const hidden = await source.tab.screenshot({ type: 'png' });
    const diff = await diffScreenshots(await newPage(), source.shot, hidden);
    expect(diff.ratio).toBeGreaterThan(TOLERANCE * 4);
  });

  it("<use> of a sprite file: the symbol, its gradient, clip path and the file's style rules are inlined; href and xlink:href both kept", async () => {
    const { copy } = await compare('/sprite/index.html');
    const uses = await copy.tab.$$eval('body > svg:not([aria-hidden]) use', (els) => els.map((u) => [u.getAttribute('href'), u.getAttribute('xlink:href')]));
    expect(uses).toHaveLength(4);
    for (const [href, xlink] of uses) for (const value of [href, xlink]) if (value !== null) expect(value).toMatch(/^#o[0-9a-f]{8}-/);
    expect(uses[1][0]).toMatch(/-ring$/);
    expect(uses[1][1]).toMatch(/-star$/);
  });

  it('resource hints: preloads captured as what they announce, hints to the original dropped', async () => {
    const { copy } = await compare('/hints/index.html', ['status /hints/gone.js', 'status /hints/none.woff2']);
    expect(await copy.tab.title()).toBe('ready');
    const hrefs = await copy.tab.$$eval('link', (els) => els.map((l) => `${l.rel} ${l.getAttribute('href')}`));
    expect(hrefs.filter((h) => /prefetch|preconnect/.test(h))).toEqual([]);
  });

  it('an ES module graph: static imports, a JSON module, modulepreload, an import map, an inline module and import() captured and rewritten', async () => {
    const { copy } = await compare('/mod/app/index.html');
    const colors = await copy.tab.$$eval('div', (els) => els.map((d) => getComputedStyle(d).backgroundColor));
    expect(colors).toEqual(['rgb(220, 120, 20)', 'rgb(20, 130, 200)', 'rgb(90, 30, 160)']);
  });

  it('<object> and <embed>: an SVG diagram and an HTML page are parsed like frames, their own images and stylesheets captured', async () => {
    await compare('/obj/index.html');
  });

  it('a failed image and a frame past the depth limit get local paths (404 there), never the original', async () => {
    const { copy } = await compare('/miss/index.html', ['frame-depth /miss/f2.html', 'status /miss/gone.png']);
    const src = await copy.tab.$eval('img', (img) => img.getAttribute('src'));
    expect(src).toBe('gone.png');
  });

  it("a missing file's 404 is read by the copy's scripts as a 404, not as a failed cross-origin request", async () => {
    const { source, copy } = await compare('/cors/index.html');
    expect(await source.tab.title()).toBe('404');
    expect(await copy.tab.title()).toBe('404');
  });

  it('a redirect stub: the copy is the page its meta refresh leads to, as Chromium shows the stub', async () => {
    const { copy } = await compare('/stub/index.html', [], '/stub/en/index.html');
    expect(await copy.tab.$eval('h1', (h) => h.textContent)).toBe('Arrived');
  });
});
