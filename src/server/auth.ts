// The `outpost` auth scheme: `Authorization: Bearer <session JWT | op_ API token>`.
import Boom from '@hapi/boom';
import type { Server } from '@hapi/hapi';
import { authenticateToken } from '../accounts/tokens.ts';
import { getUser, type User } from '../accounts/users.ts';
import { verifySessionToken } from '../auth/jwt.ts';
import type { App } from '../app-context.ts';

export interface Caller {
  user: User;
  kind: 'session' | 'api_token';
  /** What the credential may do; operations name the scopes they need in openapi.yaml. */
  scopes: string[];
  tokenId?: string;
}

export const SESSION_SCOPES = ['account', 'pages:read', 'pages:write'];
const MISSING = 'Missing or invalid Authorization header';

export function unauthorized(message: string, error = 'invalid_token'): Boom.Boom {
  const err = Boom.unauthorized(message);
  err.output.headers['WWW-Authenticate'] = `Bearer realm="outpost", error="${error}", error_description="${message}"`;
  return err;
}

/** Resolves a bearer credential to the caller, or null when it is unknown, revoked or expired. */
export async function resolveCredential(app: App, credential: string): Promise<Caller | null> {
  const cached = app.credentials.get(credential);
  if (cached) return cached;
  const caller = await lookUpCredential(app, credential);
  if (caller) app.credentials.set(credential, caller);
  return caller;
}

async function lookUpCredential(app: App, credential: string): Promise<Caller | null> {
  if (credential.startsWith('op_')) {
    const token = await authenticateToken(app.db, credential);
    const user = token && (await getUser(app.db, token.userId));
    return user ? { user, kind: 'api_token', scopes: token.scopes, tokenId: token.tokenId } : null;
  }
  const session = await verifySessionToken(app.keys.jwt, credential);
  const user = session && (await getUser(app.db, session.userId));
  return user ? { user, kind: 'session', scopes: user.admin ? [...SESSION_SCOPES, 'admin'] : SESSION_SCOPES } : null;
}

/** The caller for an Authorization header value, or the 401 to answer. */
export async function authenticateHeader(app: App, header: string | undefined): Promise<Caller> {
  const match = header ? /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header) : null;
  if (!match) {
    const err = unauthorized(MISSING, 'invalid_request');
    if (!header) err.output.headers['WWW-Authenticate'] = 'Bearer realm="outpost"';
    throw err;
  }
  const caller = await resolveCredential(app, match[1]);
  if (!caller) throw unauthorized('Invalid token');
  return caller;
}

export function registerAuth(server: Server, app: App): void {
  server.auth.scheme('outpost-bearer', () => ({
    authenticate: async (request, h) => {
      const caller = await authenticateHeader(app, request.headers.authorization as string | undefined);
      return h.authenticated({ credentials: { caller, user: { id: caller.user.id } } });
    },
  }));
  server.auth.strategy('outpost', 'outpost-bearer');
}
