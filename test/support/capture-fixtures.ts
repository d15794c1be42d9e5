// Fixture web servers for capture tests and benches: node:http on a loopback address (127.0.0.1 unless
// told otherwise), a random port, routes registered by path, an access log to assert on, optional added
// latency. Plus ready-made sites:
//  - kitchenSink(): pages exercising every capture rule of issue 6 (see KitchenSink below), each checked
//    element carrying an id and described by a RefRule, so a test can find the same reference in the
//    source and in the captured copy;
//  - generateBenchSite(): the 200-asset site of `npm run bench:capture` (HTML, CSS with nested @imports,
//    images, fonts), deterministic bytes;
//  - visualSite(): a page for the browser test's screenshot comparison (CSS backgrounds, images, a web
//    font when the system has one).
// Nothing here ever connects anywhere: the servers only listen, on loopback.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { tokenize, TokenType } from '@csstools/css-tokenizer';
import yauzl from 'yauzl';
import { png } from './png.ts';

// ---- the server ------------------------------------------------------------------------------------

export interface AccessLogEntry {
  method: string;
  /** The request target exactly as received (path and query, percent-encoded as the client sent it). */
  url: string;
  /** The normalized route key: decoded path plus the raw query (see routeKey). */
  key: string;
  headers: http.IncomingHttpHeaders;
  remoteAddress: string | undefined;
  at: number;
  /** Whether the fixture has sent its whole answer (false while it waits, drips, or after the client left). */
  finished: boolean;
}

export interface Route {
  /** Status code (200; 302 when `redirect` is set). */
  status?: number;
  /** Content-Type header, e.g. 'text/css' or 'text/html; charset=windows-1252'. */
  type?: string;
  /** The body as the client should receive it after decoding (`encoding` is applied on the wire). */
  body?: string | Buffer;
  headers?: Record<string, string | string[]>;
  /** Content-Encoding applied to `body` on the wire. */
  encoding?: 'gzip' | 'br' | 'deflate';
  /** Send without Content-Length (chunked transfer encoding). */
  chunked?: boolean;
  /** Extra delay before the response head, on top of the server's latency. */
  delayMs?: number;
  /** Send the head at once, then the body `dripBytes` at a time every `dripMs` (a slow body). */
  dripMs?: number;
  dripBytes?: number;
  /** Location of a redirect (relative or absolute). */
  redirect?: string;
  /** Full control instead of the above. */
  handler?: (req: http.IncomingMessage, res: http.ServerResponse) => void;
}

export interface FixtureServerOptions {
  /** Loopback address to listen on: 127.0.0.1 (default), 127.0.0.2, ::1 … */
  host?: string;
  /** Added before every response head. */
  latencyMs?: number;
  /** Called for a request no route matches; return a route or undefined (404). */
  fallback?: (key: string, req: http.IncomingMessage) => Route | undefined;
  /** Keep the access log (default true; benches may turn it off). */
  log?: boolean;
}

export interface FixtureServer {
  host: string;
  port: number;
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  /** Absolute URL of a path on this server (non-ASCII is percent-encoded as a browser would). */
  url(path: string): string;
  route(path: string, route: Route): string;
  routes(table: Record<string, Route>): void;
  fallback: FixtureServerOptions['fallback'];
  latencyMs: number;
  log: AccessLogEntry[];
  /** The log entries for one path (+query), or all of them. */
  requests(path?: string): AccessLogEntry[];
  clearLog(): void;
  /**
   * What a client that follows this server's redirects gets for `url` (absolute, or a path on this server):
   * the final URL, status and decoded body; undefined for another origin or a redirect loop.
   */
  resolve(url: string): { url: string; status: number; type: string | undefined; body: Buffer } | undefined;
  close(): Promise<void>;
}

const KEY_BASE = 'http://fixture.invalid';

/** The route key of a request target or path: the decoded path plus the query as given. */
export function routeKey(target: string): string {
  const u = new URL(target, KEY_BASE);
  let path = u.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    /* keep it encoded */
  }
  return path + u.search;
}

function encodeBody(body: Buffer, encoding: Route['encoding']): Buffer {
  if (encoding === 'gzip') return zlib.gzipSync(body);
  if (encoding === 'br') return zlib.brotliCompressSync(body);
  if (encoding === 'deflate') return zlib.deflateSync(body);
  return body;
}

export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const host = options.host ?? '127.0.0.1';
  const table = new Map<string, Route>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    if (ms <= 0) return fn();
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const respond = (req: http.IncomingMessage, res: http.ServerResponse, route: Route | undefined) => {
    if (res.destroyed) return;
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    if (route.handler) return route.handler(req, res);
    const headers: Record<string, string | string[]> = { ...route.headers };
    if (route.type) headers['content-type'] = route.type;
    if (route.redirect) headers.location = route.redirect;
    const status = route.status ?? (route.redirect ? 302 : 200);
    const raw = route.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(route.body) ? route.body : Buffer.from(route.body, 'utf8');
    const wire = encodeBody(raw, route.encoding);
    if (route.encoding) headers['content-encoding'] = route.encoding;
    if (!route.chunked && !route.dripMs) headers['content-length'] = String(wire.length);
    res.writeHead(status, headers);
    if (req.method === 'HEAD') return void res.end();
    if (route.dripMs) {
      const step = Math.max(1, route.dripBytes ?? 1);
      let offset = 0;
      const drip = () => {
        if (res.destroyed) return;
        if (offset >= wire.length) return void res.end();
        res.write(wire.subarray(offset, offset + step));
        offset += step;
        later(route.dripMs!, drip);
      };
      drip();
    } else if (route.chunked) {
      // Several writes without a length: chunked on the wire.
      const size = Math.max(1, Math.ceil(wire.length / 4));
      for (let i = 0; i < wire.length; i += size) res.write(wire.subarray(i, i + size));
      res.end();
    } else {
      res.end(wire);
    }
  };

  const fixture: FixtureServer = {
    host,
    port: 0,
    origin: '',
    url: (path) => new URL(path, fixture.origin).href,
    route(path, route) {
      table.set(routeKey(path), route);
      return fixture.url(path);
    },
    routes(routes) {
      for (const [path, route] of Object.entries(routes)) fixture.route(path, route);
    },
    fallback: options.fallback,
    latencyMs: options.latencyMs ?? 0,
    log: [],
    requests(path) {
      if (path === undefined) return fixture.log;
      const key = routeKey(path.startsWith('http') ? new URL(path).pathname + new URL(path).search : path);
      return fixture.log.filter((e) => e.key === key);
    },
    clearLog() {
      fixture.log.length = 0;
    },
    resolve(target) {
      let url = new URL(target, fixture.origin);
      for (let hop = 0; hop <= 10; hop++) {
        if (url.origin !== fixture.origin) return undefined;
        const key = routeKey(url.pathname + url.search);
        const route = table.get(key) ?? fixture.fallback?.(key, { method: 'GET', url: url.pathname + url.search, headers: {} } as http.IncomingMessage);
        if (!route) return { url: url.href, status: 404, type: 'text/plain', body: Buffer.from('not found') };
        if (route.handler) return undefined;
        if (route.redirect) {
          url = new URL(route.redirect, url);
          continue;
        }
        const body = route.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(route.body) ? route.body : Buffer.from(route.body, 'utf8');
        return { url: url.href, status: route.status ?? 200, type: route.type, body };
      }
      return undefined;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = http.createServer((req, res) => {
    const target = req.url ?? '/';
    const key = routeKey(target);
    if (options.log !== false) {
      const entry: AccessLogEntry = {
        method: req.method ?? 'GET',
        url: target,
        key,
        headers: req.headers,
        remoteAddress: req.socket.remoteAddress,
        at: Date.now(),
        finished: false,
      };
      fixture.log.push(entry);
      res.on('finish', () => (entry.finished = true));
    }
    res.on('error', () => {});
    const route = table.get(key) ?? fixture.fallback?.(key, req);
    later(fixture.latencyMs + (route?.delayMs ?? 0), () => respond(req, res, route));
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  fixture.port = (server.address() as AddressInfo).port;
  fixture.origin = `http://${host.includes(':') ? `[${host}]` : host}:${fixture.port}`;
  return fixture;
}

/** A loopback port with nothing listening on it (listened on, then closed). */
export async function unusedPort(host = '127.0.0.1'): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// ---- deterministic bytes -----------------------------------------------------------------------------

/** `length` pseudo-random bytes determined by `seed`. */
export function seededBytes(seed: string, length: number): Buffer {
  const out = Buffer.alloc(length);
  let block = 0;
  for (let offset = 0; offset < length; offset += 32) {
    crypto.createHash('sha256').update(`${seed}\0${block++}`).digest().copy(out, offset);
  }
  return out;
}

function seededColor(seed: string): [number, number, number] {
  const d = crypto.createHash('sha256').update(seed).digest();
  return [d[0]!, d[1]!, d[2]!];
}

/** A small PNG whose colours come from `seed` (distinct bytes per asset). */
export function seededPng(seed: string, size = 4): Buffer {
  const [r, g, b] = seededColor(seed);
  return png(size, size, (x, y) => [(r + x * 16) & 255, (g + y * 16) & 255, b, 255]);
}

/** An SVG sprite with symbols of the given ids. */
function sprite(seed: string, ids: string[]): string {
  const [r, g, b] = seededColor(seed);
  return `<svg xmlns="http://www.w3.org/2000/svg"><!-- ${seed} -->${ids.map((id) => `<symbol id="${id}" viewBox="0 0 10 10"><rect width="10" height="10" fill="rgb(${r},${g},${b})"/></symbol>`).join('')}</svg>\n`;
}

/** A transparent 1×1 GIF as a data: URL (typical lazy-loading placeholder). */
export const DATA_GIF = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
const DATA_PNG = `data:image/png;base64,${png(1, 1, () => [255, 0, 0, 255]).toString('base64')}`;

// ---- charsets --------------------------------------------------------------------------------------

const CP1252: Record<string, number> = { '€': 0x80, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };

/** Text to windows-1252 bytes (Latin-1 range plus the few C1 replacements above). */
export function windows1252(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (CP1252[ch] !== undefined) out.push(CP1252[ch]!);
    else if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) out.push(code);
    else throw new Error(`windows1252: ${ch} is not encodable here`);
  }
  return Buffer.from(out);
}

/** The Shift_JIS bytes of the few Japanese characters the fixtures use (checked against TextDecoder). */
const SJIS: Record<string, number[]> = {
  日: [0x93, 0xfa],
  本: [0x96, 0x7b],
  語: [0x8c, 0xea],
  の: [0x82, 0xcc],
  ペ: [0x83, 0x79],
  ー: [0x81, 0x5b],
  ジ: [0x83, 0x57],
};

export function shiftJis(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else if (SJIS[ch]) out.push(...SJIS[ch]!);
    else throw new Error(`shiftJis: ${ch} is not encodable here`);
  }
  const bytes = Buffer.from(out);
  if (new TextDecoder('shift_jis').decode(bytes) !== text) throw new Error('shiftJis: table mismatch');
  return bytes;
}

