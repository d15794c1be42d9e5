// The one protected resource (PUBLIC_URL: /mcp, /sse, /mcp/message and /api alike), its metadata (RFC 9728) and
// the challenges that point clients to it.
import { TOKEN_SCOPES } from '../accounts/tokens.ts';

export const RESOURCE_SCOPES: readonly string[] = TOKEN_SCOPES;

/** The paths a client may have connected to, each with its Protected Resource Metadata URL. */
export const RESOURCE_METADATA_PATHS = ['', '/mcp', '/sse', '/api'] as const;

/**
 * Whether a client's resource indicator (RFC 8707) names this resource: PUBLIC_URL itself, as URL parsing
 * spells it (a trailing slash), or one of the endpoints a client connects to (`/mcp`, `/sse`, `/api`), which
 * clients that do not read the metadata's `resource` send instead.
 */
export function isThisResource(indicator: string, publicUrl: string): boolean {
  const bare = indicator.endsWith('/') ? indicator.slice(0, -1) : indicator;
  return RESOURCE_METADATA_PATHS.some((suffix) => bare === publicUrl + suffix);
}

/** Under PUBLIC_URL (where this server answers, whatever its path), so a challenge's URL always reaches it. */
export function resourceMetadataUrl(publicUrl: string): string {
  return `${publicUrl}/.well-known/oauth-protected-resource`;
}

export function protectedResourceMetadata(publicUrl: string) {
  return {
    resource: publicUrl,
    authorization_servers: [publicUrl],
    scopes_supported: [...RESOURCE_SCOPES],
    bearer_methods_supported: ['header'],
    resource_name: 'Outpost',
    resource_documentation: `${publicUrl}/docs`,
  };
}

/** A WWW-Authenticate challenge with the resource metadata (and, where useful, the scope) added. */
export function withResourceMetadata(challenge: string | undefined, publicUrl: string, scope?: string): string {
  const base = challenge && /^Bearer\b/i.test(challenge) ? challenge : 'Bearer realm="outpost"';
  const extra = [`resource_metadata="${resourceMetadataUrl(publicUrl)}"`, ...(scope ? [`scope="${scope}"`] : [])];
  return base.includes('resource_metadata=') ? base : `${base}, ${extra.join(', ')}`;
}

/** The provider's endpoints (here, so that routing to them does not load oidc-provider). */
export const ROUTES = {
  authorization: '/oauth/authorize',
  token: '/oauth/token',
  registration: '/oauth/register',
  revocation: '/oauth/revoke',
  jwks: '/oauth/jwks',
  userinfo: '/oauth/userinfo',
  end_session: '/oauth/logout',
  introspection: '/oauth/introspect',
  pushed_authorization_request: '/oauth/par',
  device_authorization: '/oauth/device/auth',
  code_verification: '/oauth/device',
  backchannel_authentication: '/oauth/backchannel',
  challenge: '/oauth/challenge',
  credential: '/oauth/credential',
} as const;
