// Serving published pages at /p/{id}/{path*}: static files from the page's current version in GridFS,
// with directory indexes, an SPA-style fallback to the page's default file, conditional requests
// (ETag/If-None-Match, Last-Modified/If-Modified-Since), single byte ranges (If-Range), gzip/br for text
// types, and a bounded in-memory cache of small files keyed by their SHA-256.
//
// Uploaded HTML is untrusted. Every response under /p/ (files, redirects, error pages, hapi's own errors)
// carries `Content-Security-Policy: sandbox ...` without allow-same-origin, so a page runs in an opaque
// origin: it can't read the API's cookies or storage, nor call the API with the visitor's credentials as
// same-origin. Request cookies are not parsed by hapi (this module reads only its own three), and no response
// sets a cookie except the gate, e-mail gate and preview cookies below (HttpOnly, SameSite=Lax, Path=/p/<id>/).
// Every /p/ response has `Referrer-Policy: no-referrer`; files also have `Access-Control-Allow-Origin: *`, never
// with credentials (serve-http.ts says why that is safe), because the page's own opaque-origin document loads
// its fonts and module scripts in CORS mode.
//
// Access (nothing of a refused page's files is ever read):
//  - `public` pages without passcodes or allowed e-mails are served to everyone (an address with a grant is
//    redirected to the plain one: they need none);
//  - a protected page's files are served only at `/p/<id>/<grant>/<path>`, with a valid access grant (grant.ts)
//    in the path. Cookies can't do it: the browser sends them with the top-level document, but not with what
//    that opaque-origin document loads (images, stylesheets, scripts, fonts, frames). A grant, being in the
//    path, is inherited by every relative reference. An invalid, expired or revoked grant (the passcodes or
//    e-mails changed, the page became private) is redirected to the plain address, never served;
//  - at a plain address, a valid cookie (preview, gate or e-mail) is redirected to the same path with a grant
//    for that access, expiring with the cookie;
//  - a `?preview=` token (preview.ts) opens a `private` or `shared` page: it sets the preview cookie and
//    redirects to the grant address (15 minutes, as the token);
//  - `shared` pages with passcodes ask for one (gate.ts): 401 with a form posting to /p/<id>/__gate, which
//    sets the gate cookie and redirects to the grant address of `next`;
//  - `shared` pages with allowed e-mails offer the e-mail gate (email-gate.ts) in that same 401 page: a form
//    posting to /p/<id>/__email, which mails a one-time link; GET /p/<id>/__email?token= sets the e-mail
//    cookie and redirects to the grant address of `next`;
//  - everything else (private without preview, shared with neither, public with access settings, unknown
//    visibility) is refused with 403.
// Protected files are sent `Cache-Control: private, no-cache` (a browser may keep them, but asks again, and the
// grant is checked again, before using them); redirects that carry a grant are `no-store`.
//
// What is remembered between requests (serve-cache.ts): page documents for at most a second (and forgotten at
// once when the pages module changes one), which file a path means in a version (immutable), and small files'
// bytes by SHA-256. A GET of a public page's small file that all three can answer is served by the fast path
// (serve-fast.ts) before hapi sees it; everything else goes through the routes below.
import { createHash } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import Boom from '@hapi/boom';
import PQueue from 'p-queue';
import type { Request, ResponseObject, ResponseToolkit, RouteOptions, Server } from '@hapi/hapi';
import type { Db } from 'mongodb';
import type { Services } from '../services.ts';
import { EMAIL_PATH, GATE_PATH } from '../pages/reserved-paths.ts';
import {
  cookieValues,
  createGateLimiter,
  GATE_COOKIE_PREFIX,
  GATE_TTL_SECONDS,
  gateCookieExpiry,
  gateForm,
  gateKey,
  matchesPasscode,
  mintGateCookie,
  pageCookie,
  passcodeFingerprint,
  safeNext,
  type GateLimiter,
} from './gate.ts';
import {
  allowedEmails,
  consumeEmailLink,
  createEmailLink,
  createLinkMailer,
  EMAIL_COOKIE_PREFIX,
  EMAIL_COOKIE_TTL_SECONDS,
  EMAIL_SEND_WINDOW_SECONDS,
  EMAIL_SENDS_PER_ADDRESS,
  EMAIL_SENDS_PER_CLIENT,
  emailCookieExpiry,
  emailGateKey,
  emailLinkUrl,
  emailSentPage,
  emailsFingerprint,
  mintEmailCookie,
  normalizeEmail,
  type LinkMailer,
} from './email-gate.ts';
import { createPageGateCeiling, type PageGateCeiling } from './gate-ceiling.ts';
import { emailAccess, grantedLocation, grantKey, mintGrant, passcodeAccess, previewAccess, splitGrant, verifyGrant, type GrantSplit } from './grant.ts';
import { accessEpoch, PREVIEW_COOKIE_PREFIX, PREVIEW_PARAM, verifyPreviewToken } from './preview.ts';
import { decryptPasscode, isValidEmail, SecretDecryptionFailed, type EncryptedSecret } from '../pages/secrets.ts';
import { contentTypeFor, PAGES, RangeNotSatisfiable, resolveRange, type ByteRange, type StoredFile } from '../pages/file-store.ts';
import { findFile, streamFile } from '../pages/file-reader.ts';
import { isTextType } from '../pages/content-types.ts';
import {
  ContentCache,
  PAGE_PROJECTION,
  PageCache,
  ResolutionCache,
  type PageEntry,
  type Resolution,
  type ResolvedFile,
  type ServedPage,
} from './serve-cache.ts';
import { encodingFor, FILE_CORS_HEADER, notModifiedTag, PAGE_HEADERS, parseRange, type Encoding } from './serve-http.ts';
import { installFastPath, type ServeCaches } from './serve-fast.ts';
import { clientAddress, rateLimitKey } from '../shared/client-address.ts';

