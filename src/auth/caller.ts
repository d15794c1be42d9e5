// The resolved caller of a request or tool call, and what a session may do.
import type { User } from '../accounts/users.ts';

export interface Caller {
  user: User;
  kind: 'session' | 'api_token';
  /** What the credential may do; operations name the scopes they need in openapi.yaml. */
  scopes: string[];
  tokenId?: string;
}

export const SESSION_SCOPES = ['account', 'pages:read', 'pages:write'];
