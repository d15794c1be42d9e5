// The browser pass of a capture: the page loaded in headless Chromium, its scripts run, so that what they
// fetch while loading (the spec a Swagger UI renders, a nav tree's index) is captured too. The pass only
// answers the browser's requests and reports the responses; capture-site.ts decides what is stored.
//
// Threat model: the page and every script on it are hostile. They may try to reach what the capture may
// not (an internal address, another port, a scheme other than http(s)), to open a channel the guard does
// not see (a WebSocket, WebRTC, a service worker that outlives the load, a download), to change something
// on a server (POST), or to hold the capture (requests without end, a page that never goes quiet). So:
//  - every request is intercepted and answered with `fetch` (the capture's SSRF-guarded fetcher, under its
//    time and byte limits) or aborted; nothing is ever continued to the network, and behind the
//    interception Chromium's proxy is a port that drops every connection (browser-process.ts);
//  - only GET is answered; WebSockets are closed before they connect; service workers and downloads are
//    off; a second top-level navigation is aborted; popups are closed;
//  - each capture gets a fresh context (no cookies, storage or cache shared between captures or users);
//  - the pass ends at network idle plus a settle, or at its deadline, whichever comes first.
// Refusals are aborted and reported (`onProblem`), as are failed requests to the page's own site.
import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserContext, Request, Route } from 'playwright-core';
import type { BrowserProcess } from './browser-process.ts';
import { FetchFailed } from './net/fetch-failure.ts';
import type { FetchedResource } from './net/guarded-fetch.ts';

/** No request in flight for this long counts as network idle. */
const IDLE_MS = 500;
/** After idle, how long to wait for late requests (a timer set at load) before the pass ends. */
const SETTLE_MS = 300;
const VIEWPORT = { width: 1280, height: 800 };
/** Headers a fulfilled response must not repeat: the body is given decoded, whole, and over no connection. */
const DROPPED_HEADERS = new Set([
  'content-encoding',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'alt-svc',
  'strict-transport-security',
]);
/** A script may set any Accept header; the site gets at most this much of it. */
const MAX_ACCEPT_LENGTH = 512;
/** What Playwright's serviceWorkers: 'block' logs when a script registers one. */
const SERVICE_WORKER_BLOCKED = 'Service Worker registration blocked by Playwright';

export interface PassRequest {
  /** The page, as the static pass fetched it (after redirects). */
  url: string;
  /** Answers one GET the page makes; throws FetchFailed when it cannot. `signal` aborts when the pass ends. */
  fetch(url: string, accept: string | undefined, signal: AbortSignal): Promise<FetchedResource>;
  /** A request that was refused, or one to the page's own site that failed. */
  onProblem(url: string, reason: string, message: string): void;
  /** Ends the pass at once (the capture was cancelled). */
  signal: AbortSignal;
  /** The whole pass, load and settle included. */
  timeoutMs: number;
}

export interface PassResult {
  /** Every 2xx response the browser got (not redirects), by the URL it asked for, in the order they came. */
  responses: FetchedResource[];
  /** Whether the pass ended at its deadline rather than at network idle. */
  timedOut: boolean;
}

export class BrowserPass {
  readonly #process: BrowserProcess;

  constructor(process: BrowserProcess) {
    this.#process = process;
  }

  async run(request: PassRequest): Promise<PassResult> {
    const browser = await this.#process.browser();
    request.signal.throwIfAborted();
    const context = await browser.newContext({
      viewport: VIEWPORT,
      serviceWorkers: 'block',
      acceptDownloads: false,
      reducedMotion: 'reduce',
    });
    const closed = () => void context.close().catch(() => {});
    request.signal.addEventListener('abort', closed, { once: true });
    try {
      return await load(context, request);
    } finally {
      request.signal.removeEventListener('abort', closed);
      await context.close().catch(() => {});
    }
  }
}