// ---- the kitchen sink ------------------------------------------------------------------------------

/**
 * How a reference must look in the captured copy:
 *  - 'local': a relative path that, resolved against the served file's URL under /p/<id>/, answers the bytes the
 *    fixture served for the original URL (after the fixture's redirects);
 *  - 'absolute': the absolute URL of the original (cross-origin assets), never fetched;
 *  - 'missing': a same-origin reference that was not stored (failed or skipped): a relative path in the page
 *    that answers 404, so the copy never asks the original;
 *  - 'inlined': a `<use>` of another SVG file: `#<id>` of the element, copied into the document;
 *  - 'navigation': the absolute URL of the original, never fetched;
 *  - 'untouched': exactly the original attribute value (javascript:, data:, mailto:, tel:, #fragment);
 *  - 'auto': decided per URL (CSS, srcset): untouched for non-http(s) and fragments, absolute when
 *    cross-origin, missing when failing at the fixture, local otherwise;
 *  - 'frame': a local HTML document, itself checked with the page's rules for that frame.
 */
export type RefExpectation = 'local' | 'absolute' | 'missing' | 'inlined' | 'navigation' | 'untouched' | 'auto' | 'frame';

export interface RefRule {
  /** What is checked, in words (used as the test name). */
  rule: string;
  /** CSS selector of the element in the document (unique). */
  selector: string;
  /** The attribute; `#text` for an element's text (a <style>). */
  attr: string;
  /** How the attribute's value is read: one URL, a srcset, or CSS (style attribute, <style>). */
  kind?: 'url' | 'srcset' | 'css';
  expect: RefExpectation;
  /** For 'frame': the key of the frame document in KitchenSink.documents. */
  frame?: string;
}

export interface FixtureDocument {
  /** Absolute URL of the document at the fixture. */
  url: string;
  rules: RefRule[];
}

export interface KitchenSink {
  /** The main page (source_url of the big capture). */
  main: FixtureDocument;
  /** Every HTML document of the site by key (main, frames, the <base> page …). */
  documents: Record<string, FixtureDocument>;
  /** Stylesheets referenced by the main page (absolute URLs), checked recursively with 'auto' rules. */
  stylesheets: string[];
  /** A page whose <base href> points into a subfolder (and a second, ignored <base>). */
  base: FixtureDocument;
  /** Charset pages: declared by the Content-Type header, by <meta>, by a BOM only. */
  charset: Record<'header' | 'meta' | 'bom', { url: string; text: string; imageUrl?: string }>;
  /** A page of many assets (`manyCount` images) for the asset cap. */
  many: { url: string; count: number; imageUrl(i: number): string };
  /** A page whose assets fail in known ways (for the job's counters and problems). */
  problems: {
    url: string;
    ok: string[];
    notFound: string;
    oversized: string;
    oversizedChunked: string;
    slow: string;
    drip: string;
    htmlAtImage: string;
    /** Referenced only from the HTML served at the image URL: must never be requested. */
    neverFollowed: string;
    redirectLoop: string;
    external: string;
    /** The byte size the oversized assets exceed (use CAPTURE_MAX_ASSET_BYTES below it). */
    oversizedBytes: number;
    /** The delay of the slow assets (use CAPTURE_ASSET_TIMEOUT_MS well below it). */
    slowMs: number;
  };
  /** A small page with a few slow-ish assets (progress notifications, wait=0, cancel). */
  slow: { url: string; assets: string[]; delayMs: number };
  /** Two small pages for replace-from-URL, and a source answering 500. */
  replace: { first: string; second: string; failing: string; notFound: string; notHtml: string };
  /** URLs that must never be requested from the main fixture (navigational links, meta refresh, deep frames). */
  neverFetched: string[];
  /** The site's routes: absolute URL → route, for tests that need the original bytes. */
  bytes(url: string): Buffer | undefined;
}

export interface KitchenSinkOptions {
  /** Another origin on loopback (e.g. a fixture server on 127.0.0.2): its assets must stay absolute and never be fetched. */
  crossOrigin: FixtureServer;
  /** How many images the asset-cap page references (default 10 000). */
  manyCount?: number;
}

/**
 * Registers the kitchen-sink site on `server` (routes under /ks/, /css/, /img/, /js/, /media/, /fonts/, /base/,
 * /charset/, /many/, /problems/, /slow/, /replace/) and a few routes on the cross-origin server.
 */
