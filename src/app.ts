// Starting and stopping Outpost: database, indexes, rate limits, keys, then the HTTP server.
import type { Server } from '@hapi/hapi';
import { ensureBrowserSessionIndexes } from './accounts/browser-sessions.ts';
import { ensureInvitationIndexes } from './accounts/invitations.ts';
import { ensureTokenIndexes } from './accounts/tokens.ts';
import { ensureUserIndexes } from './accounts/users.ts';
import type { Services } from './services.ts';
import { deriveKeys } from './auth/keys.ts';
import { createRateLimits } from './auth/rate-limit.ts';
import type { Config } from './config/config.ts';
import { openDatabase, type Database } from './db.ts';
import { ensureEventIndexes } from './mcp/events.ts';
import { ensureSessionIndexes } from './mcp/sessions.ts';
import { createServer } from './server/create-server.ts';
import { CredentialCache } from './auth/credential-cache.ts';
import { ensureFileIndexes } from './pages/file-store.ts';
import { ensurePageIndexes, type PageLimits } from './pages/pages.ts';
import { ensureUploadLinkIndexes } from './pages/upload-links.ts';
import { ensureViewStatsIndexes } from './pages/view-stats.ts';
import { DiskGuard } from './pages/disk-guard.ts';
import { StorageSweeper, type SweepReport } from './pages/storage-sweeper.ts';
import { ensureEmailLinkIndexes } from './serve/email-gate.ts';
import { CaptureRunner } from './capture/capture-runner.ts';
import { ensureJobIndexes } from './capture/jobs.ts';
import { keyringFrom } from './pages/secrets.ts';
import type { ServerOptions } from './server/create-server.ts';
import type { LookupHook } from './capture/net/host-lookup.ts';
import { OAuthServer } from './oauth/oauth-server.ts';
import { ensureOAuthIndexes } from './oauth/store.ts';
import { warmModernMcp } from './mcp/modern-on-demand.ts';
import { mcpServerModule } from './mcp/mcp-server-on-demand.ts';
import { warmUp } from './shared/warm-up.ts';
import { ensureWatchIndexes } from './watches/watches.ts';
import { ensureSignalIndexes } from './watches/signals.ts';
import { WatchService, type WatchServiceOptions } from './watches/watch-service.ts';

const WARM_UP_DELAY_MS = 1000;

export interface Outpost {
  app: Services;
  server: Server;
  database: Database;
  /** The address the server listens on (for tests: the ephemeral port). */
  url: string;
  /** Removes leftovers of interrupted uploads, at start and periodically (one instance at a time). */
  sweeper: StorageSweeper;
  /** The sweep started with the server (null if another instance holds the sweep lease). */
  firstSweep: Promise<SweepReport | null>;
  /** Resolves once the modules left for first use are loaded (at once without `warmUp`). */
  warmedUp: Promise<void>;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  stop(): Promise<void>;
}

export interface StartOptions extends ServerOptions {
  /** Use an in-memory embedded engine (tests). */
  inMemory?: boolean;
  /** Resolves host names for captures instead of DNS (tests). */
  captureLookup?: LookupHook;
  /** The watches' clock, poll interval and webhook retry waits (tests). */
  watches?: Pick<WatchServiceOptions, 'now' | 'pollMs' | 'webhookRetryDelaysMs'>;
  /** Once listening, load in the background what the first MCP 2026-07-28 and OAuth requests would (npm start). */
  warmUp?: boolean;
}

export async function startOutpost(config: Config, options: StartOptions = {}): Promise<Outpost> {
  const database = await openDatabase({ mongodbUri: config.mongodbUri, dataDir: config.dataDir, inMemory: options.inMemory });
  try {
    const { db } = database;
    await Promise.all([
      ensureUserIndexes(db),
      ensureTokenIndexes(db),
      ensureInvitationIndexes(db),
      ensureBrowserSessionIndexes(db),
      ensureSessionIndexes(db),
      ensureEventIndexes(db),
      ensurePageIndexes(db),
      ensureUploadLinkIndexes(db),
      ensureFileIndexes(db),
      ensureEmailLinkIndexes(db),
      ensureViewStatsIndexes(db),
      ensureJobIndexes(db),
      ensureOAuthIndexes(db),
      ensureWatchIndexes(db),
      ensureSignalIndexes(db),
    ]);
    const limits = await createRateLimits(
      { storeClient: database.client, dbName: db.databaseName },
      { requests: { points: config.rateLimit.points, durationSeconds: config.rateLimit.durationSeconds } },
    );
    const keys = deriveKeys(config.secretKey);
    const keyring = keyringFrom(keys.encryption);
    const pageLimits: PageLimits = {
      maxBytes: config.uploadLimitBytes,
      quotaBytes: config.userQuotaBytes,
      versionsKept: config.pageVersionsKept,
      // The embedded engine writes its journal into DATA_DIR; a MongoDB server's disk is its operator's.
      disk: database.embedded && !options.inMemory ? new DiskGuard(config.dataDir, config.diskFreeFloorBytes) : undefined,
    };
    const capture = new CaptureRunner(db, keyring, config.capture, pageLimits, options.captureLookup);
    const credentials = new CredentialCache();
    const oauth = new OAuthServer({
      db,
      storeClient: database.client,
      signingKey: keys.signing,
      config,
      credentials,
      publicUrl: () => app.config.publicUrl,
      lookup: options.captureLookup,
    });
    const watches = new WatchService({
      db,
      config,
      keyring,
      capture,
      limits,
      publicUrl: () => app.config.publicUrl,
      lookup: options.captureLookup,
      ...options.watches,
    });
    const app: Services = { config, db, keys, limits, credentials, keyring, capture, pageLimits, oauth, watches };
    const server = await createServer(app, options).catch(async (e) => {
      await watches.stop();
      await capture.stop();
      await oauth.close();
      throw e;
    });
    capture.useLogger(server.logger);
    await server.start();
    // Without PUBLIC_URL, URLs name the port actually bound (PORT=0 picks a free one).
    if (!config.publicUrlExplicit) app.config = { ...config, publicUrl: `http://localhost:${server.info.port}` };
    watches.start(server.logger);
    const sweeper = new StorageSweeper(db);
    const firstSweep = sweeper.start(server.logger);
    const warmedUp = options.warmUp
      ? warmUp(
          [
            ['the MCP 2025 server', mcpServerModule],
            ['the MCP 2026-07-28 handler', warmModernMcp],
            ['the OAuth provider', () => oauth.warm()],
          ],
          (message) => server.logger.error(message),
          // A health check right after the start is answered first.
          WARM_UP_DELAY_MS,
        )
      : Promise.resolve();
    let stopping: Promise<void> | undefined;
    return {
      app,
      server,
      database,
      url: server.info.uri,
      sweeper,
      firstSweep,
      warmedUp,
      stop() {
        stopping ??= (async () => {
          await sweeper.stop();
          // Captures first: their waiting requests then answer (cancelled) instead of holding the stop; the
          // watches' runs end with them.
          const watchesStopped = watches.stop();
          await capture.stop();
          await watchesStopped;
          await server.stop({ timeout: 10_000 });
          await oauth.close();
          await database.close();
        })();
        return stopping;
      },
    };
  } catch (e) {
    await database.close();
    throw e;
  }
}
