// The engine on a thread of its own (how src/db.ts starts it on a data directory): the driver sees the same
// server, a start that fails rejects with the engine's own message, and an engine thread that dies is
// reported, not silent.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GridFSBucket, MongoClient } from 'mongodb';
import { openDatabase } from '../../src/db.ts';
import { startEngineInWorker } from '../../src/engine/index.ts';
import { makeTempDir, realServer, removeDir } from './harness.ts';

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
  it('stores documents and GridFS files that a same-thread engine reads back after close', async () => {
    const dataDir = newDataDir();
    const bytes = Buffer.alloc(700 * 1024, 7);
    bytes.write('first and last bytes differ', 0);
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
    // In memory nothing is spilled: every document stays on the engine thread's heap until it gives out.
    const inserted = async () => {
      for (let i = 0; i < 200; i++) await client.db('t').collection('c').insertOne({ i, big });
    };
    await expect(inserted()).rejects.toThrow(/closed|ECONNRESET/);
    expect((await crashed).message).toMatch(/^The embedded database engine's thread stopped \(exit code 1\): .*out of memory/s);
    await client.close(true);
    await engine.close();
  });
});
