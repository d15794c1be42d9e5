// `npm run db:copy -- --to mongodb://…`: copies Outpost's database from the embedded engine in DATA_DIR (or from
// the server given by --from) to another MongoDB server, then verifies the copy. Exit code 0: copied and
// verified; 1: refused, failed, or the verification found a difference; 2: bad arguments.
// Threat model: the target URI usually holds a password. It can come from DB_COPY_TO instead of the command
// line (which other accounts may see in `ps`), and it is never printed: messages name hosts and database only.
import { parseArgs } from 'node:util';
import { dataDirFrom } from '../config/config.ts';
import { copyCollection, listCollections } from './copy.ts';
import { CopyRefusal, openEmbedded, openServer, sameDatabase, scrub, type Endpoint } from './endpoints.ts';
import { megabytes, Progress } from './progress.ts';
import { verifyCopy } from './verify.ts';

const USAGE = `usage: npm run db:copy -- --to <mongodb-uri> [--data-dir <dir> | --from <mongodb-uri>] [--drop-target] [--verify-only]
  --to           the target server and database (default database: outpost); or set DB_COPY_TO
  --data-dir     Outpost's data directory to copy from (default: DATA_DIR, else ./data); Outpost must be stopped
  --from         copy from a running server instead (such as \`npm run db\`); or set DB_COPY_FROM
  --drop-target  delete everything in the target database first (without it, a non-empty target is refused)
  --verify-only  copy nothing: compare the source with the target (counts, contents, indexes, GridFS file hashes)`;

const OPTIONS = {
  to: { type: 'string' },
  from: { type: 'string' },
  'data-dir': { type: 'string' },
  'drop-target': { type: 'boolean', default: false },
  'verify-only': { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];
try {
  ({ values } = parseArgs({ options: OPTIONS }));
} catch (e) {
  exit(2, `${(e as Error).message}\n${USAGE}`);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const to = values.to ?? (process.env.DB_COPY_TO || undefined);
const from = values.from ?? (process.env.DB_COPY_FROM || undefined);
if (!to) exit(2, `Name the target with --to (or DB_COPY_TO)\n${USAGE}`);
for (const [flag, uri] of [
  ['--to', to],
  ['--from', from],
] as const) {
  if (uri !== undefined && !/^mongodb(\+srv)?:\/\//.test(uri)) exit(2, `${flag} must be a mongodb:// or mongodb+srv:// URI`);
}
if (from && values['data-dir']) exit(2, `Give --from or --data-dir, not both\n${USAGE}`);
if (from && sameDatabase(from, to)) exit(2, '--from and --to name the same database');
if (values['drop-target'] && values['verify-only']) exit(2, '--verify-only changes nothing: it does not take --drop-target');

const endpoints: Endpoint[] = [];
let stopping = false;
let copying = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopping = true;
    console.error(`\n${signal}: stopping${copying ? '; the target holds a partial copy (run again with --drop-target)' : ''}`);
    void closeAll().finally(() => process.exit(130));
  });
}

try {
  process.exitCode = await run(to, from);
} catch (e) {
  if (!stopping) {
    const partial = copying ? ' The target holds a partial copy: run db:copy again with --drop-target once the cause is fixed.' : '';
    const message = e instanceof CopyRefusal ? e.message : `db:copy failed: ${(e as Error)?.message ?? String(e)}.${partial}`;
    console.error(scrub(message, [to, from]));
    process.exitCode = 1;
  }
} finally {
  await closeAll();
}

async function run(to: string, from: string | undefined): Promise<number> {
  if (!from && process.env.MONGODB_URI) console.log('MONGODB_URI is set, but db:copy reads DATA_DIR (pass --from to copy from another server).');
  const source = from ? await openServer(from, 'source') : await openEmbedded(values['data-dir'] ?? dataDirFrom(process.env));
  endpoints.push(source);
  const target = await openServer(to, 'target');
  endpoints.push(target);
  const what = `database ${source.db.databaseName} from ${source.label} to ${target.label}`;

  const collections = await listCollections(source.db);
  if (collections.length === 0) throw new CopyRefusal(`The source database ${source.db.databaseName} in ${source.label} has no collections: nothing to copy`);
  const progress = new Progress(process.stdout);

  if (!values['verify-only']) {
    const existing = await listCollections(target.db);
    if (existing.length && !values['drop-target']) {
      throw new CopyRefusal(
        `The target database ${target.label} is not empty (${existing.length} collections: ${existing
          .slice(0, 5)
          .map((c) => c.name)
          .join(', ')}${existing.length > 5 ? ', …' : ''}). db:copy writes only into an empty database; pass --drop-target to delete its contents first.`,
      );
    }
    if (existing.length) {
      console.log(`Deleting the ${existing.length} collections of the target database ${target.label}, as --drop-target asks`);
      // Collection by collection: the readWrite role may drop collections, not databases.
      for (const { name } of existing) await target.db.collection(name).drop();
    }
    console.log(`Copying ${what}: ${collections.length} collections`);
    copying = true;
    const started = Date.now();
    let docs = 0;
    let bytes = 0;
    for (const info of collections) {
      const copied = await copyCollection(source.db, target.db, info, progress);
      docs += copied.docs;
      bytes += copied.bytes;
    }
    copying = false;
    const seconds = (Date.now() - started) / 1000;
    console.log(`Copied ${docs} documents, ${megabytes(bytes)} in ${seconds.toFixed(1)} s (${megabytes(bytes / Math.max(seconds, 0.001))}/s)`);
  }

  console.log(`Verifying ${what}`);
  const started = Date.now();
  const report = await verifyCopy(source.db, target.db, progress);
  for (const note of report.notes) console.log(note);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (report.problems.length) {
    console.error(`Verification FAILED (${seconds} s): the target differs from the source:\n${report.problems.map((p) => `  - ${p}`).join('\n')}`);
    return 1;
  }
  console.log(
    `Verified in ${seconds} s: ${report.collections} collections, ${report.docs} documents and their indexes, ${report.files} GridFS files (${megabytes(report.fileBytes)}) are the same on both sides.`,
  );
  if (!values['verify-only'])
    console.log('Next: set MONGODB_URI to the --to URI and start Outpost; keep the old data directory until you have checked it works.');
  return 0;
}

async function closeAll(): Promise<void> {
  const open = endpoints.splice(0);
  await Promise.all(open.map((e) => e.close().catch(() => undefined)));
}

function exit(code: number, message: string): never {
  console.error(message);
  process.exit(code);
}
