// The passcode gate of `shared` pages: the prompt, checking a passcode, and the cookie that remembers it.
//
// A visitor who knows one of the page's passcodes posts it to /p/<id>/__gate and gets the cookie
// `outpost_gate_<id>`, a signed value (auth/signed-value.ts, under this purpose's own key) bound to the page id
// and a fingerprint of the page's CURRENT passcodes, expiring after GATE_TTL_SECONDS. Nothing is stored
// server-side; changing the passcodes changes the fingerprint, which revokes every cookie handed out before.
// The visitor is then sent to the page behind an access grant in the URL path (grant.ts), bound to the same
// fingerprint and expiring with the cookie: the cookie opens the top-level document only, the grant also what
// that (opaque-origin) document loads.
// Passcodes are compared as HMACs with timingSafeEqual, against every passcode of the page. Attempts are
// limited per page and client address (in MongoDB, shared by every process), and per page for all clients
// together (gate-ceiling.ts).
import { createHash, timingSafeEqual } from 'node:crypto';
import { purposeKey } from '../auth/keys.ts';
import { checkSignedValue, hmac, signValue } from '../auth/signed-value.ts';
import type { Db } from 'mongodb';
import { RateLimiterMongo, RateLimiterRes } from 'rate-limiter-flexible';
import { RATE_LIMITS } from '../auth/rate-limit.ts';
import { normalizePasscode } from '../pages/secrets.ts';
import { EMAIL_PATH, GATE_PATH } from '../pages/reserved-paths.ts';

export const GATE_COOKIE_PREFIX = 'outpost_gate_';
/** How long a passcode, once given, is remembered. */
export const GATE_TTL_SECONDS = 7 * 24 * 60 * 60;
/** Wrong (or right) passcodes a client may try on one page per window, then it is locked out for as long. */
export const GATE_ATTEMPTS = 10;
const GATE_WINDOW_SECONDS = 15 * 60;
/** Longer inputs can't be a passcode (128 code points at most); they are refused without comparing. */
const MAX_INPUT_LENGTH = 1024;

const PURPOSE = 'outpost/page-gate/v2';
/** The gate's key (cookies, passcode fingerprints), derived from the signing key (`app.keys.signing`). */
export const gateKey = (signingKey: Uint8Array): Buffer => purposeKey(signingKey, PURPOSE);

/** Names the page's current passcode set (order and duplicates don't matter). */
export function passcodeFingerprint(key: Buffer, passcodes: readonly string[]): string {
  const set = [...new Set(passcodes.map(normalizePasscode))].sort();
  return hmac(key, `fingerprint\0${JSON.stringify(set)}`).toString('base64url');
}

/** Whether `candidate` (as typed) is one of `passcodes`; every passcode is compared, in constant time each. */
export function matchesPasscode(key: Buffer, candidate: string, passcodes: readonly string[]): boolean {
  if (candidate.length > MAX_INPUT_LENGTH) return false;
  const given = hmac(key, `passcode\0${normalizePasscode(candidate)}`);
  let match = false;
  for (const passcode of passcodes) {
    const expected = hmac(key, `passcode\0${normalizePasscode(passcode)}`);
    match = timingSafeEqual(given, expected) || match;
  }
  return match && normalizePasscode(candidate) !== '';
}

/** The cookie value for `pageId` under the passcode set `fingerprint`, valid until `expiresAt` (ms). */
export function mintGateCookie(key: Buffer, pageId: string, fingerprint: string, expiresAt = Date.now() + GATE_TTL_SECONDS * 1000): string {
  return signValue(key, { bound: [pageId, fingerprint], expiresAt });
}

/** When a genuine, unexpired gate cookie expires (ms since the epoch); null for any other value. */
export function gateCookieExpiry(key: Buffer, pageId: string, fingerprint: string, value: string, now = Date.now()): number | null {
  const check = checkSignedValue(key, value, { bound: [pageId, fingerprint], expires: true, now });
  return check.ok ? check.expiresAt : null;
}

/** Every value of the cookie `name` in a Cookie header (several may arrive, e.g. set on different paths). */
export function cookieValues(header: unknown, name: string): string[] {
  if (typeof header !== 'string') return [];
  const out: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    out.push(
      part
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1'),
    );
  }
  return out;
}

