// The OAuth settings: defaults (access 1 h, refresh 30 days idle / 90 days absolute), pre-registered clients,
// and one-line errors for bad values.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/shared/config-values.ts';
import { loadOAuthConfig } from '../../src/config/oauth-config.ts';

const CLIENT = { client_id: 'partner', client_secret: crypto.randomBytes(32).toString('base64url'), redirect_uris: ['https://p.example.com/cb'] };

describe('loadOAuthConfig', () => {
  it('defaults', () => {
    expect(loadOAuthConfig({})).toEqual({
      accessTokenTtlSeconds: 3600,
      refreshTokenIdleTtlSeconds: 30 * 86_400,
      refreshTokenMaxTtlSeconds: 90 * 86_400,
      registrationsPerHour: 20,
      unusedClientTtlSeconds: 7 * 86_400,
      clients: [],
      clientMetadataCa: undefined,
    });
  });

  it('reads pre-registered clients', () => {
    expect(loadOAuthConfig({ OAUTH_CLIENTS: JSON.stringify([CLIENT]) }).clients).toEqual([CLIENT]);
  });

  it.each([
    [{ OAUTH_CLIENTS: '{' }, /^OAUTH_CLIENTS must be a JSON array/],
    [{ OAUTH_CLIENTS: JSON.stringify([{ ...CLIENT, client_secret: 'short' }]) }, /a client_secret has at least 32 characters/],
    [{ OAUTH_CLIENTS: JSON.stringify([{ ...CLIENT, redirect_uris: [] }]) }, /^OAUTH_CLIENTS must be/],
    [{ OAUTH_CLIENTS: JSON.stringify([{ ...CLIENT, redirect_uris: ['http://intranet.example/cb'] }]) }, /https, or http on a loopback address/],
    [{ OAUTH_CLIENTS_FILE: '/no/such/file' }, /^OAUTH_CLIENTS_FILE \/no\/such\/file cannot be read$/],
    [{ OAUTH_ACCESS_TOKEN_TTL_SECONDS: '10' }, /^OAUTH_ACCESS_TOKEN_TTL_SECONDS must be an integer from 60/],
    [{ OAUTH_REFRESH_TOKEN_IDLE_TTL_SECONDS: '9000', OAUTH_REFRESH_TOKEN_MAX_TTL_SECONDS: '8000' }, /must not exceed OAUTH_REFRESH_TOKEN_MAX_TTL_SECONDS/],
  ])('%j: %s', (env, message) => {
    expect(() => loadOAuthConfig(env)).toThrow(ConfigError);
    expect(() => loadOAuthConfig(env)).toThrow(message);
  });
});
