// The resolved caller of a request or tool call, and what a session may do.
import { TOKEN_SCOPES } from '../accounts/tokens.ts';
import type { User } from '../accounts/users.ts';

export interface Caller {
  user: User;
  kind: 'session' | 'api_token' | 'oauth';
  /** What the credential may do; operations name the scopes they need in openapi.yaml. */
  scopes: string[];
  tokenId?: string;
  /**
   * Which credential this is, stable across the bearer strings it is presented as: `token:<id>` for an
   * API token, `login:<jti>` for a login's session JWT, `browser:<session id>` for a
   * web app's cookie session, `grant:<id>` for an OAuth access token (an access token refreshed under the
   * grant keeps its identity).
   */
  credentialId: string;
}

/** A session may manage its account and do whatever an API token can. */
export const SESSION_SCOPES: string[] = ['account', ...TOKEN_SCOPES];