/** A Set-Cookie value scoped to the page's folder. */
export function pageCookie(name: string, value: string, pageId: string, maxAgeSeconds: number, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor(maxAgeSeconds));
  return `${name}=${value}; Max-Age=${maxAge}; Path=/p/${pageId}/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/**
 * Where to send the visitor after the gate: `next` when it is a path inside this page (resolved, so `..`
 * can't climb out; no other host, scheme or page), else the page's root.
 */
export function safeNext(pageId: string, next: unknown): string {
  const root = `/p/${pageId}/`;
  // eslint-disable-next-line no-control-regex
  if (typeof next !== 'string' || !next.startsWith(root) || next.length > 2048 || /[\\\u0000-\u001f\u007f]/.test(next)) return root;
  let url: URL;
  try {
    url = new URL(next, 'http://outpost.invalid');
  } catch {
    return root;
  }
  if (
    url.origin !== 'http://outpost.invalid' ||
    !url.pathname.startsWith(root) ||
    url.pathname === `${root}${GATE_PATH}` ||
    url.pathname === `${root}${EMAIL_PATH}`
  )
    return root;
  return `${url.pathname}${url.search}`;
}

export type GateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface GateLimiter {
  /** Count an attempt; call BEFORE checking the passcode. */
  consume(pageId: string, ip: string): Promise<GateDecision>;
  /** Forget the attempts after a right passcode. */
  reset(pageId: string, ip: string): Promise<void>;
}

/** Attempts per page and client address, in the `rate_limits` collection (indexes made on first use). */
export function createGateLimiter(db: Db, options: { attempts?: number; windowSeconds?: number; keyPrefix?: string } = {}): GateLimiter {
  const points = options.attempts ?? GATE_ATTEMPTS;
  const duration = options.windowSeconds ?? GATE_WINDOW_SECONDS;
  const limiter = new RateLimiterMongo({
    storeClient: db.client,
    dbName: db.databaseName,
    tableName: RATE_LIMITS,
    keyPrefix: options.keyPrefix ?? 'pagegate',
    points,
    duration,
    // Backoff: once over the limit, the client waits out a whole window before trying again.
    blockDuration: duration,
    disableIndexesCreation: true,
  });
  let ready: Promise<void> | undefined;
  const init = () =>
    (ready ??= limiter.createIndexes().catch((e: unknown) => {
      ready = undefined;
      throw e;
    }));
  // Hashed so the collection holds no client addresses.
  const keyOf = (pageId: string, ip: string) => createHash('sha256').update(`${pageId}\0${ip}`, 'utf8').digest('base64url');
  return {
    async consume(pageId, ip) {
      await init();
      try {
        await limiter.consume(keyOf(pageId, ip));
        return { allowed: true };
      } catch (e) {
        if (e instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(e.msBeforeNext / 1000)) };
        throw e;
      }
    },
    async reset(pageId, ip) {
      await init();
      await limiter.delete(keyOf(pageId, ip));
    },
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem;color:#222}' +
  'label{display:block;font-weight:600;margin:1rem 0 .25rem}' +
  'input{box-sizing:border-box;width:100%;font:inherit;padding:.6rem;border:1px solid #777;border-radius:.25rem}' +
  'button{margin-top:1rem;font:inherit;padding:.6rem 1.2rem;border:0;border-radius:.25rem;background:#1a56db;color:#fff;cursor:pointer}' +
  'input:focus,button:focus{outline:3px solid #f59e0b;outline-offset:2px}' +
  '.error{color:#b91c1c;font-weight:600}';

/** A page of its own: fixed text, a stylesheet inline and no external assets. */
export function htmlDocument(title: string, body: string): string {
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<meta name="robots" content="noindex"><title>${title}</title><style>${STYLE}</style></head>` +
    `<body><main>${body}</main></body></html>\n`
  );
}

/**
 * The prompt of a shared page: a plain form (no script) per way in: the passcode form posting to the page's
 * gate, and/or the e-mail form posting to its e-mail gate (email-gate.ts).
 */
export function gateForm(pageId: string, next: string, error: boolean, ways: { passcode?: boolean; email?: boolean } = { passcode: true }): string {
  const hidden = `<input type="hidden" name="next" value="${escapeHtml(next)}">`;
  const emailForm =
    `<form method="post" action="/p/${pageId}/${EMAIL_PATH}">` +
    '<label for="email">Email address</label>' +
    `<input id="email" name="email" type="email" autocomplete="email" required maxlength="254">` +
    hidden +
    '<button type="submit">Email me a link</button></form>';
  if (!ways.passcode) {
    return htmlDocument(
      'Sign-in required',
      '<h1>Sign-in required</h1><p>This page is protected. Enter your email address: if it may open the page, we will send you a link to view it.</p>' +
        emailForm,
    );
  }
  const errorText = error ? '<p class="error" id="passcode-error" role="alert">That passcode is not right. Please try again.</p>' : '';
  const described = error ? ' aria-describedby="passcode-error" aria-invalid="true"' : '';
  return htmlDocument(
    'Passcode required',
    '<h1>Passcode required</h1><p>This page is protected. Enter the passcode you were given to view it.</p>' +
      errorText +
      `<form method="post" action="/p/${pageId}/${GATE_PATH}">` +
      `<label for="passcode">Passcode</label>` +
      `<input id="passcode" name="passcode" type="password" autocomplete="current-password" required maxlength="${MAX_INPUT_LENGTH}"${described}>` +
      hidden +
      '<button type="submit">View page</button></form>' +
      (ways.email ? `<h2>Or get a link by email</h2><p>If your email address may open the page, we will send you a link to view it.</p>${emailForm}` : ''),
  );
}