export function kitchenSink(server: FixtureServer, options: KitchenSinkOptions): KitchenSink {
  const cross = options.crossOrigin;
  const manyCount = options.manyCount ?? 10_000;
  const o = server.origin;
  const x = cross.origin;

  const img = (path: string, size = 4) => server.route(path, { type: 'image/png', body: seededPng(path, size) });
  const text = (path: string, type: string, body: string, extra: Route = {}) => server.route(path, { type, body, ...extra });
  const bin = (path: string, type: string, length = 256) => server.route(path, { type, body: seededBytes(path, length) });

  // Cross-origin assets (must never be requested).
  cross.routes({
    '/img/cross.png': { type: 'image/png', body: seededPng('cross') },
    '/css/cross.css': { type: 'text/css', body: 'body{color:red}' },
    '/js/cross.js': { type: 'text/javascript', body: 'void 0;' },
    '/ks/frame-cross.html': { type: 'text/html', body: '<!doctype html><p>cross frame</p>' },
  });

  // ---- images, media, fonts, scripts ----
  for (const p of [
    '/img/plain.png',
    '/img/padded.png',
    '/img/s1.png',
    '/img/s2.png',
    '/img/w400.png',
    '/img/w800.png',
    '/img/comma,1.png',
    '/img/comma,2.png',
    '/img/compact-a.png',
    '/img/compact-b.png',
    '/img/pic.png',
    '/img/pic-1x.png',
    '/img/pic-2x.png',
    '/media/poster.png',
    '/favicon.png',
    '/apple-touch-icon.png',
    '/img/pre.png',
    '/img/style-element.png',
    '/img/inline-style.png',
    '/img/border.png',
    '/img/svg-image.png',
    '/img/svg-image-xlink.png',
    '/img/lazy.png',
    '/img/lazy-1x.png',
    '/img/lazy-2x.png',
    '/img/table-bg.png',
    '/img/td-bg.png',
    '/img/button.png',
    '/img/noscript.png',
    '/img/entity.png?a=1&b=2',
    '/img/srcset-entity.png?x=1&y=2',
    '/img/café.png',
    '/img/shared.png',
    '/ks/img/relative.png',
    '/img/up.png',
    '/img/target.png',
    '/img/frame1.png',
    '/img/frame2.png',
    '/img/frame3.png',
    '/img/css-unquoted.png',
    '/img/css-double.png',
    '/img/css-single.png',
    '/img/css-spaces.png',
    '/img/escaped.png',
    '/img/cursor.png',
    '/img/same.png?v=1',
    '/img/same.png?v=2',
    '/css/imports/one-bg.png',
    '/img/nested-bg.png',
    '/img/two-bg.png',
    '/img/three-bg.png',
    '/img/four-bg.png',
    '/img/five-bg.png',
    '/img/from-style-import.png',
    '/css/real/bg.png',
    '/img/gz-bg.png',
    '/img/br.png',
    '/img/deflate.png',
    '/img/preload-css-bg.png',
    '/img/v1-bg.png',
    '/img/v2-bg.png',
    '/img/body-bg.png',
  ])
    img(p);
  server.route('/img/favicon-legacy.ico', { type: 'image/x-icon', body: seededBytes('/img/favicon-legacy.ico', 318) });
  server.route('/img/photo', { type: 'image/png', body: seededPng('/img/photo') }); // no extension: one is appended
  server.route('/img/br.png', { type: 'image/png', body: seededPng('/img/br.png'), encoding: 'br' });
  server.route('/img/deflate.png', { type: 'image/png', body: seededPng('/img/deflate.png'), encoding: 'deflate' });
  server.route('/img/moved.png', { status: 301, redirect: '/img/target.png' });
  server.route('/img/missing.png', { status: 404, type: 'text/html', body: '<h1>Not found</h1>' });
  server.route('/img/sprite.svg', { type: 'image/svg+xml', body: sprite('sprite', ['icon-a']) });
  server.route('/img/sprite-xlink.svg', { type: 'image/svg+xml', body: sprite('sprite-xlink', ['icon-b']) });
  bin('/media/clip.webm', 'video/webm', 2048);
  bin('/media/clip.mp4', 'video/mp4', 2048);
  bin('/media/direct.mp4', 'video/mp4', 1024);
  bin('/media/sound.ogg', 'audio/ogg', 1024);
  bin('/media/sound.mp3', 'audio/mpeg', 1024);
  text('/media/captions.vtt', 'text/vtt', 'WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n');
  bin('/media/doc.pdf', 'application/pdf', 700);
  bin('/media/embed.pdf', 'application/pdf', 600);
  bin('/fonts/pre.woff2', 'font/woff2', 900);
  bin('/fonts/face.woff2', 'font/woff2', 1000);
  bin('/fonts/face.woff', 'font/woff', 1100);
  text('/site.webmanifest', 'application/manifest+json', JSON.stringify({ name: 'Kitchen sink', icons: [{ src: '/favicon.png', sizes: '4x4' }] }));
  text('/js/pre.js', 'text/javascript', '/* preloaded */ window.preloaded = 1;\n');
  text('/js/mod.mjs', 'text/javascript', 'export const mod = 1;\n');
  const appJs = 'window.app = "kitchen sink";\n';
  text('/js/app.js', 'text/javascript', appJs);
  text('/js/legacy.php', 'application/javascript', 'window.legacy = 1;\n'); // a script URL whose extension is not .js

  // ---- stylesheets ----
  const siteCss = `@charset "utf-8";
/* site.css: every url() and @import form, relative to this file (/css/site.css) */
@import "imports/one.css";
@import url(imports/two.css);
@import url("imports/three.css") screen;
@import url('imports/four.css');
@import '/css/imports/five.css';
@import url(${x}/css/cross.css);
.unquoted { background: url(../img/css-unquoted.png) }
.double { background: url("../img/css-double.png") }
.single { background: url('../img/css-single.png') }
.spaces { background-image: url(   ../img/css-spaces.png   ) }
.escaped { background: url("../img/esc\\61 ped.png") }
.cursor { cursor: url(../img/cursor.png), auto }
.data { background: url(${DATA_PNG}) }
.fragment { filter: url(#blur) }
.cross { background: url(${x}/img/cross.png) }
.query1 { background: url(../img/same.png?v=1) }
.query2 { background: url(../img/same.png?v=2) }
.accent { background: url("../img/café.png") }
.shared { background: url(/img/shared.png) }
@font-face { font-family: Face; src: url(../fonts/face.woff2) format("woff2"), url("../fonts/face.woff") format("woff"); }
`;
  text('/css/site.css', 'text/css', siteCss);
  text('/css/imports/one.css', 'text/css', '@import "deeper/nested.css";\n.one { background: url(one-bg.png) }\n');
  text('/css/imports/deeper/nested.css', 'text/css', '.nested { background: url(../../../img/nested-bg.png) }\n');
  text('/css/imports/two.css', 'text/css', '.two { background: url(/img/two-bg.png) }\n');
  text('/css/imports/three.css', 'text/css', '.three { background: url("../../img/three-bg.png") }\n');
  text('/css/imports/four.css', 'text/css', ".four { background: url('../../img/four-bg.png') }\n");
  text('/css/imports/five.css', 'text/css', '.five { background: url(../../img/five-bg.png) }\n');
  text('/css/preload.css', 'text/css', '.pre { background: url(../img/preload-css-bg.png) }\n');
  text('/css/a.css?v=1', 'text/css', '/* v1 */ .v { background: url(../img/v1-bg.png) }\n');
  text('/css/a.css?v=2', 'text/css', '/* v2 */ .v { background: url(../img/v2-bg.png) }\n');
  text('/css/from-style-element.css', 'text/css', '.fse { background: url(../img/from-style-import.png) }\n');
  text('/css/gz.css', 'text/css', '.gz { background: url(../img/gz-bg.png) }\n', { encoding: 'gzip' });
  server.route('/css/moved.css', { status: 301, redirect: '/css/real/target.css' });
  text('/css/real/target.css', 'text/css', '/* after a redirect, relative to /css/real/ */ .moved { background: url(bg.png) }\n');
  text('/css/theme.php', 'text/css', '.theme { color: navy }\n'); // a stylesheet URL whose extension is not .css
  const stylesheets = ['/css/site.css', '/css/preload.css', '/css/a.css?v=1', '/css/a.css?v=2', '/css/gz.css', '/css/moved.css', '/css/theme.php'].map((p) =>
    server.url(p),
  );

  // ---- frames (same origin, nested): depth 1..4 ----
  const frame = (n: number, inner: string) =>
    text(
      `/ks/frames/frame${n}.html`,
      'text/html; charset=utf-8',
      `<!doctype html><html><head><meta charset="utf-8"><title>Frame ${n}</title><link rel="stylesheet" id="frame-css" href="frame${n}.css"></head>` +
        `<body><img id="frame-img" src="../../img/frame${Math.min(n, 3)}.png" alt="">${inner}</body></html>\n`,
    );
  for (let n = 1; n <= 4; n++) text(`/ks/frames/frame${n}.css`, 'text/css', `.f${n} { background: url(frame${n}-bg.png) }\n`);
  for (let n = 1; n <= 4; n++) img(`/ks/frames/frame${n}-bg.png`);
  frame(4, '');
  frame(3, '<iframe id="frame-child" src="frame4.html"></iframe>');
  frame(2, '<iframe id="frame-child" src="frame3.html"></iframe>');
  frame(1, '<iframe id="frame-child" src="frame2.html"></iframe>');
  const frameRules = (child: string | null): RefRule[] => [
    { rule: 'iframe document: its own stylesheet', selector: '#frame-css', attr: 'href', expect: 'local' },
    { rule: 'iframe document: its own image (relative to the frame)', selector: '#frame-img', attr: 'src', expect: 'local' },
    ...(child ? [{ rule: `iframe document: nested frame ${child}`, selector: '#frame-child', attr: 'src', expect: 'frame' as const, frame: child }] : []),
  ];

  // ---- HTML at an image URL, an image that redirects elsewhere ----
  const ENTITY = '/img/entity.png?a=1&amp;b=2';

  // ---- the main page ----
  const mainHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Kitchen sink</title>
<meta http-equiv="refresh" content="3600; url=/ks/refreshed.html">
<link rel="stylesheet" id="css-site" href="/css/site.css" integrity="sha384-${crypto.createHash('sha384').update(siteCss).digest('base64')}" crossorigin="anonymous">
<link rel="stylesheet" id="css-v1" href="/css/a.css?v=1">
<link rel="stylesheet" id="css-v2" href="/css/a.css?v=2">
<link rel="stylesheet" id="css-gz" href="/css/gz.css">
<link rel="stylesheet" id="css-moved" href="/css/moved.css">
<link rel="stylesheet" id="css-ext" href="/css/theme.php">
<link rel="stylesheet" id="css-cross" href="${x}/css/cross.css" integrity="sha256-${crypto.createHash('sha256').update('body{color:red}').digest('base64')}" crossorigin="anonymous">
<link rel="icon" id="icon" href="/favicon.png">
<link rel="shortcut icon" id="shortcut-icon" href="/img/favicon-legacy.ico">
<link rel="apple-touch-icon" id="apple-touch-icon" href="/apple-touch-icon.png">
<link rel="manifest" id="manifest" href="/site.webmanifest">
<link rel="preload" as="style" id="preload-style" href="/css/preload.css">
<link rel="preload" as="font" id="preload-font" href="/fonts/pre.woff2" type="font/woff2" crossorigin>
<link rel="preload" as="image" id="preload-image" href="/img/pre.png">
<link rel="preload" as="script" id="preload-script" href="/js/pre.js">
<link rel="modulepreload" id="modulepreload" href="/js/mod.mjs">
<link rel="canonical" id="canonical" href="/ks/canonical.html">
<link rel="alternate" id="alternate" type="application/rss+xml" href="/feed.xml">
<link rel="next" id="next" href="page2.html">
<script id="script" src="/js/app.js" integrity="sha256-${crypto.createHash('sha256').update(appJs).digest('base64')}"></script>
<script id="script-ext" src="/js/legacy.php"></script>
<script id="script-cross" src="//${cross.host}:${cross.port}/js/cross.js"></script>
<style id="style-element">
@import url(/css/from-style-element.css);
.se { background: url("../img/style-element.png") }
.se-data { background: url(${DATA_PNG}) }
</style>
</head>
<body background="/img/body-bg.png" id="body">
<h1 id="top">Kitchen sink</h1>
<img id="img-src" src="/img/plain.png" alt="plain">
<img id="img-padded" src="  /img/padded.png
" alt="whitespace around the URL">
<img id="img-srcset" src="/img/s1.png" srcset="/img/s1.png 1x, /img/s2.png 2x" alt="">
<img id="img-srcset-w" src="/img/w400.png" srcset="/img/w400.png 400w, /img/w800.png 800w" sizes="(max-width: 600px) 400px, 800px" alt="">
<img id="img-srcset-comma" src="/img/comma,1.png" srcset="/img/comma,1.png 1x, /img/comma,2.png 2x" alt="">
<img id="img-srcset-compact" srcset="/img/compact-a.png 1x,/img/compact-b.png 2x" alt="">
<img id="img-entity" src="${ENTITY}" alt="">
<img id="img-srcset-entity" srcset="/img/srcset-entity.png?x=1&amp;y=2 1x" alt="">
<img id="img-accent" src="/img/café.png" alt="">
<img id="img-accent-encoded" src="/img/caf%C3%A9.png" alt="">
<img id="img-relative" src="img/relative.png" alt="">
<img id="img-up" src="../img/up.png" alt="">
<img id="img-shared" src="/img/shared.png" alt="">
<img id="img-shared-again" src="${o}/img/shared.png" alt="">
<img id="img-redirect" src="/img/moved.png" alt="">
<img id="img-404" src="/img/missing.png" alt="">
<img id="img-br" src="/img/br.png" alt="">
<img id="img-deflate" src="/img/deflate.png" alt="">
<img id="img-no-ext" src="/img/photo" alt="">
<img id="img-cross" src="${x}/img/cross.png" alt="">
<img id="img-localhost" src="http://localhost:${server.port}/img/via-localhost.png" alt="">
<img id="img-data" src="${DATA_GIF}" alt="">
<picture id="picture">
  <source id="picture-source-1" srcset="/img/pic-1x.png 1x, /img/pic-2x.png 2x" media="(min-width: 1px)">
  <img id="picture-img" src="/img/pic.png" alt="">
</picture>
<video id="video" poster="/media/poster.png" controls width="8" height="8">
  <source id="video-source-webm" src="/media/clip.webm" type="video/webm">
  <source id="video-source-mp4" src="/media/clip.mp4" type="video/mp4">
  <track id="track" kind="captions" src="/media/captions.vtt" srclang="en" label="English">
</video>
<video id="video-src" src="/media/direct.mp4" width="8" height="8"></video>
<audio id="audio-src" src="/media/sound.ogg"></audio>
<audio id="audio"><source id="audio-source" src="/media/sound.mp3" type="audio/mpeg"></audio>
<div id="style-attr" style="background-image: url('/img/inline-style.png'); border-image: url(/img/border.png) 30 round">inline style</div>
<svg id="svg" width="40" height="10" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
  <use id="svg-use-href" href="/img/sprite.svg#icon-a" width="10" height="10"></use>
  <use id="svg-use-xlink" xlink:href="/img/sprite-xlink.svg#icon-b" x="10" width="10" height="10"></use>
  <use id="svg-use-local" href="#local-symbol"></use>
  <image id="svg-image" href="/img/svg-image.png" x="20" width="10" height="10"></image>
  <image id="svg-image-xlink" xlink:href="/img/svg-image-xlink.png" x="30" width="10" height="10"></image>
</svg>
<img id="lazy" src="${DATA_GIF}" data-src="/img/lazy.png" data-srcset="/img/lazy-1x.png 1x, /img/lazy-2x.png 2x" alt="">
<table id="table-bg" background="/img/table-bg.png"><tr><td id="td-bg" background="/img/td-bg.png">cell</td></tr></table>
<form action="/ks/search"><input id="input-image" type="image" src="/img/button.png" alt="go"></form>
<object id="object" data="/media/doc.pdf" type="application/pdf" width="8" height="8"></object>
<embed id="embed" src="/media/embed.pdf" type="application/pdf" width="8" height="8">
<iframe id="iframe" src="frames/frame1.html" width="100" height="50"></iframe>
<iframe id="iframe-cross" src="${x}/ks/frame-cross.html" width="10" height="10"></iframe>
<noscript><img id="noscript-img" src="/img/noscript.png" alt=""></noscript>
<p>
  <a id="a-relative" href="other.html">other</a>
  <a id="a-root" href="/about/">about</a>
  <a id="a-entity" href="search?q=1&amp;r=2">search</a>
  <a id="a-absolute" href="${o}/ks/absolute.html">absolute</a>
  <a id="a-js" href="javascript:void(0)">js</a>
  <a id="a-mailto" href="mailto:someone@example.com">mail</a>
  <a id="a-tel" href="tel:+15551234567">tel</a>
  <a id="a-frag" href="#top">top</a>
  <img id="img-js" src="javascript:void(0)" alt="">
</p>
<p id="frag-target">end</p>
</body>
</html>
`;
  text('/ks/index.html', 'text/html; charset=utf-8', mainHtml);

  const mainRules: RefRule[] = [
    { rule: 'img src', selector: '#img-src', attr: 'src', expect: 'local' },
    { rule: 'img src with whitespace around the URL', selector: '#img-padded', attr: 'src', expect: 'local' },
    { rule: 'img srcset with x descriptors (kept)', selector: '#img-srcset', attr: 'srcset', kind: 'srcset', expect: 'local' },
    { rule: 'img srcset with w descriptors (kept)', selector: '#img-srcset-w', attr: 'srcset', kind: 'srcset', expect: 'local' },
    { rule: 'img srcset whose URLs contain a comma', selector: '#img-srcset-comma', attr: 'srcset', kind: 'srcset', expect: 'local' },
    { rule: 'img src whose URL contains a comma', selector: '#img-srcset-comma', attr: 'src', expect: 'local' },
    { rule: 'img srcset without a space after the comma', selector: '#img-srcset-compact', attr: 'srcset', kind: 'srcset', expect: 'local' },
    { rule: 'HTML entity (&amp;) in an img src is decoded before resolving', selector: '#img-entity', attr: 'src', expect: 'local' },
    { rule: 'HTML entity (&amp;) in a srcset is decoded before resolving', selector: '#img-srcset-entity', attr: 'srcset', kind: 'srcset', expect: 'local' },
    { rule: 'non-ASCII path (/img/café.png)', selector: '#img-accent', attr: 'src', expect: 'local' },
    { rule: 'non-ASCII path given percent-encoded', selector: '#img-accent-encoded', attr: 'src', expect: 'local' },
    { rule: 'relative img src (resolved against the page URL)', selector: '#img-relative', attr: 'src', expect: 'local' },
    { rule: 'img src with ../', selector: '#img-up', attr: 'src', expect: 'local' },
    { rule: 'same URL referenced twice (once absolute)', selector: '#img-shared-again', attr: 'src', expect: 'local' },
    { rule: "redirecting asset (stored with the target's bytes)", selector: '#img-redirect', attr: 'src', expect: 'local' },
    { rule: '404 asset becomes a local path that answers 404', selector: '#img-404', attr: 'src', expect: 'missing' },
    { rule: 'br-encoded asset stored decoded', selector: '#img-br', attr: 'src', expect: 'local' },
    { rule: 'deflate-encoded asset stored decoded', selector: '#img-deflate', attr: 'src', expect: 'local' },
    { rule: 'extensionless asset URL', selector: '#img-no-ext', attr: 'src', expect: 'local' },
    { rule: 'cross-origin img (127.0.0.2) stays absolute', selector: '#img-cross', attr: 'src', expect: 'absolute' },
    { rule: 'cross-origin img (localhost: another host name, same port) stays absolute', selector: '#img-localhost', attr: 'src', expect: 'absolute' },
    { rule: 'data: img src left alone', selector: '#img-data', attr: 'src', expect: 'untouched' },
    { rule: 'picture > source srcset', selector: '#picture-source-1', attr: 'srcset', kind: 'srcset', expect: 'local' },
    { rule: 'picture > img src', selector: '#picture-img', attr: 'src', expect: 'local' },
    { rule: 'video poster', selector: '#video', attr: 'poster', expect: 'local' },
    { rule: 'video > source src (webm)', selector: '#video-source-webm', attr: 'src', expect: 'local' },
    { rule: 'video > source src (mp4)', selector: '#video-source-mp4', attr: 'src', expect: 'local' },
    { rule: 'video src', selector: '#video-src', attr: 'src', expect: 'local' },
    { rule: 'track src', selector: '#track', attr: 'src', expect: 'local' },
    { rule: 'audio src', selector: '#audio-src', attr: 'src', expect: 'local' },
    { rule: 'audio > source src', selector: '#audio-source', attr: 'src', expect: 'local' },
    { rule: 'link rel=stylesheet', selector: '#css-site', attr: 'href', expect: 'local' },
    { rule: 'stylesheet ?v=1 (query variant)', selector: '#css-v1', attr: 'href', expect: 'local' },
    { rule: 'stylesheet ?v=2 (query variant)', selector: '#css-v2', attr: 'href', expect: 'local' },
    { rule: 'gzip-encoded stylesheet', selector: '#css-gz', attr: 'href', expect: 'local' },
    { rule: 'redirecting stylesheet', selector: '#css-moved', attr: 'href', expect: 'local' },
    { rule: 'stylesheet URL with a .php extension', selector: '#css-ext', attr: 'href', expect: 'local' },
    { rule: 'cross-origin stylesheet stays absolute', selector: '#css-cross', attr: 'href', expect: 'absolute' },
    { rule: 'link rel=icon', selector: '#icon', attr: 'href', expect: 'local' },
    { rule: 'link rel="shortcut icon"', selector: '#shortcut-icon', attr: 'href', expect: 'local' },
    { rule: 'link rel=apple-touch-icon', selector: '#apple-touch-icon', attr: 'href', expect: 'local' },
    { rule: 'link rel=manifest', selector: '#manifest', attr: 'href', expect: 'local' },
    { rule: 'link rel=preload as=style', selector: '#preload-style', attr: 'href', expect: 'local' },
    { rule: 'link rel=preload as=font', selector: '#preload-font', attr: 'href', expect: 'local' },
    { rule: 'link rel=preload as=image', selector: '#preload-image', attr: 'href', expect: 'local' },
    { rule: 'link rel=preload as=script', selector: '#preload-script', attr: 'href', expect: 'local' },
    { rule: 'link rel=modulepreload', selector: '#modulepreload', attr: 'href', expect: 'local' },
    { rule: 'link rel=canonical becomes absolute, not fetched', selector: '#canonical', attr: 'href', expect: 'navigation' },
    { rule: 'link rel=alternate becomes absolute, not fetched', selector: '#alternate', attr: 'href', expect: 'navigation' },
    { rule: 'link rel=next becomes absolute, not fetched', selector: '#next', attr: 'href', expect: 'navigation' },
    { rule: 'script src', selector: '#script', attr: 'src', expect: 'local' },
    { rule: 'script src with a .php extension', selector: '#script-ext', attr: 'src', expect: 'local' },
    { rule: 'protocol-relative cross-origin script becomes absolute', selector: '#script-cross', attr: 'src', expect: 'absolute' },
    { rule: '<style> element: @import and url()', selector: '#style-element', attr: '#text', kind: 'css', expect: 'auto' },
    { rule: 'style="" attribute: several url()', selector: '#style-attr', attr: 'style', kind: 'css', expect: 'auto' },
    { rule: 'body background attribute', selector: '#body', attr: 'background', expect: 'local' },
    { rule: 'table background attribute', selector: '#table-bg', attr: 'background', expect: 'local' },
    { rule: 'td background attribute', selector: '#td-bg', attr: 'background', expect: 'local' },
    { rule: 'SVG <use href> of a sprite: the symbol inlined', selector: '#svg-use-href', attr: 'href', expect: 'inlined' },
    { rule: 'SVG <use xlink:href> of a sprite: the symbol inlined', selector: '#svg-use-xlink', attr: 'xlink:href', expect: 'inlined' },
    { rule: 'SVG <use href="#local"> left alone', selector: '#svg-use-local', attr: 'href', expect: 'untouched' },
    { rule: 'SVG <image href>', selector: '#svg-image', attr: 'href', expect: 'local' },
    { rule: 'SVG <image xlink:href>', selector: '#svg-image-xlink', attr: 'xlink:href', expect: 'local' },
    { rule: 'data-src', selector: '#lazy', attr: 'data-src', expect: 'local' },
    { rule: 'data-srcset', selector: '#lazy', attr: 'data-srcset', kind: 'srcset', expect: 'local' },
    { rule: 'lazy img placeholder (data:) left alone', selector: '#lazy', attr: 'src', expect: 'untouched' },
    { rule: 'input type=image src', selector: '#input-image', attr: 'src', expect: 'local' },
    { rule: 'object data', selector: '#object', attr: 'data', expect: 'local' },
    { rule: 'embed src', selector: '#embed', attr: 'src', expect: 'local' },
    { rule: 'same-origin iframe captured as a local document', selector: '#iframe', attr: 'src', expect: 'frame', frame: 'frame1' },
    { rule: 'cross-origin iframe stays absolute', selector: '#iframe-cross', attr: 'src', expect: 'absolute' },
    { rule: '<noscript> img', selector: '#noscript-img', attr: 'src', expect: 'local' },
    { rule: 'a href (relative) becomes absolute, not fetched', selector: '#a-relative', attr: 'href', expect: 'navigation' },
    { rule: 'a href (root-relative) becomes absolute, not fetched', selector: '#a-root', attr: 'href', expect: 'navigation' },
    { rule: 'a href with &amp; becomes absolute (decoded), not fetched', selector: '#a-entity', attr: 'href', expect: 'navigation' },
    { rule: 'a href (already absolute, same origin) stays absolute, not fetched', selector: '#a-absolute', attr: 'href', expect: 'navigation' },
    { rule: 'javascript: href left alone', selector: '#a-js', attr: 'href', expect: 'untouched' },
    { rule: 'mailto: href left alone', selector: '#a-mailto', attr: 'href', expect: 'untouched' },
    { rule: 'tel: href left alone', selector: '#a-tel', attr: 'href', expect: 'untouched' },
    { rule: '#fragment href left alone', selector: '#a-frag', attr: 'href', expect: 'untouched' },
    { rule: 'javascript: img src left alone', selector: '#img-js', attr: 'src', expect: 'untouched' },
  ];

  const documents: Record<string, FixtureDocument> = {
    main: { url: server.url('/ks/index.html'), rules: mainRules },
    frame1: { url: server.url('/ks/frames/frame1.html'), rules: frameRules('frame2') },
    frame2: { url: server.url('/ks/frames/frame2.html'), rules: frameRules('frame3') },
    frame3: { url: server.url('/ks/frames/frame3.html'), rules: frameRules('frame4') },
    frame4: { url: server.url('/ks/frames/frame4.html'), rules: frameRules(null) },
  };

  // ---- <base href> ----
  img('/base/sub/pic.png');
  img('/base/sub/bg.png');
  img('/base/pic.png'); // what a capture ignoring <base> would fetch
  text('/base/sub/style.css', 'text/css', '.b { background: url(bg.png) }\n');
  const baseHtml = `<!doctype html><html><head><meta charset="utf-8"><title>Base</title>
<base href="/base/sub/">
<base href="/elsewhere/">
<link rel="stylesheet" id="base-css" href="style.css">
</head><body>
<img id="base-img" src="pic.png" alt="">
<a id="base-link" href="next.html">next</a>
<a id="base-frag" href="#here">here</a>
</body></html>
`;
  text('/base/index.html', 'text/html; charset=utf-8', baseHtml);
  const base: FixtureDocument = {
    url: server.url('/base/index.html'),
    rules: [
      { rule: '<base href>: img resolved against the base', selector: '#base-img', attr: 'src', expect: 'local' },
      { rule: '<base href>: stylesheet resolved against the base (and its url() against itself)', selector: '#base-css', attr: 'href', expect: 'local' },
      { rule: '<base href>: link made absolute against the base', selector: '#base-link', attr: 'href', expect: 'navigation' },
    ],
  };
  documents.base = base;

  // ---- charsets ----
  const cp1252Text = 'Café “quoted” – 5 € … naïve';
  img('/charset/img/café.png');
  server.route('/charset/header.html', {
    type: 'text/html; charset=windows-1252',
    body: Buffer.concat([
      Buffer.from('<!doctype html><html><head><title>'),
      windows1252('Café'),
      Buffer.from('</title></head><body><p id="text">'),
      windows1252(cp1252Text),
      Buffer.from('</p><img id="img" src="img/'),
      windows1252('café'),
      Buffer.from('.png" alt=""></body></html>\n'),
    ]),
  });
  const sjisText = '日本語のページ';
  server.route('/charset/meta.html', {
    type: 'text/html',
    body: Buffer.concat([
      Buffer.from('<!doctype html><html><head><meta http-equiv="Content-Type" content="text/html; charset=shift_jis"><title>'),
      shiftJis('日本語'),
      Buffer.from('</title></head><body><p id="text">'),
      shiftJis(sjisText),
      Buffer.from('</p></body></html>\n'),
    ]),
  });
  const bomText = 'Grüße aus Köln — ½ €';
  server.route('/charset/bom.html', {
    type: 'text/html',
    body: Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(`<!doctype html><html><head><title>BOM</title></head><body><p id="text">${bomText}</p></body></html>\n`, 'utf8'),
    ]),
  });

  // ---- many assets (asset cap) ----
  const manyImage = (i: number) => server.url(`/many/img/${i}.png`);
  const manyPng = seededPng('many', 2);
  const previousFallback = server.fallback;
  server.fallback = (key, req) => {
    const m = /^\/many\/img\/(\d+)\.png$/.exec(key);
    if (m && Number(m[1]) < manyCount) return { type: 'image/png', body: manyPng };
    return previousFallback?.(key, req);
  };
  {
    const parts = ['<!doctype html><html><head><meta charset="utf-8"><title>Many</title></head><body>\n'];
    for (let i = 0; i < manyCount; i++) parts.push(`<img src="img/${i}.png" alt="">\n`);
    parts.push('</body></html>\n');
    text('/many/index.html', 'text/html; charset=utf-8', parts.join(''));
  }

  // ---- problems ----
  const oversizedBytes = 200 * 1024;
  const slowMs = 4000;
  const ok = ['/problems/ok-1.png', '/problems/ok-2.png', '/problems/ok-3.png'].map((p) => img(p));
  const problems = {
    url: server.url('/problems/index.html'),
    ok,
    notFound: server.route('/problems/missing.png', { status: 404, type: 'text/plain', body: 'no' }),
    oversized: server.route('/problems/big.bin', { type: 'application/octet-stream', body: seededBytes('big', oversizedBytes) }),
    oversizedChunked: server.route('/problems/big-chunked.bin', {
      type: 'application/octet-stream',
      body: seededBytes('big-chunked', oversizedBytes),
      chunked: true,
    }),
    slow: server.route('/problems/slow.png', { type: 'image/png', body: seededPng('slow'), delayMs: slowMs }),
    drip: server.route('/problems/drip.png', { type: 'image/png', body: seededBytes('drip', 40), dripMs: 100, dripBytes: 1 }),
    htmlAtImage: server.route('/problems/not-an-image.png', {
      type: 'text/html; charset=utf-8',
      body: '<!doctype html><html><body><img src="/problems/never-followed.png"><link rel=stylesheet href="/problems/never.css"></body></html>',
    }),
    neverFollowed: img('/problems/never-followed.png'),
    redirectLoop: server.url('/problems/loop-0.png'),
    external: `${x}/img/cross.png`,
    oversizedBytes,
    slowMs,
  };
  for (let i = 0; i < 8; i++) server.route(`/problems/loop-${i}.png`, { status: 302, redirect: `/problems/loop-${i + 1}.png` });
  img('/problems/loop-8.png');
  text(
    '/problems/index.html',
    'text/html; charset=utf-8',
    `<!doctype html><html><head><meta charset="utf-8"><title>Problems</title></head><body>
${ok.map((u, i) => `<img id="ok-${i}" src="${new URL(u).pathname}" alt="">`).join('\n')}
<img id="not-found" src="missing.png" alt="">
<embed id="big" src="big.bin" type="application/octet-stream">
<embed id="big-chunked" src="big-chunked.bin" type="application/octet-stream">
<img id="slow" src="slow.png" alt="">
<img id="drip" src="drip.png" alt="">
<img id="html-at-image" src="not-an-image.png" alt="">
<img id="loop" src="loop-0.png" alt="">
<img id="external" src="${problems.external}" alt="">
</body></html>
`,
  );

  // ---- slow-ish site (progress, wait=0, cancel) ----
  const slowDelay = 400;
  const slowAssets = Array.from({ length: 12 }, (_, i) =>
    server.route(`/slow/img/${i}.png`, { type: 'image/png', body: seededPng(`slow-${i}`), delayMs: slowDelay }),
  );
  text(
    '/slow/index.html',
    'text/html; charset=utf-8',
    `<!doctype html><html><head><meta charset="utf-8"><title>Slow</title></head><body>
${slowAssets.map((u) => `<img src="${new URL(u).pathname}" alt="">`).join('\n')}
</body></html>
`,
  );

  // ---- replace ----
  img('/replace/one.png');
  img('/replace/two.png');
  const replace = {
    first: text(
      '/replace/first.html',
      'text/html; charset=utf-8',
      '<!doctype html><html><head><title>First</title></head><body><p id="which">first version</p><img src="one.png" alt=""></body></html>\n',
    ),
    second: text(
      '/replace/second.html',
      'text/html; charset=utf-8',
      '<!doctype html><html><head><title>Second</title></head><body><p id="which">second version</p><img src="two.png" alt=""></body></html>\n',
    ),
    failing: server.route('/replace/broken.html', { status: 500, type: 'text/html', body: '<h1>Internal Server Error</h1>' }),
    notFound: server.url('/replace/nothing-here.html'),
    notHtml: server.route('/replace/picture.png', { type: 'image/png', body: seededPng('/replace/picture.png') }),
  };

  return {
    main: documents.main!,
    documents,
    stylesheets,
    base,
    charset: {
      header: { url: server.url('/charset/header.html'), text: cp1252Text, imageUrl: server.url('/charset/img/café.png') },
      meta: { url: server.url('/charset/meta.html'), text: sjisText },
      bom: { url: server.url('/charset/bom.html'), text: bomText },
    },
    many: { url: server.url('/many/index.html'), count: manyCount, imageUrl: manyImage },
    problems,
    slow: { url: server.url('/slow/index.html'), assets: slowAssets, delayMs: slowDelay },
    replace,
    neverFetched: [
      '/ks/refreshed.html',
      '/ks/other.html',
      '/about/',
      '/ks/search?q=1&r=2',
      '/ks/absolute.html',
      '/ks/canonical.html',
      '/feed.xml',
      '/ks/page2.html',
      '/img/via-localhost.png',
      '/base/sub/next.html',
      '/base/pic.png',
      '/elsewhere/pic.png',
      '/elsewhere/style.css',
    ].map((p) => server.url(p)),
    bytes(url) {
      const r = server.resolve(url);
      return r && r.status === 200 ? r.body : undefined;
    },
  };
}

// ---- the bench site --------------------------------------------------------------------------------

export interface GeneratedSite {
  /** Path of the entry page, e.g. /index.html. */
  entry: string;
  /** Every file by URL path: the entry page and its assets. */
  files: Map<string, { type: string; body: Buffer }>;
  /** Number of assets (files other than the entry page). */
  assetCount: number;
}

/**
 * The bench site: index.html and exactly `n` assets — stylesheets with nested @imports (css/main.css →
 * css/base/base.css, css/theme.css → css/theme/colors.css), url() backgrounds in the top-level sheets,
 * @font-face fonts, and images referenced from <img> and from the CSS. Deterministic bytes (images are real
 * PNGs, fonts seeded bytes). The imported sheets hold no url(): `wget -p` fetches an @imported sheet but not
 * the URLs inside it, and the bench wants both tools to fetch the same 200 files.
 */
export function generateBenchSite(n = 200): GeneratedSite {
  const files = new Map<string, { type: string; body: Buffer }>();
  const imports: Record<string, string> = { '/css/main.css': '/css/base/base.css', '/css/theme.css': '/css/theme/colors.css' };
  const sheets = ['/css/main.css', '/css/base/base.css', '/css/theme.css', '/css/theme/colors.css', '/css/print.css'];
  const fonts = ['/fonts/regular.woff2', '/fonts/bold.woff2', '/fonts/italic.woff2', '/fonts/mono.woff2'];
  const fixed = sheets.length + fonts.length;
  if (n < fixed + 2) throw new Error(`generateBenchSite: n must be at least ${fixed + 2}`);
  const imageCount = n - fixed;
  const images = Array.from({ length: imageCount }, (_, i) => `/img/${i < imageCount / 2 ? 'photos' : 'icons'}/image-${String(i).padStart(4, '0')}.png`);
  // Half the images from <img>, the rest as CSS backgrounds spread over the stylesheets.
  const htmlImages = images.slice(0, Math.ceil(imageCount / 2));
  const cssImages = images.slice(htmlImages.length);
  const perSheet = new Map<string, string[]>(sheets.map((s) => [s, []]));
  const topLevel = sheets.filter((s) => !Object.values(imports).includes(s));
  cssImages.forEach((p, i) => perSheet.get(topLevel[i % topLevel.length]!)!.push(p));

  const relative = (from: string, to: string) => {
    const fromDir = from.split('/').slice(1, -1);
    const toParts = to.split('/').slice(1);
    let common = 0;
    while (common < fromDir.length && common < toParts.length - 1 && fromDir[common] === toParts[common]) common++;
    return [...Array(fromDir.length - common).fill('..'), ...toParts.slice(common)].join('/');
  };

  for (const [i, sheet] of sheets.entries()) {
    const lines = [`/* ${sheet} */`];
    const next = imports[sheet];
    if (next) lines.push(i % 2 === 0 ? `@import url("${relative(sheet, next)}");` : `@import '${relative(sheet, next)}';`);
    if (sheet === '/css/main.css') {
      for (const [j, f] of fonts.entries()) {
        lines.push(`@font-face { font-family: "Bench ${j}"; src: url(${relative(sheet, f)}) format("woff2"); font-display: swap; }`);
      }
    }
    if (Object.values(imports).includes(sheet)) {
      for (let j = 0; j < 40; j++)
        lines.push(`.c-${i}-${j} { color: #${(0x102030 * (j + 1) + i).toString(16).slice(-6).padStart(6, '0')}; margin: ${j % 7}px; }`);
    }
    for (const [j, p] of perSheet.get(sheet)!.entries()) {
      const q = j % 3 === 0 ? '' : j % 3 === 1 ? '"' : "'";
      lines.push(`.bg-${p.replace(/\W/g, '-')} { background: url(${q}${relative(sheet, p)}${q}) no-repeat; width: 8px; height: 8px; }`);
    }
    files.set(sheet, { type: 'text/css', body: Buffer.from(`${lines.join('\n')}\n`) });
  }
  for (const f of fonts) files.set(f, { type: 'font/woff2', body: seededBytes(f, 12 * 1024) });
  for (const p of images) files.set(p, { type: 'image/png', body: seededPng(p, 16) });

  const html = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<title>Capture bench</title>',
    `<link rel="stylesheet" href="css/main.css">`,
    `<link rel="stylesheet" href="css/print.css" media="print">`,
    `<link rel="stylesheet" href="css/theme.css">`,
    '</head>',
    '<body>',
    '<h1>Capture bench</h1>',
    ...htmlImages.map((p, i) => `<img src="${p.slice(1)}" alt="image ${i}" width="16" height="16">`),
    ...cssImages.map((p) => `<div class="bg-${p.replace(/\W/g, '-')}"></div>`),
    '</body>',
    '</html>',
    '',
  ].join('\n');
  files.set('/index.html', { type: 'text/html; charset=utf-8', body: Buffer.from(html) });
  return { entry: '/index.html', files, assetCount: files.size - 1 };
}

