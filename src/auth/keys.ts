// Keys derived from the instance secret. Each purpose gets its own HKDF-SHA256 output (distinct info
// labels), so knowing one derived key says nothing about the other or about the secret.
import { hkdfSync } from 'node:crypto';

/** The shortest instance secret accepted (characters). A short secret would make session tokens forgeable. */
export const MIN_SECRET_LENGTH = 32;

const SALT = 'outpost/hkdf-salt/v1';
const JWT_INFO = 'outpost/jwt-signing/v1';
const ENCRYPTION_INFO = 'outpost/passcode-encryption/v1';
const KEY_BYTES = 32;

export interface DerivedKeys {
  /** HS256 key for session tokens (`jose` takes a Uint8Array). */
  jwt: Uint8Array;
  /** 32-byte key for encrypting stored passcodes (e.g. AES-256-GCM). */
  encryption: Buffer;
}

export function deriveKeys(secretKey: string): DerivedKeys {
  if (typeof secretKey !== 'string' || secretKey.length < MIN_SECRET_LENGTH) {
    throw new Error(`the instance secret key must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secretKey, SALT, info, KEY_BYTES));
  return { jwt: new Uint8Array(derive(JWT_INFO)), encryption: derive(ENCRYPTION_INFO) };
}