export { CACHE_MAX_FILE_BYTES, CACHE_MAX_TOTAL_BYTES, ContentCache } from './serve-cache.ts';
export { MIN_COMPRESS_BYTES, matchIfNoneMatch, negotiateEncoding, PAGE_CSP, parseRange } from './serve-http.ts';
export { fastPathStats } from './serve-fast.ts';

/** Page ids are short base62 strings; anything else is answered 404 without a database lookup. */
const PAGE_ID = /^[0-9A-Za-z]{1,64}$/;
/** A request that raced a replacement of the page's files is re-resolved against the new version. */
const MAX_ATTEMPTS = 3;
const HTML = 'text/html; charset=utf-8';
const SHA256_HEX = /^[0-9a-f]{64}$/;

const BROTLI_STREAM_QUALITY = 4;
/** Small files are compressed once and cached, so they can afford a little more effort. */
const BROTLI_CACHED_QUALITY = 6;
const GZIP_LEVEL = 6;
const brotliCompress = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

export function registerPageServing(server: Server, app: Services): void {
  const caches: ServeCaches = { pages: new PageCache(), resolutions: new ResolutionCache(), content: new ContentCache() };
  server.events.on('stop', () => caches.pages.close());
  installFastPath(server, caches, app.config);
  const limits: PasscodeLimits = { perClient: createGateLimiter(app.db), perPage: createPageGateCeiling(app.db) };
  const email: EmailGate = {
    mailer: createLinkMailer(app.config, () => server.logger),
    perClient: createGateLimiter(app.db, { keyPrefix: 'pageemail', attempts: EMAIL_SENDS_PER_CLIENT, windowSeconds: EMAIL_SEND_WINDOW_SECONDS }),
    perAddress: createGateLimiter(app.db, { keyPrefix: 'pageemailfor', attempts: EMAIL_SENDS_PER_ADDRESS, windowSeconds: EMAIL_SEND_WINDOW_SECONDS }),
    pending: new Set(),
  };
  // Links still being mailed are finished before the database closes.
  server.ext('onPostStop', async () => {
    await Promise.allSettled(email.pending);
    email.mailer.close();
  });
  const options: RouteOptions = {
    auth: false,
    tags: ['pages'],
    // Cookies sent along (e.g. for the API on the same host) are none of the pages' business: not parsed, so
    // a malformed one can't fail a page request either.
    state: { parse: false, failAction: 'ignore' },
    // Not the API's security headers: pages may be embedded elsewhere, so no X-Frame-Options (the API's routes
    // keep DENY). nosniff and Referrer-Policy come with the sandbox headers of the onPreResponse below.
    security: false,
    // Ranges are handled here (from the cache or through streamFile's range), never by hapi.
    response: { ranges: false },
    ext: {
      // hapi builds request.url from the Host header when first asked; a Host it can't parse is a 400 here
      // rather than a 500 from every handler below.
      onPreHandler: {
        method: (request, h) => {
          try {
            void request.url;
          } catch {
            return errorPage(h, 400).takeover();
          }
          return h.continue;
        },
      },
    },
  };

  server.route([
    {
      method: 'GET',
      path: '/p/{id}',
      options: {
        ...options,
        // Relative links in a page resolve against its folder, so the page's root is /p/{id}/.
        handler: (request, h) => {
          const { id } = request.params as { id: string };
          if (!PAGE_ID.test(id)) return errorPage(h, 404);
          return h.redirect(`/p/${id}/${request.url.search}`).permanent();
        },
      },
    },
    {
      method: 'GET',
      path: '/p/{id}/{path*}',
      options: {
        ...options,
        handler: async (request, h) => {
          const { id, path = '' } = request.params as { id: string; path?: string };
          if (!PAGE_ID.test(id)) return errorPage(h, 404);
          // This module chooses the content coding itself (br or gzip, with an ETag per coding); hapi must not
          // add its own gzip/deflate on top of an identity response.
          request.info.acceptEncoding = 'identity';
          const target = splitGrant(path, rawPagePath(request, id));
          for (let attempt = 1; ; attempt++) {
            const outcome = await serveOnce(app, caches, request, h, id, target, attempt > 1);
            if (outcome !== RETRY) return outcome;
            request.log(['pages', 'retry'], `page ${id} changed while it was being served (attempt ${attempt})`);
            if (attempt === MAX_ATTEMPTS) return errorPage(h, 503).header('Retry-After', '1');
          }
        },
      },
    },
    {
      method: 'POST',
      path: `/p/{id}/${GATE_PATH}`,
      options: {
        ...options,
        payload: { parse: true, output: 'data', allow: 'application/x-www-form-urlencoded', maxBytes: 8 * 1024 },
        handler: (request, h) => passcodeAttempt(app, limits, request, h),
      },
    },
    {
      method: 'POST',
      path: `/p/{id}/${EMAIL_PATH}`,
      options: {
        ...options,
        payload: { parse: true, output: 'data', allow: 'application/x-www-form-urlencoded', maxBytes: 8 * 1024 },
        handler: (request, h) => emailRequest(app, email, request, h),
      },
    },
    {
      method: 'GET',
      path: `/p/{id}/${EMAIL_PATH}`,
      options: { ...options, handler: (request, h) => emailLinkFollowed(app, request, h) },
    },
  ]);

  // Every response under /p/ gets the sandbox headers, including hapi's own errors (no route matched, a
  // malformed URL, a failure in the handler), which are turned into small HTML pages. Registered before
  // create-server's onPreResponse, which still runs afterwards (the page is not a takeover) and adds X-Request-Id.
  server.ext('onPreResponse', (request, h) => {
    if (!isPagesPath(request.path)) return h.continue;
    const response = request.response;
    if (response === null) return h.continue;
    if (Boom.isBoom(response)) {
      const page = errorPage(h, response.output.statusCode);
      for (const [name, value] of Object.entries(response.output.headers)) {
        if (name.toLowerCase() !== 'content-type' && value !== undefined) page.header(name, String(value));
      }
      applyPageHeaders(page, request);
      return page;
    }
    applyPageHeaders(response, request);
    return h.continue;
  });
}

