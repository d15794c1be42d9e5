// The fast path of /p/: a GET that the caches can answer completely is served straight from Node's HTTP
// server, before hapi builds a request for it. Everything else (and anything unusual) goes to hapi as before.
//
// Why: a page's hot files are what a host serves most, and on them hapi's per-request machinery (request
// object, lifecycle, response marshalling, logging child) costs several times the work of the answer itself
// (bench/serve). The fast path answers only when, without any I/O:
//  - the request is a plain GET of /p/<id>/<path> whose path has only unreserved characters, no empty, "."
//    or ".." segment (so hapi would route it to /p/{id}/{path*} with exactly these parameters), no body, no
//    Range;
//  - the page's entry is in the page cache and fresh (caches.ts: at most PAGE_TTL_MS old, forgotten at
//    once when the page changes on this instance; a hit late in its TTL has it read again in the background), and the page is open to everyone (public, no passcode, no
//    allowed e-mails): no gate, preview, grant or cookie is ever looked at here, and a path starting with an
//    access grant (grant.ts) is always left to hapi;
//  - the path's resolution in the page's current version is cached and is a file;
//  - the answer is a 304 (If-None-Match/If-Modified-Since matched), or the file's bytes in the coding the
//    client gets are in the content cache, or (a large file, identity) the body cache has its descriptor open
//    (body-cache.ts; sent by body-sender.ts).
// Its answer is the one the hapi route gives (file-response.ts: same coding choice, entity tags, Last-Modified, sandbox
// headers, X-Request-Id; test/serve/caches.test.ts compares them). Conditional requests that don't match,
// HEAD, ranges, redirects, errors, gates and every first request go to hapi, which fills the caches. A URL answered
// here before whose page entry has left the cache (not asked for within the TTL, or changed) waits for the page to
// be read again (one read for all such requests), then is decided as above.
//
// Per request it does little more than bare node:http would: what a URL resolves to is remembered while the page's
// cache entry is the same object (KnownUrl), a file's head is a list built once (the request id is written into it),
// and its access-log line is joined from strings made once (shared/access-line.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Server } from '@hapi/hapi';
import type { Db } from 'mongodb';
import { PAGE_ID, ResolutionCache, type PageEntry, type ResolvedFile, type ServeCaches } from './caches.ts';
import { encodingFor, notModifiedTag, type Encoding } from './request-headers.ts';
import { FILE_CORS_HEADER, PAGE_HEADERS } from './sandbox.ts';
import { startsWithGrant } from './grant.ts';
import { knownShimmedTarget, wantsShim } from './script-shim.ts';
import type { Body } from './body-cache.ts';
import { sendBody } from './body-sender.ts';
import { logAccess } from '../shared/access-log.ts';
import { accessHeaders, accessLines, type AccessHeaders } from '../shared/access-line.ts';
import { clientAddressOf } from '../shared/client-address.ts';
import { requestIds } from '../shared/request-ids.ts';
import { isDocumentType, type ViewCounter } from './view-counter.ts';

export interface FastPathStats {
  /** Requests answered by the fast path. */
  served: number;
}

const statsOf = new WeakMap<Server, FastPathStats>();

/** How many requests this server's fast path answered (tests, diagnostics). */
export function fastPathStats(server: Server): FastPathStats | undefined {
  return statsOf.get(server);
}

const PREFIX = '/p/';
/** Characters a path may have for the fast path: unreserved ones and "/" (nothing to percent-decode). */
const PLAIN_PATH = /^[A-Za-z0-9._~/-]*$/;
/** A "." or ".." segment (hapi doesn't resolve them; the file store refuses them; the fast path leaves them). */
const DOT_SEGMENT = /(?:^|\/)\.{1,2}(?:\/|$)/;

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Puts the fast path in front of hapi on the server's listener: requests it doesn't answer are handed to
 * hapi's own request handler unchanged.
 */
