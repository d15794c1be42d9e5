// `npm run db:copy` as a child process, engine to engine: a source data directory with Outpost-like data
// (indexes, every BSON type, a GridFS bucket of files up to a few MB) copied to a second engine on TCP with
// a password; the copy is compared document by document and byte by byte, the verification catches a target
// altered afterwards, a non-empty target is refused without --drop-target, and a data directory in use is refused.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Binary, GridFSBucket, MongoClient, type Db, type Document } from 'mongodb';
import { EJSON } from 'bson';
import { startEngine } from '../../src/engine/index.ts';
import { killHard, makeTempDir, realServer, removeDir, repoRoot, spawnCli, type CliProcess } from '../engine/harness.ts';
import { FAITHFUL_BSON } from '../../src/db-copy/endpoints.ts';
import { BUCKET, CHUNK_SIZE, seedOutpostLikeData, type SeededFile } from '../support/outpost-like-data.ts';

const TARGET_DB = 'moved';
const FILE_SIZES = [0, 10, 300 * 1024, CHUNK_SIZE, 1024 * 1024 + 7, 3 * 1024 * 1024];
const CHUNKS = FILE_SIZES.reduce((n, size) => n + Math.ceil(size / CHUNK_SIZE), 0);
const FILE_MB = (FILE_SIZES.reduce((a, b) => a + b) / 1048576).toFixed(1);

let sourceDir: string;
let targetDir: string;
let target: CliProcess;
let targetUri: string;
let password: string;
let client: MongoClient;
let files: SeededFile[];
/** The source's collections as canonical EJSON of each document in _id order, and its index specs. */
const expected = new Map<string, { docs: string[]; indexes: Document[] }>();

async function snapshot(db: Db, name: string): Promise<{ docs: string[]; indexes: Document[] }> {
  const docs = await db
    .collection(name)
    .find({}, { sort: { _id: 1 } })
    .toArray();
  const indexes = (await db.collection(name).listIndexes().toArray()).map(({ v: _v, ns: _ns, ...spec }) => spec);
  return { docs: docs.map((d) => EJSON.stringify(d, { relaxed: false })), indexes: indexes.sort((a, b) => (a.name < b.name ? -1 : 1)) };
}

