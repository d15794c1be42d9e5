// Keys derived from the instance secret. Every key Outpost derives comes from one HKDF-SHA256 helper with its own
// info label, so knowing one derived key says nothing about another or about the secret:
//  - from SECRET_KEY: the signing key (session JWTs; and, through purposeKey, every other signed value) and the
//    passcode-encryption key;
//  - from the signing key: one key per purpose (gate cookies, access grants, previews, MCP session ids, ...), so
//    a value signed for one purpose never verifies for another.
import { hkdfSync } from 'node:crypto';

/** The shortest instance secret accepted (characters). A short secret would make session tokens forgeable. */
export const MIN_SECRET_LENGTH = 32;

const SALT = 'outpost/hkdf-salt/v1';
// The signing key's label is the one session JWTs were always signed under: changing it would log everyone out.
const SIGNING_INFO = 'outpost/jwt-signing/v1';
const ENCRYPTION_INFO = 'outpost/passcode-encryption/v1';
const KEY_BYTES = 32;

/** HKDF-SHA256: the 32-byte key for `label` from `input` (and `salt`). */
export function hkdf(input: string | Uint8Array, label: string, salt = ''): Buffer {
  return Buffer.from(hkdfSync('sha256', input, salt, label, KEY_BYTES));
}

export interface DerivedKeys {
  /** Signs session tokens (HS256; `jose` takes a Uint8Array) and is the root of every purposeKey. */
  signing: Uint8Array;
  /** 32-byte key for encrypting stored passcodes (e.g. AES-256-GCM). */
  encryption: Buffer;
}

export function deriveKeys(secretKey: string): DerivedKeys {
  if (typeof secretKey !== 'string' || secretKey.length < MIN_SECRET_LENGTH) {
    throw new Error(`the instance secret key must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  const signing = new Uint8Array(hkdf(secretKey, SIGNING_INFO, SALT));
  return { signing, encryption: hkdf(secretKey, ENCRYPTION_INFO, SALT) };
}

const byPurpose = new WeakMap<Uint8Array, Map<string, Buffer>>();

/** The 32-byte key for `purpose` (a label such as `outpost/page-gate/v2`), derived once per signing key. */
export function purposeKey(signingKey: Uint8Array, purpose: string): Buffer {
  let keys = byPurpose.get(signingKey);
  if (!keys) byPurpose.set(signingKey, (keys = new Map()));
  let key = keys.get(purpose);
  if (!key) keys.set(purpose, (key = hkdf(signingKey, purpose)));
  return key;
}