export function installFastPath(server: Server, db: Db, caches: ServeCaches, config: { trustProxy: readonly string[] }, views: ViewCounter): void {
  const listener = server.listener;
  const hapi = listener.listeners('request') as Listener[];
  const stats: FastPathStats = { served: 0 };
  statsOf.set(server, stats);
  const nextId = requestIds(server);

  // What was worked out for the URLs answered lately (see KnownUrl). Any URL can be asked for, so the map is
  // bounded: when full it is emptied, and those URLs are worked out again on their next request.
  const known = new Map<string, KnownUrl>();

  /** The file `url` names on an open page, from the caches alone; undefined: hapi's to answer. */
  const knownFile = (url: string, now: number): KnownUrl | undefined => {
    if (!url.startsWith(PREFIX)) return undefined;
    const remembered = known.get(url);
    if (remembered !== undefined) {
      const entry = caches.pages.peek(remembered.id, now);
      if (entry === remembered.entry) {
        caches.pages.renewSoon(db, remembered.id, entry, now);
        return remembered;
      }
      // Out of the cache (expired or invalidated): kept until the page is read again (see pageToRead).
      if (entry === undefined) return undefined;
      // The page was read again: work it out afresh.
      known.delete(url);
    }
    const slash = url.indexOf('/', PREFIX.length);
    if (slash < 0) return undefined;
    const id = url.slice(PREFIX.length, slash);
    if (!PAGE_ID.test(id)) return undefined;
    const query = url.indexOf('?', slash);
    const path = query < 0 ? url.slice(slash + 1) : url.slice(slash + 1, query);
    if (!PLAIN_PATH.test(path) || path.includes('//') || path.startsWith('/') || DOT_SEGMENT.test(path) || url.includes('#')) return undefined;
    // An access grant (grant.ts) is hapi's business: it checks it, or sends an open page's visitor to the plain address.
    if (startsWithGrant(path)) return undefined;

    const entry = caches.pages.peek(id, now);
    if (entry === undefined) return undefined;
    caches.pages.renewSoon(db, id, entry, now);
    if (!entry.open) return undefined;
    const version = entry.page!.current_version;
    if (typeof version !== 'string') return undefined;
    const defaultFile = entry.page!.default_file;
    const target = caches.resolutions.get(ResolutionCache.key(version, typeof defaultFile === 'string' ? defaultFile : '', path));
    if (target?.kind !== 'file') return undefined;
    // A document with script shims is served as its shimmed representation, once hapi has made its bytes.
    const served = wantsShim(entry.page, target, caches.content) ? knownShimmedTarget(target) : target;
    if (served === undefined) return undefined;
    const pathJson = JSON.stringify(query < 0 ? url : url.slice(0, query));
    const found: KnownUrl = { id, pathJson, entry, target: served, heads: {}, document: isDocumentType(target.type) };
    if (url.length <= MAX_KNOWN_URL_LENGTH) {
      if (known.size >= MAX_KNOWN_URLS) known.clear();
      known.set(url, found);
    }
    return found;
  };

  // Without trusted proxies a connection's client is its peer, the same for every request on it.
  const clients = new WeakMap<Socket, string>();
  const clientJsonOf = (req: IncomingMessage): string => {
    const socket = req.socket;
    if (config.trustProxy.length > 0) return JSON.stringify(clientAddressOf(socket.remoteAddress, req.headers['x-forwarded-for'], config));
    let client = clients.get(socket);
    if (client === undefined) {
      client = JSON.stringify(clientAddressOf(socket.remoteAddress, undefined, config));
      clients.set(socket, client);
    }
    return client;
  };

  /**
   * The page of a URL answered here before whose cache entry is gone (a page not asked for within PAGE_TTL_MS, or
   * changed): reading it again, once for all the requests that find it so, lets them be answered here rather than
   * each by hapi.
   */
  const pageToRead = (url: string, now: number): Promise<PageEntry> | undefined => {
    const remembered = known.get(url);
    if (remembered === undefined || caches.pages.peek(remembered.id, now) !== undefined) return undefined;
    const entry = caches.pages.get(db, remembered.id);
    return entry instanceof Promise ? entry : Promise.resolve(entry);
  };

  // A graceful stop waits for the requests waiting for a page read, as hapi waits for its own.
  const waiting = new Set<Promise<unknown>>();
  let stopping = false;
  server.ext('onPreStop', async () => {
    stopping = true;
    await Promise.allSettled([...waiting]);
  });

  /** Answers the request, or says it is hapi's (false), or that it can be answered once its page is read. */
  const serve = (req: IncomingMessage, res: ServerResponse, received: number, mayWait: boolean): boolean | Promise<PageEntry> => {
    if (req.method !== 'GET') return false;
    const url = req.url;
    if (url === undefined) return false;
    const headers = req.headers;
    if (headers.range !== undefined || headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined) return false;

    const now = mayWait ? received : Date.now();
    const found = knownFile(url, now);
    if (found === undefined) return (mayWait && !stopping && pageToRead(url, now)) || false;
    // An expired page, or one with a view limit, is hapi's to answer (expiry.ts).
    if (now >= found.entry.servedUntil) return false;
    const { target, entry } = found;
    const { file, tags } = target;
    const encoding = encodingFor(target, asString(headers['accept-encoding']));
    const ifNoneMatch = asString(headers['if-none-match']);
    const ifModifiedSince = asString(headers['if-modified-since']);
    let status = 200;
    let etag = encoding ? tags[encoding] : tags.identity;
    let body: Buffer | undefined;
    let large: Body | undefined;
    if (ifNoneMatch !== undefined || ifModifiedSince !== undefined) {
      const unchanged = notModifiedTag(file.sha256, etag, entry.lastModified, ifNoneMatch, ifModifiedSince);
      // A validator that doesn't match is rare (the file changed): hapi answers it.
      if (!unchanged) return false;
      status = 304;
      etag = unchanged;
    } else if (file.size <= caches.content.maxEntryBytes) {
      body = caches.content.get(encoding ? `${file.sha256}:${encoding}` : file.sha256);
      if (body === undefined) return false;
    } else {
      // Large files are compressed on the fly by hapi; identity bytes come from the body cache's open descriptor.
      if (encoding) return false;
      large = caches.bodies.peek(file);
      if (large === undefined) return false;
    }

    const head = status === 200 ? okHead(found, encoding, body !== undefined ? body.length : file.size) : headOf(found, 304, encoding, etag);
    const { headers: out, idAt } = head;
    const requestId = nextId(received);
    out[idAt] = requestId;
    try {
      res.writeHead(status, out);
    } catch (e) {
      large?.release();
      throw e;
    }
    if (large !== undefined) sendBody(large, res, 0, file.size);
    else res.end(body);
    stats.served++;
    if (found.document) views.record(found.id, req.socket, headers, now);
    if (server.logger?.isLevelEnabled('info')) {
      const writeLine = accessLines(server.logger);
      if (writeLine === undefined) logResponse(server, req, requestId, status, out, received, config);
      else {
        writeLine({
          id: requestId,
          method: 'get',
          pathJson: found.pathJson,
          clientJson: clientJsonOf(req),
          statusCode: status,
          headers: (head.log ??= accessHeaders(out, idAt)),
          received,
        });
      }
    }
    return true;
  };

  /** Serves the request here if it can; hapi otherwise. */
  const handle = (req: IncomingMessage, res: ServerResponse, received: number, mayWait: boolean): void => {
    let served: boolean | Promise<PageEntry> = false;
    try {
      served = serve(req, res, received, mayWait);
    } catch (e) {
      // Nothing is written before the decision is made: until then hapi can still answer. Once the head is out,
      // a half-written response leaves the connection unusable.
      if (res.headersSent) {
        if (!res.writableEnded) res.destroy(e as Error);
        return;
      }
    }
    if (served === true) return;
    if (served === false) {
      for (const hapiHandler of hapi) hapiHandler.call(listener, req, res);
      return;
    }
    // Once the page is read, asked again (without waiting again); a failed read is hapi's to report.
    const retry = () => handle(req, res, received, false);
    const settled = served.then(retry, retry);
    waiting.add(settled);
    void settled.finally(() => waiting.delete(settled));
  };

  listener.removeAllListeners('request');
  listener.on('request', (req: IncomingMessage, res: ServerResponse) => handle(req, res, Date.now(), true));
}

