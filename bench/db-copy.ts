// `npm run bench:db-copy` (`-- --quick` for 20 MB instead of 200 MB): `npm run db:copy` as a child process, timed
// from the outside, into a second engine on TCP (with its password), twice: from the data directory (the engine
// started inside db:copy, as the README's move does) and with --from a running `npm run db` on that directory (so
// the peak memory measured is db:copy's own: it must not grow with the data).
// The data: Outpost-like collections plus a GridFS bucket, half of its bytes in 3 MB files and half in 16 KB
// files (per-document costs show in the second half). The baseline is Outpost's own write path for the same
// bytes: the GridFS uploads that seeded the source, measured in this process. Peak memory comes from
// /usr/bin/time when it is there.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEngine } from '../src/engine/index.ts';
import { killHard, makeTempDir, removeDir, repoRoot, spawnCli } from '../test/engine/harness.ts';
import { seedOutpostLikeData } from '../test/support/outpost-like-data.ts';

const quick = process.argv.includes('--quick');
const MB = 1024 * 1024;
const half = (quick ? 20 : 200) * MB * 0.5;
const sizes = [
  ...Array.from({ length: Math.round(half / (3 * MB)) }, () => 3 * MB),
  ...Array.from({ length: Math.round(half / (16 * 1024)) }, () => 16 * 1024),
];
const totalMb = sizes.reduce((a, b) => a + b) / MB;

interface CopyRun {
  copySeconds: number;
  verifySeconds: number;
  wallSeconds: number;
  maxRssMb: number | undefined;
}

async function runCopy(env: Record<string, string>): Promise<CopyRun> {
  const timed = fs.existsSync('/usr/bin/time');
  const command = [process.execPath, path.join(repoRoot, 'src/db-copy/cli.ts'), '--drop-target'];
  const started = process.hrtime.bigint();
  const run = await new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(timed ? '/usr/bin/time' : command[0], timed ? ['-f', 'maxrss_kb=%M', ...command] : command.slice(1), {
      cwd: repoRoot,
      env: { ...process.env, MONGODB_URI: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b));
    child.stderr.on('data', (b: Buffer) => (out += b));
    child.once('close', (code) => resolve({ code, out }));
  });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const copied = /Copied .* in ([\d.]+) s/.exec(run.out);
  const verified = /Verified in ([\d.]+) s/.exec(run.out);
  if (run.code !== 0 || !copied || !verified) throw new Error(`db:copy exited with ${run.code}:\n${run.out}`);
  const rss = /maxrss_kb=(\d+)/.exec(run.out);
  return { copySeconds: Number(copied[1]), verifySeconds: Number(verified[1]), wallSeconds, maxRssMb: rss ? Number(rss[1]) / 1024 : undefined };
}

function print(label: string, run: CopyRun, uploadRate: number): void {
  const rate = totalMb / run.copySeconds;
  console.log(`\n-- ${label}`);
  console.log(
    `copy                      ${run.copySeconds.toFixed(1)} s   ${rate.toFixed(1)} MB/s   (ratio to GridFS upload ${(rate / uploadRate).toFixed(2)})`,
  );
  console.log(`verify (both sides)       ${run.verifySeconds.toFixed(1)} s   ${(totalMb / run.verifySeconds).toFixed(1)} MB/s`);
  console.log(`whole command (wall)      ${run.wallSeconds.toFixed(1)} s`);
  if (run.maxRssMb) console.log(`peak memory of db:copy    ${run.maxRssMb.toFixed(0)} MB`);
}

const sourceDir = makeTempDir('bench-copy-src');
const targetDir = makeTempDir('bench-copy-dst');
try {
  const source = await startEngine({ dataDir: sourceDir, log: () => undefined });
  const client = new MongoClient(source.uri);
  const seeded = process.hrtime.bigint();
  await seedOutpostLikeData(client.db('outpost'), sizes, 2000);
  const uploadRate = totalMb / (Number(process.hrtime.bigint() - seeded) / 1e9);
  await client.close();
  await source.close();

  const target = await spawnCli(targetDir, ['--port', '0']);
  const password = fs.readFileSync(path.join(targetDir, 'engine-password'), 'utf8').trim();
  const to = target.uri.replace('mongodb://', `mongodb://outpost:${password}@`).replace(/\/?(\?.*)?$/, '/outpost');
  try {
    const embedded = await runCopy({ DATA_DIR: sourceDir, DB_COPY_TO: to });
    const sourceServer = await spawnCli(sourceDir);
    let fromServer: CopyRun;
    try {
      fromServer = await runCopy({ DB_COPY_FROM: sourceServer.uri, DB_COPY_TO: to });
    } finally {
      await killHard(sourceServer);
    }
    console.log(`\n== npm run db:copy: ${totalMb.toFixed(0)} MB of GridFS files (${sizes.length} files) and ~2,400 documents, engine → engine (TCP, SCRAM) ==`);
    console.log(`baseline: GridFS upload   ${uploadRate.toFixed(1)} MB/s (Outpost's own write path, into an engine in process)`);
    print('from DATA_DIR (the engine in db:copy; its memory holds the data)', embedded, uploadRate);
    print('--from a running `npm run db` (db:copy alone)', fromServer, uploadRate);
  } finally {
    await killHard(target);
  }
} finally {
  removeDir(sourceDir);
  removeDir(targetDir);
}
