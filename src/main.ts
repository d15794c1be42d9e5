// `npm start`: configuration from the environment, then the server until SIGTERM/SIGINT.
import { ConfigError, loadConfig, type Config } from './config/config.ts';
import { enableCompileCache, saveCompileCache } from './shared/compile-cache.ts';

let config: Config;
try {
  config = loadConfig();
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.error(`Invalid configuration: ${e.message}`);
  process.exit(1);
}

enableCompileCache(config.dataDir);
// Imported after the compile cache is on, so that the app's modules load from it.
const { startOutpost } = await import('./app.ts');

// `npm run dev` passes --dev: tools/ is reloaded on change, without a restart.
const outpost = await startOutpost(config, { watchTools: process.argv.includes('--dev'), warmWebApp: true, warmUp: true }).catch((e: unknown) => {
  // Some settings can only be checked at start (such as a DATA_DIR too long for the engine's socket).
  if (!(e instanceof ConfigError)) throw e;
  console.error(`Invalid configuration: ${e.message}`);
  process.exit(1);
});
const log = outpost.server.logger;
// Everything a start and its warm-up compiled, kept for the next start.
void outpost.warmedUp.then(saveCompileCache);
if (config.secretKeySource === 'generated') {
  log.warn(
    `SECRET_KEY is not set: generated one in ${config.dataDir}/secret.key. Back it up; losing it signs everyone out and makes stored passcodes unreadable.`,
  );
}
log.info(
  `Outpost listening on ${outpost.url} (public URL ${outpost.app.config.publicUrl}, open it in a browser); database: ${outpost.database.embedded ? `embedded engine, data in ${config.dataDir}` : 'MONGODB_URI'}`,
);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: finishing in-flight requests`);
    setTimeout(() => {
      log.error(`${signal}: still stopping after ${config.shutdownGraceMs} ms (SHUTDOWN_GRACE_MS); exiting now`);
      process.exit(1);
    }, config.shutdownGraceMs).unref();
    outpost.stop().then(
      () => process.exit(0),
      (e) => {
        log.error(e, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