/** The one cookie a /p/ response may set (put there by the gate or the preview), kept by applyPageHeaders. */
interface PageRequestState { pageCookie?: string }
const allowCookie = (request: Request, setCookie: string) => {
  (request.app as PageRequestState).pageCookie = setCookie;
};

function isPagesPath(path: string): boolean {
  return path === '/p' || path.startsWith('/p/');
}

function applyPageHeaders(response: ResponseObject, request: Request): void {
  for (const [name, value] of PAGE_HEADERS) response.header(name, value);
  if (!response.headers['cache-control']) response.header('Cache-Control', 'no-cache');
  delete (response.headers as Record<string, unknown>)['set-cookie'];
  const cookie = (request.app as PageRequestState).pageCookie;
  if (cookie !== undefined) response.header('Set-Cookie', cookie);
}

const RETRY = Symbol('retry');
type Outcome = ResponseObject | typeof RETRY;

/** What follows `/p/<id>/` in the URL, still percent-encoded (as hapi normalized it: unreserved characters decoded). */
function rawPagePath(request: Request, id: string): string {
  const root = `/p/${id}/`;
  const pathname = request.url.pathname;
  return pathname.startsWith(root) ? pathname.slice(root.length) : '';
}

async function serveOnce(app: Services, caches: ServeCaches, request: Request, h: ResponseToolkit, id: string, target: GrantSplit, reread: boolean): Promise<Outcome> {
  const { db } = app;
  // After a RETRY the cached page is known to be out of date: read it again.
  const entry = reread ? await caches.pages.refresh(db, id) : await caches.pages.get(db, id);
  const { page } = entry;
  if (!page) return errorPage(h, 404);
  if (entry.open) {
    // A page open to everyone needs no grant: its visitor goes to the plain address (which the fast path serves).
    if (target.grant !== null) return toPlainAddress(request, h, id, target);
  } else {
    // A protected page's files are never read before a grant lets the visitor in (see the top of this file).
    const refusal = checkAccess(app, request, h, entry, page, target);
    if (refusal) return refusal;
    // `/p/<id>/<grant>`: relative links resolve against `/p/<id>/<grant>/`.
    if (target.bare) return h.redirect(`${request.url.pathname}/${request.url.search}`).code(302).header('Cache-Control', 'no-store');
  }
  const outcome = await serveResolved(db, caches, request, h, entry, page, target.path);
  // What one visitor was let in to see is not for shared caches.
  if (!entry.open && outcome !== RETRY) outcome.header('Cache-Control', 'private, no-cache');
  return outcome;
}

async function serveResolved(db: Db, caches: ServeCaches, request: Request, h: ResponseToolkit, entry: PageEntry, page: ServedPage, path: string): Promise<Outcome> {
  const id = page._id;
  const version = page.current_version;
  if (typeof version !== 'string') return errorPage(h, 404, NO_CONTENT);
  const defaultFile = typeof page.default_file === 'string' ? page.default_file : '';

  const key = ResolutionCache.key(version, defaultFile, path);
  let target = caches.resolutions.get(key);
  if (target === undefined) {
    target = await resolveTarget(db, id, version, defaultFile, path);
    // A miss may mean the version was replaced (and deleted) under us: then look again in the new one. Only a
    // miss in a version that is still current is final (and remembered).
    if (target.kind === 'missing' && !(await isCurrent(db, id, version))) return RETRY;
    if (target.kind === 'file') checkHash(target.file, id, version);
    caches.resolutions.set(key, target);
  }
  if (target.kind === 'redirect') {
    return h.redirect(`${request.url.pathname}/${request.url.search}`).code(302);
  }
  if (target.kind === 'missing') return errorPage(h, 404, NO_FILE);
  return serveFile(db, caches.content, request, h, entry, id, version, target);
}

