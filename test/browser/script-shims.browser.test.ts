// The script shims in Chromium (src/serve/script-shim.ts): fixture pages on 127.0.0.1 whose scripts need
// cookies, storage and workers are captured, then opened from the fixture and from /p/<id>/ (its CSP sandbox, an
// opaque origin); the screenshots must match (< 0.5 % of pixels differ) and the copy must not make a single
// request to the fixture. The same captured files uploaded without the setting show what the shims mend.
// Skipped when /usr/bin/chromium is absent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { captureApi, startFixtureServer, type CaptureApi, type FixtureServer } from '../support/capture-fixtures.ts';
import { startTestOutpost, type TestOutpost, apiTokenFor } from '../support/outpost.ts';
import { HAVE_CHROMIUM, launchChromium, suiteTitle } from './chromium.ts';
import { diffScreenshots, TOLERANCE, ScreenshotTabs } from './screenshots.ts';

const VIEWPORT = { width: 640, height: 400 };

const html = (body: string) => ({ type: 'text/html; charset=utf-8', body });
const js = (body: string) => ({ type: 'text/javascript', body });

// A manual whose layout script (in <head>, as Doxygen's resize.js and navtree.js) keeps the side panel's width in
// localStorage and a cookie, and shows the page only once it has read them back.
const MANUAL = `<!doctype html><html><head><meta charset="utf-8"><title>Manual</title>
<style>body{margin:8px;font:16px sans-serif;background:#fff} #side,#doc{display:none} .ready #side{display:block;float:left;height:300px;background:rgb(40,80,140);color:#fff}
.ready #doc{display:block;margin-left:200px}</style><script src="layout.js"></script></head>
<body><div id="side"></div><div id="doc"><h1>Reference manual</h1><p>Classes, files and namespaces.</p></div></body></html>`;
const LAYOUT = `(function () {
  var width = localStorage.getItem('panel-width') || '180';
  localStorage.setItem('panel-width', width);
  sessionStorage.setItem('visited', 'yes');
  document.cookie = 'panel_width=' + width + '; path=/; SameSite=Lax';
  document.cookie = 'stale=1; path=/';
  document.cookie = 'stale=; max-age=0; path=/';
  window.addEventListener('DOMContentLoaded', function () {
    var match = /(?:^|; )panel_width=(\\d+)/.exec(document.cookie);
    var side = document.getElementById('side');
    side.style.width = match[1] + 'px';
    side.textContent = 'stored: ' + Object.keys(localStorage).join(',') + '; cookies: ' + document.cookie + '; session: ' + sessionStorage.visited;
    document.body.className = 'ready';
    document.title = 'laid out';
  });
})();`;

// A search page as MkDocs makes one: a classic worker that importScripts() its library and fetches the index, and a
// module worker that imports a helper; both post results back, shown on the page. The preloads make the capture
// take the workers' files (it does not read scripts).
const SEARCH = `<!doctype html><html><head><meta charset="utf-8"><title>Search</title>
<link rel="preload" as="script" href="search/worker.js"><link rel="preload" as="script" href="search/lunr-lite.js">
<link rel="preload" as="fetch" href="search/search_index.json" crossorigin><link rel="modulepreload" href="search/module-worker.js">
<style>body{margin:8px;font:16px sans-serif;background:#fff} li{color:rgb(20,110,60)}</style></head>
<body><h1>Search</h1><ul id="classic"></ul><ul id="module"></ul>
<script>
  var answered = 0;
  function show(id, titles) {
    titles.forEach(function (t) { var li = document.createElement('li'); li.textContent = id + ': ' + t; document.getElementById(id).appendChild(li); });
    if (++answered === 2) document.title = 'searched';
  }
  var classic = new Worker('search/worker.js');
  classic.onmessage = function (e) { show('classic', e.data); };
  classic.postMessage('sandbox');
  var module = new Worker('search/module-worker.js', { type: 'module' });
  module.onmessage = function (e) { show('module', e.data); };
  module.postMessage('worker');
</script></body></html>`;
const INDEX = JSON.stringify({
  docs: [
    { title: 'The sandbox', text: 'pages run in a sandbox' },
    { title: 'Workers', text: 'a worker searches the index' },
    { title: 'Sandboxed workers', text: 'a worker in the sandbox' },
  ],
});

