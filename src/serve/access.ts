// Who may see a page at an address: its visibility, the access grant in the path, a preview link, and the
// gate and e-mail gate cookies, turned into a decision (access-responses.ts answers it).
//
// Threat model: nothing of a refused page's files is ever read, and a protected page's files are served only
// at `/p/<id>/<grant>/<path>`, with a valid grant (grant.ts) in the path:
//  - `public` pages without passcodes or allowed e-mails are served to everyone (an address with a grant is
//    redirected to the plain one: they need none);
//  - a grant in the path is what lets a protected page's files through. Cookies can't do it: the browser sends
//    them with the top-level document, but not with what that opaque-origin document loads (images,
//    stylesheets, scripts, fonts, frames). A grant, being in the path, is inherited by every relative reference.
//    An invalid, expired or revoked grant (the passcodes or e-mails changed, the page became private) is
//    redirected to the plain address, never served;
//  - at a plain address, a valid cookie (preview, gate or e-mail) is redirected to the same path with a grant
//    for that access, expiring with the cookie;
//  - a `?preview=` token (preview.ts) opens a `private` or `shared` page: it sets the preview cookie and
//    redirects to the grant address (15 minutes, as the token);
//  - `shared` pages with passcodes ask for one (gate.ts), and with allowed e-mails offer the e-mail gate
//    (email-gate.ts), both in the same 401 page (gate-routes.ts handles the forms);
//  - everything else (private without preview, shared with neither, public with access settings, unknown
//    visibility) is refused with 403.
import type { Request } from '@hapi/hapi';
import type { Services } from '../services.ts';
import { cookieValues, GATE_COOKIE_PREFIX, gateCookieExpiry, gateKey, pageCookie, passcodeFingerprint } from './gate.ts';
import { allowedEmails, EMAIL_COOKIE_PREFIX, emailCookieExpiry, emailGateKey, emailsFingerprint } from './email-gate.ts';
import { emailAccess, grantAccess, grantedLocation, grantKey, mintGrant, passcodeAccess, previewAccess, type GrantSplit } from './grant.ts';
import { accessEpoch, PREVIEW_COOKIE_PREFIX, PREVIEW_PARAM, verifyPreviewToken } from './preview.ts';
import { decryptPasscode, SecretDecryptionFailed, type EncryptedSecret } from '../pages/secrets.ts';
import type { PageEntry, ServedPage } from './caches.ts';

export type AccessDecision =
  /** Serve the file; `ownerPreview` when the grant is the owner's preview access (preview.ts). */
  | { kind: 'allowed'; ownerPreview?: boolean }
  /** To the same path and query without the grant (invalid, expired, revoked, or not needed). */
  | { kind: 'without-grant' }
  /** To the grant address `location`, setting `cookie` when there is one. */
  | { kind: 'with-grant'; location: string; code: 302 | 303; cookie?: string }
  /** The 401 prompt of a shared page, coming back to `next`: the passcode form if `passcode`, the e-mail form if the page has allowed e-mails. */
  | { kind: 'ask'; next: string; passcode: boolean }
  /** 403; `expiredPreview` for a preview link that is not (or no longer) valid. */
  | { kind: 'refused'; expiredPreview?: boolean };

const ALLOWED: AccessDecision = { kind: 'allowed' };
const ALLOWED_PREVIEW: AccessDecision = { kind: 'allowed', ownerPreview: true };
const WITHOUT_GRANT: AccessDecision = { kind: 'without-grant' };
const REFUSED: AccessDecision = { kind: 'refused' };

/**
 * Whether the visitor may see `page` at this address. Only a valid grant in the path lets a request for a
 * protected page in; otherwise:
 *  - `?preview=<token>`: a valid token sets the preview cookie and goes (303) to the grant address, without
 *    `preview` in the query; an invalid one is refused;
 *  - a grant that is not (or no longer) valid: to the same path without it, which asks again;
 *  - no grant but a valid preview, gate or e-mail cookie: 302 to the same path with a grant for that access,
 *    expiring with the cookie (its documents' relative links then carry it, see grant.ts);
 *  - else the gate (401) or a refusal.
 */