/** Every file of a committed version has its hash; a record without one was never published. */
function checkHash(file: StoredFile, pageId: string, version: string): void {
  if (!SHA256_HEX.test(file.sha256)) throw new Error(`page ${pageId}: file ${JSON.stringify(file.path)} of version ${version} has no SHA-256`);
}

const EXPIRED_PREVIEW = ['This link has expired', 'Preview links work for a short while only. Ask the page’s owner for a new one.'] as const;

/**
 * Null when the visitor may see this (protected) page at this address: only a valid grant in the path lets a
 * request in. Else the response that refuses, asks, or redirects:
 *  - `?preview=<token>`: a valid token sets the preview cookie and goes (303) to the grant address, without
 *    `preview` in the query; an invalid one is a 403;
 *  - a grant that is not (or no longer) valid: 302 to the same path without it, which asks again;
 *  - no grant but a valid preview, gate or e-mail cookie: 302 to the same path with a grant for that access,
 *    expiring with the cookie (its documents' relative links then carry it, see grant.ts);
 *  - else the gate (401) or a 403.
 */
function checkAccess(app: Services, request: Request, h: ResponseToolkit, entry: PageEntry, page: ServedPage, target: GrantSplit): ResponseObject | null {
  const id = page._id;
  if (page.visibility !== 'private' && page.visibility !== 'shared') return target.grant !== null ? toPlainAddress(request, h, id, target) : errorPage(h, 403);
  const key = grantKey(app.keys.jwt);
  const secure = app.config.publicUrl.startsWith('https:');
  // Preview links, cookies and grants name the page's access epoch: a change of visibility revokes them all.
  const epoch = accessEpoch(page);
  const preview = previewAccess(epoch);

  // A preview link: trade the token for a cookie and a grant, and drop it from the address.
  const query = request.query as Record<string, unknown>;
  if (query[PREVIEW_PARAM] !== undefined) {
    const token = query[PREVIEW_PARAM];
    const check = typeof token === 'string' ? verifyPreviewToken(app.keys.jwt, id, epoch, token) : ({ ok: false, reason: 'invalid' } as const);
    if (!check.ok) return errorPage(h, 403, EXPIRED_PREVIEW[1], EXPIRED_PREVIEW[0]).header('Cache-Control', 'no-store');
    const params = new URLSearchParams(request.url.search);
    params.delete(PREVIEW_PARAM);
    const rest = params.toString();
    allowCookie(request, pageCookie(`${PREVIEW_COOKIE_PREFIX}${id}`, token as string, id, (check.expiresAt - Date.now()) / 1000, secure));
    const grant = mintGrant(key, id, preview, check.expiresAt);
    return grantRedirect(h, grantedLocation(id, grant, `/p/${id}/${target.rawPath}${rest ? `?${rest}` : ''}`), 303);
  }

  // shared: the passcode gate when the page has passcodes, the e-mail gate when it has allowed e-mails.
  const gate = page.visibility === 'shared' ? gateOf(app, request, entry, page) : null;
  if (target.grant !== null) {
    // Checked against the ways in the page has NOW: new passcodes or e-mails, or a page made private, revoke it.
    if (verifyGrant(key, id, gate === null ? [preview] : gate.accesses, target.grant)) return null;
    return toPlainAddress(request, h, id, target);
  }

  const cookies = request.headers.cookie;
  const here = `${request.url.pathname}${request.url.search}`;
  for (const value of cookieValues(cookies, `${PREVIEW_COOKIE_PREFIX}${id}`)) {
    const check = verifyPreviewToken(app.keys.jwt, id, epoch, value);
    if (check.ok) return grantRedirect(h, grantedLocation(id, mintGrant(key, id, preview, check.expiresAt), here), 302);
  }
  if (page.visibility === 'private') return errorPage(h, 403);

  if (gate === null) return errorPage(h, 403);
  const { passcodeFingerprint: fingerprint, emailsFingerprint: emailsPrint, emails } = gate;
  if (fingerprint === null && emailsPrint === null) return errorPage(h, 403);
  if (fingerprint !== null) {
    for (const value of cookieValues(cookies, `${GATE_COOKIE_PREFIX}${id}`)) {
      const expiresAt = gateCookieExpiry(gate.gateKey, id, fingerprint, value);
      if (expiresAt !== null) return grantRedirect(h, grantedLocation(id, mintGrant(key, id, passcodeAccess(fingerprint), expiresAt), here), 302);
    }
  }
  if (emailsPrint !== null) {
    for (const value of cookieValues(cookies, `${EMAIL_COOKIE_PREFIX}${id}`)) {
      const expiresAt = emailCookieExpiry(gate.emailKey, id, emails, value);
      if (expiresAt !== null) return grantRedirect(h, grantedLocation(id, mintGrant(key, id, emailAccess(emailsPrint), expiresAt), here), 302);
    }
  }
  return gatePage(h, page, here, false, fingerprint !== null);
}

/** To an address with a grant: never stored by any cache (the grant is the visitor's). */
function grantRedirect(h: ResponseToolkit, location: string, code: 302 | 303): ResponseObject {
  return h.redirect(location).code(code).header('Cache-Control', 'no-store');
}

/**
 * To the same path and query without the grant (an invalid, expired or revoked one, or a page that needs none).
 * It carries no content, so a CORS-mode load (a web font) may follow it like the file it was asking for.
 */
