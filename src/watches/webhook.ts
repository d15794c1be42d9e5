// A watch's webhook: each signal POSTed as JSON through the SSRF-guarded fetcher, signed with
// `X-Outpost-Signature: sha256=<hex HMAC-SHA256 of the body>` under the watch's own secret, retried with
// backoff. The secret is shown once and kept encrypted with the instance keyring (it is needed to sign).
import { createHmac, randomBytes } from 'node:crypto';
import type { GuardedFetcher } from '../capture/net/guarded-fetch.ts';
import { decryptPasscode, encryptPasscode, type EncryptedSecret, type Keyring } from '../pages/secrets.ts';

export const SIGNATURE_HEADER = 'x-outpost-signature';
/** Runs in a row whose delivery failed before the webhook is disabled. */
export const MAX_WEBHOOK_FAILURES = 5;
const DELIVERY_TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 64 * 1024;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

// The watch id is bound into the encryption, so a secret copied onto another watch does not decrypt.
const binding = (watchId: string) => `watch-webhook:${watchId}`;

export function encryptWebhookSecret(keyring: Keyring, watchId: string, secret: string): EncryptedSecret {
  return encryptPasscode(keyring, binding(watchId), secret);
}

export function decryptWebhookSecret(keyring: Keyring, watchId: string, secret: EncryptedSecret): string {
  return decryptPasscode(keyring, binding(watchId), secret);
}

export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Delivers `body`, retrying after each of `retryDelaysMs`; resolves to null once it was accepted (2xx), else
 * to why the last attempt failed.
 */
export async function deliverWebhook(
  fetcher: GuardedFetcher,
  url: string,
  secret: string,
  body: string,
  retryDelaysMs: readonly number[],
  signal?: AbortSignal,
): Promise<string | null> {
  const headers = { 'content-type': 'application/json', [SIGNATURE_HEADER]: signatureOf(secret, body), 'x-outpost-event': 'watch.signal' };
  let why = '';
  for (let attempt = 0; attempt <= retryDelaysMs.length; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, retryDelaysMs[attempt - 1]));
    if (signal?.aborted) return why || 'the server stopped before the delivery';
    try {
      await fetcher.fetch(url, { timeoutMs: DELIVERY_TIMEOUT_MS, maxBytes: MAX_RESPONSE_BYTES, maxRedirects: 0, post: { body, headers }, signal });
      return null;
    } catch (e) {
      why = e instanceof Error ? e.message : String(e);
    }
  }
  return why;
}