/** Serves a generated site's files on a fixture server. */
export function mountSite(server: FixtureServer, site: GeneratedSite, prefix = ''): string {
  for (const [path, file] of site.files) server.route(prefix + path, { type: file.type, body: file.body });
  return server.url(prefix + site.entry);
}

// ---- pages that are costly to parse ----------------------------------------------------------------

/** `levels` nested <div>s; 400 000 make the 4.4 MB page that once held the server's event loop for minutes. */
export function deepNesting(levels = 400_000): string {
  return '<div>'.repeat(levels) + '</div>'.repeat(levels);
}

/**
 * Blocks of `depth` nested <div>s, within the nesting cap, repeated up to about `bytes`: a page a capture
 * may read, and slow to read (the parser's work for each tag grows with the depth): seconds for 4.5 MB.
 */
export function deepBlocks(depth = 500, bytes = 4_500_000): string {
  const block = '<div>'.repeat(depth) + '</div>'.repeat(depth);
  return block.repeat(Math.max(1, Math.floor(bytes / block.length)));
}

/**
 * An article-like page of about `bytes` (5 MB by default, within what a capture reads): sections of text
 * with links, images with srcset and lazy data-src, inline url() backgrounds and a stylesheet, referring to
 * `images` distinct same-origin PNGs, so tens of thousands of references to rewrite. `site.files` has the
 * page at /big/index.html and its assets.
 */
