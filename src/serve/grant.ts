// Access grants in the URL path: `/p/<id>/<grant>/<path>` serves `<path>` of a protected page without any cookie.
//
// Why: pages are served in a CSP sandbox without allow-same-origin (sandbox.ts), so their documents have an
// opaque origin, and browsers treat every request such a document makes as third-party: Chromium sends no page
// cookie (SameSite=Lax or even SameSite=None; Secure) with its images, stylesheets, scripts, fonts or frames. A
// gate's cookie can let the top-level document in, but not what it loads. A grant in the path is inherited by
// every relative reference of the document instead.
//
// A grant is one path segment, `~g<expiry>.<mac>`: a signed value (auth/signed-value.ts, under this purpose's own
// key; its expiry in base 36, a 16-byte MAC in 22 base64url characters, one spelling each) bound to the page id
// and an access fingerprint. The access fingerprint names what let the visitor in, and is checked against the
// page as it is NOW:
//  - `passcodes <fingerprint of the page's current passcode set>` (gate.ts), so changing the passcodes revokes it;
//  - `emails <fingerprint of the page's current allowed e-mails>` (email-gate.ts), so changing them revokes it;
//  - `preview <access epoch>` (preview.ts): opens a private or shared page until it expires, like the preview
//    token; a change of the page's visibility moves the epoch on and so revokes it.
// Nothing is stored. Only a first segment matching GRANT_SEGMENT exactly is a grant (in the path as hapi
// normalizes it, percent-encoded unreserved characters decoded: `%7Eg…` is the same URL): any other path
// (`~notes/a.txt`, `~g/x`) is a file path as before.
import { purposeKey } from '../auth/keys.ts';
import { checkSignedValue, signValue } from '../auth/signed-value.ts';

/** A grant segment: `~g`, the expiry (Unix seconds, base 36), `.`, 16 MAC bytes in base64url. */
export const GRANT_SEGMENT = /^~g([0-9a-z]{1,10})\.([A-Za-z0-9_-]{22})$/;

const PURPOSE = 'outpost/page-grant/v2';
const PREFIX = '~g';
/** Short, as it is in every URL of the page; 128 bits are plenty against forgery. */
const MAC_BYTES = 16;

/** The grant-signing key, derived from the signing key (`app.keys.signing`). */
export const grantKey = (signingKey: Uint8Array): Buffer => purposeKey(signingKey, PURPOSE);

/** What let the visitor in (see the top of this file). */
export const passcodeAccess = (fingerprint: string) => `passcodes ${fingerprint}`;
export const emailAccess = (fingerprint: string) => `emails ${fingerprint}`;
export const previewAccess = (epoch: number) => `preview ${epoch}`;

/**
 * A grant lives at most this long, whatever let the visitor in: a copied URL shares access for an hour, not
 * for the gate cookie's week. The cookie makes a fresh grant on the next top-level visit.
 */
export const MAX_GRANT_MS = 60 * 60 * 1000;

/** The grant segment for `pageId` under `access`, valid until `expiresAt` (ms since the epoch, rounded down to a second) or for MAX_GRANT_MS if sooner. */
export function mintGrant(key: Buffer, pageId: string, access: string, expiresAt: number, now = Date.now()): string {
  return PREFIX + signValue(key, { bound: [pageId, access], expiresAt: Math.min(expiresAt, now + MAX_GRANT_MS), macBytes: MAC_BYTES });
}

/**
 * Which of `accesses` (the ways the page can be opened as it is now) `segment` is a genuine, unexpired grant of
 * for `pageId`; null when none. Every access is compared, each in constant time.
 */
export function grantAccess(key: Buffer, pageId: string, accesses: readonly string[], segment: string, now = Date.now()): string | null {
  if (!GRANT_SEGMENT.test(segment)) return null;
  const value = segment.slice(PREFIX.length);
  // Every access is checked (map, not find), so the time taken doesn't tell which one matched.
  const matched = accesses.map((access) => checkSignedValue(key, value, { bound: [pageId, access], expires: true, macBytes: MAC_BYTES, now }).ok);
  const index = matched.indexOf(true);
  return index < 0 ? null : accesses[index]!;
}

/** Whether `segment` is a genuine, unexpired grant for `pageId` under one of `accesses`. */
export function verifyGrant(key: Buffer, pageId: string, accesses: readonly string[], segment: string, now = Date.now()): boolean {
  return grantAccess(key, pageId, accesses, segment, now) !== null;
}

/** A /p/ path split after the page id: the grant segment (null when there is none) and the path after it. */
export interface GrantSplit {
  grant: string | null;
  /** The path inside the page (decoded, as hapi gives it), without the grant. */
  path: string;
  /** The same, as it was sent (percent-encoded), for redirects. */
  rawPath: string;
  /** The grant was the whole path (`/p/<id>/<grant>`, no slash after it). */
  bare: boolean;
}

/**
 * Splits `path` (the decoded `{path*}` of /p/{id}/{path*}) and `rawPath` (the same, still percent-encoded: what
 * follows `/p/<id>/` in the URL, as hapi normalized it) into a grant and the rest. Only a first segment of
 * `rawPath` matching GRANT_SEGMENT is a grant.
 */
export function splitGrant(path: string, rawPath: string): GrantSplit {
  const none = { grant: null, path, rawPath, bare: false };
  const slash = rawPath.indexOf('/');
  const first = slash < 0 ? rawPath : rawPath.slice(0, slash);
  if (!GRANT_SEGMENT.test(first)) return none;
  // The grant's characters need no decoding: the decoded path starts with the same segment.
  if (path === first) return { grant: first, path: '', rawPath: '', bare: slash < 0 };
  if (!path.startsWith(`${first}/`) || slash < 0) return none;
  return { grant: first, path: path.slice(first.length + 1), rawPath: rawPath.slice(slash + 1), bare: false };
}

/** Whether the first segment of a raw path (as the fast path sees it) is a grant. */
export function startsWithGrant(rawPath: string): boolean {
  const slash = rawPath.indexOf('/');
  return GRANT_SEGMENT.test(slash < 0 ? rawPath : rawPath.slice(0, slash));
}

/**
 * `/p/<id>/<grant>/<rest>` for a `target` inside the page (`/p/<id>/<rest>`, with its query, e.g. from safeNext):
 * a grant already at the start of `<rest>` is replaced.
 */
export function grantedLocation(pageId: string, grant: string, target: string): string {
  const root = `/p/${pageId}/`;
  let rest = target.startsWith(root) ? target.slice(root.length) : '';
  const query = rest.indexOf('?');
  const pathPart = query < 0 ? rest : rest.slice(0, query);
  if (startsWithGrant(pathPart)) {
    const slash = pathPart.indexOf('/');
    rest = slash < 0 ? rest.slice(pathPart.length) : rest.slice(slash + 1);
  }
  return `${root}${grant}/${rest}`;
}

/** `path` with any grant segment masked, for logs (a grant is a bearer credential). */
export function withoutGrant(path: string): string {
  return path.replace(/\/~g[0-9a-z]{1,10}\.[A-Za-z0-9_-]{22}(?=\/|$)/, '/~g…');
}