function toPlainAddress(request: Request, h: ResponseToolkit, id: string, target: GrantSplit): ResponseObject {
  return h
    .redirect(`/p/${id}/${target.rawPath}${request.url.search}`)
    .code(302)
    .header('Cache-Control', 'no-store')
    .header(FILE_CORS_HEADER[0], FILE_CORS_HEADER[1]);
}

/** What checking a shared page's cookies and grants needs; no passcode is kept in clear. */
interface GateInfo {
  gateKey: Buffer;
  emailKey: Buffer;
  /** Names the current passcode set (gate cookies are bound to it); null when there are no passcodes. */
  passcodeFingerprint: string | null;
  emails: string[];
  /** Names the current allowed e-mails (e-mail cookies are bound to it); null when there are none. */
  emailsFingerprint: string | null;
  /** The accesses a grant of this page may name now (grant.ts). */
  accesses: string[];
}

/**
 * The gate of the page as this entry holds it, worked out once per entry (a changed page is a new entry, so a
 * new passcode set gets a new fingerprint at once). Null (refuse) when a passcode can't be decrypted.
 */
function gateOf(app: Services, request: Request, entry: PageEntry, page: ServedPage): GateInfo | null {
  if (entry.access !== undefined) return entry.access as GateInfo | null;
  const passcodes = pagePasscodes(app, request, page);
  let gate: GateInfo | null = null;
  if (passcodes !== null) {
    const key = gateKey(app.keys.jwt);
    const emailKey = emailGateKey(app.keys.jwt);
    const emails = allowedEmails(page.allowed_emails);
    const fingerprint = passcodes.length > 0 ? passcodeFingerprint(key, passcodes) : null;
    const emailsPrint = emails.length > 0 ? emailsFingerprint(emailKey, emails) : null;
    const accesses = [previewAccess(accessEpoch(page))];
    if (fingerprint !== null) accesses.push(passcodeAccess(fingerprint));
    if (emailsPrint !== null) accesses.push(emailAccess(emailsPrint));
    gate = { gateKey: key, emailKey, passcodeFingerprint: fingerprint, emails, emailsFingerprint: emailsPrint, accesses };
  }
  entry.access = gate;
  return gate;
}

/** The page's passcodes in clear; null (refuse) when they can't be read. */
function pagePasscodes(app: Services, request: Request, page: ServedPage): string[] | null {
  if (page.passcodes === undefined || page.passcodes === null) return [];
  if (!Array.isArray(page.passcodes)) return null;
  try {
    return page.passcodes.map((secret: EncryptedSecret) => decryptPasscode(app.keyring, page._id, secret));
  } catch (e) {
    if (!(e instanceof SecretDecryptionFailed)) throw e;
    request.log(['pages', 'error'], `page ${page._id}: a passcode does not decrypt (${e.message})`);
    return null;
  }
}

/** The 401 prompt of a shared page: the passcode form and/or the e-mail form, as the page has. */
function gatePage(h: ResponseToolkit, page: ServedPage, next: string, wrong: boolean, hasPasscodes: boolean): ResponseObject {
  const id = page._id;
  const ways = { passcode: hasPasscodes, email: allowedEmails(page.allowed_emails).length > 0 };
  return h.response(gateForm(id, safeNext(id, next), wrong, ways)).code(401).type(HTML).header('Cache-Control', 'no-store');
}

interface EmailGate {
  mailer: LinkMailer;
  /** Link requests per page and client address. */
  perClient: GateLimiter;
  /**
   * Links mailed per address at one client's request (keyed by address and client): another client asking for
   * the same address does not use up that address's own links.
   */
  perAddress: GateLimiter;
  /** Requests still being checked and mailed after their response. */
  pending: Set<Promise<void>>;
}

/**
 * POST /p/{id}/__email (form-urlencoded `email`, and `next`): always the same neutral 200 page. Whether the
 * address is allowed, limited, or mailed is decided after the response, so nothing of it shows.
 */
async function emailRequest(app: Services, gate: EmailGate, request: Request, h: ResponseToolkit): Promise<ResponseObject> {
  const { id } = request.params as { id: string };
  if (!PAGE_ID.test(id)) return errorPage(h, 404);
  const page = await app.db.collection<ServedPage>(PAGES).findOne({ _id: id }, { projection: PAGE_PROJECTION });
  if (!page) return errorPage(h, 404);
  if (page.visibility !== 'shared' || allowedEmails(page.allowed_emails).length === 0) return errorPage(h, 403);

  const form = (request.payload ?? {}) as Record<string, unknown>;
  const next = safeNext(id, form.next);
  const email = typeof form.email === 'string' ? normalizeEmail(form.email) : '';
  const ip = rateLimitKey(clientAddress(request, app.config));
  const work = sendEmailLink(app, gate, id, email, ip, next).catch((e: unknown) => {
    request.logger.error({ err: e }, `page ${id}: the e-mail link could not be sent`);
  });
  gate.pending.add(work);
  void work.finally(() => gate.pending.delete(work));
  return h.response(emailSentPage()).code(200).type(HTML).header('Cache-Control', 'no-store');
}