export function bigPage(bytes = 5_000_000, images = 40): GeneratedSite {
  const files = new Map<string, { type: string; body: Buffer }>();
  const image = (i: number) => `img/image-${String(i % images).padStart(3, '0')}.png`;
  for (let i = 0; i < images; i++) files.set(`/big/${image(i)}`, { type: 'image/png', body: seededPng(`big-${i}`, 8) });
  files.set('/big/style.css', {
    type: 'text/css',
    body: Buffer.from(`body { background: url(${image(0)}); }\n.hero { background-image: url("${image(1)}"); }\n`),
  });
  const words = 'the quick brown fox jumps over a lazy dog while seven capture workers read every byte'.split(' ');
  const text = (seed: number, n: number) => Array.from({ length: n }, (_, i) => words[(seed * 7 + i * 3) % words.length]).join(' ');
  const head =
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Big page</title>\n<link rel="stylesheet" href="style.css">\n</head>\n<body>\n';
  const tail = '</body>\n</html>\n';
  const sections: string[] = [];
  let size = head.length + tail.length;
  for (let i = 0; size < bytes; i++) {
    const section =
      `<section id="s${i}" class="article"><h2>Section ${i}</h2>\n` +
      `<p>${text(i, 120)} <a href="/articles/${i}.html">read section ${i}</a> ${text(i + 1, 100)}.</p>\n` +
      `<figure><img src="${image(i)}" srcset="${image(i)} 1x, ${image(i + 1)} 2x" alt="figure ${i}" width="8" height="8">` +
      `<figcaption>${text(i + 2, 12)}</figcaption></figure>\n` +
      `<div class="hero" style="background: url(${image(i + 2)}) no-repeat; min-height: 8px" data-src="${image(i + 3)}">${text(i + 3, 60)}</div>\n` +
      `<ul>${[1, 2, 3].map((j) => `<li><a href="#s${i + j}">next ${j}</a></li>`).join('')}</ul></section>\n`;
    if (size + section.length > bytes) break;
    sections.push(section);
    size += section.length;
  }
  files.set('/big/index.html', { type: 'text/html; charset=utf-8', body: Buffer.from(head + sections.join('') + tail) });
  return { entry: '/big/index.html', files, assetCount: files.size - 1 };
}

