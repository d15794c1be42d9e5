// `npm run bench:db`: the embedded engine through the real driver, persistent (journal) and in memory.
// Absolute numbers vary between machines; the findOne/ping ratio is the engine's share of a round trip.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GridFSBucket, MongoClient, ObjectId, type Db } from 'mongodb';
import { startEngine } from '../src/engine/index.ts';

const quick = process.argv.includes('--quick');
const N = quick ? 500 : 5000;

async function timeLoop(count: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(200, count); i++) await fn(i); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await fn(i);
  return Number(process.hrtime.bigint() - start) / 1e6 / count; // ms per op
}

async function timeConcurrent(workers: number, perWorker: number, fn: (w: number, i: number) => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; i < perWorker; i++) await fn(w, i);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return (workers * perWorker) / seconds; // ops/s
}

async function gridfsThroughput(db: Db, size: number, files: number): Promise<{ up: number; down: number }> {
  const bucket = new GridFSBucket(db, { bucketName: `bench${size}`, chunkSizeBytes: 255 * 1024 });
  const data = randomBytes(size);
  const ids: ObjectId[] = [];
  let start = process.hrtime.bigint();
  for (let i = 0; i < files; i++) {
    await new Promise<void>((resolve, reject) => {
      const stream = bucket.openUploadStream(`f${i}`);
      stream.once('finish', () => {
        ids.push(stream.id as ObjectId);
        resolve();
      });
      stream.once('error', reject);
      stream.end(data);
    });
  }
  const up = (size * files) / 1048576 / (Number(process.hrtime.bigint() - start) / 1e9);
  start = process.hrtime.bigint();
  let total = 0;
  for (const id of ids) {
    for await (const chunk of bucket.openDownloadStream(id)) total += (chunk as Buffer).length;
  }
  if (total !== size * files) throw new Error(`GridFS downloaded ${total} bytes, expected ${size * files}`);
  const down = (size * files) / 1048576 / (Number(process.hrtime.bigint() - start) / 1e9);
  return { up, down };
}

async function run(label: string, persistent: boolean): Promise<void> {
  const dir = persistent ? fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-')) : undefined;
  const engine = await startEngine(persistent ? { dataDir: dir } : { inMemory: true });
  const single = new MongoClient(engine.uri, { maxPoolSize: 1 });
  const pool = new MongoClient(engine.uri, { maxPoolSize: 16 });
  try {
    const db = single.db('bench');
    const coll = db.collection<{ _id: ObjectId; n: number; name: string }>('docs');
    const docs = Array.from({ length: 10_000 }, (_, n) => ({ _id: new ObjectId(), n, name: `doc ${n}` }));
    await coll.insertMany(docs);

    const ping = await timeLoop(N, () => db.command({ ping: 1 }));
    const findOne = await timeLoop(N, (i) => coll.findOne({ _id: docs[(i * 7919) % docs.length]._id }));
    const insertOne = await timeLoop(N, (i) => db.collection('inserts').insertOne({ i, at: new Date() }));

    const pooled = pool.db('bench');
    const perWorker = Math.max(50, Math.floor(N / 16));
    const findOne16 = await timeConcurrent(16, perWorker, (w, i) => pooled.collection('docs').findOne({ _id: docs[(w * 613 + i) % docs.length]._id }));
    const insertOne16 = await timeConcurrent(16, perWorker, (w, i) => pooled.collection('inserts16').insertOne({ w, i }));

    const small = await gridfsThroughput(db, 4 * 1024, quick ? 100 : 1000);
    const large = await gridfsThroughput(db, 5 * 1024 * 1024, quick ? 4 : 20);

    const f = (n: number, digits = 1) => n.toFixed(digits);
    console.log(`\n== ${label} ==`);
    console.log(`ping round trip            ${f(ping * 1000, 0)} µs`);
    console.log(`findOne by _id             ${f(findOne * 1000, 0)} µs   (${f(1000 / findOne, 0)} ops/s)`);
    console.log(`insertOne                  ${f(insertOne * 1000, 0)} µs   (${f(1000 / insertOne, 0)} ops/s)`);
    console.log(`findOne, 16 concurrent     ${f(findOne16, 0)} ops/s`);
    console.log(`insertOne, 16 concurrent   ${f(insertOne16, 0)} ops/s`);
    console.log(`GridFS 4 KiB files         upload ${f(small.up)} MiB/s, download ${f(small.down)} MiB/s`);
    console.log(`GridFS 5 MiB files         upload ${f(large.up)} MiB/s, download ${f(large.down)} MiB/s`);
    console.log(`ratio findOne / ping       ${f(findOne / ping, 2)}  (target ≤ 2)`);
  } finally {
    await single.close();
    await pool.close();
    await engine.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

await run('embedded engine, persistent journal (as npm start runs it)', true);
await run('embedded engine, in memory (as the tests run it)', false);
