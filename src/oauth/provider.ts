// The OAuth 2.1 authorization server (oidc-provider, a certified implementation) configured for MCP clients.
// One protected resource, PUBLIC_URL, with the scopes pages:read and pages:write; authorization code with
// PKCE S256 only; public clients (`none`) by default; clients come from configuration, dynamic registration
// (RFC 7591) or Client ID Metadata Documents; refresh tokens rotate on every use (a reused one revokes its
// grant); opaque access tokens, so revoking a grant ends its tokens at once.
//
// Threat model: the consent decision is the web app's (the interaction operations, signed-in person, CSRF
// token); every authorization goes through it (the provider's own session never authorises silently); codes
// go only to exactly registered redirect URIs (loopback: any port, RFC 8252).
import Provider, { errors, interactionPolicy, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { timingSafeEqual } from 'node:crypto';
import type { Db } from 'mongodb';
import { isSecureRedirectUri, LOOPBACK_HOSTS, SECURE_REDIRECT_RULE, type OAuthConfig } from '../config/oauth-config.ts';
import { providerKeys } from './keys.ts';
import { MongoAdapter, SECRET_HASH_PREFIX, sha256 } from './store.ts';
import type { FetchFunction } from './metadata-fetch.ts';
import { isThisResource, RESOURCE_SCOPES, ROUTES } from './resource.ts';

/** The built-in public client of the command line: loopback redirect (any port) and PKCE. */
export const CLI_CLIENT_ID = 'outpost-cli';

export interface ProviderOptions {
  /** PUBLIC_URL: the issuer and the one resource. */
  publicUrl: string;
  db: Db;
  signingKey: Uint8Array;
  oauth: OAuthConfig;
  fetch: FetchFunction;
}

function withoutLoopbackPort(uri: string): string | undefined {
  const url = URL.parse(uri);
  if (!url || url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  url.port = '';
  return url.href;
}

function secretMatches(stored: string | undefined, presented: string): boolean {
  if (!stored) return false;
  const expected = Buffer.from(stored.startsWith(SECRET_HASH_PREFIX) ? stored : SECRET_HASH_PREFIX + sha256(stored));
  const actual = Buffer.from(SECRET_HASH_PREFIX + sha256(presented));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function createProvider(options: ProviderOptions): Provider {
  const { publicUrl: resource, oauth } = options;
  const keys = providerKeys(options.signingKey);
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  const policy = interactionPolicy.base();
  // The web app decides every authorization: the provider's own session cookie never stands in for it.
  policy
    .get('login')!
    .checks.add(
      new interactionPolicy.Check('web_app_consent', 'the signed-in person must approve in the web app', (ctx: KoaContextWithOIDC) =>
        ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );

  const configuration: Configuration = {
    adapter: (name: string) => new MongoAdapter(options.db, name, { unusedClientTtlSeconds: oauth.unusedClientTtlSeconds }),
    clients: [
      {
        client_id: CLI_CLIENT_ID,
        client_name: 'Outpost command line',
        token_endpoint_auth_method: 'none',
        application_type: 'native',
        grant_types: ['authorization_code', 'refresh_token'],
        redirect_uris: ['http://127.0.0.1/callback', 'http://[::1]/callback', 'http://localhost/callback'],
      },
      ...oauth.clients.map((c) => ({
        client_id: c.client_id,
        client_name: c.client_name,
        redirect_uris: c.redirect_uris,
        grant_types: ['authorization_code', 'refresh_token'],
        ...(c.client_secret
          ? { client_secret: SECRET_HASH_PREFIX + sha256(c.client_secret), token_endpoint_auth_method: 'client_secret_basic' as const }
          : { token_endpoint_auth_method: 'none' as const }),
      })),
    ],
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      id_token_signed_response_alg: 'EdDSA',
    },
    // Every client, registered, pre-registered or known by its metadata document: a code never travels in the clear.
    extraClientMetadata: {
      properties: ['redirect_uris'],
      validator: (_ctx, key, value) => {
        if (key === 'redirect_uris' && Array.isArray(value) && !value.every((uri) => typeof uri === 'string' && isSecureRedirectUri(uri))) {
          throw new errors.InvalidClientMetadata(SECURE_REDIRECT_RULE);
        }
      },
    },
    clientAuthMethods: ['none', 'client_secret_basic', 'client_secret_post'],
    // Browser-based public clients may call the token endpoint from their redirect URIs' origins.
    clientBasedCORS: (_ctx, origin, client) =>
      origin !== 'null' && client.clientAuthMethod === 'none' && (client.redirectUris ?? []).some((uri) => URL.parse(uri)?.origin === origin),
    responseTypes: ['code'],
    pkce: { required: () => true },
    // The resource's scopes too: the provider checks a registering client's `scope` against this list.
    scopes: ['openid', 'offline_access', ...RESOURCE_SCOPES],
    claims: { openid: ['sub'] },
    routes: ROUTES,
    jwks: keys.jwks as Configuration['jwks'],
    cookies: { keys: keys.cookieKeys, long: { signed: true, httpOnly: true, sameSite: 'lax' }, short: { signed: true, httpOnly: true, sameSite: 'lax' } },
    enabledJWA: { idTokenSigningAlgValues: ['EdDSA'] },
    interactions: {
      policy,
      url: (_ctx, interaction) => `${resource}/authorize/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true, initialAccessToken: false, issueRegistrationAccessToken: false },
      revocation: {
        enabled: true,
        // A client revokes only its own tokens; a public client asking about another's is answered as if done.
        allowedPolicy: async (_ctx, client, token) => {
          if (token.clientId === client.clientId) return true;
          if (client.clientAuthMethod === 'none') return false;
          throw new errors.InvalidRequest('client is not authorized to revoke the presented token');
        },
      },
      introspection: { enabled: false },
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      clientIdMetadataDocument: { enabled: true, ack: 'draft-02', cacheDuration: { min: 30, max: 86_400 } },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (!isThisResource(indicator, resource)) throw new errors.InvalidTarget(`this server's only resource is ${resource}`);
          return { scope: RESOURCE_SCOPES.join(' '), audience: resource, accessTokenFormat: 'opaque', accessTokenTTL: oauth.accessTokenTtlSeconds };
        },
      },
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    ttl: {
      AccessToken: oauth.accessTokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 30 * 60,
      Session: 30 * 60,
      Grant: oauth.refreshTokenMaxTtlSeconds,
      RefreshToken: (_ctx, token) => {
        const started = (token as { iiat?: number }).iiat ?? token.iat ?? nowSeconds();
        return Math.max(1, Math.min(oauth.refreshTokenIdleTtlSeconds, started + oauth.refreshTokenMaxTtlSeconds - nowSeconds()));
      },
    },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
    fetch: options.fetch as Configuration['fetch'],
    renderError: (ctx, out) => {
      ctx.type = 'json';
      ctx.body = out;
    },
  };

  const provider = new Provider(resource, configuration);
  provider.proxy = true;
  const Client = provider.Client.prototype as unknown as {
    redirectUriAllowed(this: { redirectUris: string[] }, value: string): boolean;
    compareClientSecret(this: { clientSecret?: string }, actual: string): boolean;
  };
  const exactOrNative = Client.redirectUriAllowed;
  // Native clients (RFC 8252) pick a free loopback port at run time: a loopback redirect URI matches any port.
  Client.redirectUriAllowed = function (value) {
    if (exactOrNative.call(this, value)) return true;
    const bare = withoutLoopbackPort(value);
    return bare !== undefined && this.redirectUris.some((allowed) => withoutLoopbackPort(allowed) === bare);
  };
  // Client secrets are stored as hashes (store.ts).
  Client.compareClientSecret = function (actual) {
    return secretMatches(this.clientSecret, actual);
  };
  return provider;
}