export interface HeavySite {
  /** A page with two frames, the deep page then the slow one, and then an image the server holds. */
  index: string;
  /** deepNesting(): deeper than a capture reads. */
  deep: string;
  /** deepBlocks(): slow to read. */
  slow: string;
  held: string;
  /** Resolves when the held image is requested. */
  heldRequested: Promise<void>;
  /** Answers the held image's request (now, or when it comes). */
  release(): void;
}

/** The heavy pages under `prefix`; the held image answers once per site. */
export function heavySite(server: FixtureServer, prefix = '/heavy'): HeavySite {
  let requested!: () => void;
  const heldRequested = new Promise<void>((resolve) => {
    requested = resolve;
  });
  let waiting: http.ServerResponse | undefined;
  let released = false;
  const answer = () => {
    if (!waiting || !released || waiting.headersSent) return;
    waiting.writeHead(200, { 'content-type': 'image/png' });
    waiting.end(seededPng(`${prefix}/held.png`));
  };
  const held = server.route(`${prefix}/held.png`, {
    handler(_req, res) {
      waiting = res;
      requested();
      answer();
    },
  });
  return {
    index: server.route(`${prefix}/index.html`, {
      type: 'text/html; charset=utf-8',
      body: '<!doctype html><title>Heavy</title><iframe src="deep.html"></iframe><iframe src="slow.html"></iframe><img src="held.png">',
    }),
    deep: server.route(`${prefix}/deep.html`, { type: 'text/html; charset=utf-8', body: deepNesting() }),
    slow: server.route(`${prefix}/slow.html`, { type: 'text/html; charset=utf-8', body: deepBlocks() }),
    held,
    heldRequested,
    release() {
      released = true;
      answer();
    },
  };
}

