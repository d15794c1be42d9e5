// `npm run bench:db-copy` (`-- --quick` for 20 MB instead of 200 MB): `npm run db:copy` from an embedded data
// directory to a second engine on TCP (with its password), as a child process, timed from the outside.
// The data: Outpost-like collections plus a GridFS bucket, half of its bytes in 3 MB files and half in 16 KB
// files (per-document costs show in the second half). The baseline is Outpost's own write path for the same
// bytes: the GridFS uploads that seeded the source, measured in this process. The copy's peak memory is measured
// by /usr/bin/time when it is there; with the embedded source it includes the engine's working set (the data).
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

const sourceDir = makeTempDir('bench-copy-src');
const targetDir = makeTempDir('bench-copy-dst');
try {
  const source = await startEngine({ dataDir: sourceDir, log: () => undefined });
  const client = new MongoClient(source.uri);
  const seeded = process.hrtime.bigint();
  await seedOutpostLikeData(client.db('outpost'), sizes, 2000);
  const seedSeconds = Number(process.hrtime.bigint() - seeded) / 1e9;
  await client.close();
  await source.close();

  const target = await spawnCli(targetDir, ['--port', '0']);
  const password = fs.readFileSync(path.join(targetDir, 'engine-password'), 'utf8').trim();
  const to = target.uri.replace('mongodb://', `mongodb://outpost:${password}@`).replace(/\/?(\?.*)?$/, '/outpost');
  try {
    const timed = fs.existsSync('/usr/bin/time');
    const command = [process.execPath, path.join(repoRoot, 'src/db-copy/cli.ts')];
    const started = process.hrtime.bigint();
    const run = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(timed ? '/usr/bin/time' : command[0], [...(timed ? ['-f', 'maxrss_kb=%M', ...command] : command.slice(1))], {
        cwd: repoRoot,
        env: { ...process.env, DATA_DIR: sourceDir, DB_COPY_TO: to, MONGODB_URI: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (b: Buffer) => (out += b));
      child.stderr.on('data', (b: Buffer) => (out += b));
      child.once('close', (code) => resolve({ code, out }));
    });
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    if (run.code !== 0) throw new Error(`db:copy exited with ${run.code}:\n${run.out}`);
    const copied = /Copied .* in ([\d.]+) s/.exec(run.out);
    const verified = /Verified in ([\d.]+) s/.exec(run.out);
    const rss = /maxrss_kb=(\d+)/.exec(run.out);
    const seedRate = totalMb / seedSeconds;
    const copyRate = totalMb / Number(copied![1]);
    console.log(`\n== npm run db:copy, ${totalMb.toFixed(0)} MB of GridFS files (${sizes.length} files) and ~2,400 documents, engine → engine (TCP, SCRAM) ==`);
    console.log(`copy                      ${copied![1]} s   ${copyRate.toFixed(1)} MB/s`);
    console.log(`verify (both sides)       ${verified![1]} s   ${(totalMb / Number(verified![1])).toFixed(1)} MB/s`);
    console.log(`whole command (wall)      ${wall.toFixed(1)} s (process start, engine start on the data directory, copy, verify)`);
    if (rss) console.log(`peak memory of db:copy    ${(Number(rss[1]) / 1024).toFixed(0)} MB (the embedded source's working set included)`);
    console.log(`baseline: GridFS upload   ${seedSeconds.toFixed(1)} s   ${seedRate.toFixed(1)} MB/s (Outpost's own write path, into the engine in process)`);
    console.log(`ratio copy / upload       ${(copyRate / seedRate).toFixed(2)}`);
  } finally {
    await killHard(target);
  }
} finally {
  removeDir(sourceDir);
  removeDir(targetDir);
}