async function sendEmailLink(app: Services, gate: EmailGate, id: string, email: string, ip: string, next: string): Promise<void> {
  if (!(await gate.perClient.consume(id, ip)).allowed) return;
  if (!isValidEmail(email)) return;
  // The page as it is now (it may have changed since the response).
  const page = await app.db.collection<ServedPage>(PAGES).findOne({ _id: id }, { projection: PAGE_PROJECTION });
  if (!page || page.visibility !== 'shared' || !allowedEmails(page.allowed_emails).includes(email)) return;
  if (!(await gate.perAddress.consume(email, ip)).allowed) return;
  const token = await createEmailLink(app.db, id, email);
  await gate.mailer.send(email, id, emailLinkUrl(app.config.publicUrl, id, token, next));
}

const USED_LINK = ['This link has expired or was already used', 'Each link works once, for a short while. Ask for a new one on the page.'] as const;

/** GET /p/{id}/__email?token=…&next=…: a mailed link; used up at once, it sets the e-mail cookie. */
async function emailLinkFollowed(app: Services, request: Request, h: ResponseToolkit): Promise<ResponseObject> {
  const { id } = request.params as { id: string };
  if (!PAGE_ID.test(id)) return errorPage(h, 404);
  const page = await app.db.collection<ServedPage>(PAGES).findOne({ _id: id }, { projection: PAGE_PROJECTION });
  if (!page) return errorPage(h, 404);
  const emails = allowedEmails(page.allowed_emails);
  if (page.visibility !== 'shared' || emails.length === 0) return errorPage(h, 403);
  const query = request.query as Record<string, unknown>;
  const email = await consumeEmailLink(app.db, id, query.token);
  if (email === null || !emails.includes(email)) return errorPage(h, 403, USED_LINK[1], USED_LINK[0]).header('Cache-Control', 'no-store');
  const key = emailGateKey(app.keys.jwt);
  const fingerprint = emailsFingerprint(key, emails);
  const expiresAt = Date.now() + EMAIL_COOKIE_TTL_SECONDS * 1000;
  const value = mintEmailCookie(key, id, email, fingerprint, expiresAt);
  allowCookie(request, pageCookie(`${EMAIL_COOKIE_PREFIX}${id}`, value, id, EMAIL_COOKIE_TTL_SECONDS, app.config.publicUrl.startsWith('https:')));
  const grant = mintGrant(grantKey(app.keys.jwt), id, emailAccess(fingerprint), expiresAt);
  return grantRedirect(h, grantedLocation(id, grant, safeNext(id, query.next)), 303);
}

interface PasscodeLimits {
  /** Attempts per page and client address. */
  perClient: GateLimiter;
  /** Wrong passcodes per page, all clients together. */
  perPage: PageGateCeiling;
}

/** POST /p/{id}/__gate: a passcode (form-urlencoded `passcode`, and `next`, the address to go back to). */
async function passcodeAttempt(app: Services, limits: PasscodeLimits, request: Request, h: ResponseToolkit): Promise<ResponseObject> {
  const { id } = request.params as { id: string };
  if (!PAGE_ID.test(id)) return errorPage(h, 404);
  const page = await app.db.collection<ServedPage>(PAGES).findOne({ _id: id }, { projection: PAGE_PROJECTION });
  if (!page) return errorPage(h, 404);
  const passcodes = page.visibility === 'shared' ? pagePasscodes(app, request, page) : null;
  if (passcodes === null || passcodes.length === 0) return errorPage(h, 403);

  const form = (request.payload ?? {}) as Record<string, unknown>;
  const next = safeNext(id, form.next);
  const ip = rateLimitKey(clientAddress(request, app.config));
  const decision = await limits.perClient.consume(id, ip);
  if (!decision.allowed) return tooManyAttempts(h, decision.retryAfterSeconds, 'Too many attempts.');
  const ceiling = await limits.perPage.consume(id);
  if (!ceiling.allowed) return tooManyAttempts(h, ceiling.retryAfterSeconds, 'Too many wrong passcodes have been tried on this page.');
  const key = gateKey(app.keys.jwt);
  if (typeof form.passcode !== 'string' || !matchesPasscode(key, form.passcode, passcodes)) return gatePage(h, page, next, true, true);

  await Promise.all([limits.perClient.reset(id, ip), limits.perPage.refund(id)]);
  const fingerprint = passcodeFingerprint(key, passcodes);
  const expiresAt = Date.now() + GATE_TTL_SECONDS * 1000;
  const value = mintGateCookie(key, id, fingerprint, expiresAt);
  allowCookie(request, pageCookie(`${GATE_COOKIE_PREFIX}${id}`, value, id, GATE_TTL_SECONDS, app.config.publicUrl.startsWith('https:')));
  const grant = mintGrant(grantKey(app.keys.jwt), id, passcodeAccess(fingerprint), expiresAt);
  return grantRedirect(h, grantedLocation(id, grant, next), 303);
}

function tooManyAttempts(h: ResponseToolkit, retryAfterSeconds: number, what: string): ResponseObject {
  return errorPage(h, 429, `${what} Please wait ${waitText(retryAfterSeconds)} before trying again.`)
    .header('Retry-After', String(retryAfterSeconds))
    .header('Cache-Control', 'no-store');
}

