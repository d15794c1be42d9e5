// What every handler and plugin shares: configuration, the database, derived keys, rate limits.
import type { Db } from 'mongodb';
import type { Config } from './config.ts';
import type { RateLimits } from './auth/rate-limit.ts';
import type { CredentialCache } from './server/credential-cache.ts';
import type { Keyring } from './pages/secrets.ts';
import type { CaptureRunner } from './capture/capture-runner.ts';
import type { PageLimits } from './pages/pages.ts';

export interface App {
  config: Config;
  db: Db;
  keys: { jwt: Uint8Array; encryption: Buffer };
  limits: RateLimits;
  credentials: CredentialCache;
  /** Encrypts page passcodes (derived from SECRET_KEY, separate from the signing key). */
  keyring: Keyring;
  /** Runs captures of a `source_url` as jobs. */
  capture: CaptureRunner;
  /** What new page content must fit in: page size, the owner's quota, the disk's free space. */
  pageLimits: PageLimits;
}