async function load(context: BrowserContext, request: PassRequest): Promise<PassResult> {
  const origin = new URL(request.url).origin;
  const responses: FetchedResource[] = [];
  /** Final responses of redirects this pass answered with a 302, by their URL: the browser asks for them next. */
  const redirected = new Map<string, FetchedResource>();
  const network = new NetworkActivity();
  /** Aborted when the pass ends: fetches still running then are stopped, their answers not wanted. */
  const ended = new AbortController();
  let navigations = 0;
  // What happens while the context closes (an unload beacon) is not the capture's any more.
  const problem = (url: string, reason: string, message: string) => void (ended.signal.aborted || request.onProblem(url, reason, message));

  const answer = async (route: Route, req: Request) => {
    const url = req.url();
    if (req.method() !== 'GET') {
      problem(url, 'render-method', `The page sent a ${req.method()} request while rendering; only GET requests are answered.`);
      return route.abort('blockedbyclient');
    }
    if (req.isNavigationRequest() && isMainFrame(req) && navigations++ > 0 && !redirected.has(url)) {
      // A script leaving the page: what is captured is the page itself.
      return route.abort('aborted');
    }
    let res = redirected.get(url);
    try {
      res ??= await request.fetch(url, req.headers().accept?.slice(0, MAX_ACCEPT_LENGTH), ended.signal);
    } catch (e) {
      if (!(e instanceof FetchFailed) || ended.signal.aborted) throw e;
      if (e.reason === 'status' && e.status !== undefined) {
        if (URL.parse(url)?.origin === origin) problem(url, 'status', `${e.message} (while rendering the page)`);
        return route.fulfill({ status: e.status, body: '' });
      }
      const refused = e.reason.startsWith('blocked-');
      if (refused || URL.parse(url)?.origin === origin) problem(url, e.reason, `${e.message} (while rendering the page)`);
      return route.abort(refused ? 'blockedbyclient' : e.reason === 'timeout' || e.reason === 'connect-timeout' ? 'timedout' : 'failed');
    }
    if (ended.signal.aborted) return route.abort('aborted');
    if (res.url !== withoutFragment(url)) {
      redirected.set(res.url, res);
      return route.fulfill({ status: 302, headers: { location: res.url } });
    }
    responses.push(res);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) if (!DROPPED_HEADERS.has(name)) headers[name] = value;
    return route.fulfill({ status: res.status, headers, body: res.body });
  };

  await context.route('**', async (route, req) => {
    network.started();
    try {
      await answer(route, req);
    } catch {
      // The context closed (the pass ended or was cancelled) before the answer: nothing to tell it.
      await route.abort('failed').catch(() => {});
    } finally {
      network.ended();
    }
  });
  await context.routeWebSocket(
    () => true,
    (ws) => {
      problem(ws.url(), 'render-websocket', 'The page opened a WebSocket while rendering; WebSockets are not connected.');
      void ws.close({ code: 1008, reason: 'Not connected while capturing' }).catch(() => {});
    },
  );
  context.on('page', (page) => {
    page.on('console', (message) => {
      if (message.text() === SERVICE_WORKER_BLOCKED) {
        problem(page.url(), 'render-service-worker', 'The page registered a service worker while rendering; service workers are not run.');
      }
    });
    void page.opener().then((opener) => opener && page.close().catch(() => {}));
  });

  const page = await context.newPage();
  const deadline = AbortSignal.any([request.signal, AbortSignal.timeout(Math.ceil(request.timeoutMs))]);
  let timedOut = false;
  try {
    await page.goto(request.url, { waitUntil: 'load', timeout: request.timeoutMs });
    await network.quiet(deadline);
  } catch (e) {
    // At the deadline (a page that never finished loading, or never went quiet), what came so far is kept.
    if (request.signal.aborted || !(deadline.aborted || (e instanceof Error && e.name === 'TimeoutError'))) throw e;
    timedOut = true;
  } finally {
    ended.abort();
  }
  return { responses, timedOut };
}

function isMainFrame(req: Request): boolean {
  try {
    return req.frame().parentFrame() === null;
  } catch {
    return false; // a worker's request has no frame
  }
}

function withoutFragment(url: string): string {
  const parsed = URL.parse(url);
  if (!parsed) return url;
  parsed.hash = '';
  return parsed.href;
}

/** Requests in flight, and when the last one started or ended. */
class NetworkActivity {
  #inFlight = 0;
  #lastChange = performance.now();
  #changes = 0;

  started(): void {
    this.#inFlight++;
    this.#changes++;
    this.#lastChange = performance.now();
  }

  ended(): void {
    this.#inFlight--;
    this.#changes++;
    this.#lastChange = performance.now();
  }

  /** Resolves once nothing was in flight for IDLE_MS and nothing started during a further SETTLE_MS; rejects when `signal` aborts. */
  async quiet(signal: AbortSignal): Promise<void> {
    for (;;) {
      signal.throwIfAborted();
      const quietFor = performance.now() - this.#lastChange;
      if (this.#inFlight > 0 || quietFor < IDLE_MS) {
        await sleep(this.#inFlight > 0 ? 50 : IDLE_MS - quietFor, undefined, { signal });
        continue;
      }
      const changes = this.#changes;
      await sleep(SETTLE_MS, undefined, { signal });
      if (this.#changes === changes) return;
    }
  }
}