function waitText(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

async function isCurrent(db: Db, id: string, version: string): Promise<boolean> {
  const page = await db.collection<ServedPage>(PAGES).findOne({ _id: id }, { projection: { current_version: 1 } });
  return page?.current_version === version;
}

const MISSING: Resolution = { kind: 'missing' };
const REDIRECT: Resolution = { kind: 'redirect' };

/**
 * Which file a path means (only file records are read, no content):
 *  - "" or "dir/" → "index.html" / "dir/index.html";
 *  - a file that exists → that file;
 *  - "dir" (no extension) where "dir/index.html" exists → redirect to "dir/", so relative links work;
 *  - any other path without an extension (client-side routes of a single-page app, or a folder without an
 *    index) → the page's default file;
 *  - a path with an extension that doesn't exist → missing (404).
 */
async function resolveTarget(db: Db, pageId: string, version: string, defaultFile: string, path: string): Promise<Resolution> {
  const isDirectory = path === '' || path.endsWith('/');
  const exact = await findFile(db, pageId, version, isDirectory ? `${path}index.html` : path);
  if (exact) return resolvedFile(exact);
  if (!isDirectory) {
    if (hasExtension(path)) return MISSING;
    if (await findFile(db, pageId, version, `${path}/index.html`)) return REDIRECT;
  }
  if (defaultFile === '') return MISSING;
  const fallback = await findFile(db, pageId, version, defaultFile);
  return fallback ? resolvedFile(fallback) : MISSING;
}

function resolvedFile(file: StoredFile): ResolvedFile {
  const type = contentTypeFor(file.path);
  return {
    kind: 'file',
    file,
    type,
    compressible: isCompressible(type),
    tags: { identity: `"${file.sha256}"`, br: `"${file.sha256}-br"`, gzip: `"${file.sha256}-gzip"` },
  };
}

function hasExtension(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  // A leading dot (".well-known") is a hidden name, not an extension.
  return name.lastIndexOf('.') > 0;
}

async function serveFile(
  db: Db,
  cache: ContentCache,
  request: Request,
  h: ResponseToolkit,
  entry: PageEntry,
  pageId: string,
  version: string,
  target: ResolvedFile,
): Promise<Outcome> {
  const { file, type, compressible, tags } = target;
  const small = file.size <= cache.maxEntryBytes;
  const isHead = request.method === 'head';
  const encoding = encodingFor(target, header(request, 'accept-encoding'));
  const { lastModified } = entry;

  const withEntityHeaders = (response: ResponseObject, etag: string): ResponseObject => {
    response.header('ETag', etag).header('Cache-Control', 'no-cache').header('Accept-Ranges', 'bytes').header(FILE_CORS_HEADER[0], FILE_CORS_HEADER[1]);
    if (lastModified) response.header('Last-Modified', lastModified);
    if (compressible) response.vary('accept-encoding');
    return response;
  };

  // 1. Conditional GET/HEAD (RFC 9110 §13.2.2): If-None-Match, or If-Modified-Since when there is none.
  const selectedTag = encoding ? tags[encoding] : tags.identity;
  const unchanged = notModifiedTag(file.sha256, selectedTag, lastModified, header(request, 'if-none-match'), header(request, 'if-modified-since'));
  if (unchanged) return withEntityHeaders(h.response().code(304), unchanged);

  // 2. A single byte range (GET only, RFC 9110 §14.2), unless If-Range names another representation.
  const range = request.method === 'get' ? requestedRange(request, tags.identity) : null;
  if (range) {
    let resolved: { start: number; end: number };
    try {
      resolved = resolveRange(range, file.size);
    } catch (e) {
      if (!(e instanceof RangeNotSatisfiable)) throw e;
      return errorPage(h, 416).header('Content-Range', `bytes */${file.size}`).header('Accept-Ranges', 'bytes');
    }
    const { start, end } = resolved;
    let body: Buffer | Readable;
    const cached = small ? cache.get(file.sha256) : undefined;
    if (cached) {
      body = cached.subarray(start, end);
    } else {
      // The range is read straight from GridFS (end exclusive).
      body = streamFile(db, file, resolved);
    }
    const response = h.response(body).code(206).type(type).bytes(end - start).header('Content-Range', `bytes ${start}-${end - 1}/${file.size}`);
    return withEntityHeaders(response, tags.identity);
  }

  // 3. The whole file, compressed when the client accepts it.
  let response: ResponseObject;
  if (isHead) {
    // Same headers as GET, without reading or compressing anything (hapi sends no body for HEAD).
    response = h.response(new PassThrough()).code(200);
    if (!encoding) response.bytes(file.size);
  } else if (small) {
    const bytes = await wholeFile(db, cache, pageId, version, file);
    if (bytes === RETRY) return RETRY;
    response = h.response(encoding ? await compressed(cache, file, bytes, encoding) : bytes).code(200);
  } else if (encoding) {
    response = h.response(pipeline(streamFile(db, file), compressor(encoding, file.size), () => {})).code(200);
  } else {
    response = h.response(streamFile(db, file)).code(200).bytes(file.size);
  }
  if (encoding) response.compressed(encoding);
  return withEntityHeaders(response.type(type), selectedTag);
}

/**
 * Reading a file whole and compressing it are shared by concurrent requests for the same bytes, and at most
 * FILL_CONCURRENCY run at once: a burst of cold or evicted files costs a bounded amount of memory and CPU.
 */
const FILL_CONCURRENCY = 8;
const fillQueue = new PQueue({ concurrency: FILL_CONCURRENCY });
const filling = new WeakMap<ContentCache, Map<string, Promise<unknown>>>();

function fillOnce<T>(cache: ContentCache, key: string, fill: () => Promise<T>): Promise<T> {
  let inFlight = filling.get(cache);
  if (!inFlight) filling.set(cache, (inFlight = new Map()));
  const running = inFlight.get(key) as Promise<T> | undefined;
  if (running) return running;
  const started = fillQueue.add(fill) as Promise<T>;
  inFlight.set(key, started);
  const done = () => inFlight.delete(key);
  started.then(done, done);
  return started;
}

/** The bytes of a small file: from the cache by hash, else read whole from GridFS (once for concurrent requests), checked and cached. */
async function wholeFile(db: Db, cache: ContentCache, pageId: string, version: string, file: StoredFile): Promise<Buffer | typeof RETRY> {
  const cached = cache.get(file.sha256);
  if (cached) return cached;
  const bytes = await fillOnce(cache, file.sha256, () => readChecked(db, cache, pageId, file));
  if (bytes) return bytes;
  // The version may have been replaced and deleted meanwhile: then serve the new one.
  return (await isCurrent(db, pageId, version)) ? fillOnce(cache, file.sha256, () => readChecked(db, cache, pageId, file, true)) as Promise<Buffer> : RETRY;
}

/** The file read whole and checked against its hash, then cached; null when the read failed (unless `rethrow`). */
async function readChecked(db: Db, cache: ContentCache, pageId: string, file: StoredFile, rethrow = false): Promise<Buffer | null> {
  let bytes: Buffer;
  try {
    bytes = await readAll(streamFile(db, file), file.size);
  } catch (e) {
    if (rethrow) throw e;
    return null;
  }
  // Content-addressed: only bytes that really hash to the key go in.
  if (bytes.length !== file.size || sha256(bytes) !== file.sha256) {
    throw new Error(`page ${pageId}: the stored bytes of ${JSON.stringify(file.path)} don't match its SHA-256`);
  }
  cache.set(file.sha256, bytes);
  return bytes;
}

async function readAll(stream: Readable, expected: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const piece = chunk as Buffer;
    total += piece.length;
    // Leaving the loop early destroys the stream.
    if (total > expected) throw new Error(`a stored file is longer than its record says (${expected} bytes)`);
    chunks.push(piece);
  }
  return Buffer.concat(chunks, total);
}

