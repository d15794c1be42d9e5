// The envelope of every response under /p/: files, redirects, gate pages, error pages and hapi's own errors.
//
// Threat model: uploaded HTML is untrusted. Every /p/ response carries `Content-Security-Policy: sandbox ...`
// without allow-same-origin, so a page runs in an opaque origin: it can't read the API's cookies or storage,
// nor call the API with the visitor's credentials as same-origin. Request cookies are not parsed by hapi (the
// routes read only their own three), and no response sets a cookie except the one a handler allowed
// (allowCookie: the gate, e-mail gate and preview cookies, HttpOnly, SameSite=Lax, Path=/p/<id>/). Every /p/
// response has `Referrer-Policy: no-referrer`; files also have `Access-Control-Allow-Origin: *`, never with
// credentials (FILE_CORS_HEADER says why that is safe), because the page's own opaque-origin document loads its
// fonts and module scripts in CORS mode.
import Boom from '@hapi/boom';
import type { Request, ResponseObject, Server } from '@hapi/hapi';
import { errorPage } from './error-pages.ts';

/**
 * The sandbox every /p/ response is served under: scripts run, but in an opaque origin (no allow-same-origin).
 * Popups (a link with target=_blank, window.open) escape it: a popup that inherited the sandbox could not load
 * a document sent with Cross-Origin-Opener-Policy (browsers refuse that pairing), and another /p/ page is always
 * sent with one. The popup is not left with an origin: a /p/ page brings this same sandbox in its own response,
 * and the COOP below cuts it off from its opener.
 */
export const PAGE_CSP = 'sandbox allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox allow-modals allow-downloads';

/** The headers every /p/ response carries (besides Cache-Control, which is `no-cache` unless said otherwise). */
export const PAGE_HEADERS: readonly (readonly [name: string, value: string])[] = [
  ['Content-Security-Policy', PAGE_CSP],
  ['Referrer-Policy', 'no-referrer'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['X-Content-Type-Options', 'nosniff'],
];

/**
 * Sent with every file of a page (200, 206, 304; hapi route and fast path alike), with the 404 for a file a page
 * the visitor may see does not have, and with the 302s to a folder or to a captured page's document (file-route.ts)
 * it may see. A page's document has an
 * opaque origin (`null`, the sandbox above), so its CORS-mode loads of its own files (web fonts, module scripts,
 * `crossorigin` images, fetch()) are cross-origin and need this to succeed.
 *
 * Why `*` is safe here: it allows reads WITHOUT credentials only (browsers refuse `*` for a credentialed request,
 * and no /p/ response ever sends Access-Control-Allow-Credentials), so no other site can read anything through a
 * visitor's cookies. Without credentials, a protected page answers only its gate, a 401/403 or a redirect (those
 * carry no file and no such header), unless the URL itself holds a grant (grant.ts): and whoever has that URL has
 * the access already. Public files are public anyway.
 */
export const FILE_CORS_HEADER: readonly [name: string, value: string] = ['Access-Control-Allow-Origin', '*'];

/** The one cookie a /p/ response may set, kept by applyPageHeaders. */
interface PageRequestState {
  pageCookie?: string;
}

/** Lets this request's response set `setCookie` (a gate, e-mail gate or preview cookie); any other is dropped. */
export function allowCookie(request: Request, setCookie: string): void {
  (request.app as PageRequestState).pageCookie = setCookie;
}

/**
 * Every response under /p/ gets the sandbox headers, including hapi's own errors (no route matched, a malformed
 * URL, a failure in the handler), which are turned into small HTML pages. Registered before create-server's
 * onPreResponse, which still runs afterwards (the page is not a takeover) and adds X-Request-Id.
 */
export function installSandbox(server: Server): void {
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
