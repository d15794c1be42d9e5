import { describe, expect, it } from 'vitest';
import { hkdfSync } from 'node:crypto';
import { hkdf, purposeKey } from '../../src/auth/keys.ts';
import { checkSignedValue, signValue } from '../../src/auth/signed-value.ts';

const signingKey = new Uint8Array(32).fill(3);
const key = purposeKey(signingKey, 'test/alpha/v1');
const NOW = Date.UTC(2030, 0, 1);
const LATER = NOW + 60_000;
const expiring = { bound: ['Page1', 'fp'], expires: true, now: NOW } as const;

/** `value` with one character of part `index` (counted from the end when negative) changed. */
function tamper(value: string, index: number): string {
  const parts = value.split('.');
  const i = index < 0 ? parts.length + index : index;
  const part = parts[i];
  parts[i] = `${part.slice(0, -2)}${part.at(-2) === 'A' ? 'B' : 'A'}${part.at(-1)}`;
  return parts.join('.');
}

describe('signed values', () => {
  it('round-trip: the payload and the expiry (to the second) come back', () => {
    const value = signValue(key, { payload: 'ada@example.com', bound: ['Page1', 'fp'], expiresAt: LATER + 999 });
    expect(value).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(checkSignedValue(key, value, expiring)).toEqual({ ok: true, payload: 'ada@example.com', expiresAt: LATER });
    const bare = signValue(key, { bound: ['Page1', 'fp'], expiresAt: LATER });
    expect(bare).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
    expect(checkSignedValue(key, bare, expiring)).toEqual({ ok: true, payload: '', expiresAt: LATER });
    const short = signValue(key, { expiresAt: LATER, macBytes: 16 });
    expect(short).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{22}$/);
    expect(checkSignedValue(key, short, { expires: true, macBytes: 16, now: NOW }).ok).toBe(true);
    const forever = signValue(key, { payload: 'sid', bound: ['usr_1'], expiresAt: null });
    expect(checkSignedValue(key, forever, { bound: ['usr_1'], expires: false, now: Number.MAX_SAFE_INTEGER })).toEqual({
      ok: true,
      payload: 'sid',
      expiresAt: null,
    });
  });

  it('refuses a value tampered with in any part, or varied into another spelling of the same bytes', () => {
    const value = signValue(key, { payload: 'ada@example.com', bound: ['Page1', 'fp'], expiresAt: LATER });
    const [expiry, payload, mac] = value.split('.');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sameBytes = `${mac.slice(0, -1)}${alphabet[alphabet.indexOf(mac.at(-1)!) ^ 1]}`;
    expect(Buffer.from(sameBytes, 'base64url').equals(Buffer.from(mac, 'base64url'))).toBe(true);
    for (const bad of [
      tamper(value, -1),
      tamper(value, 1),
      `${(Number.parseInt(expiry, 36) + 3600).toString(36)}.${payload}.${mac}`,
      `0${expiry}.${payload}.${mac}`,
      `${expiry.toUpperCase()}.${payload}.${mac}`,
      `${expiry}.${Buffer.from('eve@example.com').toString('base64url')}.${mac}`,
      `${expiry}.${payload}.${sameBytes}`,
      `${expiry}.${payload}=.${mac}`,
      `${expiry}.${mac}`,
      `${expiry}..${mac}`,
      `${value}.${mac}`,
      '',
      'garbage',
      'x'.repeat(5000),
    ]) {
      expect(checkSignedValue(key, bad, expiring), bad).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(checkSignedValue(key, undefined, expiring)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a value bound to other strings (another page, another fingerprint, another order)', () => {
    const value = signValue(key, { bound: ['Page1', 'fp'], expiresAt: LATER });
    for (const bound of [['Page2', 'fp'], ['Page1', 'other'], ['fp', 'Page1'], ['Page1'], ['Page1', 'fp', ''], ['Page1\0fp']]) {
      expect(checkSignedValue(key, value, { ...expiring, bound }).ok, JSON.stringify(bound)).toBe(false);
    }
  });

  it('refuses an expired value as expired, and only once the MAC is right', () => {
    const value = signValue(key, { bound: ['Page1', 'fp'], expiresAt: NOW });
    expect(checkSignedValue(key, value, expiring)).toEqual({ ok: false, reason: 'expired' });
    expect(checkSignedValue(key, value, { ...expiring, now: NOW - 1 }).ok).toBe(true);
    expect(checkSignedValue(key, tamper(value, -1), expiring)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('keeps values that expire and values that never do apart', () => {
    const forever = signValue(key, { bound: ['Page1', 'fp'], expiresAt: null });
    expect(checkSignedValue(key, forever, expiring).ok).toBe(false);
    const expiringValue = signValue(key, { bound: ['Page1', 'fp'], expiresAt: LATER });
    expect(checkSignedValue(key, expiringValue, { ...expiring, expires: false }).ok).toBe(false);
  });

  it('refuses a value signed for another purpose, or under another signing key', () => {
    const value = signValue(key, { payload: 'x', bound: ['Page1', 'fp'], expiresAt: LATER });
    expect(checkSignedValue(purposeKey(signingKey, 'test/beta/v1'), value, expiring)).toEqual({ ok: false, reason: 'invalid' });
    expect(checkSignedValue(purposeKey(new Uint8Array(32).fill(4), 'test/alpha/v1'), value, expiring)).toEqual({ ok: false, reason: 'invalid' });
    // A MAC cut short is not the full MAC's prefix accepted.
    expect(checkSignedValue(key, signValue(key, { expiresAt: LATER, macBytes: 16 }), { expires: true, now: NOW }).ok).toBe(false);
  });
});

describe('purpose keys', () => {
  it('are HKDF-SHA256 of the signing key under the purpose label, derived once per key and purpose', () => {
    expect(key.equals(Buffer.from(hkdfSync('sha256', signingKey, '', 'test/alpha/v1', 32)))).toBe(true);
    expect(key.equals(hkdf(signingKey, 'test/alpha/v1'))).toBe(true);
    expect(purposeKey(signingKey, 'test/alpha/v1')).toBe(key);
    expect(purposeKey(signingKey, 'test/beta/v1').equals(key)).toBe(false);
  });
});
