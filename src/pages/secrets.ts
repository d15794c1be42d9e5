// Page access secrets: passcodes encrypted at rest, and the normalized forms of passcode and email lists.
//
// Passcodes use AES-256-GCM with a random 96-bit IV per encryption and the page id as associated data, so
// a ciphertext copied onto another page does not decrypt. The key is the `encryption` key derived from the
// instance secret (separate from the token-signing key); its id is stored with every ciphertext so old
// ciphertexts still decrypt after a rotation (keep the old key in `previous`) and can be re-encrypted.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { InvalidInput } from '../shared/errors.ts';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KID_LABEL = 'outpost/passcode-key-id/v1\0';
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export const MAX_PASSCODES = 20;
export const MAX_PASSCODE_LENGTH = 128;
export const MAX_EMAIL_LENGTH = 254;
const MAX_EMAIL_LOCAL_LENGTH = 64;

export interface KeyringKey {
  id: string;
  key: Buffer;
}

/** The key new secrets are encrypted with, and older keys that may still be needed to decrypt. */
export interface Keyring {
  current: KeyringKey;
  previous?: KeyringKey[];
}

/** A stored passcode: all fields base64url except the key id. */
export interface EncryptedSecret {
  kid: string;
  iv: string;
  tag: string;
  ct: string;
}

/** A stored secret could not be decrypted: unknown key id, malformed, tampered with, or another page's. */
export class SecretDecryptionFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretDecryptionFailed';
  }
}

/** The key id: the first 8 hex digits of a labelled SHA-256 of the key (names the key without revealing it). */
export function keyIdFor(key: Buffer): string {
  checkKey(key);
  return createHash('sha256').update(KID_LABEL).update(key).digest('hex').slice(0, 8);
}

/** A keyring whose current key is `encryptionKey` (e.g. deriveKeys(secret).encryption), plus older keys. */
export function keyringFrom(encryptionKey: Buffer, previousKeys: readonly Buffer[] = []): Keyring {
  const current = { id: keyIdFor(encryptionKey), key: encryptionKey };
  const previous = previousKeys.map((key) => ({ id: keyIdFor(key), key })).filter((k) => k.id !== current.id);
  return previous.length > 0 ? { current, previous } : { current };
}

function checkKey(key: unknown): asserts key is Buffer {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) throw new TypeError(`an encryption key must be a ${KEY_BYTES}-byte Buffer`);
}

function aad(pageId: string): Buffer {
  if (typeof pageId !== 'string' || pageId === '') throw new TypeError('pageId is required');
  return Buffer.from(pageId, 'utf8');
}

export function encryptPasscode(keyring: Keyring, pageId: string, plaintext: string): EncryptedSecret {
  if (typeof plaintext !== 'string') throw new TypeError('the passcode must be a string');
  const { id, key } = keyring.current;
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(pageId));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { kid: id, iv: iv.toString('base64url'), tag: cipher.getAuthTag().toString('base64url'), ct: ct.toString('base64url') };
}

/** The passcode, or SecretDecryptionFailed. */
export function decryptPasscode(keyring: Keyring, pageId: string, secret: EncryptedSecret): string {
  if (typeof secret !== 'object' || secret === null) throw new SecretDecryptionFailed('malformed secret');
  const entry = [keyring.current, ...(keyring.previous ?? [])].find((k) => k.id === secret.kid);
  if (!entry) throw new SecretDecryptionFailed(`unknown key id ${JSON.stringify(String(secret.kid))}`);
  const iv = decodeField(secret.iv, 'iv');
  const tag = decodeField(secret.tag, 'tag');
  const ct = decodeField(secret.ct, 'ct');
  // Fixed lengths: GCM would otherwise accept a truncated tag, which weakens the authentication.
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretDecryptionFailed('malformed secret');
  checkKey(entry.key);
  const decipher = createDecipheriv(ALGORITHM, entry.key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(pageId));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretDecryptionFailed('the secret does not decrypt for this page (tampered with, or another page’s)');
  }
}

/** Whether the secret was encrypted with an older key and should be re-encrypted with the current one. */
export function needsReencryption(keyring: Keyring, secret: EncryptedSecret): boolean {
  return secret.kid !== keyring.current.id;
}

function decodeField(value: unknown, name: string): Buffer {
  if (typeof value !== 'string' || !BASE64URL.test(value)) throw new SecretDecryptionFailed(`malformed secret (${name})`);
  return Buffer.from(value, 'base64url');
}

// Email lists

// RFC 5322 dot-atom local part (ASCII), and a DNS host name with at least two labels. No quoted local
// parts, IP literals or non-ASCII (internationalized domains must be given in their xn-- form).
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** Whether an already trimmed, lower-cased address passes the RFC 5322-lite check. */
export function isValidEmail(email: string): boolean {
  if (email.length > MAX_EMAIL_LENGTH) return false;
  const at = email.lastIndexOf('@');
  if (at <= 0 || at > MAX_EMAIL_LOCAL_LENGTH) return false;
  const local = email.slice(0, at);
  const labels = email.slice(at + 1).split('.');
  return LOCAL_PART.test(local) && labels.length >= 2 && labels.every((l) => DOMAIN_LABEL.test(l)) && TOP_LEVEL.test(labels[labels.length - 1]);
}

/** Trimmed, lower-cased, checked and de-duplicated (first occurrence kept, order kept). */
export function normalizeEmails(list: readonly string[], field = 'emails'): string[] {
  if (!Array.isArray(list)) throw new InvalidInput(field, `${field} must be a list of email addresses`);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const entry of list) {
    if (typeof entry !== 'string') throw new InvalidInput(field, `${field} must contain only strings`);
    const email = entry.trim().toLowerCase();
    if (!isValidEmail(email)) throw new InvalidInput(field, `${JSON.stringify(entry.trim())} is not a valid email address`);
    if (seen.has(email)) continue;
    seen.add(email);
    out.push(email);
  }
  return out;
}

// Passcode lists

/** The form a passcode is stored and compared in: trimmed, NFC. Use it on what a visitor types, too. */
export function normalizePasscode(passcode: string): string {
  return passcode.trim().normalize('NFC');
}

/** Each 1 to 128 characters (code points) after trimming, at most 20 distinct; duplicates dropped, order kept. */
export function normalizePasscodes(list: readonly string[], field = 'passcodes'): string[] {
  if (!Array.isArray(list)) throw new InvalidInput(field, `${field} must be a list of strings`);
  const out: string[] = [];
  const seen = new Set<string>();
  list.forEach((entry: unknown, i) => {
    if (typeof entry !== 'string') throw new InvalidInput(field, `${field} must contain only strings`);
    const passcode = normalizePasscode(entry);
    const length = [...passcode].length;
    if (length === 0) throw new InvalidInput(field, `passcode ${i + 1} is empty`);
    if (length > MAX_PASSCODE_LENGTH) throw new InvalidInput(field, `passcode ${i + 1} is longer than ${MAX_PASSCODE_LENGTH} characters`);
    if (seen.has(passcode)) return;
    seen.add(passcode);
    out.push(passcode);
  });
  if (out.length > MAX_PASSCODES) throw new InvalidInput(field, `at most ${MAX_PASSCODES} passcodes are allowed`);
  return out;
}
