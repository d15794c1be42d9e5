// Who is calling: a bearer credential (session JWT, op_ API token, or an OAuth access token) resolved to its
// user and scopes, remembered briefly in the credential cache.
import Boom from '@hapi/boom';
import type { Db } from 'mongodb';
import { authenticateToken } from '../accounts/tokens.ts';
import { getUser } from '../accounts/users.ts';
import { verifySessionToken } from './jwt.ts';
import { SESSION_SCOPES, type Caller } from './caller.ts';
import type { CredentialCache } from './credential-cache.ts';

/** What resolving a credential needs. */
export interface CredentialServices {
  db: Db;
  keys: { signing: Uint8Array };
  credentials: CredentialCache;
  /** Resolves OAuth access tokens (opaque strings; the authorization server lives in a room above). */
  oauth?: { resolveAccessToken(token: string): Promise<Caller | null> };
}

const MISSING = 'Missing or invalid Authorization header';

export function unauthorized(message: string, error = 'invalid_token'): Boom.Boom {
  const err = Boom.unauthorized(message);
  err.output.headers['WWW-Authenticate'] = `Bearer realm="outpost", error="${error}", error_description="${message}"`;
  return err;
}

/** Resolves a bearer credential to the caller, or null when it is unknown, revoked or expired. */
export async function resolveCredential(app: CredentialServices, credential: string): Promise<Caller | null> {
  const cached = app.credentials.get(credential);
  if (cached) return cached;
  const caller = await lookUpCredential(app, credential);
  if (caller) app.credentials.set(credential, caller);
  return caller;
}

async function lookUpCredential(app: CredentialServices, credential: string): Promise<Caller | null> {
  if (credential.startsWith('op_')) {
    const token = await authenticateToken(app.db, credential);
    const user = token && (await getUser(app.db, token.userId));
    return user ? { user, kind: 'api_token', scopes: token.scopes, tokenId: token.tokenId, credentialId: `token:${token.tokenId}` } : null;
  }
  // A JWT has three dot-separated parts; an OAuth access token is one opaque string.
  if (!credential.includes('.')) return (await app.oauth?.resolveAccessToken(credential)) ?? null;
  const session = await verifySessionToken(app.keys.signing, credential);
  const user = session && (await getUser(app.db, session.userId));
  if (!session || !user) return null;
  return { user, kind: 'session', scopes: user.admin ? [...SESSION_SCOPES, 'admin'] : SESSION_SCOPES, credentialId: `login:${session.tokenId}` };
}

/** The credential an Authorization header value carries, if it is a well-formed Bearer header. */
export function bearerCredential(header: string | undefined): string | undefined {
  return header ? /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header)?.[1] : undefined;
}

/** The caller for an Authorization header value, or the 401 to answer. */
export async function authenticateHeader(app: CredentialServices, header: string | undefined): Promise<Caller> {
  const credential = bearerCredential(header);
  if (!credential) {
    const err = unauthorized(MISSING, 'invalid_request');
    if (!header) err.output.headers['WWW-Authenticate'] = 'Bearer realm="outpost"';
    throw err;
  }
  const caller = await resolveCredential(app, credential);
  if (!caller) throw unauthorized('Invalid token');
  return caller;
}