function runCopy(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'src/db-copy/cli.ts'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATA_DIR: sourceDir, MONGODB_URI: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

async function targetCollections(): Promise<string[]> {
  return (await client.db(TARGET_DB).listCollections().toArray()).map((c) => c.name).sort();
}

beforeAll(async () => {
  sourceDir = makeTempDir('copy-src');
  targetDir = makeTempDir('copy-dst');
  const source = await startEngine({ dataDir: sourceDir, log: () => undefined });
  const sourceClient = new MongoClient(source.uri);
  try {
    const db = sourceClient.db('outpost', FAITHFUL_BSON);
    files = await seedOutpostLikeData(db, FILE_SIZES);
    for (const c of await db.listCollections().toArray()) expected.set(c.name, await snapshot(db, c.name));
  } finally {
    await sourceClient.close();
    await source.close();
  }
  target = await spawnCli(targetDir, ['--port', '0']);
  password = fs.readFileSync(path.join(targetDir, 'engine-password'), 'utf8').trim();
  targetUri = target.uri.replace('mongodb://', `mongodb://outpost:${password}@`).replace(/\/?(\?.*)?$/, `/${TARGET_DB}`);
  client = new MongoClient(targetUri);
});

afterAll(async () => {
  await client?.close();
  if (target) await killHard(target);
  for (const dir of [sourceDir, targetDir]) if (dir) removeDir(dir);
});

describe.skipIf(realServer)('npm run db:copy', () => {
  it('refuses while another process holds the data directory, and writes nothing', async () => {
    const holder = await spawnCli(sourceDir);
    try {
      const run = await runCopy(['--to', targetUri]);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain(`Cannot open the embedded database in ${sourceDir}`);
      expect(run.stderr).toContain('stop it first');
      expect(await targetCollections()).toEqual([]);
    } finally {
      holder.child.kill('SIGTERM');
      await holder.exited;
    }
  });

  it('copies every collection, its indexes and the GridFS files exactly, verifies, and never prints the password', async () => {
    const run = await runCopy([], { DB_COPY_TO: targetUri });
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain(`${BUCKET}.chunks: ${CHUNKS} docs`);
    expect(run.stdout).toContain(`GridFS files (${FILE_MB} MB) are the same on both sides`);
    expect(run.stdout).toMatch(/Verified in [\d.]+ s: 7 collections, \d+ documents and their indexes, 6 GridFS files/);
    expect(`${run.stdout}${run.stderr}`).not.toContain(password);

    const db = client.db(TARGET_DB, FAITHFUL_BSON);
    expect(await targetCollections()).toEqual([...expected.keys()].sort());
    for (const [name, want] of expected) {
      const got = await snapshot(db, name);
      expect(got.indexes, name).toEqual(want.indexes);
      // The TTL monitor may already have removed the expired session.
      const keep = (docs: string[]) => docs.filter((d) => !d.includes('"_id":"expired"'));
      expect(keep(got.docs), name).toEqual(keep(want.docs));
    }
    const bucket = new GridFSBucket(client.db(TARGET_DB), { bucketName: BUCKET });
    for (const file of files) {
      const chunks: Buffer[] = [];
      for await (const chunk of bucket.openDownloadStream(file.id)) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).equals(file.bytes), file.filename).toBe(true);
    }
  });

  it('refuses a non-empty target without --drop-target, and replaces it with it', async () => {
    const refused = await runCopy(['--to', targetUri]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not empty');
    expect(refused.stderr).toContain('--drop-target');
    expect(refused.stderr).not.toContain(password);

    await client.db(TARGET_DB).collection('stray').insertOne({ left: 'over' });
    const replaced = await runCopy(['--to', targetUri, '--drop-target']);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stdout).toContain('as --drop-target asks');
    expect(await targetCollections()).toEqual([...expected.keys()].sort());
  });

  it('--verify-only passes on a faithful copy (here read --from a running engine) and fails, naming what differs, once the target is altered', async () => {
    const running = await spawnCli(sourceDir);
    try {
      const clean = await runCopy(['--from', running.uri, '--to', targetUri, '--verify-only']);
      expect(clean.code, clean.stderr).toBe(0);
      expect(clean.stdout).toContain(`Verifying database outpost from mongodb://${sourceDir}/engine.sock/outpost`);
      expect(clean.stdout).not.toContain('Copying');
    } finally {
      running.child.kill('SIGTERM');
      await running.exited;
    }

    const db = client.db(TARGET_DB);
    const big = files.at(-1)!;
    const chunks = db.collection(`${BUCKET}.chunks`);
    const chunk = await chunks.findOne({ files_id: big.id, n: 2 });
    const altered = Buffer.from((chunk!.data as Binary).buffer);
    altered[100] ^= 0xff;
    await chunks.updateOne({ _id: chunk!._id }, { $set: { data: new Binary(altered) } });
    await db.collection('pages').updateOne({ slug: 'page-5' }, { $set: { slug: 'changed' } });
    await db.collection('capture_jobs').deleteOne({ n: 3 });

    const run = await runCopy(['--to', targetUri, '--verify-only']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Verification FAILED');
    expect(run.stderr).toContain(`GridFS bucket ${BUCKET}: 1 file(s) differ: "${big.filename}"`);
    expect(run.stderr).toContain(`${BUCKET}.chunks: the same ${CHUNKS} documents by count, but their contents differ`);
    expect(run.stderr).toContain('pages: the same 100 documents by count, but their contents differ');
    expect(run.stderr).toContain('capture_jobs: 20 documents on the source, 19 on the target');
  });
});
