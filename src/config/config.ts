// Configuration from the environment. Anything invalid stops the process at start with one line.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadCaptureConfig, type CaptureConfig } from './capture-config.ts';
import { loadOAuthConfig, type OAuthConfig } from './oauth-config.ts';
import { checkedList, ConfigError, integer, list, oneOf } from '../shared/config-values.ts';
import { trustedProxies } from '../shared/client-address.ts';

export interface Config {
  port: number;
  host: string;
  /** Base of every URL the API returns, without a trailing slash. */
  publicUrl: string;
  /** False when PUBLIC_URL was not set and publicUrl follows the port actually bound. */
  publicUrlExplicit: boolean;
  /** Unset: the embedded engine under dataDir. */
  mongodbUri: string | undefined;
  dataDir: string;
  /** Instance secret; signing and encryption keys are derived from it. */
  secretKey: string;
  secretKeySource: 'env' | 'file' | 'generated';
  signupMode: 'invite' | 'open';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** JSON lines, readable lines, or `auto`: readable when stdout is a terminal (see src/server/log-output.ts). */
  logFormat: 'auto' | 'json' | 'pretty';
  /** Requests per user per window, shared by REST and MCP. */
  rateLimit: { points: number; durationSeconds: number };
  sessionTtlSeconds: number;
  /** A browser session (the web app's cookie) ends after this long without use. */
  browserSessionTtlSeconds: number;
  /** Largest total size of one page's files. */
  uploadLimitBytes: number;
  /** Bytes of stored page files each user may have. */
  userQuotaBytes: number;
  /** Versions kept per page, the live one included (older ones are removed; rollback reaches those kept). */
  pageVersionsKept: number;
  /** How long a one-time upload link (outpost_upload_url, outpost_update_files) works. */
  uploadLinkTtlSeconds: number;
  /** With the embedded engine: page content is refused while less than this is free in dataDir (0: never). */
  diskFreeFloorBytes: number;
  /** Bytes of large page files copied to dataDir/serve-cache to be served from there (0: none). */
  serveCacheBytes: number;
  /** Extra Origins (scheme://host[:port]) and Host names the MCP endpoints accept. */
  mcpAllowedOrigins: string[];
  mcpAllowedHosts: string[];
  /** Where the e-mail gate's links are sent through (smtp:// or smtps://); unset: the links are logged. */
  smtpUrl: string | undefined;
  /** The From of those mails. */
  mailFrom: string;
  /** Limits and the network guard of source_url captures. */
  capture: CaptureConfig;
  /** Watches (scheduled re-captures) each user may have. */
  watchesPerUser: number;
  /** The OAuth authorization server for MCP clients: token lifetimes, registration limits, pre-registered clients. */
  oauth: OAuthConfig;
  /**
   * Reverse proxies whose X-Forwarded-For is believed (CIDRs, addresses or `loopback`); empty: nobody's, the TCP
   * peer is the client.
   */
  trustProxy: string[];
  /** How long SIGTERM/SIGINT may take to stop the server before the process exits anyway. */
  shutdownGraceMs: number;
  /** Limits on the HTTP listener's connections (see src/server/connection-limits.ts). */
  connections: ConnectionLimits;
}

export interface ConnectionLimits {
  /** Open connections in all; more are closed as they arrive. */
  max: number;
  /** Open connections from one client address (an IPv6 /64); TRUST_PROXY peers are not counted. */
  perClient: number;
  /** How long a connection may sit idle after a response before it is closed. */
  keepAliveTimeoutSeconds: number;
  /** How long a client may take to send a request's headers. */
  headersTimeoutSeconds: number;
  /** How long a client may take to send a whole request, body included (uploads); responses are not limited. */
  requestTimeoutSeconds: number;
}