describe.skipIf(!HAVE_CHROMIUM)(suiteTitle('script shims in Chromium'), () => {
  let fixture: FixtureServer;
  let outpost: TestOutpost;
  let api: CaptureApi;
  let token: string;
  let browser: Browser;
  let server: string;
  const tabs = new ScreenshotTabs(() => browser, VIEWPORT);

  beforeAll(async () => {
    fixture = await startFixtureServer();
    fixture.routes({
      '/manual/index.html': html(MANUAL),
      '/manual/layout.js': js(LAYOUT),
      // At the site's root, so the relative addresses the page's scripts build resolve the same in the copy.
      '/index.html': html(SEARCH),
      '/search/worker.js': js(
        `importScripts('lunr-lite.js');\nvar docs = fetch('search_index.json').then(function (r) { return r.json(); });\n` +
          `onmessage = function (e) { docs.then(function (d) { postMessage(search(d.docs, e.data)); }); };\n`,
      ),
      '/search/lunr-lite.js': js(
        `function search(docs, word) { return docs.filter(function (d) { return d.text.indexOf(word) >= 0; }).map(function (d) { return d.title; }); }\n`,
      ),
      '/search/module-worker.js': js(
        `import { rank } from './rank.js';\nself.onmessage = async (e) => { const index = await (await fetch('search_index.json')).json(); postMessage(rank(index.docs, e.data)); };\n`,
      ),
      '/search/rank.js': js(
        `export const rank = (docs, word) => docs.filter((d) => d.title.toLowerCase().includes(word)).map((d) => d.title.toUpperCase());\n`,
      ),
      '/search/search_index.json': { type: 'application/json', body: INDEX },
    });
    [outpost, browser] = await Promise.all([
      startTestOutpost({ RATE_LIMIT_REQUESTS: '100000', CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8', CAPTURE_ALLOWED_PORTS: String(fixture.port) }),
      launchChromium(),
    ]);
    server = new URL(outpost.url).origin;
    token = await apiTokenFor(outpost, 'shims@example.com', 'shims');
    api = captureApi(outpost, token);
  });

  afterAll(async () => {
    await tabs.close();
    await browser?.close();
    await outpost?.stop();
    await fixture?.close();
  });

  /** Opens a URL, waits for its network to be quiet and for `ready` (its title) when given; a screenshot and every request made. */
  async function render(url: string, ready?: string) {
    const tab = await tabs.open();
    const requests: string[] = [];
    const errors: string[] = [];
    tab.on('request', (r) => requests.push(r.url()));
    tab.on('pageerror', (e) => errors.push(e.message));
    tab.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    tab.on('requestfailed', (r) => errors.push(`${r.failure()?.errorText} ${r.url()}`));
    await tab.goto(url, { waitUntil: 'networkidle' });
    if (ready !== undefined) {
      await tab
        .waitForFunction((title) => document.title === title, ready, { timeout: 15_000 })
        .catch((e: Error) => {
          throw new Error(`${url} never showed "${ready}": ${e.message}\n${errors.join('\n')}`);
        });
    }
    return { tab, requests, errors, shot: await tab.screenshot({ type: 'png' }) };
  }

  /** Captures the fixture page and checks its copy against it; the page id and both renderings. */
  async function compare(path: string, ready: string) {
    const res = await api.create({ source_url: fixture.url(path) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.script_shims).toBe(true);
    const source = await render(fixture.url(path), ready);
    fixture.clearLog();
    const copy = await render(`${server}/p/${res.body.id}/`, ready);
    expect(
      copy.requests.filter((u) => u.startsWith(fixture.origin)),
      'the copy asks the original for nothing',
    ).toEqual([]);
    expect(fixture.log.map((e) => e.url)).toEqual([]);
    expect(copy.errors).toEqual([]);
    const diff = await diffScreenshots(await tabs.open(), source.shot, copy.shot);
    expect(diff.ratio, `${diff.differing} pixels differ in ${JSON.stringify(diff.box)}`).toBeLessThan(TOLERANCE);
    return { id: res.body.id as string, source, copy };
  }

  /** The captured files uploaded as a new page (`script_shims` as given); its id. */
  async function uploadCopyOf(pageId: string, scriptShims: boolean): Promise<string> {
    const files = Object.entries(await api.exportZip(pageId)).map(([path, bytes]) => ({ path, content: bytes.toString('base64'), encoding: 'base64' }));
    const res = await outpost.api('/api/pages', { token, body: { visibility: 'public', files, script_shims: scriptShims } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.script_shims).toBe(scriptShims);
    return res.body.id as string;
  }

  it('a manual whose layout needs localStorage, sessionStorage and document.cookie starts in the copy as on the original', async () => {
    const { id, copy } = await compare('/manual/index.html', 'laid out');
    expect(await copy.tab.$eval('#side', (e) => e.textContent)).toBe('stored: panel-width; cookies: panel_width=180; session: yes');
    // Nothing of the stand-ins reaches the server, and the shim's element is gone from the document.
    expect(await copy.tab.$$eval('head script', (els) => els.map((s) => s.getAttribute('src')))).toEqual(['layout.js']);

    // The same files uploaded without the setting: the sandbox refuses storage, the layout never starts.
    const plain = await render(`${server}/p/${await uploadCopyOf(id, false)}/manual/index.html`);
    expect(plain.errors.join('\n')).toMatch(/SecurityError|localStorage/);
    expect(await plain.tab.title()).toBe('Manual');
    expect((await diffScreenshots(await tabs.open(), copy.shot, plain.shot)).ratio).toBeGreaterThan(TOLERANCE * 4);
    // With it, they work as the capture does.
    const shimmed = await render(`${server}/p/${await uploadCopyOf(id, true)}/manual/index.html`, 'laid out');
    expect((await diffScreenshots(await tabs.open(), copy.shot, shimmed.shot)).ratio).toBeLessThan(TOLERANCE);
  });

  it("a search page's classic and module workers run in the copy and post their results back", async () => {
    const { id, copy } = await compare('/index.html', 'searched');
    expect(await copy.tab.$$eval('li', (els) => els.map((e) => e.textContent))).toEqual([
      'classic: The sandbox',
      'classic: Sandboxed workers',
      'module: WORKERS',
      'module: SANDBOXED WORKERS',
    ]);
    // A worker from anywhere but this page's own files is refused as before.
    const refused = await copy.tab.evaluate(
      (urls) =>
        urls.map((url) => {
          try {
            new Worker(url);
            return 'started';
          } catch (e) {
            return (e as Error).name;
          }
        }),
      [
        'http://127.0.0.2:9/w.js',
        '//127.0.0.2:9/w.js',
        `/p/${id}x/search/worker.js`,
        `/p/${id}/../${id}x/search/worker.js`,
        `/p/${id}/%2e%2e/${id}x/search/worker.js`,
        `search/../../${id}x/search/worker.js`,
      ],
    );
    expect(refused).toEqual(Array(6).fill('SecurityError'));
  });
});
