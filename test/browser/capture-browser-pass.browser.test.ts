// The browser pass (CAPTURE_BROWSER): a swagger-style page whose script fetches its spec at runtime is captured
// with the spec, and its copy renders like the original without asking the fixture for anything; a page whose
// scripts try to reach a private address, open a WebSocket, register a service worker gather WebRTC candidates and open a WebTransport (both UDP) gets each refused and
// counted, and none of them reaches its target; a request nothing intercepts goes to the dead-end proxy. The capture policy allows only the fixture (127.0.0.1 and its
// ports); the trap is on 127.0.0.2. Skipped when /usr/bin/chromium is absent.
import dgram from 'node:dgram';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BrowserPass, type PassRequest } from '../../src/capture/browser-pass.ts';
import { BrowserPassQueue } from '../../src/capture/browser-pass-queue.ts';
import { BrowserProcess } from '../../src/capture/browser-process.ts';
import { createGuardedFetcher } from '../../src/capture/net/guarded-fetch.ts';
import { captureApi, startFixtureServer, type CaptureApi, type FixtureServer } from '../support/capture-fixtures.ts';
import { startTestOutpost, type TestOutpost, apiTokenFor } from '../support/outpost.ts';
import { CHROMIUM, HAVE_CHROMIUM, launchChromium, suiteTitle } from './chromium.ts';
import { diffScreenshots, ScreenshotTabs, TOLERANCE } from './screenshots.ts';

const VIEWPORT = { width: 640, height: 400 };

const SPEC = {
  info: { title: 'Pet store', version: '1.0' },
  paths: { '/pets': ['get', 'post'], '/pets/{id}': ['get', 'delete'], '/owners': ['get'] },
};
const COLORS: Record<string, string> = { get: 'rgb(40, 120, 200)', post: 'rgb(40, 160, 90)', delete: 'rgb(200, 50, 50)' };

