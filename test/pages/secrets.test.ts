import { createCipheriv, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveKeys } from '../../src/auth/keys.ts';
import { InvalidInput } from '../../src/shared/errors.ts';
import {
  decryptPasscode,
  encryptPasscode,
  isValidEmail,
  keyIdFor,
  keyringFrom,
  MAX_PASSCODES,
  needsReencryption,
  normalizeEmails,
  normalizePasscodes,
  SecretDecryptionFailed,
  type EncryptedSecret,
} from '../../src/pages/secrets.ts';

const keys = deriveKeys('a-test-instance-secret-of-32-chars!!');
const otherKeys = deriveKeys('another-instance-secret-of-32-chars!');
const keyring = keyringFrom(keys.encryption);

/** Flip one bit of a base64url field. */
function flipBit(field: string, byte = 0): string {
  const buf = Buffer.from(field, 'base64url');
  buf[byte] ^= 0x01;
  return buf.toString('base64url');
}

function invalidInput(fn: () => unknown): InvalidInput {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInput);
    return e as InvalidInput;
  }
  throw new Error('expected InvalidInput');
}

describe('passcode encryption', () => {
  it('round-trips, with the documented shape', () => {
    const secret = encryptPasscode(keyring, 'pg_1', 'open sesame ✓');
    expect(Object.keys(secret).sort()).toEqual(['ct', 'iv', 'kid', 'tag']);
    expect(secret.kid).toBe(keyring.current.id);
    expect(secret.kid).toMatch(/^[0-9a-f]{8}$/);
    for (const field of [secret.iv, secret.tag, secret.ct]) expect(field).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(secret.iv, 'base64url')).toHaveLength(12);
    expect(Buffer.from(secret.tag, 'base64url')).toHaveLength(16);
    expect(Buffer.from(secret.ct, 'base64url')).toHaveLength(Buffer.byteLength('open sesame ✓'));
    expect(JSON.stringify(secret)).not.toContain('sesame');
    expect(decryptPasscode(keyring, 'pg_1', secret)).toBe('open sesame ✓');
  });

  it('is AES-256-GCM with the page id as associated data (decryptable by the spec, independently)', () => {
    const secret = encryptPasscode(keyring, 'pg_spec', 'hunter2');
    const iv = Buffer.from(secret.iv, 'base64url');
    const cipher = createCipheriv('aes-256-gcm', keys.encryption, iv);
    cipher.setAAD(Buffer.from('pg_spec'));
    const ct = Buffer.concat([cipher.update('hunter2', 'utf8'), cipher.final()]);
    expect(ct.toString('base64url')).toBe(secret.ct);
    expect(cipher.getAuthTag().toString('base64url')).toBe(secret.tag);
  });

  it('uses a fresh IV every time', () => {
    const secrets = Array.from({ length: 20 }, () => encryptPasscode(keyring, 'pg_1', 'same'));
    expect(new Set(secrets.map((s) => s.iv)).size).toBe(20);
    expect(new Set(secrets.map((s) => s.ct)).size).toBe(20);
    for (const s of secrets) expect(decryptPasscode(keyring, 'pg_1', s)).toBe('same');
  });

  it('round-trips the empty string and long passcodes', () => {
    const long = 'ü'.repeat(128);
    expect(decryptPasscode(keyring, 'pg_1', encryptPasscode(keyring, 'pg_1', long))).toBe(long);
    expect(decryptPasscode(keyring, 'pg_1', encryptPasscode(keyring, 'pg_1', ''))).toBe('');
  });

  it('rejects a tampered ciphertext, tag or IV', () => {
    const secret = encryptPasscode(keyring, 'pg_1', 'correct horse');
    const tampered: EncryptedSecret[] = [
      { ...secret, ct: flipBit(secret.ct) },
      { ...secret, ct: flipBit(secret.ct, 5) },
      { ...secret, tag: flipBit(secret.tag) },
      { ...secret, tag: flipBit(secret.tag, 15) },
      { ...secret, iv: flipBit(secret.iv) },
      { ...secret, iv: flipBit(secret.iv, 11) },
      // Truncations: a shorter tag must not be accepted as a weaker tag.
      { ...secret, tag: Buffer.from(secret.tag, 'base64url').subarray(0, 12).toString('base64url') },
      { ...secret, ct: Buffer.from(secret.ct, 'base64url').subarray(0, 5).toString('base64url') },
      { ...secret, iv: Buffer.from(secret.iv, 'base64url').subarray(0, 8).toString('base64url') },
      { ...secret, ct: secret.ct + '+' },
    ];
    for (const t of tampered) {
      expect(() => decryptPasscode(keyring, 'pg_1', t), JSON.stringify(t)).toThrow(SecretDecryptionFailed);
    }
    expect(decryptPasscode(keyring, 'pg_1', secret)).toBe('correct horse');
  });

  it('does not decrypt under another page id', () => {
    const secret = encryptPasscode(keyring, 'pg_1', 'mine');
    expect(() => decryptPasscode(keyring, 'pg_2', secret)).toThrow(SecretDecryptionFailed);
    expect(() => decryptPasscode(keyring, 'pg_1 ', secret)).toThrow(SecretDecryptionFailed);
  });

  it('does not decrypt with another key under the same key id', () => {
    const secret = encryptPasscode(keyring, 'pg_1', 'mine');
    const impostor = { current: { id: keyring.current.id, key: otherKeys.encryption } };
    expect(() => decryptPasscode(impostor, 'pg_1', secret)).toThrow(SecretDecryptionFailed);
  });

  it('derives the key id from the key, and never from the token-signing key', () => {
    expect(keyring.current.key.equals(keys.encryption)).toBe(true);
    expect(keyring.current.id).toBe(keyIdFor(keys.encryption));
    expect(keyringFrom(keys.encryption).current.id).toBe(keyring.current.id);
    expect(keyringFrom(otherKeys.encryption).current.id).not.toBe(keyring.current.id);
    expect(keyring.current.id).not.toBe(createHash('sha256').update(keys.signing).digest('hex').slice(0, 8));
    expect(Buffer.from(keys.signing).equals(keys.encryption)).toBe(false);
    expect(() => keyringFrom(Buffer.alloc(16))).toThrow(TypeError);
  });

  it('decrypts after a rotation through the previous keys, and says what to re-encrypt', () => {
    const before = keyringFrom(keys.encryption);
    const secret = encryptPasscode(before, 'pg_1', 'rotate me');
    const after = keyringFrom(otherKeys.encryption, [keys.encryption]);
    expect(after.current.id).not.toBe(before.current.id);
    expect(after.previous?.map((k) => k.id)).toEqual([before.current.id]);
    expect(decryptPasscode(after, 'pg_1', secret)).toBe('rotate me');
    expect(needsReencryption(after, secret)).toBe(true);

    const renewed = encryptPasscode(after, 'pg_1', decryptPasscode(after, 'pg_1', secret));
    expect(renewed.kid).toBe(after.current.id);
    expect(needsReencryption(after, renewed)).toBe(false);
    // Once the old key is dropped, old secrets no longer decrypt; new ones do.
    const dropped = keyringFrom(otherKeys.encryption);
    expect(() => decryptPasscode(dropped, 'pg_1', secret)).toThrow(/unknown key id/);
    expect(decryptPasscode(dropped, 'pg_1', renewed)).toBe('rotate me');
  });

  it('rejects an unknown key id and malformed secrets', () => {
    const secret = encryptPasscode(keyring, 'pg_1', 'x');
    expect(() => decryptPasscode(keyring, 'pg_1', { ...secret, kid: '00000000' })).toThrow(SecretDecryptionFailed);
    expect(() => decryptPasscode(keyring, 'pg_1', { ...secret, kid: '00000000' })).toThrow(/unknown key id "00000000"/);
    expect(() => decryptPasscode(keyring, 'pg_1', { ...secret, iv: 42 } as unknown as EncryptedSecret)).toThrow(SecretDecryptionFailed);
    expect(() => decryptPasscode(keyring, 'pg_1', null as unknown as EncryptedSecret)).toThrow(SecretDecryptionFailed);
  });
});

