// Standalone engine for any MongoDB client. `npm run db -- --dbpath ./data` listens on the Unix socket
// ./data/engine.sock, which only this account can open. `--port 27017` listens on TCP instead, where
// clients authenticate (SCRAM-SHA-256) as `outpost` with the password kept in ./data/engine-password;
// `--no-auth` drops that, loudly.
import { parseArgs } from 'node:util';
import { loadOrCreateCredentials } from './credentials.ts';
import { startEngine } from './server.ts';

const USAGE =
  'usage: npm run db -- [--dbpath ./data] [--in-memory] [--port 27017 [--host 127.0.0.1] [--no-auth]] [--compaction-bytes N] [--blob-compaction-bytes N]';

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      dbpath: { type: 'string', default: './data' },
      'in-memory': { type: 'boolean', default: false },
      'no-auth': { type: 'boolean', default: false },
      // Tuning (and tests that make compactions frequent): superseded journal bytes and deleted blob
      // bytes that trigger a rewrite.
      'compaction-bytes': { type: 'string' },
      'blob-compaction-bytes': { type: 'string' },
    },
  }));
} catch (e) {
  exit(2, `${(e as Error).message}\n${USAGE}`);
}

const tcp = values.port !== undefined;
const port = Number(values.port);
if (tcp && (!/^\d+$/.test(values.port!) || port > 65535)) exit(2, `Invalid --port ${values.port}: give a number from 0 to 65535`);
if (!tcp && values.host !== undefined) exit(2, `--host needs --port: without a port the engine listens on a Unix socket\n${USAGE}`);
const byteCount = (flag: 'compaction-bytes' | 'blob-compaction-bytes') => {
  const raw = values[flag];
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) exit(2, `Invalid --${flag} ${raw}: give a number of bytes\n${USAGE}`);
  return Number(raw);
};
const compactionBytes = byteCount('compaction-bytes');
const blobCompactionBytes = byteCount('blob-compaction-bytes');
if (!tcp && values['no-auth']) exit(2, `--no-auth needs --port: the Unix socket is already private to this account\n${USAGE}`);

try {
  const credentials = tcp && !values['no-auth'] ? loadOrCreateCredentials(values.dbpath) : undefined;
  const engine = await startEngine({
    dataDir: values.dbpath,
    inMemory: values['in-memory'],
    compactionBytes,
    blobCompactionBytes,
    ...(tcp ? { port, host: values.host ?? '127.0.0.1', auth: credentials ?? false } : {}),
  });
  const address = engine.socketPath ? encodeURIComponent(engine.socketPath) : `${engine.host!.includes(':') ? `[${engine.host}]` : engine.host}:${engine.port}`;
  if (credentials) {
    // The password stays out of the output, which often ends up in logs others can read.
    console.log(
      `clients authenticate as "${credentials.username}" (SCRAM-SHA-256) with the password in ${credentials.file}${credentials.created ? ' (generated now)' : ''}: mongodb://${credentials.username}:<password>@${address}/`,
    );
  } else if (tcp) {
    warnUnauthenticated(address);
  }
  // Last: tools wait for this line.
  console.log(`listening mongodb://${address}`);
  const stop = () => void engine.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (e) {
  exit(1, `Cannot start the engine: ${(e as Error).message}`);
}

function warnUnauthenticated(address: string): void {
  const rule = '!'.repeat(78);
  console.error(
    [
      rule,
      `WARNING: --no-auth: the engine on ${address} accepts every client without a password.`,
      'WARNING: Every account on this machine (and anyone who can reach the port) can read and change',
      'WARNING: all data, password and token hashes included, and make any user an administrator.',
      'WARNING: Drop --port to use the private Unix socket, or drop --no-auth to require the password.',
      rule,
    ].join('\n'),
  );
}

function exit(code: number, message: string): never {
  console.error(message);
  process.exit(code);
}
