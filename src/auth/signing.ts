// Keys for the page gates and preview links: each derived (HKDF) from the signing key under its own
// label, so a value signed for one purpose never verifies for another.
import { createHmac, hkdfSync } from 'node:crypto';

const derived = new WeakMap<Uint8Array, Map<string, Buffer>>();

/** The 32-byte key for `label`, derived once per signing key. */
export function derivedKey(signingKey: Uint8Array, label: string): Buffer {
  let byLabel = derived.get(signingKey);
  if (!byLabel) derived.set(signingKey, (byLabel = new Map()));
  let key = byLabel.get(label);
  if (!key) byLabel.set(label, (key = Buffer.from(hkdfSync('sha256', signingKey, Buffer.alloc(0), label, 32))));
  return key;
}

export const hmac = (key: Buffer, text: string): Buffer => createHmac('sha256', key).update(text, 'utf8').digest();
