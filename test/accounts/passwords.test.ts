import { describe, expect, it } from 'vitest';
import { dummyVerify, hashPassword, verifyPassword } from '../../src/accounts/passwords.ts';
import { deriveKeys, MIN_SECRET_LENGTH } from '../../src/auth/keys.ts';

describe('passwords', () => {
  it('stores a self-describing scrypt hash with a 16-byte salt and 32-byte key', async () => {
    const stored = await hashPassword('correct horse battery staple');
    const parts = stored.split('$');
    expect(parts).toHaveLength(6);
    expect(parts.slice(0, 4)).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(parts[4], 'base64')).toHaveLength(16);
    expect(Buffer.from(parts[5], 'base64')).toHaveLength(32);
    expect(stored).not.toContain('correct horse');
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false);
    expect(await verifyPassword('Correct horse battery staple', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts: the same password hashes differently each time, and both verify', async () => {
    const a = await hashPassword('same password');
    const b = await hashPassword('same password');
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  it('treats canonically equivalent Unicode spellings as the same password', async () => {
    const composed = 'caf\u00e9-p\u00e4ssword';
    const decomposed = 'cafe\u0301-pa\u0308ssword';
    const stored = await hashPassword(composed);
    expect(await verifyPassword(decomposed, stored)).toBe(true);
  });

  it('answers false, without throwing, for malformed stored hashes', async () => {
    const good = await hashPassword('password123');
    const [, , r, p, salt, hash] = good.split('$');
    const bad = [
      '',
      'not-a-hash',
      `bcrypt$32768$${r}$${p}$${salt}$${hash}`,
      `scrypt$32767$${r}$${p}$${salt}$${hash}`, // N not a power of two
      `scrypt$${2 ** 24}$${r}$${p}$${salt}$${hash}`, // N above the cap
      `scrypt$32768$${r}$${p}$${salt}`, // missing part
      `scrypt$32768$${r}$${p}$!!!$${hash}`,
    ];
    for (const stored of bad) expect(await verifyPassword('password123', stored)).toBe(false);
  });

  it('dummyVerify always resolves false', async () => {
    expect(await dummyVerify('anything at all')).toBe(false);
    expect(await dummyVerify('')).toBe(false);
  });
});

describe('deriveKeys', () => {
  const secret = 'k'.repeat(MIN_SECRET_LENGTH);

  it('derives independent 32-byte keys for signing and encryption', () => {
    const keys = deriveKeys(secret);
    expect(keys.signing).toBeInstanceOf(Uint8Array);
    expect(keys.signing).toHaveLength(32);
    expect(Buffer.isBuffer(keys.encryption)).toBe(true);
    expect(keys.encryption).toHaveLength(32);
    expect(Buffer.from(keys.signing).equals(keys.encryption)).toBe(false);
    expect(Buffer.from(keys.signing).toString('hex')).not.toContain(Buffer.from(secret).toString('hex'));
  });

  it('is deterministic per secret and differs between secrets', () => {
    const a = deriveKeys(secret);
    const b = deriveKeys(secret);
    const c = deriveKeys(`${secret}x`);
    expect(Buffer.from(a.signing).equals(Buffer.from(b.signing))).toBe(true);
    expect(a.encryption.equals(b.encryption)).toBe(true);
    expect(Buffer.from(a.signing).equals(Buffer.from(c.signing))).toBe(false);
    expect(a.encryption.equals(c.encryption)).toBe(false);
  });

  it('matches HKDF-SHA256 with the documented labels', async () => {
    const { hkdfSync } = await import('node:crypto');
    const expected = Buffer.from(hkdfSync('sha256', secret, 'outpost/hkdf-salt/v1', 'outpost/jwt-signing/v1', 32));
    expect(Buffer.from(deriveKeys(secret).signing).equals(expected)).toBe(true);
  });

  it('refuses a short secret', () => {
    expect(() => deriveKeys('short')).toThrow(/at least 32 characters/);
  });
});
