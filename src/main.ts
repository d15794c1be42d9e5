// Entry point for `npm start`.
import { openDatabase } from './db.ts';

const database = await openDatabase({
  mongodbUri: process.env.MONGODB_URI || undefined,
  dataDir: process.env.DATA_DIR || './data',
});
await database.db.command({ ping: 1 });
console.log(database.embedded
  ? `Outpost storage ready: embedded engine at ${database.uri} (data in ${process.env.DATA_DIR || './data'})`
  : 'Outpost storage ready: connected to MONGODB_URI');

const shutdown = () => void database.close().then(() => process.exit(0));
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
