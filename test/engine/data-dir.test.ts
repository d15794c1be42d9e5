// The data directory is private: created 0700 with its files 0600 whatever the umask, and an existing
// one made private at start with a log line (engine-only).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { loadConfig } from '../../src/config/config.ts';
import { openDatabase } from '../../src/db.ts';
import { startEngine, type EngineOptions } from '../../src/engine/index.ts';
import { makeTempDir, realServer, removeDir } from './harness.ts';

const tempDirs: string[] = [];
afterAll(() => {
  for (const d of tempDirs) removeDir(d);
});
function newDataDir(): string {
  const parent = makeTempDir('modes');
  tempDirs.push(parent);
  return path.join(parent, 'data');
}

const mode = (file: string) => fs.statSync(file).mode & 0o777;

// With umask 0 anything created without an explicit mode would be world-readable (0666 / 0777).
let savedUmask: number;
beforeEach(() => {
  savedUmask = process.umask(0);
});
afterEach(() => {
  process.umask(savedUmask);
});

async function withEngine(options: EngineOptions, run: (client: MongoClient) => Promise<void>): Promise<void> {
  const engine = await startEngine(options);
  const client = new MongoClient(engine.uri);
  try {
    await run(client);
  } finally {
    await client.close();
    await engine.close();
  }
}

describe.skipIf(realServer)('data directory modes', () => {
  it('creates the directory 0700 and the journal, its lock and the compacted journal 0600', async () => {
    const dataDir = newDataDir();
    const journal = path.join(dataDir, 'journal.bin');
    const logged: string[] = [];
    await withEngine({ dataDir, compactionBytes: 4096, log: (m) => logged.push(m) }, async (client) => {
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(path.join(dataDir, 'journal.lock'))).toBe(0o600);
      const coll = client.db('m').collection<any>('c');
      await coll.insertOne({ _id: 1, n: 0 });
      expect(mode(journal)).toBe(0o600);
      const before = fs.statSync(journal).ino;
      // Overwriting one document supersedes its earlier records until a compaction rewrites the journal.
      // (Checked after every update: two compactions may hand the file its first inode number back.)
      let compacted = false;
      for (let n = 1; n <= 100; n++) {
        await coll.updateOne({ _id: 1 }, { $set: { n, pad: 'x'.repeat(100) } });
        if (fs.statSync(journal).ino !== before) compacted = true;
      }
      expect(compacted, 'the journal was not compacted').toBe(true);
      expect(mode(journal)).toBe(0o600);
    });
    expect(logged).toEqual([]);
  });

  it('makes an existing 0755 directory and its 0644 files private at start, and logs what it changed', async () => {
    const dataDir = newDataDir();
    await withEngine({ dataDir }, async (client) => {
      await client.db('m').collection<any>('c').insertOne({ _id: 'kept' });
    });
    // As an older version left it: everything readable by every account.
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(path.join(dataDir, 'journal.bin'), 0o644);
    for (const name of ['secret.key', 'journal.bin.compact', 'journal.lock']) fs.writeFileSync(path.join(dataDir, name), '', { mode: 0o644 });
    fs.writeFileSync(path.join(dataDir, 'notes.txt'), 'not ours', { mode: 0o644 });

    const logged: string[] = [];
    await withEngine({ dataDir, log: (m) => logged.push(m) }, async (client) => {
      expect(await client.db('m').collection<any>('c').findOne({ _id: 'kept' })).toEqual({ _id: 'kept' });
    });
    expect(mode(dataDir)).toBe(0o700);
    for (const name of ['journal.bin', 'secret.key', 'journal.bin.compact']) expect(mode(path.join(dataDir, name)), name).toBe(0o600);
    expect(mode(path.join(dataDir, 'notes.txt'))).toBe(0o644);
    expect(logged).toEqual([
      `Data directory ${dataDir} was open to other accounts (mode 0755); changed it to 0700`,
      `Made files in ${dataDir} readable by their owner only (mode 0600): journal.bin (was 0644), journal.bin.compact (was 0644), journal.lock (was 0644), secret.key (was 0644)`,
    ]);
  });

  it('Outpost on a fresh DATA_DIR: config and engine create it private, with nothing to fix', async () => {
    const dataDir = newDataDir();
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.secretKeySource).toBe('generated');
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      const database = await openDatabase({ dataDir: config.dataDir });
      await database.db.collection('c').insertOne({ x: 1 });
      await database.close();
    } finally {
      console.warn = warn;
    }
    expect(mode(dataDir)).toBe(0o700);
    for (const name of ['secret.key', 'journal.bin']) expect(mode(path.join(dataDir, name)), name).toBe(0o600);
    expect(warnings).toEqual([]);
  });
});