// ---- the visual page (browser test) ----------------------------------------------------------------

/** A system font to serve as a web font: distinct from the browser's default faces. */
const VISUAL_FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSerif-BoldItalic.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSansMono-BoldOblique.ttf',
];

export interface VisualSite {
  url: string;
  /** The served web font file (null when no candidate font exists on this system). */
  font: string | null;
  fontFamily: string;
}

/**
 * A page for screenshot comparison, 800×600: a CSS background image from a nested @import, a repeating
 * background from `style=""`, <img> and <picture>/srcset images, a web font (when the system has a TTF to
 * serve) with a fallback that looks different, a same-origin iframe with its own background. No scripts.
 */
/** The system font visualSite() serves as its web font, or null when this system has none of the candidates. */
export function visualFontFile(): string | null {
  return VISUAL_FONT_CANDIDATES.find((f) => fs.existsSync(f)) ?? null;
}

export function visualSite(server: FixtureServer): VisualSite {
  const fontFile = visualFontFile();
  const fontFamily = 'FixtureFace';
  const stripes = png(40, 40, (xx, yy) => (((xx >> 3) + (yy >> 3)) & 1 ? [230, 80, 40, 255] : [40, 120, 220, 255]));
  const gradient = png(200, 100, (xx, yy) => [xx, yy * 2, 255 - xx, 255]);
  const photo = png(120, 90, (xx, yy) => [(xx * 2) & 255, (yy * 3) & 255, ((xx + yy) * 2) & 255, 255]);
  const pic1 = png(80, 80, (xx, yy) => [200, (xx * 3) & 255, (yy * 3) & 255, 255]);
  const pic2 = png(160, 160, (xx, yy) => [20, (xx * 3) & 255, (yy * 3) & 255, 255]); // 2x: must not be chosen at DPR 1
  const checker = png(16, 16, (xx, yy) => ((xx ^ yy) & 4 ? [0, 0, 0, 255] : [255, 255, 0, 255]));
  const frameBg = png(20, 20, (xx, yy) => [(xx * 12) & 255, 180, (yy * 12) & 255, 255]);
  server.routes({
    '/visual/img/stripes.png': { type: 'image/png', body: stripes },
    '/visual/img/gradient.png': { type: 'image/png', body: gradient },
    '/visual/img/photo.png': { type: 'image/png', body: photo },
    '/visual/img/pic-1x.png': { type: 'image/png', body: pic1 },
    '/visual/img/pic-2x.png': { type: 'image/png', body: pic2 },
    '/visual/img/checker.png': { type: 'image/png', body: checker },
    '/visual/frames/bg.png': { type: 'image/png', body: frameBg },
    '/visual/css/main.css': {
      type: 'text/css',
      body: `@import url("parts/layout.css");
${fontFile ? `@font-face { font-family: "${fontFamily}"; src: url("../fonts/face.ttf") format("truetype"); }` : ''}
html, body { margin: 0; padding: 0; background: #fafafa; }
.title { font-family: "${fontFamily}", monospace; font-size: 44px; line-height: 56px; margin: 0 0 8px 16px; color: #222; }
`,
    },
    '/visual/css/parts/layout.css': {
      type: 'text/css',
      body: `.hero { width: 400px; height: 100px; margin-left: 16px; background: url(../../img/gradient.png) no-repeat; border: 2px solid #333; }
.row { display: flex; gap: 12px; margin: 12px 16px; align-items: flex-start; }
.stripes { width: 200px; height: 120px; background: url('../../img/stripes.png') repeat; }
`,
    },
    '/visual/frames/frame.html': {
      type: 'text/html; charset=utf-8',
      body: '<!doctype html><html><head><style>html,body{margin:0;height:100%;background:url(bg.png) repeat}</style></head><body></body></html>\n',
    },
    '/visual/index.html': {
      type: 'text/html; charset=utf-8',
      body: `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Visual fixture</title>
<link rel="stylesheet" href="css/main.css">
</head>
<body>
<p class="title">Outpost Capture 123</p>
<div class="hero"></div>
<div class="row">
  <img src="img/photo.png" width="120" height="90" alt="photo">
  <picture><source srcset="img/pic-1x.png 1x, img/pic-2x.png 2x"><img src="img/pic-2x.png" width="80" height="80" alt="picture"></picture>
  <div class="stripes"></div>
  <div style="width: 64px; height: 64px; background-image: url(&quot;img/checker.png&quot;)"></div>
</div>
<div class="row">
  <iframe src="frames/frame.html" width="160" height="60" style="border: 0"></iframe>
  <svg width="60" height="60"><image href="img/checker.png" width="60" height="60"/></svg>
</div>
</body>
</html>
`,
    },
  });
  if (fontFile) server.route('/visual/fonts/face.ttf', { type: 'font/ttf', body: fs.readFileSync(fontFile) });
  return { url: server.url('/visual/index.html'), font: fontFile, fontFamily };
}

// ---- reading a capture back ------------------------------------------------------------------------

/** One URL reference in CSS, in source order: url(…) tokens and functions, and @import strings. */
export interface CssRef {
  url: string;
  kind: 'url' | 'import';
}

/** The URL references of a stylesheet (or a style attribute), with CSS escapes decoded, in order. */
export function cssRefs(css: string): CssRef[] {
  const tokens = tokenize({ css });
  const refs: CssRef[] = [];
  const significant = (i: number) => {
    while (i < tokens.length && (tokens[i]![0] === TokenType.Whitespace || tokens[i]![0] === TokenType.Comment)) i++;
    return i;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t[0] === TokenType.AtKeyword && String((t[4] as { value: string }).value).toLowerCase() === 'import') {
      const j = significant(i + 1);
      const next = tokens[j];
      if (next && next[0] === TokenType.String) {
        refs.push({ url: (next[4] as { value: string }).value, kind: 'import' });
        i = j;
      } else if (next && next[0] === TokenType.URL) {
        refs.push({ url: (next[4] as { value: string }).value, kind: 'import' });
        i = j;
      } else if (next && next[0] === TokenType.Function && String((next[4] as { value: string }).value).toLowerCase() === 'url') {
        const k = significant(j + 1);
        if (tokens[k]?.[0] === TokenType.String) refs.push({ url: (tokens[k]![4] as { value: string }).value, kind: 'import' });
        i = k;
      }
    } else if (t[0] === TokenType.URL) {
      refs.push({ url: (t[4] as { value: string }).value, kind: 'url' });
    } else if (t[0] === TokenType.Function && String((t[4] as { value: string }).value).toLowerCase() === 'url') {
      const k = significant(i + 1);
      if (tokens[k]?.[0] === TokenType.String) refs.push({ url: (tokens[k]![4] as { value: string }).value, kind: 'url' });
      i = k;
    }
  }
  return refs;
}

