// Password hashing with scrypt (memory-hard), stored as `scrypt$N$r$p$saltB64$hashB64`.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import PQueue from 'p-queue';

const N = 2 ** 15;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** scrypt needs about 128 * N * r bytes (32 MiB here); node's default cap is exactly 32 MiB, so give it room. */
const MAX_MEM = 64 * 1024 * 1024;

/** Bounds on parameters read back from a stored hash, so a corrupt value can't make a verify run away. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

/**
 * At most this many hashes run at once (each takes 32 MiB and ~100 ms of a core): a burst of
 * sign-ins queues instead of exhausting memory.
 */
const hashing = new PQueue({ concurrency: 4 });

function derive(password: string, salt: Buffer, n: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  const options: ScryptOptions = { N: n, r, p, maxmem: Math.max(MAX_MEM, 256 * n * r) };
  return hashing.add(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        scrypt(password.normalize('NFC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)));
      }),
  );
}

export async function hashPassword(password: string): Promise<string> {
  if (typeof password !== 'string') throw new TypeError('password must be a string');
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, N, R, P, KEY_BYTES);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

interface ParsedHash {
  n: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function parse(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [, nText, rText, pText, saltText, hashText] = parts;
  if (![nText, rText, pText].every((t) => /^[1-9][0-9]{0,7}$/.test(t))) return null;
  const n = Number(nText);
  const r = Number(rText);
  const p = Number(pText);
  if (n < 2 || n > MAX_N || (n & (n - 1)) !== 0 || r > MAX_R || p > MAX_P) return null;
  if (!BASE64.test(saltText) || !BASE64.test(hashText)) return null;
  const salt = Buffer.from(saltText, 'base64');
  const hash = Buffer.from(hashText, 'base64');
  if (salt.length < 8 || hash.length < 16 || hash.length > 64) return null;
  return { n, r, p, salt, hash };
}

/** True when `password` matches `stored`. False (never a throw) for a wrong password or an unreadable hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (typeof password !== 'string' || typeof stored !== 'string') return false;
  const parsed = parse(stored);
  if (!parsed) return false;
  const candidate = await derive(password, parsed.salt, parsed.n, parsed.r, parsed.p, parsed.hash.length);
  return timingSafeEqual(candidate, parsed.hash);
}

/**
 * A well-formed hash with the current parameters that no password produces (its bytes are arbitrary, not
 * the output of scrypt), so verifying against it costs exactly what a real verify costs.
 */
const DUMMY_HASH = `scrypt$${N}$${R}$${P}$c2NyeXB0LWR1bW15LXNhbHQ=$${Buffer.alloc(KEY_BYTES, 0x5a).toString('base64')}`;

/**
 * Costs what a real verify costs and always resolves false. Call it when the account doesn't exist, so
 * a login for an unknown email takes as long as one with a wrong password.
 */
export async function dummyVerify(password: string): Promise<false> {
  await verifyPassword(typeof password === 'string' ? password : '', DUMMY_HASH);
  return false;
}
