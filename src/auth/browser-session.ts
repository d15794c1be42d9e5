// The web app's browser session as a credential: its cookie, the CSRF token, and when a request may use it.
//
// Threat model: pages under /p/ are untrusted HTML on the same host, and any other site may make a visitor's
// browser send requests here. The cookie is HttpOnly (no script reads it, and /p/ documents run in an opaque
// origin without cookie access at all), SameSite=Lax, Path=/ and, under https, `__Host-` + Secure (no subdomain
// can plant or shadow it). It counts only for the /api routes (the auth scheme decides that), only on requests
// whose Origin is PUBLIC_URL's (or, without Origin, whose Sec-Fetch-Site is same-origin or none): a /p/ page
// sends `Origin: null` or `Sec-Fetch-Site: cross-site`, another site its own origin. Every request but GET, HEAD
// and OPTIONS must also carry X-CSRF-Token: an HMAC of the cookie's secret, which only the app learns (from the
// session's JSON, same-origin). The API never sends Access-Control-Allow-Credentials, so no other origin reads
// an answer made with the cookie.
import { createHmac, timingSafeEqual } from 'node:crypto';
import Boom from '@hapi/boom';
import type { Db } from 'mongodb';
import { useBrowserSession, type BrowserSession } from '../accounts/browser-sessions.ts';
import { getUser } from '../accounts/users.ts';
import { SESSION_SCOPES, type Caller } from './caller.ts';
import { unauthorized } from './credentials.ts';
import { purposeKey } from './keys.ts';

export const CSRF_HEADER = 'X-CSRF-Token';
const CSRF_PURPOSE = 'outpost/browser-session-csrf/v1';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What reading a browser session needs. */
export interface BrowserSessionServices {
  db: Db;
  keys: { signing: Uint8Array };
  config: { publicUrl: string; browserSessionTtlSeconds: number };
}

/** The headers of a request, as hapi gives them (lower-case names). */
export type RequestHeaders = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A browser session that authenticated a request, and its CSRF token for the app. */
export interface SessionInUse {
  caller: Caller;
  session: BrowserSession;
  csrfToken: string;
}

/** What the auth scheme leaves in `request.auth.artifacts` when the cookie authenticated the request. */
export interface BrowserSessionArtifacts {
  browserSession: SessionInUse;
}

const isHttps = (publicUrl: string) => publicUrl.startsWith('https:');

/** `__Host-outpost_session` under https (Secure, Path=/, no Domain), `outpost_session` under http. */
export function sessionCookieName(publicUrl: string): string {
  return isHttps(publicUrl) ? '__Host-outpost_session' : 'outpost_session';
}

function cookieAttributes(publicUrl: string, maxAgeSeconds: number): string {
  return `Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${isHttps(publicUrl) ? '; Secure' : ''}`;
}

export function sessionSetCookie(publicUrl: string, secret: string, maxAgeSeconds: number): string {
  return `${sessionCookieName(publicUrl)}=${secret}; ${cookieAttributes(publicUrl, maxAgeSeconds)}`;
}

export function sessionClearCookie(publicUrl: string): string {
  return `${sessionCookieName(publicUrl)}=; ${cookieAttributes(publicUrl, 0)}`;
}

/**
 * The session cookie's value in a Cookie header: undefined when absent, null when sent more than once (a
 * planted duplicate; neither is trusted). Read by hand, leniently: other cookies on the host (cookies are shared
 * across ports) may be anything.
 */
export function readSessionCookie(headers: RequestHeaders, publicUrl: string): string | null | undefined {
  const header = text(headers.cookie);
  if (!header) return undefined;
  const name = sessionCookieName(publicUrl);
  const values = header
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.startsWith(`${name}=`))
    .map((pair) => pair.slice(name.length + 1));
  if (values.length > 1) return null;
  return values[0] || undefined;
}

export function csrfToken(signingKey: Uint8Array, secret: string): string {
  return createHmac('sha256', purposeKey(signingKey, CSRF_PURPOSE)).update(secret, 'utf8').digest('base64url');
}

function csrfMatches(expected: string, sent: unknown): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Whether a request comes from the instance's own pages: its Origin is PUBLIC_URL's origin, or it has no Origin
 * and `Sec-Fetch-Site: same-origin` (or `none`: the person typed the URL). Sandboxed /p/ pages send
 * `Origin: null`, other sites their origin, and requests without either header (non-browser clients, old
 * browsers) do not count.
 */
export function isSameOrigin(headers: RequestHeaders, publicUrl: string): boolean {
  const site = text(headers['sec-fetch-site']);
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = text(headers.origin);
  if (origin !== undefined) return origin === new URL(publicUrl).origin;
  return site !== undefined;
}

/** Refuses (403) a request that would start a browser session from anywhere but the instance's own pages. */
export function requireSameOrigin(headers: RequestHeaders, publicUrl: string): void {
  if (!isSameOrigin(headers, publicUrl)) {
    throw Boom.forbidden(`A browser session can be started only from this instance's own pages (${new URL(publicUrl).origin})`);
  }
}

/**
 * The browser session a request's cookie names, for the /api routes: undefined when the request carries no
 * session cookie (then a bearer credential is needed), else the session, or a 401 (not from this origin, unknown,
 * ended, expired) or a 403 (a state-changing request without the right X-CSRF-Token).
 */
export async function authenticateBrowserSession(
  app: BrowserSessionServices,
  request: { method: string; headers: RequestHeaders },
): Promise<SessionInUse | undefined> {
  const { publicUrl } = app.config;
  const secret = readSessionCookie(request.headers, publicUrl);
  if (secret === undefined) return undefined;
  if (secret === null) throw unauthorized('The session cookie was sent more than once; sign in again');
  if (!isSameOrigin(request.headers, publicUrl)) {
    throw unauthorized(`The session cookie counts only on requests from this instance's own pages (${new URL(publicUrl).origin})`);
  }
  const found = await readBrowserSession(app, secret);
  if (!found) throw unauthorized('The browser session has ended; sign in again');
  if (!SAFE_METHODS.has(request.method.toUpperCase()) && !csrfMatches(found.csrfToken, request.headers[CSRF_HEADER.toLowerCase()])) {
    throw Boom.forbidden(`Missing or wrong ${CSRF_HEADER} header: send the csrf_token of GET /api/session`);
  }
  return found;
}

/**
 * The live session a cookie's secret names, with no check of where the request came from. For pages that must
 * know who is signed in on a cross-site top-level navigation (an OAuth consent screen), which then must act only
 * on a same-origin POST carrying the CSRF token.
 */
export async function readBrowserSession(app: BrowserSessionServices, secret: string): Promise<SessionInUse | null> {
  const session = await useBrowserSession(app.db, secret, app.config.browserSessionTtlSeconds);
  const user = session && (await getUser(app.db, session.userId));
  if (!session || !user) return null;
  // The scopes of a session JWT (credentials.ts): a person signed in, whichever way.
  const caller: Caller = {
    user,
    kind: 'session',
    scopes: user.admin ? [...SESSION_SCOPES, 'admin'] : SESSION_SCOPES,
    credentialId: `browser:${session.id}`,
  };
  return { caller, session, csrfToken: csrfToken(app.keys.signing, secret) };
}
