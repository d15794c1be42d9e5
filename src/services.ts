// The services every handler, tool and serving route reaches (app.ts builds them): configuration, the
// database, derived keys, rate limits, the credential cache, the passcode keyring, captures, page limits,
// watches, the OAuth authorization server.
import type { Db } from 'mongodb';
import type { Config } from './config/config.ts';
import type { DerivedKeys } from './auth/keys.ts';
import type { RateLimits } from './auth/rate-limit.ts';
import type { CredentialCache } from './auth/credential-cache.ts';
import type { Keyring } from './pages/secrets.ts';
import type { CaptureRunner } from './capture/capture-runner.ts';
import type { PageLimits } from './pages/pages.ts';
import type { OAuthServer } from './oauth/oauth-server.ts';
import type { WatchService } from './watches/watch-service.ts';

export interface Services {
  config: Config;
  db: Db;
  /** `signing` signs session JWTs and, per purpose, gate cookies, grants, previews and MCP session ids. */
  keys: DerivedKeys;
  limits: RateLimits;
  credentials: CredentialCache;
  /** Encrypts page passcodes (derived from SECRET_KEY, separate from the signing key). */
  keyring: Keyring;
  /** Runs captures of a `source_url` as jobs. */
  capture: CaptureRunner;
  /** What new page content must fit in: page size, the owner's quota, the disk's free space. */
  pageLimits: PageLimits;
  /** Watches: sources re-captured into their page on a schedule, and their signals. */
  watches: WatchService;
  /** The OAuth authorization server for MCP clients; also resolves OAuth access tokens as callers. */
  oauth: OAuthServer;
}
