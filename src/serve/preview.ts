// Private preview links: `/p/<id>/?preview=<token>` lets whoever holds the link see a private (or gated)
// page for a short while, so its owner can look at it in a browser. The token is `<expiry>.<mac>`: the
// expiry in Unix seconds and an HMAC-SHA256 over the page id, the page's access epoch and that expiry, with a
// key derived from the instance's signing key (HKDF, its own label, so it signs nothing else). Nothing is
// stored: a token is good until it expires, or until the page's visibility changes (which moves the epoch on,
// pages.ts), whichever comes first. Serving trades a valid token for a cookie of the same value and an access grant in the URL
// path that expires with it (grant.ts, serve.ts).
import { timingSafeEqual } from 'node:crypto';
import { derivedKey, hmac } from '../auth/signing.ts';

/** How long a preview link works. */
export const PREVIEW_TTL_SECONDS = 15 * 60;
export const PREVIEW_PARAM = 'preview';
export const PREVIEW_COOKIE_PREFIX = 'outpost_preview_';

const INFO = 'outpost/page-preview/v1';
const TOKEN = /^([0-9]{1,12})\.([A-Za-z0-9_-]{43})$/;
/** The preview-signing key, derived from the signing key (`app.keys.jwt`). */
export const previewKey = (signingKey: Uint8Array): Buffer => derivedKey(signingKey, INFO);

/** A page's access epoch (`access_epoch`, absent until its visibility first changes). */
export function accessEpoch(page: { access_epoch?: unknown }): number {
  return typeof page.access_epoch === 'number' && Number.isSafeInteger(page.access_epoch) ? page.access_epoch : 0;
}

function mac(key: Buffer, pageId: string, epoch: number, expires: number): Buffer {
  return hmac(key, `preview\0${pageId}\0${epoch}\0${expires}`);
}

/** A token for `pageId` at access epoch `epoch`, valid until `expiresAt` (ms since the epoch, rounded down to a second). */
export function mintPreviewToken(signingKey: Uint8Array, pageId: string, epoch: number, expiresAt = Date.now() + PREVIEW_TTL_SECONDS * 1000): string {
  const expires = Math.floor(expiresAt / 1000);
  return `${expires}.${mac(previewKey(signingKey), pageId, epoch, expires).toString('base64url')}`;
}

export type PreviewCheck = { ok: true; expiresAt: number } | { ok: false; reason: 'invalid' | 'expired' };

/** Whether `token` is a genuine, unexpired preview token for `pageId` at its current access epoch `epoch`. */
export function verifyPreviewToken(signingKey: Uint8Array, pageId: string, epoch: number, token: string, now = Date.now()): PreviewCheck {
  const m = TOKEN.exec(token);
  if (!m) return { ok: false, reason: 'invalid' };
  const expires = Number(m[1]);
  const expected = mac(previewKey(signingKey), pageId, epoch, expires);
  const given = Buffer.from(m[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  if (expires * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true, expiresAt: expires * 1000 };
}

/** The link the owner can open (or hand out) to see the page for the next PREVIEW_TTL_SECONDS. */
export function previewUrl(signingKey: Uint8Array, publicUrl: string, page: { _id: string; access_epoch?: unknown }, now = Date.now()): string {
  const token = mintPreviewToken(signingKey, page._id, accessEpoch(page), now + PREVIEW_TTL_SECONDS * 1000);
  return `${publicUrl}/p/${page._id}/?${PREVIEW_PARAM}=${token}`;
}
