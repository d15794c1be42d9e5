// Session tokens: HS256 JWTs signed with the key from deriveKeys().signing.
import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';

export const JWT_ISSUER = 'outpost';
export const JWT_AUDIENCE = 'outpost-api';
const ALGORITHM = 'HS256';
/** Longer strings are rejected before any parsing. */
const MAX_TOKEN_LENGTH = 4096;
const MAX_TTL_SECONDS = 30 * 24 * 3600;
/** How far ahead of this clock another instance's clock may be when it issues a token. */
export const MAX_CLOCK_SKEW_SECONDS = 60;

export interface SessionClaims {
  userId: string;
  email: string;
  admin: boolean;
}

export interface IssuedSessionToken {
  token: string;
  expiresAt: Date;
}

/**
 * What a valid token proves: who it was issued to. The `email`/`admin` claims inside it are informational
 * and may be stale; authorise against the user record (getUser), not the token.
 */
export interface VerifiedSession {
  userId: string;
  /** The token's `jti`. */
  tokenId: string;
  expiresAt: Date;
}

function checkKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.length < 32) throw new TypeError('the session signing key must be at least 32 bytes');
}

export async function issueSessionToken(key: Uint8Array, claims: SessionClaims, ttlSeconds = 3600): Promise<IssuedSessionToken> {
  checkKey(key);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS) {
    throw new RangeError(`ttlSeconds must be an integer from 1 to ${MAX_TTL_SECONDS}`);
  }
  if (typeof claims.userId !== 'string' || claims.userId === '') throw new TypeError('userId is required');
  const issuedAt = Math.floor(Date.now() / 1000);
  const expires = issuedAt + ttlSeconds;
  const token = await new SignJWT({ email: claims.email, admin: claims.admin === true })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setIssuer(JWT_ISSUER)
    .setAudience(JWT_AUDIENCE)
    .setSubject(claims.userId)
    .setJti(randomBytes(16).toString('base64url'))
    .setIssuedAt(issuedAt)
    .setExpirationTime(expires)
    .sign(key);
  return { token, expiresAt: new Date(expires * 1000) };
}

/**
 * The session a token proves, or null for anything malformed, tampered, expired, issued in the future
 * (beyond the clock skew) or signed with another key.
 */
export async function verifySessionToken(key: Uint8Array, token: string): Promise<VerifiedSession | null> {
  checkKey(key);
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return null;
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      requiredClaims: ['sub', 'exp', 'iat', 'jti'],
    });
    if (typeof payload.sub !== 'string' || payload.sub === '' || typeof payload.jti !== 'string' || typeof payload.exp !== 'number') {
      return null;
    }
    // jose checks `iat` only against a maximum age; a token from the future was not issued by us.
    if (typeof payload.iat !== 'number' || payload.iat > Date.now() / 1000 + MAX_CLOCK_SKEW_SECONDS) return null;
    return { userId: payload.sub, tokenId: payload.jti, expiresAt: new Date(payload.exp * 1000) };
  } catch {
    return null;
  }
}
