// Random identifiers and secrets.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { MongoServerError } from 'mongodb';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `prefix` + 16 uniformly random base62 characters (~95 bits), e.g. `usr_4fT0qLx9ZbN2kWc7`. */
export function randomId(prefix: string, length = 16): string {
  let out = prefix;
  for (let i = 0; i < length; i++) out += BASE62[randomInt(BASE62.length)];
  return out;
}

/** `prefix` + base64url of `bytes` random bytes: a bearer secret shown to its owner once. */
export function randomSecret(prefix: string, bytes: number): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

/** Hex SHA-256, how bearer secrets are stored. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export function isDuplicateKeyError(e: unknown): e is MongoServerError {
  return e instanceof MongoServerError && e.code === 11000;
}
