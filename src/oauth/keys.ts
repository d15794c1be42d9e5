// The authorization server's keys, derived from the instance secret so every instance of a deployment signs
// and checks alike: an Ed25519 signing key (ID tokens, should a client ask for `openid`) and the key that signs
// its cookies (interaction, resume, session).
import { createPrivateKey, type JsonWebKey } from 'node:crypto';
import { purposeKey } from '../auth/keys.ts';

// PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface ProviderKeys {
  jwks: { keys: JsonWebKey[] };
  cookieKeys: string[];
}

export function providerKeys(signingKey: Uint8Array): ProviderKeys {
  const seed = purposeKey(signingKey, 'outpost/oauth-id-token-signing/v1');
  const key = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const jwk = { ...key.export({ format: 'jwk' }), alg: 'EdDSA', use: 'sig', kid: 'outpost-1' };
  return { jwks: { keys: [jwk] }, cookieKeys: [purposeKey(signingKey, 'outpost/oauth-cookies/v1').toString('base64url')] };
}
