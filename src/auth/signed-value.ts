// Signed values: what Outpost hands out and later takes back without storing it (gate and e-mail cookies,
// access grants, preview links, MCP session ids).
//
// A value is `<expiry>.<payload>.<mac>`, each part optional but the MAC:
//  - expiry: Unix seconds in lower-case base 36 (present exactly when the purpose's values expire);
//  - payload: what the value carries (e.g. an e-mail address), UTF-8 in base64url; readable by whoever holds it;
//  - mac: HMAC-SHA256 in base64url, maybe truncated (macBytes), over the expiry, the payload and the `bound`
//    strings, which the value does not carry (page id, fingerprint of the page's passcodes, user id, ...): the
//    checker supplies them as they are NOW, so a value is only good for what it was signed for.
// Threat model: a holder may alter any part, or replay a value elsewhere. The key is one per purpose (purposeKey,
// keys.ts), so a value signed for one purpose fails for another; the MAC is compared in constant time; each part
// has one spelling only (canonical base 36 and base64url), so a value can't be varied into another string that
// still verifies (grants are URLs, and the cache keys on them).
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Longer strings are refused before any decoding. */
const MAX_VALUE_LENGTH = 1024;
const MAX_EXPIRY_DIGITS = 10;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** HMAC-SHA256 of `text` (e.g. to name a set of passcodes without holding them). */
export const hmac = (key: Buffer, text: string): Buffer => createHmac('sha256', key).update(text, 'utf8').digest();

interface SignOptions {
  /** Carried in the value (readable, not secret). */
  payload?: string;
  /** Not carried: the checker must give the same strings, in the same order. */
  bound?: readonly string[];
  /** When it stops being valid (ms since the epoch, rounded down to a second); null: never (revoked otherwise). */
  expiresAt: number | null;
  /** Bytes of the MAC kept (16 to 32; default 32): shorter only where length matters, e.g. in a URL. */
  macBytes?: number;
}

interface CheckOptions {
  bound?: readonly string[];
  /** Whether values of this purpose expire: then one without an expiry is invalid, and the other way round. */
  expires: boolean;
  macBytes?: number;
  now?: number;
}

type SignedValueCheck =
  | { ok: true; payload: string; /** ms since the epoch; null when the value never expires */ expiresAt: number | null }
  | { ok: false; reason: 'invalid' | 'expired' };

const INVALID = { ok: false, reason: 'invalid' } as const;

function macOf(key: Buffer, expiry: string, payload: string, bound: readonly string[], macBytes: number): Buffer {
  const mac = createHmac('sha256', key);
  // Each field length-prefixed, so no two different contents feed the HMAC the same bytes.
  for (const field of [expiry, payload, ...bound]) {
    const bytes = Buffer.from(field, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    mac.update(length).update(bytes);
  }
  return mac.digest().subarray(0, macBytes);
}

function checkedMacBytes(macBytes = 32): number {
  if (!Number.isInteger(macBytes) || macBytes < 16 || macBytes > 32) throw new RangeError('macBytes must be 16 to 32');
  return macBytes;
}

export function signValue(key: Buffer, options: SignOptions): string {
  const { payload = '', bound = [], expiresAt } = options;
  if (expiresAt !== null && !(Number.isFinite(expiresAt) && expiresAt >= 0)) throw new RangeError('expiresAt must be a time or null');
  const expiry = expiresAt === null ? '' : Math.floor(expiresAt / 1000).toString(36);
  const encoded = Buffer.from(payload, 'utf8').toString('base64url');
  const mac = macOf(key, expiry, payload, bound, checkedMacBytes(options.macBytes)).toString('base64url');
  return [expiry, encoded, mac].filter((part) => part !== '').join('.');
}

/** The bytes of a canonical, non-empty base64url string; null for anything else. */
function base64url(text: string): Buffer | null {
  if (!BASE64URL.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

/** Whether `value` is genuine (for this key, these `bound` strings) and unexpired, and what it carries. */
export function checkSignedValue(key: Buffer, value: unknown, options: CheckOptions): SignedValueCheck {
  const { bound = [], expires, now = Date.now() } = options;
  const macBytes = checkedMacBytes(options.macBytes);
  if (typeof value !== 'string' || value.length > MAX_VALUE_LENGTH) return INVALID;
  const parts = value.split('.');
  const expiry = expires ? parts.shift() : '';
  if (expiry === undefined || parts.length < 1 || parts.length > 2) return INVALID;
  let seconds = 0;
  if (expires) {
    seconds = Number.parseInt(expiry, 36);
    if (expiry.length > MAX_EXPIRY_DIGITS || seconds.toString(36) !== expiry) return INVALID;
  }
  let payload = '';
  if (parts.length === 2) {
    const bytes = base64url(parts[0]);
    if (!bytes) return INVALID;
    payload = bytes.toString('utf8');
    // Not UTF-8 text: it was not made by signValue.
    if (Buffer.from(payload, 'utf8').toString('base64url') !== parts[0]) return INVALID;
  }
  const given = base64url(parts.at(-1)!);
  const expected = macOf(key, expiry, payload, bound, macBytes);
  if (!given || given.length !== expected.length || !timingSafeEqual(given, expected)) return INVALID;
  if (!expires) return { ok: true, payload, expiresAt: null };
  if (seconds * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true, payload, expiresAt: seconds * 1000 };
}
