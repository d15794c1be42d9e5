// The application's database: MONGODB_URI when set, otherwise the embedded engine under DATA_DIR.
// Everything after this point talks to the official driver only.
import { MongoClient, type Db } from 'mongodb';
import { ConfigError } from './shared/config-values.ts';
import { socketPathIn, socketPathTooLong, startEngine, startEngineInWorker, type RunningEngine } from './engine/index.ts';

export interface DatabaseConfig {
  mongodbUri?: string;
  dataDir: string;
  /** Embedded engine without persistence (tests). */
  inMemory?: boolean;
  /**
   * Where the embedded engine runs: `worker` (its own thread, the default with a data directory) or `same`
   * (this thread, the default in memory, where a test's engine starts without loading a thread).
   */
  engineThread?: 'worker' | 'same';
}

export interface Database {
  client: MongoClient;
  db: Db;
  /** The URI the driver connected to (the embedded engine's when MONGODB_URI is unset). */
  uri: string;
  embedded: boolean;
  close(): Promise<void>;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  let engine: RunningEngine | undefined;
  if (!config.mongodbUri && !config.inMemory) checkSocketPath(config.dataDir);
  // The engine listens on a Unix socket inside DATA_DIR (0700), so only this account can reach it.
  const uri = config.mongodbUri ?? (engine = await startEmbedded(config)).uri;
  const client = new MongoClient(uri);
  try {
    await client.connect();
  } catch (e) {
    await engine?.close();
    throw e;
  }
  return {
    client,
    db: client.db(databaseName(uri)),
    uri,
    embedded: Boolean(engine),
    async close() {
      await client.close();
      await engine?.close();
    },
  };
}

function startEmbedded(config: DatabaseConfig): Promise<RunningEngine> {
  const options = { dataDir: config.dataDir, inMemory: config.inMemory };
  const thread = config.engineThread ?? (config.inMemory ? 'same' : 'worker');
  return thread === 'worker' ? startEngineInWorker(options) : startEngine(options);
}

function checkSocketPath(dataDir: string): void {
  const tooLong = socketPathTooLong(socketPathIn(dataDir));
  if (tooLong)
    throw new ConfigError(
      `DATA_DIR ${dataDir} is too long: ${tooLong}. Set DATA_DIR to a shorter path (such as /var/lib/outpost), or MONGODB_URI to use another database.`,
    );
}

/** The database named in the URI's path, else `outpost` (the driver's own default would be `test`). */
export function databaseName(uri: string): string {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri);
  return match ? decodeURIComponent(match[1]) : 'outpost';
}