function asString(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * What the fast path worked out for one URL: the page (its cache entry) and the file the URL names in it. Good
 * for as long as that page entry is the one in the page cache: a change to the page, its expiry or a new read
 * replaces the entry (caches.ts), and the URL is worked out again.
 */
interface KnownUrl {
  id: string;
  /** The path without the query, as a JSON string (for the access log). */
  pathJson: string;
  entry: PageEntry;
  target: ResolvedFile;
  /** The head of a 200 in each coding, built on first use (see okHead). */
  heads: Partial<Record<Encoding | 'identity', Head>>;
  /** An HTML document: its answers count as views (view-counter.ts). */
  document: boolean;
}

/** A response's headers as a flat list, with the request id's place in it left for each answer to fill in. */
interface Head {
  headers: string[];
  idAt: number;
  /** Content-Length (a 200's). */
  length?: number;
  /** The headers as the access log writes them, made on first use. */
  log?: AccessHeaders;
}

const MAX_KNOWN_URLS = 4096;
const MAX_KNOWN_URL_LENGTH = 1024;

/**
 * The head of a 200 for this file in this coding, built once: each answer writes its request id into it and
 * hands it to writeHead, which has turned it into text before it returns.
 */
function okHead(found: KnownUrl, encoding: Encoding | null, length: number): Head {
  const key = encoding ?? 'identity';
  let cached = found.heads[key];
  if (cached === undefined || cached.length !== length) {
    cached = headOf(found, 200, encoding, encoding ? found.target.tags[encoding] : found.target.tags.identity, length);
    found.heads[key] = cached;
  }
  return cached;
}

/** The headers of an answer, as the hapi route sends them (file-response.ts); a 200 has `length` bytes. */
function headOf(found: KnownUrl, status: 200 | 304, encoding: Encoding | null, etag: string, length?: number): Head {
  const { target, entry } = found;
  const out: string[] = [];
  if (status === 200) out.push('content-type', target.type);
  if (encoding && status === 200) out.push('content-encoding', encoding);
  out.push('etag', etag, 'cache-control', 'no-cache', 'accept-ranges', 'bytes', FILE_CORS_HEADER[0], FILE_CORS_HEADER[1]);
  if (entry.lastModified) out.push('last-modified', entry.lastModified);
  // hapi adds Vary to every 304 (it can't tell the type without a body), and to text types.
  if (target.compressible || status === 304) out.push('vary', 'accept-encoding');
  for (const [name, value] of PAGE_HEADERS) out.push(name, value);
  out.push('x-request-id', '');
  const idAt = out.length - 1;
  if (length !== undefined) out.push('content-length', String(length));
  return { headers: out, idAt, length };
}
/** The access-log line hapi-pino writes for every response, through pino (a logger accessLines can't write for). */
function logResponse(
  server: Server,
  req: IncomingMessage,
  id: string,
  statusCode: number,
  headers: string[],
  received: number,
  config: { trustProxy: readonly string[] },
): void {
  if (!server.logger?.isLevelEnabled('info')) return;
  logAccess(server.logger, {
    id,
    method: 'get',
    path: req.url!.split('?', 1)[0],
    client: clientAddressOf(req.socket.remoteAddress, req.headers['x-forwarded-for'], config),
    statusCode,
    // The head was written from a list, which the response's own getHeaders() doesn't see.
    getHeaders: () => {
      const pairs: Record<string, string> = {};
      for (let i = 0; i < headers.length; i += 2) pairs[headers[i].toLowerCase()] = headers[i + 1];
      return pairs;
    },
    received,
  });
}