async function compressed(cache: ContentCache, file: StoredFile, bytes: Buffer, encoding: Encoding): Promise<Buffer> {
  const key = `${file.sha256}:${encoding}`;
  const cached = cache.get(key);
  if (cached) return cached;
  return fillOnce(cache, key, () => compress(cache, key, bytes, encoding));
}

async function compress(cache: ContentCache, key: string, bytes: Buffer, encoding: Encoding): Promise<Buffer> {
  const out =
    encoding === 'br'
      ? await brotliCompress(bytes, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_CACHED_QUALITY,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          },
        })
      : await gzip(bytes, { level: GZIP_LEVEL });
  cache.set(key, out);
  return out;
}

function compressor(encoding: Encoding, size: number): zlib.BrotliCompress | zlib.Gzip {
  if (encoding === 'gzip') return zlib.createGzip({ level: GZIP_LEVEL });
  return zlib.createBrotliCompress({
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_STREAM_QUALITY,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size,
    },
  });
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** Text types compress well; images, fonts and archives are compressed already. */
export const isCompressible = isTextType;

/**
 * The byte range a `Range` header asks for (HTTP's inclusive last-byte-pos turned into an exclusive end), or
 * null to send the whole file: no header, another unit, bad syntax, several ranges (RFC 9110 §14.2 lets a
 * server ignore those), or an If-Range that isn't this file's strong ETag (a date never matches: the full
 * file is the safe answer).
 */
function requestedRange(request: Request, identityTag: string): ByteRange | null {
  const value = header(request, 'range');
  if (value === undefined) return null;
  const ifRange = header(request, 'if-range');
  if (ifRange !== undefined && ifRange.trim() !== identityTag) return null;
  return parseRange(value);
}

const NO_CONTENT = 'This page has no content yet.';
const NO_FILE = 'This page has nothing at this address.';

const ERROR_TEXTS: Record<number, [title: string, message: string]> = {
  400: ['Bad request', 'This address is not valid.'],
  403: ['This page is protected', 'Its owner has restricted who can view it.'],
  429: ['Too many attempts', 'Please wait a while before trying again.'],
  404: ['Page not found', 'There is no page at this address.'],
  416: ['Range not satisfiable', 'The requested byte range is outside the file.'],
  503: ['Please try again', 'This page was just updated. Reload to see the new version.'],
};

/** A small HTML error page; the text is fixed (nothing from the request is echoed). */
function errorPage(h: ResponseToolkit, status: number, message?: string, heading?: string): ResponseObject {
  const [defaultTitle, text] = ERROR_TEXTS[status] ?? (status >= 500 ? ['Something went wrong', 'Please try again later.'] : [STATUS_CODES[status] ?? 'Error', '']);
  const title = heading ?? defaultTitle;
  const body =
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${title}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222}</style></head>` +
    `<body><h1>${title}</h1>${message ?? text ? `<p>${message ?? text}</p>` : ''}</body></html>\n`;
  return h.response(body).code(status).type(HTML).header('Cache-Control', 'no-cache');
}