describe('normalizeEmails', () => {
  it('trims, lower-cases, de-duplicates and keeps the first-seen order', () => {
    expect(normalizeEmails(['  Ada@Example.COM ', 'bob@example.org', 'ada@example.com', 'BOB@EXAMPLE.ORG', 'c.d+tag@sub.example.co.uk'])).toEqual([
      'ada@example.com',
      'bob@example.org',
      'c.d+tag@sub.example.co.uk',
    ]);
    expect(normalizeEmails([])).toEqual([]);
  });

  it('accepts RFC 5322 dot-atom local parts and punycode domains', () => {
    for (const ok of ["o'brien@example.ie", 'a!#$%&*+/=?^_`{|}~-@example.com', 'x@xn--bcher-kva.example', 'x@example.xn--p1ai', 'a@b-c.de']) {
      expect(isValidEmail(ok), ok).toBe(true);
    }
    // 254 characters is the limit: 64 for the local part, labels of up to 63.
    const longest = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
    expect(longest).toHaveLength(254);
    expect(normalizeEmails([longest.toUpperCase()])).toEqual([longest]);
    expect(isValidEmail(longest.replace('@', 'd@'))).toBe(false);
    expect(isValidEmail(longest.replace('.com', 'x.com'))).toBe(false);
  });

  it('throws InvalidInput naming the bad address', () => {
    const bad = [
      'plainaddress',
      '@example.com',
      'ada@',
      'ada@localhost',
      'ada@@example.com',
      'ada@example..com',
      'ada@-example.com',
      'ada@example-.com',
      'ada@example.c0m',
      '.ada@example.com',
      'ada.@example.com',
      'a..b@example.com',
      'a b@example.com',
      '"quoted"@example.com',
      'ada@[127.0.0.1]',
      'ünï@example.com',
      'ada@bücher.de',
      `${'a'.repeat(65)}@example.com`,
      `a@${'b'.repeat(64)}.com`,
      `a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(63)}.com`,
      '',
      '   ',
    ];
    for (const address of bad) {
      const error = invalidInput(() => normalizeEmails(['ok@example.com', address]));
      expect(error.field).toBe('emails');
      expect(error.message, address).toBe(`${JSON.stringify(address.trim())} is not a valid email address`);
    }
  });

  it('rejects non-string entries and non-arrays, with the field name given', () => {
    expect(invalidInput(() => normalizeEmails(['a@example.com', 42 as unknown as string])).message).toMatch(/only strings/);
    expect(invalidInput(() => normalizeEmails('a@example.com' as unknown as string[], 'allowedEmails')).field).toBe('allowedEmails');
  });
});

