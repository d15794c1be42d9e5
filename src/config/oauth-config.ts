// Settings of the OAuth authorization server for MCP clients (OAUTH_*), from the environment.
import fs from 'node:fs';
import { ConfigError, integer } from '../shared/config-values.ts';

/** A client registered by the operator (for clients that cannot register themselves). */
export interface PreRegisteredClient {
  client_id: string;
  /** Absent: a public client (PKCE only, no secret). */
  client_secret?: string;
  client_name?: string;
  redirect_uris: string[];
}

export interface OAuthConfig {
  accessTokenTtlSeconds: number;
  /** A refresh token unused this long expires; each use issues a new one (rotation). */
  refreshTokenIdleTtlSeconds: number;
  /** No refresh token of a grant lives past this, however often it is rotated. */
  refreshTokenMaxTtlSeconds: number;
  /** Dynamic client registrations per client address per hour. */
  registrationsPerHour: number;
  /** A dynamically registered client that never gets a token is deleted after this long. */
  unusedClientTtlSeconds: number;
  clients: PreRegisteredClient[];
  /**
   * Extra certificate authorities (PEM) trusted when fetching Client ID Metadata Documents, e.g. a private CA
   * or a test's; public CAs are trusted anyway.
   */
  clientMetadataCa: string | undefined;
}

const DAY = 86_400;

/** Loopback host names of RFC 8252 (as URL.hostname spells them). */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** A redirect URI a code may be sent to: https, or http on a loopback address (a native client's own machine). */
export function isSecureRedirectUri(uri: string): boolean {
  const url = URL.parse(uri);
  return url !== null && (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)));
}

export const SECURE_REDIRECT_RULE = 'redirect_uris must use https, or http on a loopback address (127.0.0.1, [::1], localhost)';

function preRegisteredClients(env: NodeJS.ProcessEnv): PreRegisteredClient[] {
  const raw = env.OAUTH_CLIENTS_FILE ? readFile(env.OAUTH_CLIENTS_FILE, 'OAUTH_CLIENTS_FILE') : env.OAUTH_CLIENTS;
  if (!raw) return [];
  const mustBe = 'OAUTH_CLIENTS must be a JSON array of {"client_id", "client_secret"?, "client_name"?, "redirect_uris": [...]}';
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(mustBe);
  }
  if (!Array.isArray(parsed)) throw new ConfigError(mustBe);
  return parsed.map((entry: Record<string, unknown>) => {
    const ok =
      entry &&
      typeof entry.client_id === 'string' &&
      entry.client_id !== '' &&
      (entry.client_secret === undefined || (typeof entry.client_secret === 'string' && entry.client_secret.length >= 32)) &&
      (entry.client_name === undefined || typeof entry.client_name === 'string') &&
      Array.isArray(entry.redirect_uris) &&
      entry.redirect_uris.length > 0 &&
      entry.redirect_uris.every((u) => typeof u === 'string' && URL.canParse(u));
    if (!ok) throw new ConfigError(`${mustBe}; a client_secret has at least 32 characters`);
    if (!(entry.redirect_uris as string[]).every(isSecureRedirectUri)) throw new ConfigError(`OAUTH_CLIENTS: ${SECURE_REDIRECT_RULE}`);
    return entry as unknown as PreRegisteredClient;
  });
}

function readFile(file: string, name: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`${name} ${file} cannot be read`);
  }
}

export function loadOAuthConfig(env: NodeJS.ProcessEnv): OAuthConfig {
  const config: OAuthConfig = {
    accessTokenTtlSeconds: integer(env, 'OAUTH_ACCESS_TOKEN_TTL_SECONDS', 3600, 60, DAY),
    refreshTokenIdleTtlSeconds: integer(env, 'OAUTH_REFRESH_TOKEN_IDLE_TTL_SECONDS', 30 * DAY, 300, 365 * DAY),
    refreshTokenMaxTtlSeconds: integer(env, 'OAUTH_REFRESH_TOKEN_MAX_TTL_SECONDS', 90 * DAY, 300, 3 * 365 * DAY),
    registrationsPerHour: integer(env, 'OAUTH_REGISTRATIONS_PER_HOUR', 20, 1, 100_000),
    unusedClientTtlSeconds: integer(env, 'OAUTH_UNUSED_CLIENT_TTL_SECONDS', 7 * DAY, 60, 365 * DAY),
    clients: preRegisteredClients(env),
    clientMetadataCa: env.OAUTH_CLIENT_METADATA_CA_FILE ? readFile(env.OAUTH_CLIENT_METADATA_CA_FILE, 'OAUTH_CLIENT_METADATA_CA_FILE') : undefined,
  };
  if (config.refreshTokenIdleTtlSeconds > config.refreshTokenMaxTtlSeconds) {
    throw new ConfigError('OAUTH_REFRESH_TOKEN_IDLE_TTL_SECONDS must not exceed OAUTH_REFRESH_TOKEN_MAX_TTL_SECONDS');
  }
  return config;
}
