// Private preview links: `/p/<id>/?preview=<token>` lets whoever holds the link see a private (or gated)
// page for a short while, so its owner can look at it in a browser. The token is a signed value
// (auth/signed-value.ts, under this purpose's own key, so it opens nothing else) bound to the page id and the
// page's access epoch, expiring after PREVIEW_TTL_SECONDS. Nothing is stored: a token is good until it expires,
// or until the page's visibility changes (which moves the epoch on, pages.ts), whichever comes first. Serving
// trades a valid token for a cookie of the same value and an access grant in the URL path that expires with it
// (grant.ts, access.ts).
import { purposeKey } from '../auth/keys.ts';
import { checkSignedValue, signValue } from '../auth/signed-value.ts';

/** How long a preview link works. */
export const PREVIEW_TTL_SECONDS = 15 * 60;
export const PREVIEW_PARAM = 'preview';
export const PREVIEW_COOKIE_PREFIX = 'outpost_preview_';

const PURPOSE = 'outpost/page-preview/v2';
const previewKey = (signingKey: Uint8Array): Buffer => purposeKey(signingKey, PURPOSE);

/** A page's access epoch (`access_epoch`, absent until its visibility first changes). */
export function accessEpoch(page: { access_epoch?: unknown }): number {
  return typeof page.access_epoch === 'number' && Number.isSafeInteger(page.access_epoch) ? page.access_epoch : 0;
}

/** A token for `pageId` at access epoch `epoch`, valid until `expiresAt` (ms since the epoch, rounded down to a second). */
export function mintPreviewToken(signingKey: Uint8Array, pageId: string, epoch: number, expiresAt = Date.now() + PREVIEW_TTL_SECONDS * 1000): string {
  return signValue(previewKey(signingKey), { bound: [pageId, String(epoch)], expiresAt });
}

type PreviewCheck = { ok: true; expiresAt: number } | { ok: false; reason: 'invalid' | 'expired' };

/** Whether `token` is a genuine, unexpired preview token for `pageId` at its current access epoch `epoch`. */
export function verifyPreviewToken(signingKey: Uint8Array, pageId: string, epoch: number, token: string, now = Date.now()): PreviewCheck {
  const check = checkSignedValue(previewKey(signingKey), token, { bound: [pageId, String(epoch)], expires: true, now });
  return check.ok ? { ok: true, expiresAt: check.expiresAt! } : check;
}

/** The link the owner can open (or hand out) to see the page for the next PREVIEW_TTL_SECONDS. */
export function previewUrl(signingKey: Uint8Array, publicUrl: string, page: { _id: string; access_epoch?: unknown }, now = Date.now()): string {
  const token = mintPreviewToken(signingKey, page._id, accessEpoch(page), now + PREVIEW_TTL_SECONDS * 1000);
  return `${publicUrl}/p/${page._id}/?${PREVIEW_PARAM}=${token}`;
}

const VERSION_PURPOSE = 'outpost/version-preview/v1';
/** `~v<number>-<expiry>.<mac>`: the first path segment of a read-only link to one kept version. */
export const VERSION_SEGMENT = /^~v(\d{1,10})-([0-9a-z]{1,10}\.[A-Za-z0-9_-]{22})$/;
const versionKey = (signingKey: Uint8Array): Buffer => purposeKey(signingKey, VERSION_PURPOSE);
const versionBound = (pageId: string, epoch: number, number: number) => [pageId, String(epoch), `version ${number}`];

/** A read-only link to version `number` of the page for PREVIEW_TTL_SECONDS (revoked, like a preview link, by a change of visibility). */
export function versionPreviewUrl(
  signingKey: Uint8Array,
  publicUrl: string,
  page: { _id: string; access_epoch?: unknown },
  number: number,
  now = Date.now(),
): string {
  const token = signValue(versionKey(signingKey), {
    bound: versionBound(page._id, accessEpoch(page), number),
    expiresAt: now + PREVIEW_TTL_SECONDS * 1000,
    macBytes: 16,
  });
  return `${publicUrl}/p/${page._id}/~v${number}-${token}/`;
}

/** Whether `token` (the part after `~v<number>-`) opens version `number` of the page at access epoch `epoch`. */
export function verifyVersionToken(signingKey: Uint8Array, pageId: string, epoch: number, number: number, token: string, now = Date.now()): boolean {
  return checkSignedValue(versionKey(signingKey), token, { bound: versionBound(pageId, epoch, number), expires: true, macBytes: 16, now }).ok;
}