export { ConfigError };

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function publicUrl(raw: string | undefined, port: number): string {
  const value = raw || `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`PUBLIC_URL must be an absolute http(s) URL (got "${value}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`PUBLIC_URL must use http or https (got "${value}")`);
  if (url.search || url.hash || url.username) throw new ConfigError(`PUBLIC_URL must not contain a query, fragment or credentials (got "${value}")`);
  return url.toString().replace(/\/+$/, '');
}

/**
 * SECRET_KEY, else SECRET_KEY_FILE, else `DATA_DIR/secret.key` (created with 32 random bytes on
 * first start, readable by the owner only).
 */
function secretKey(env: NodeJS.ProcessEnv, dataDir: string): { secretKey: string; secretKeySource: Config['secretKeySource'] } {
  if (env.SECRET_KEY) {
    if (env.SECRET_KEY.length < 32) throw new ConfigError('SECRET_KEY must be at least 32 characters');
    return { secretKey: env.SECRET_KEY, secretKeySource: 'env' };
  }
  const file = env.SECRET_KEY_FILE || path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) {
    const key = fs.readFileSync(file, 'utf8').trim();
    if (key.length < 32) throw new ConfigError(`The secret key in ${file} must be at least 32 characters`);
    return { secretKey: key, secretKeySource: 'file' };
  }
  if (env.SECRET_KEY_FILE) throw new ConfigError(`SECRET_KEY_FILE ${file} does not exist`);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${crypto.randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  return { secretKey: fs.readFileSync(file, 'utf8').trim(), secretKeySource: 'generated' };
}

function connectionLimits(env: NodeJS.ProcessEnv): ConnectionLimits {
  const limits: ConnectionLimits = {
    max: integer(env, 'MAX_CONNECTIONS', 4096, 1, 1_000_000),
    perClient: integer(env, 'MAX_CONNECTIONS_PER_CLIENT', 64, 1, 1_000_000),
    keepAliveTimeoutSeconds: integer(env, 'KEEP_ALIVE_TIMEOUT_SECONDS', 5, 1, 3600),
    headersTimeoutSeconds: integer(env, 'HEADERS_TIMEOUT_SECONDS', 20, 1, 3600),
    requestTimeoutSeconds: integer(env, 'REQUEST_TIMEOUT_SECONDS', 600, 1, 86_400),
  };
  if (limits.headersTimeoutSeconds > limits.requestTimeoutSeconds) {
    throw new ConfigError(
      `HEADERS_TIMEOUT_SECONDS (${limits.headersTimeoutSeconds}) must not exceed REQUEST_TIMEOUT_SECONDS (${limits.requestTimeoutSeconds}); lower the first or raise the second`,
    );
  }
  return limits;
}

function smtpUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('SMTP_URL must be a URL like smtp://user:pass@host:587');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new ConfigError('SMTP_URL must use smtp or smtps');
  if (!url.hostname) throw new ConfigError('SMTP_URL must name a host');
  return raw;
}

/** DATA_DIR as an absolute path (default ./data), without reading anything else. */
export function dataDirFrom(env: NodeJS.ProcessEnv): string {
  return path.resolve(env.DATA_DIR || './data');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const dataDir = dataDirFrom(env);
  const mongodbUri = env.MONGODB_URI || undefined;
  if (mongodbUri && !/^mongodb(\+srv)?:\/\//.test(mongodbUri)) {
    throw new ConfigError('MONGODB_URI must start with mongodb:// or mongodb+srv://');
  }
  return {
    port,
    host: env.HOST || '127.0.0.1',
    publicUrl: publicUrl(env.PUBLIC_URL, port),
    publicUrlExplicit: Boolean(env.PUBLIC_URL),
    mongodbUri,
    dataDir,
    ...secretKey(env, dataDir),
    signupMode: oneOf(env, 'SIGNUP_MODE', ['invite', 'open'] as const, 'invite'),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    // In production a log is for collectors, even when a terminal is attached.
    logFormat: oneOf(env, 'LOG_FORMAT', ['auto', 'json', 'pretty'] as const, env.NODE_ENV === 'production' ? 'json' : 'auto'),
    rateLimit: {
      points: integer(env, 'RATE_LIMIT_REQUESTS', 600, 1, 1_000_000),
      durationSeconds: integer(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400),
    },
    sessionTtlSeconds: integer(env, 'SESSION_TTL_SECONDS', 3600, 60, 30 * 86_400),
    browserSessionTtlSeconds: integer(env, 'BROWSER_SESSION_TTL_SECONDS', 7 * 86_400, 300, 30 * 86_400),
    uploadLimitBytes: integer(env, 'UPLOAD_LIMIT_MB', 50, 1, 10_240) * 1024 * 1024,
    userQuotaBytes: integer(env, 'USER_QUOTA_MB', 1024, 1, 1024 * 1024 * 1024) * 1024 * 1024,
    pageVersionsKept: integer(env, 'PAGE_VERSIONS_KEPT', 10, 1, 1000),
    uploadLinkTtlSeconds: integer(env, 'UPLOAD_LINK_TTL_SECONDS', 900, 1, 86_400),
    diskFreeFloorBytes: integer(env, 'DISK_FREE_FLOOR_MB', 1024, 0, 1024 * 1024 * 1024) * 1024 * 1024,
    serveCacheBytes: integer(env, 'SERVE_CACHE_MB', 1024, 0, 1024 * 1024 * 1024) * 1024 * 1024,
    mcpAllowedOrigins: list(env, 'MCP_ALLOWED_ORIGINS').map((o) => {
      try {
        return new URL(o).origin;
      } catch {
        throw new ConfigError(`MCP_ALLOWED_ORIGINS entries must be origins like https://app.example.com (got "${o}")`);
      }
    }),
    mcpAllowedHosts: list(env, 'MCP_ALLOWED_HOSTS').map((h) => h.toLowerCase()),
    smtpUrl: smtpUrl(env.SMTP_URL),
    mailFrom: env.MAIL_FROM?.trim() || 'Outpost <outpost@localhost>',
    capture: loadCaptureConfig(env),
    watchesPerUser: integer(env, 'WATCHES_PER_USER', 20, 0, 10_000),
    oauth: loadOAuthConfig(env),
    trustProxy: checkedList(env, 'TRUST_PROXY', (entry) => trustedProxies([entry]), 'proxy networks like 10.0.0.0/8, addresses like 127.0.0.1, or loopback'),
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 30_000, 1000, 600_000),
    connections: connectionLimits(env),
  };
}