export function decideAccess(app: Services, request: Request, entry: PageEntry, page: ServedPage, target: GrantSplit): AccessDecision {
  if (entry.open) return target.grant === null ? ALLOWED : WITHOUT_GRANT;
  const id = page._id;
  if (page.visibility !== 'private' && page.visibility !== 'shared') return target.grant !== null ? WITHOUT_GRANT : REFUSED;
  const key = grantKey(app.keys.signing);
  // Preview links, cookies and grants name the page's access epoch: a change of visibility revokes them all.
  const epoch = accessEpoch(page);
  const preview = previewAccess(epoch);

  // A preview link: trade the token for a cookie and a grant, and drop it from the address.
  const query = request.query as Record<string, unknown>;
  if (query[PREVIEW_PARAM] !== undefined) {
    const token = query[PREVIEW_PARAM];
    const check = typeof token === 'string' ? verifyPreviewToken(app.keys.signing, id, epoch, token) : ({ ok: false, reason: 'invalid' } as const);
    if (!check.ok) return { kind: 'refused', expiredPreview: true };
    const params = new URLSearchParams(request.url.search);
    params.delete(PREVIEW_PARAM);
    const rest = params.toString();
    const secure = app.config.publicUrl.startsWith('https:');
    const cookie = pageCookie(`${PREVIEW_COOKIE_PREFIX}${id}`, token as string, id, (check.expiresAt - Date.now()) / 1000, secure);
    const grant = mintGrant(key, id, preview, check.expiresAt);
    return { kind: 'with-grant', location: grantedLocation(id, grant, `/p/${id}/${target.rawPath}${rest ? `?${rest}` : ''}`), code: 303, cookie };
  }

  // shared: the passcode gate when the page has passcodes, the e-mail gate when it has allowed e-mails.
  const gate = page.visibility === 'shared' ? gateOf(app, request, entry, page) : null;
  if (target.grant !== null) {
    // Checked against the ways in the page has NOW: new passcodes or e-mails, or a page made private, revoke it.
    const access = grantAccess(key, id, gate === null ? [preview] : gate.accesses, target.grant);
    return access === null ? WITHOUT_GRANT : access === preview ? ALLOWED_PREVIEW : ALLOWED;
  }

  const cookies = request.headers.cookie;
  const here = `${request.url.pathname}${request.url.search}`;
  const withGrant = (access: string, expiresAt: number): AccessDecision => ({
    kind: 'with-grant',
    location: grantedLocation(id, mintGrant(key, id, access, expiresAt), here),
    code: 302,
  });
  for (const value of cookieValues(cookies, `${PREVIEW_COOKIE_PREFIX}${id}`)) {
    const check = verifyPreviewToken(app.keys.signing, id, epoch, value);
    if (check.ok) return withGrant(preview, check.expiresAt);
  }
  if (page.visibility === 'private') return REFUSED;

  if (gate === null) return REFUSED;
  const { passcodeFingerprint: fingerprint, emailsFingerprint: emailsPrint, emails } = gate;
  if (fingerprint === null && emailsPrint === null) return REFUSED;
  if (fingerprint !== null) {
    for (const value of cookieValues(cookies, `${GATE_COOKIE_PREFIX}${id}`)) {
      const expiresAt = gateCookieExpiry(gate.gateKey, id, fingerprint, value);
      if (expiresAt !== null) return withGrant(passcodeAccess(fingerprint), expiresAt);
    }
  }
  if (emailsPrint !== null) {
    for (const value of cookieValues(cookies, `${EMAIL_COOKIE_PREFIX}${id}`)) {
      const expiresAt = emailCookieExpiry(gate.emailKey, id, emails, value);
      if (expiresAt !== null) return withGrant(emailAccess(emailsPrint), expiresAt);
    }
  }
  return { kind: 'ask', next: here, passcode: fingerprint !== null };
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
    const key = gateKey(app.keys.signing);
    const emailKey = emailGateKey(app.keys.signing);
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
export function pagePasscodes(app: Services, request: Request, page: ServedPage): string[] | null {
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
