// The engine side of `npm run bench:storage`, one phase per process so each RSS figure is that process's own:
//   fill <dir> <MB>      writes <MB> of 5 MiB GridFS files to an engine on <dir>
//   speed <dir>          GridFS 5 MiB upload and download against a plain fs stream of the same bytes
//   restart <dir>        time to a started engine on <dir>, RSS after GC, then RSS while 8 clients download
// Each prints one JSON line on stdout.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { GridFSBucket, type ObjectId } from 'mongodb';
import { openDatabase } from '../src/db.ts';

const FILE_BYTES = 5 * 1024 * 1024;
const CHUNK_BYTES = 255 * 1024;
const [phase, dir, arg] = process.argv.slice(2);

const rssMb = () => Math.round(process.memoryUsage.rss() / 1048576);
const sinceMs = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The engine as Outpost opens it (`src/db.ts`: on its own thread), and the driver connected to it. */
async function open() {
  const start = process.hrtime.bigint();
  const database = await openDatabase({ dataDir: dir, engineThread: process.env.BENCH_ENGINE_THREAD === 'same' ? 'same' : 'worker' });
  const startMs = sinceMs(start);
  const bucket = new GridFSBucket(database.client.db('bench'), { chunkSizeBytes: CHUNK_BYTES });
  return { bucket, startMs, close: () => database.close() };
}

function upload(bucket: GridFSBucket, name: string, data: Buffer): Promise<ObjectId> {
  return new Promise((resolve, reject) => {
    const stream = bucket.openUploadStream(name);
    stream.once('finish', () => resolve(stream.id as ObjectId));
    stream.once('error', reject);
    stream.end(data);
  });
}

async function download(bucket: GridFSBucket, id: ObjectId): Promise<number> {
  let total = 0;
  for await (const chunk of bucket.openDownloadStream(id)) total += (chunk as Buffer).length;
  return total;
}

/** MiB/s of `count` runs of `fn`, each moving FILE_BYTES. */
async function throughput(count: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await fn(i);
  return (count * FILE_BYTES) / 1048576 / (sinceMs(start) / 1000);
}

async function fill(): Promise<void> {
  const { bucket, close } = await open();
  const data = randomBytes(FILE_BYTES);
  const files = Math.ceil((Number(arg) * 1048576) / FILE_BYTES);
  const start = process.hrtime.bigint();
  for (let i = 0; i < files; i++) {
    data.writeUInt32LE(i, 0); // distinct files
    await upload(bucket, `fill-${i}`, data);
  }
  const ms = sinceMs(start);
  const rss = rssMb();
  await close();
  console.log(JSON.stringify({ files, fillMiBps: Math.round((files * FILE_BYTES) / 1048576 / (ms / 1000)), rssAfterFillMb: rss }));
}

async function speed(): Promise<void> {
  const { bucket, close } = await open();
  const fsDir = fs.mkdtempSync(path.join(dir, 'fs-'));
  const data = randomBytes(FILE_BYTES);
  const N = 20;
  const runs = { gridUp: [] as number[], gridDown: [] as number[], fsUp: [] as number[], fsDown: [] as number[] };
  for (let round = 0; round < 3; round++) {
    // Alternate the targets so drift hits both alike.
    const ids: ObjectId[] = [];
    runs.fsUp.push(await throughput(N, (i) => pipeline(Readable.from([data]), fs.createWriteStream(path.join(fsDir, `f${i}`)))));
    runs.gridUp.push(await throughput(N, async (i) => ids.push(await upload(bucket, `speed-${round}-${i}`, data))));
    runs.fsDown.push(
      await throughput(N, (i) =>
        pipeline(fs.createReadStream(path.join(fsDir, `f${i}`)), async (src) => {
          for await (const _ of src);
        }),
      ),
    );
    runs.gridDown.push(
      await throughput(N, async (i) => {
        if ((await download(bucket, ids[i])) !== FILE_BYTES) throw new Error('short download');
      }),
    );
    for (const id of ids) await bucket.delete(id);
  }
  fs.rmSync(fsDir, { recursive: true, force: true });
  await close();
  const m = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, Math.round(median(v))]));
  console.log(JSON.stringify({ ...m, upRatio: +(m.gridUp / m.fsUp).toFixed(2), downRatio: +(m.gridDown / m.fsDown).toFixed(2) }));
}

async function restart(): Promise<void> {
  const { bucket, startMs, close } = await open();
  globalThis.gc?.();
  const rssAfterRestartMb = rssMb();
  const ids = (await bucket.find({}, { projection: { _id: 1 } }).toArray()).map((f) => f._id as ObjectId);
  let peak = rssAfterRestartMb;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 50);
  const start = process.hrtime.bigint();
  let bytes = 0;
  const perClient = Math.max(4, Math.min(40, ids.length));
  await Promise.all(
    Array.from({ length: 8 }, async (_, c) => {
      for (let i = 0; i < perClient; i++) bytes += await download(bucket, ids[(c * 7919 + i * 104729) % ids.length]);
    }),
  );
  const mixMiBps = Math.round(bytes / 1048576 / (sinceMs(start) / 1000));
  clearInterval(sampler);
  await close();
  console.log(JSON.stringify({ startMs: Math.round(startMs), rssAfterRestartMb, rssServingPeakMb: peak, mixMiBps, files: ids.length }));
}

await ({ fill, speed, restart } as Record<string, () => Promise<void>>)[phase]();