describe('normalizePasscodes', () => {
  it('trims, de-duplicates and keeps the order', () => {
    expect(normalizePasscodes([' alpha ', 'beta', 'alpha', '\tgamma\n', 'Beta'])).toEqual(['alpha', 'beta', 'gamma', 'Beta']);
  });

  it('uses NFC, so the same passcode typed two ways is one passcode', () => {
    const nfd = 'cafe\u0301';
    expect(normalizePasscodes([nfd, 'caf\u00e9'])).toEqual(['caf\u00e9']);
  });

  it('counts 1 to 128 characters (code points) after trimming', () => {
    expect(normalizePasscodes(['x'])).toEqual(['x']);
    expect(normalizePasscodes(['😀'.repeat(128)])).toEqual(['😀'.repeat(128)]);
    expect(normalizePasscodes([` ${'a'.repeat(128)} `])).toEqual(['a'.repeat(128)]);
    expect(invalidInput(() => normalizePasscodes(['ok', 'a'.repeat(129)])).message).toBe('passcode 2 is longer than 128 characters');
    expect(invalidInput(() => normalizePasscodes(['   '])).message).toBe('passcode 1 is empty');
    expect(invalidInput(() => normalizePasscodes([''])).field).toBe('passcodes');
  });

  it('allows at most 20 distinct passcodes and never echoes them in errors', () => {
    const twenty = Array.from({ length: MAX_PASSCODES }, (_, i) => `code-${i}`);
    expect(normalizePasscodes(twenty)).toEqual(twenty);
    expect(normalizePasscodes([...twenty, 'code-0', 'code-19'])).toEqual(twenty);
    const error = invalidInput(() => normalizePasscodes([...twenty, 'secret-21']));
    expect(error.message).toBe('at most 20 passcodes are allowed');
    expect(invalidInput(() => normalizePasscodes(['s3cret', 'x'.repeat(200)])).message).not.toContain('x'.repeat(10));
  });

  it('rejects non-strings and non-arrays', () => {
    expect(invalidInput(() => normalizePasscodes([7 as unknown as string])).message).toMatch(/only strings/);
    expect(invalidInput(() => normalizePasscodes(undefined as unknown as string[])).field).toBe('passcodes');
  });
});
