// Standalone engine: `npm run db -- --port 27017 --dbpath ./data` (any MongoDB client can connect).
import { parseArgs } from 'node:util';
import { startEngine } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '27017' },
    host: { type: 'string', default: '127.0.0.1' },
    dbpath: { type: 'string', default: './data' },
    'in-memory': { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid --port ${values.port}`);
  process.exit(2);
}

try {
  const engine = await startEngine({ port, host: values.host, dataDir: values.dbpath, inMemory: values['in-memory'] });
  console.log(`listening mongodb://${engine.host.includes(':') ? `[${engine.host}]` : engine.host}:${engine.port}`);
  const stop = () => void engine.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (e) {
  console.error(`Cannot start the engine: ${(e as Error).message}`);
  process.exit(1);
}