/** A srcset's candidates (URL and descriptor text), following the HTML spec's splitting rules. */
export function parseSrcset(value: string): { url: string; descriptor: string }[] {
  const out: { url: string; descriptor: string }[] = [];
  let i = 0;
  const ws = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
  while (i < value.length) {
    while (i < value.length && (ws(value[i]) || value[i] === ',')) i++;
    if (i >= value.length) break;
    let url = '';
    while (i < value.length && !ws(value[i])) url += value[i++];
    let descriptor = '';
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      let depth = 0;
      while (i < value.length) {
        const c = value[i]!;
        if (c === '(') depth++;
        if (c === ')') depth = Math.max(0, depth - 1);
        if (c === ',' && depth === 0) {
          i++;
          break;
        }
        descriptor += c;
        i++;
      }
    }
    out.push({ url, descriptor: descriptor.trim().replace(/\s+/g, ' ') });
  }
  return out;
}

/** Reads a ZIP (an export) into name → bytes. */
export function readZip(zip: Buffer): Promise<Record<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const out: Record<string, Buffer> = {};
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
      if (err || !file) return reject(err);
      file.on('error', reject);
      file.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return file.readEntry();
        file.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream
            .on('data', (c: Buffer) => chunks.push(c))
            .on('error', reject)
            .on('end', () => {
              out[entry.fileName] = Buffer.concat(chunks);
              file.readEntry();
            });
        });
      });
      file.on('end', () => resolve(out));
      file.readEntry();
    });
  });
}

export const sha256 = (b: Buffer | string) => crypto.createHash('sha256').update(b).digest('hex');

// ---- driving captures through the REST API ------------------------------------------------------------

export interface Fetched {
  status: number;
  type: string | null;
  headers: Headers;
  body: Buffer;
}

/** GET a URL (loopback only: the tests' Outpost or a fixture), without following redirects. */
export async function getBytes(url: string | URL, init: RequestInit = {}): Promise<Fetched> {
  const host = new URL(url).hostname;
  if (!/^(127\.\d+\.\d+\.\d+|\[::1\]|localhost)$/.test(host)) throw new Error(`getBytes: ${url} is not a loopback URL`);
  const res = await fetch(url, { redirect: 'manual', ...init });
  return { status: res.status, type: res.headers.get('content-type'), headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

export interface ApiResult {
  status: number;
  headers: Headers;
  body: any;
}

export interface CaptureApi {
  /** POST /api/pages with a source_url (and other fields); `wait` goes to the query. */
  create(body: Record<string, unknown>, wait?: number): Promise<ApiResult>;
  /** POST /api/pages/{id}/files with a source_url. */
  replace(pageId: string, body: Record<string, unknown>, wait?: number): Promise<ApiResult>;
  job(jobId: string): Promise<ApiResult>;
  jobs(query?: string): Promise<ApiResult>;
  cancel(jobId: string): Promise<ApiResult>;
  /** Polls a job until it is no longer pending or running. */
  settle(jobId: string, timeoutMs?: number): Promise<any>;
  /** URL of a page's stored file as a visitor opens it (on 127.0.0.1). */
  served(pageId: string, path?: string): string;
  /**
   * Opens the page at `/p/<id>/` as a visitor does: the root's 302 to the stored document (a capture's
   * default file) is checked to name exactly `defaultFile`, then followed. The document's URL and bytes.
   */
  opened(pageId: string, defaultFile: string): Promise<{ url: string; doc: Fetched }>;
  exportZip(pageId: string): Promise<Record<string, Buffer>>;
}

/** What the tests need of a TestOutpost (kept structural so benches can pass theirs). */
interface ApiServer {
  url: string;
  api(pathname: string, init?: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> }): Promise<ApiResult>;
}

export function captureApi(outpost: ApiServer, token: string): CaptureApi {
  const q = (wait?: number) => (wait === undefined ? '' : `?wait=${wait}`);
  const api: CaptureApi = {
    create: (body, wait) => outpost.api(`/api/pages${q(wait)}`, { token, body }),
    replace: (pageId, body, wait) => outpost.api(`/api/pages/${pageId}/files${q(wait)}`, { token, body }),
    job: (jobId) => outpost.api(`/api/jobs/${jobId}`, { token }),
    jobs: (query = '') => outpost.api(`/api/jobs${query}`, { token }),
    cancel: (jobId) => outpost.api(`/api/jobs/${jobId}/cancel`, { method: 'POST', token }),
    async settle(jobId, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const res = await api.job(jobId);
        if (res.status !== 200) throw new Error(`GET /api/jobs/${jobId}: ${res.status} ${JSON.stringify(res.body)}`);
        if (res.body.status !== 'pending' && res.body.status !== 'running') return res.body;
        if (Date.now() > deadline) throw new Error(`job ${jobId} still ${res.body.status} after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    served: (pageId, path = 'index.html') => `${new URL(outpost.url).origin}/p/${pageId}/${path.split('/').map(encodeURIComponent).join('/')}`,
    async opened(pageId, defaultFile) {
      const url = api.served(pageId, defaultFile);
      const root = await getBytes(api.served(pageId, ''));
      if (defaultFile === 'index.html') {
        if (root.status !== 200) throw new Error(`/p/${pageId}/ answered ${root.status}, not the page's index.html`);
        return { url, doc: root };
      }
      const location = root.headers.get('location');
      if (root.status !== 302 || location === null || new URL(location, url).href !== url) {
        throw new Error(`/p/${pageId}/ answered ${root.status} to ${location}, not a 302 to ${url}`);
      }
      return { url, doc: await getBytes(url) };
    },
    async exportZip(pageId) {
      const res = await fetch(new URL(`/api/pages/${pageId}/export`, outpost.url), { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`export ${pageId}: ${res.status} ${await res.text()}`);
      return readZip(Buffer.from(await res.arrayBuffer()));
    },
  };
  return api;
}

// ---- redirect stubs --------------------------------------------------------------------------------

export interface RedirectStubs {
  /** The page the stubs lead to: a stylesheet and an image of its own. */
  target: string;
  /** `<meta http-equiv="refresh" content="0; URL=en/index.html">`, nothing else. */
  metaStub: string;
  /** A meta refresh (2 s, quoted URL) and a script doing `location.replace` to the same target. */
  jsStub: string;
  /** A page with content and a 10-s refresh: not a stub. */
  laterRefresh: string;
  /** Where laterRefresh goes (never fetched by a capture). */
  laterTarget: string;
  /** A stub to another server (`other`). */
  awayStub: string;
  /** What awayStub points at. */
  awayTarget: string;
  /** Two stubs refreshing to each other. */
  loop: string;
  /** An HTTP redirect (302) to `loop`. */
  redirectToLoop: string;
  /** The target's image bytes. */
  logo: Buffer;
}

/** Redirect stubs under /stubs/ on `server`; `other` is a second server (another site). */
export function redirectStubs(server: FixtureServer, other: FixtureServer): RedirectStubs {
  const html = (head: string, body = '') => ({
    type: 'text/html; charset=utf-8',
    body: `<!doctype html><html><head>${head}</head><body>${body}</body></html>`,
  });
  const logo = seededPng('stub-logo', 24);
  server.routes({
    '/stubs/en/index.html': html(
      '<title>Stub target</title><link rel="stylesheet" href="style.css">',
      '<h1>The real page</h1><p class="note">It has content.</p><img src="logo.png" width="96" height="96" alt="">',
    ),
    '/stubs/en/style.css': {
      type: 'text/css',
      body: 'body { background: #f4eedd; font: 16px sans-serif; } h1 { color: #2a5d8f; } .note { border-left: 6px solid #c33; padding-left: 8px; } img { image-rendering: pixelated; }',
    },
    '/stubs/en/logo.png': { type: 'image/png', body: logo },
    '/stubs/index.html': html('<meta http-equiv="refresh" content="0; URL=en/index.html">'),
    '/stubs/js.html': html(
      `<title>Redirecting…</title><META HTTP-EQUIV="Refresh" CONTENT="2;url='en/index.html'"><script>location.replace('en/index.html')</script>`,
      '<p>Redirecting to <a href="en/index.html">the page</a>…</p>',
    ),
    '/stubs/later.html': html(
      '<title>Later</title><meta http-equiv="refresh" content="10; url=later-target.html">',
      '<p>Real content that refreshes later.</p>',
    ),
    '/stubs/later-target.html': html('<title>Later target</title>'),
    '/stubs/away.html': html(`<title>Moved</title><meta http-equiv="refresh" content="0; url=${other.url('/elsewhere.html')}">`, '<p>Moved.</p>'),
    '/stubs/loop-a.html': html('<meta http-equiv="refresh" content="0; url=loop-b.html">'),
    '/stubs/loop-b.html': html('<meta http-equiv="refresh" content="1; url=loop-a.html">'),
    '/stubs/moved': { redirect: '/stubs/loop-a.html' },
  });
  other.route('/elsewhere.html', html('<title>Elsewhere</title>'));
  return {
    target: server.url('/stubs/en/index.html'),
    metaStub: server.url('/stubs/index.html'),
    jsStub: server.url('/stubs/js.html'),
    laterRefresh: server.url('/stubs/later.html'),
    laterTarget: server.url('/stubs/later-target.html'),
    awayStub: server.url('/stubs/away.html'),
    awayTarget: other.url('/elsewhere.html'),
    loop: server.url('/stubs/loop-a.html'),
    redirectToLoop: server.url('/stubs/moved'),
    logo,
  };
}