/** A Swagger-UI-like page: nothing but a script that fetches spec.json and draws it. */
const SWAGGER_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>API</title>
<style>body{margin:8px;font:16px sans-serif;background:#fff} .op{display:flex;gap:8px;margin:4px 0} .verb{width:70px;color:#fff;text-align:center}</style>
</head><body><div id="ui">Loading the spec…</div><script src="ui.js"></script></body></html>`;
const SWAGGER_UI = `const colors = ${JSON.stringify(COLORS)};
fetch('spec.json').then((r) => r.json()).then((spec) => {
  const ui = document.getElementById('ui');
  ui.textContent = '';
  const h = document.createElement('h1');
  h.textContent = spec.info.title + ' ' + spec.info.version;
  ui.append(h);
  for (const [path, verbs] of Object.entries(spec.paths)) for (const verb of verbs) {
    const row = document.createElement('div');
    row.className = 'op';
    row.innerHTML = '<span class="verb"></span><code></code>';
    row.firstChild.textContent = verb.toUpperCase();
    row.firstChild.style.background = colors[verb];
    row.lastChild.textContent = path;
    ui.append(row);
  }
  document.title = 'rendered';
});`;

/** A server that records every request and WebSocket upgrade it gets (and answers none usefully). */
async function startTrap(host: string) {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.end('trap');
  });
  server.on('upgrade', (req, socket) => {
    hits.push(`upgrade ${req.url}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    hits,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A UDP socket that records every datagram it gets (a STUN server WebRTC must not reach). */
async function startUdpTrap(host: string) {
  const datagrams: number[] = [];
  const socket = dgram.createSocket('udp4');
  socket.on('message', (message) => datagrams.push(message.length));
  await new Promise<void>((resolve) => socket.bind(0, host, () => resolve()));
  return {
    datagrams,
    port: socket.address().port,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

describe.skipIf(!HAVE_CHROMIUM)(suiteTitle('capture with the browser pass'), () => {
  let fixture: FixtureServer;
  let trap: Awaited<ReturnType<typeof startTrap>>;
  let stunTrap: Awaited<ReturnType<typeof startUdpTrap>>;
  let wsTarget: Awaited<ReturnType<typeof startTrap>>;
  let outpost: TestOutpost;
  let api: CaptureApi;
  let browser: Browser;
  let server: string;
  const tabs = new ScreenshotTabs(() => browser, VIEWPORT);

  beforeAll(async () => {
    [fixture, trap, wsTarget, stunTrap] = await Promise.all([startFixtureServer(), startTrap('127.0.0.2'), startTrap('127.0.0.1'), startUdpTrap('127.0.0.2')]);
    fixture.routes({
      '/index.html': { type: 'text/html; charset=utf-8', body: SWAGGER_PAGE },
      '/ui.js': { type: 'text/javascript', body: SWAGGER_UI },
      '/spec.json': { type: 'application/json', body: JSON.stringify(SPEC) },
      // Each of these must be refused: a private address (not in CAPTURE_ALLOWED_NETWORKS), a WebSocket to an
      // allowed address and port, and a service worker of the page's own site.
      '/escape.html': {
        type: 'text/html; charset=utf-8',
        body:
          '<!doctype html><html><head><title>escape</title></head><body><script>' +
          `fetch('http://127.0.0.2:${trap.port}/secret').catch(() => {});` +
          // A blob: worker's requests are not intercepted (playwright-core 1.65): they end at the dead-end proxy.
          `new Worker(URL.createObjectURL(new Blob(["fetch('http://127.0.0.2:${trap.port}/from-worker').catch(() => {})"], { type: 'text/javascript' })));` +
          `new WebSocket('ws://127.0.0.1:${wsTarget.port}/socket');` +
          `navigator.serviceWorker.register('sw.js').catch(() => {});` +
          // WebRTC gathers candidates over bare UDP unless the browser allows only proxied UDP (none).
          `const pc = new RTCPeerConnection({ iceServers: [{ urls: 'stun:127.0.0.2:${stunTrap.port}' }] });` +
          `pc.createDataChannel('x'); pc.createOffer().then((offer) => pc.setLocalDescription(offer));` +
          // WebTransport is QUIC (UDP), which no proxy carries.
          `new WebTransport('https://127.0.0.2:${stunTrap.port}/wt').ready.catch(() => {});` +
          '</script></body></html>',
      },
      '/sw.js': { type: 'text/javascript', body: "self.addEventListener('fetch', () => {});" },
      // Asks for /tick every 100 ms, for ever.
      '/busy.html': { type: 'text/html', body: "<!doctype html><title>busy</title><script>setInterval(() => fetch('/tick'), 100);</script>" },
      '/tick': { type: 'application/json', body: '{}' },
      '/hog.html': {
        type: 'text/html',
        body: '<!doctype html><title>hog</title><script>const all = []; for (;;) all.push(new Array(1e6).fill(1.5));</script>',
      },
    });
    [outpost, browser] = await Promise.all([
      startTestOutpost({
        RATE_LIMIT_REQUESTS: '100000',
        CAPTURE_BROWSER: CHROMIUM,
        CAPTURE_ALLOWED_NETWORKS: '127.0.0.1',
        // The trap's port is allowed: its address alone must be refused.
        CAPTURE_ALLOWED_PORTS: `${fixture.port},${wsTarget.port},${trap.port}`,
      }),
      launchChromium(),
    ]);
    server = new URL(outpost.url).origin;
    api = captureApi(outpost, await apiTokenFor(outpost, 'render@example.com', 'render'));
  });

  afterAll(async () => {
    await tabs.close();
    await browser?.close();
    await outpost?.stop();
    await Promise.all([fixture?.close(), trap?.close(), wsTarget?.close(), stunTrap?.close()]);
  });

  async function render(url: string) {
    const tab: Page = await tabs.open();
    const requests: string[] = [];
    tab.on('request', (r) => requests.push(r.url()));
    await tab.goto(url, { waitUntil: 'networkidle' });
    return { tab, requests, shot: await tab.screenshot({ type: 'png' }) };
  }

  it("a script's runtime fetch (a swagger-style spec) is captured: the copy renders the spec as the original does, asking the fixture for nothing", async () => {
    const res = await api.create({ source_url: fixture.url('/index.html') });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.job.problems).toEqual([]);
    const source = await render(fixture.url('/index.html'));
    expect(await source.tab.title()).toBe('rendered');
    fixture.clearLog();
    const copy = await render(`${server}/p/${res.body.id}/`);
    expect(await copy.tab.title()).toBe('rendered');
    expect(await copy.tab.$$eval('.op code', (els) => els.map((e) => e.textContent))).toEqual(['/pets', '/pets', '/pets/{id}', '/pets/{id}', '/owners']);
    expect(copy.requests.filter((u) => u.startsWith(fixture.origin))).toEqual([]);
    expect(fixture.log.map((e) => e.url)).toEqual([]);
    const diff = await diffScreenshots(await tabs.open(), source.shot, copy.shot);
    expect(diff.ratio, `${diff.differing} pixels differ in ${JSON.stringify(diff.box)}`).toBeLessThan(TOLERANCE);
  });

  it('render: false opts out: the static capture alone misses the spec', async () => {
    const res = await api.create({ source_url: fixture.url('/index.html'), render: false });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(Object.keys(await api.exportZip(res.body.id)).sort()).toEqual(['index.html', 'ui.js']);
  });

  it('a private address, a WebSocket and a service worker are refused while rendering, counted, and never reached; WebRTC and WebTransport send no UDP', async () => {
    fixture.clearLog();
    const res = await api.create({ source_url: fixture.url('/escape.html') });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // The worker's request is refused either way: by the guard if it is intercepted, else by the proxy (not counted).
    const problems = (res.body.job.problems as { url: string; reason: string }[])
      .map((p) => `${p.reason} ${p.url}`)
      .filter((p) => !p.endsWith('/from-worker'))
      .sort();
    expect(problems).toEqual([
      `blocked-address http://127.0.0.2:${trap.port}/secret`,
      `render-service-worker ${fixture.url('/escape.html')}`,
      `render-websocket ws://127.0.0.1:${wsTarget.port}/socket`,
    ]);
    expect(trap.hits).toEqual([]);
    expect(wsTarget.hits).toEqual([]);
    expect(stunTrap.datagrams).toEqual([]);
    expect(fixture.requests('/sw.js')).toEqual([]);
  });

  it("fails closed: a request the pass's interception does not answer goes to the dead-end proxy and reaches nothing; a page that never goes quiet ends at the pass's deadline; one that allocates without end crashes its renderer at the heap cap; close() ends Chromium", async () => {
    let escapes = 0;
    const process = new BrowserProcess(CHROMIUM, () => escapes++);
    const chromium = await process.browser();
    try {
      const context = await chromium.newContext();
      const tab = await context.newPage();
      fixture.clearLog();
      await expect(tab.goto(fixture.url('/index.html'))).rejects.toThrow();
      await expect(tab.goto(`http://127.0.0.2:${trap.port}/secret`)).rejects.toThrow();
      expect(escapes).toBeGreaterThan(0);
      expect(fixture.log).toEqual([]);
      expect(trap.hits).toEqual([]);

      // A page that never goes quiet: the pass ends at its deadline with what came so far.
      const pass = new BrowserPass(process);
      const fetcher = createGuardedFetcher({ allowedNetworks: ['127.0.0.1'], allowedPorts: [fixture.port] });
      fixture.clearLog();
      const result = await pass.run({
        url: fixture.url('/busy.html'),
        fetch: (url, accept, signal) => fetcher.fetch(url, { accept, signal, timeoutMs: 5000, maxBytes: 1_000_000 }),
        onProblem: () => {},
        signal: new AbortController().signal,
        // What is left of a capture's time is rarely a whole number of milliseconds.
        timeoutMs: 1500.5,
      });
      expect(result.timedOut).toBe(true);
      expect(fixture.requests('/tick').length).toBeGreaterThan(1);
      expect(result.responses.length).toBeGreaterThan(1);

      // A page whose script allocates without end: its renderer hits the heap cap and crashes, the pass fails.
      const hog = pass.run({
        url: fixture.url('/hog.html'),
        fetch: (url, accept, signal) => fetcher.fetch(url, { accept, signal, timeoutMs: 5000, maxBytes: 1_000_000 }),
        onProblem: () => {},
        signal: new AbortController().signal,
        timeoutMs: 60_000,
      });
      await expect(hog).rejects.toThrow(/crashed/i);
      await fetcher.close();
    } finally {
      await process.close();
    }
    expect(chromium.isConnected(), 'closed with its process').toBe(false);
  });

  it("a pass's wait for its turn counts against its time: one whose time ran out while another ran ends as timed out, never loaded; the running one keeps its turn", async () => {
    const process = new BrowserProcess(CHROMIUM, () => {});
    const fetcher = createGuardedFetcher({ allowedNetworks: ['127.0.0.1'], allowedPorts: [fixture.port] });
    const asked: string[] = [];
    const request = (path: string, timeoutMs: number): PassRequest => ({
      url: fixture.url(path),
      fetch: (url, accept, signal) => {
        asked.push(new URL(url).pathname);
        return fetcher.fetch(url, { accept, signal, timeoutMs: 5000, maxBytes: 1_000_000 });
      },
      onProblem: () => {},
      signal: new AbortController().signal,
      timeoutMs,
    });
    try {
      const queue = new BrowserPassQueue(new BrowserPass(process), 1);
      const [busy, waited] = await Promise.all([queue.run(request('/busy.html', 2000)), queue.run(request('/index.html', 300))]);
      expect(waited).toEqual({ responses: [], timedOut: true });
      expect(asked).not.toContain('/index.html');
      expect(busy.timedOut).toBe(true);
      expect(busy.responses.length).toBeGreaterThan(1);
    } finally {
      await fetcher.close();
      await process.close();
    }
  });
});
