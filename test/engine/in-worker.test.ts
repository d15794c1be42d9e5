// The engine on a thread of its own (how src/db.ts starts it on a data directory): the driver sees the same
// server, a start that fails rejects with the engine's own message, and an engine thread that dies is
// reported, not silent.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GridFSBucket, MongoClient } from 'mongodb';
import { openDatabase } from '../../src/db.ts';
import { startEngineInWorker } from '../../src/engine/index.ts';
import { threadExecArgv } from '../../src/engine/in-worker.ts';
import { makeTempDir, realServer, removeDir, repoRoot } from './harness.ts';

const tempDirs: string[] = [];
afterAll(() => {
  for (const d of tempDirs) removeDir(d);
});
function newDataDir(): string {
  const parent = makeTempDir('in-worker');
  tempDirs.push(parent);
  return path.join(parent, 'data');
}

describe.skipIf(realServer)('the engine on its own thread', () => {
  it('stores documents and GridFS files that a same-thread engine reads back after close, byte for byte', async () => {
    const dataDir = newDataDir();
    // Several reply batches (of at most 2 MiB) on one connection, each in the buffer the last one was sent from.
    const bytes = randomBytes(5 * 1024 * 1024 + 12_345);
    const database = await openDatabase({ dataDir });
    await database.db.collection('notes').insertOne({ _id: 'n1' as never, text: 'kept' });
    const bucket = new GridFSBucket(database.db);
    await new Promise((resolve, reject) => bucket.openUploadStream('a.bin').once('finish', resolve).once('error', reject).end(bytes));
    await database.close();

    const reopened = await openDatabase({ dataDir, engineThread: 'same' });
    try {
      expect(await reopened.db.collection('notes').findOne({ _id: 'n1' as never })).toEqual({ _id: 'n1', text: 'kept' });
      const chunks: Buffer[] = [];
      for await (const chunk of new GridFSBucket(reopened.db).openDownloadStreamByName('a.bin')) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    } finally {
      await reopened.close();
    }
  });

  it('keeps every acknowledged GridFS upload across a kill -9 of the process', async () => {
    const dataDir = newDataDir();
    // A process that opens the database as Outpost does and prints the name and SHA-256 of each acknowledged upload.
    const writer = `
      import { createHash, randomBytes } from 'node:crypto';
      import { createRequire } from 'node:module';
      import { openDatabase } from ${JSON.stringify(path.join(repoRoot, 'src/db.ts'))};
      const { GridFSBucket } = createRequire(${JSON.stringify(path.join(repoRoot, 'package.json'))})('mongodb');
      const database = await openDatabase({ dataDir: ${JSON.stringify(dataDir)} });
      const bucket = new GridFSBucket(database.db);
      for (let i = 0; ; i++) {
        const bytes = randomBytes(300_000 + i);
        await new Promise((resolve, reject) => bucket.openUploadStream('f' + i).once('finish', resolve).once('error', reject).end(bytes));
        console.log('ack f' + i + ' ' + createHash('sha256').update(bytes).digest('hex'));
      }`;
    const script = path.join(path.dirname(dataDir), 'writer.mjs');
    fs.writeFileSync(script, writer);
    const child = spawn(process.execPath, [script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    const acked = new Map<string, string>();
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (text: string) => {
        out += text;
        for (const [, name, sha] of out.matchAll(/^ack (\S+) (\S+)$/gm)) acked.set(name, sha);
        if (acked.size >= 12) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.once('exit', (code) => (acked.size >= 12 ? resolve() : reject(new Error(`the writer exited (code ${code}) after ${acked.size} uploads`))));
    });
    await new Promise((resolve) => (child.exitCode === null && child.signalCode === null ? child.once('exit', resolve) : resolve(undefined)));

    const reopened = await openDatabase({ dataDir, engineThread: 'same' });
    try {
      const bucket = new GridFSBucket(reopened.db);
      for (const [name, sha] of acked) {
        const hash = createHash('sha256');
        for await (const chunk of bucket.openDownloadStreamByName(name)) hash.update(chunk as Buffer);
        expect(hash.digest('hex'), name).toBe(sha);
      }
    } finally {
      await reopened.close();
    }
  });

  it('starts in a process run with flags a thread refuses (--input-type with --eval, V8 and process-wide flags)', async () => {
    const script = `
      import { startEngineInWorker } from ${JSON.stringify(path.join(repoRoot, 'src/engine/index.ts'))};
      const engine = await startEngineInWorker({ inMemory: true });
      await engine.close();
      console.log('started and closed');`;
    const child = spawn(process.execPath, ['--max-old-space-size=512', '--expose-gc', '--title=outpost', '--input-type', 'module', '-e', script], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (out += text));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(out).toContain('started and closed');
    expect(code).toBe(0);
    expect(
      threadExecArgv([
        '--input-type=module',
        '--no-warnings',
        '-e',
        'code',
        '--test-reporter',
        'spec',
        '--max-old-space-size=512',
        '--expose-gc',
        '--conditions',
        'dev',
        '--import=./x.mjs',
      ]),
    ).toEqual(['--no-warnings', '--conditions', 'dev', '--import=./x.mjs']);
  });

  it("rejects with the engine's own reason when it cannot start", async () => {
    const dataDir = newDataDir();
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    fs.writeFileSync(dataDir, 'a file where the data directory should be');
    await expect(openDatabase({ dataDir })).rejects.toThrow(/EEXIST|ENOTDIR|not a directory/);
  });

  it('reports an engine thread that dies (out of memory) through onCrash, and close still resolves', async () => {
    let crash!: (error: Error) => void;
    const crashed = new Promise<Error>((resolve) => (crash = resolve));
    const engine = await startEngineInWorker({ inMemory: true, resourceLimits: { maxOldGenerationSizeMb: 24 }, onCrash: crash });
    const client = new MongoClient(engine.uri);
    const big = Array.from({ length: 100_000 }, (_, k) => k);
    // In memory nothing is spilled: every document stays on the engine thread's heap until it gives out. The client
    // sees the connection go as it reads (closed, reset) or as it writes (EPIPE), whichever comes first.
    const inserted = async () => {
      for (let i = 0; i < 200; i++) await client.db('t').collection('c').insertOne({ i, big });
    };
    await expect(inserted()).rejects.toThrow(/closed|ECONNRESET|EPIPE/);
    expect((await crashed).message).toMatch(/^The embedded database engine's thread stopped \(exit code 1\): .*out of memory/s);
    await client.close(true);
    await engine.close();
  });
});
