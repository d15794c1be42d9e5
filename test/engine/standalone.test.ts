// The standalone CLI (`node src/engine/cli.ts`) as a separate process (engine-only).
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { killHard, makeTempDir, realServer, removeDir, spawnCli, type CliProcess } from './harness.ts';

const tempDirs: string[] = [];
afterAll(() => {
  for (const d of tempDirs) removeDir(d);
});

describe.skipIf(realServer)('standalone CLI', () => {
  it('prints its Unix socket URI, serves the plain driver and exits 0 on SIGTERM', async () => {
    const dir = makeTempDir('cli');
    tempDirs.push(dir);
    let cli: CliProcess | undefined;
    try {
      cli = await spawnCli(dir);
      expect(cli.uri).toBe(`mongodb://${encodeURIComponent(path.join(dir, 'engine.sock'))}`);
      const client = new MongoClient(cli.uri);
      try {
        expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
        await client
          .db('cli')
          .collection<any>('c')
          .insertOne({ _id: 1, hello: 'world' } as never);
        expect(
          await client
            .db('cli')
            .collection<any>('c')
            .findOne({ _id: 1 } as never),
        ).toEqual({ _id: 1, hello: 'world' });
      } finally {
        await client.close();
      }
      cli.child.kill('SIGTERM');
      const exit = await cli.exited;
      expect(exit, cli.output()).toEqual({ code: 0, signal: null });
    } finally {
      if (cli) await killHard(cli);
    }
  });

  it('exits 0 on SIGTERM even while a client is still connected, and keeps the data', async () => {
    const dir = makeTempDir('cli-open');
    tempDirs.push(dir);
    let cli: CliProcess | undefined;
    const client: { current?: MongoClient } = {};
    try {
      cli = await spawnCli(dir);
      client.current = new MongoClient(cli.uri, { serverSelectionTimeoutMS: 3_000 });
      await client.current.connect();
      await client.current
        .db('cli')
        .collection<any>('c')
        .insertOne({ _id: 'kept' } as never);
      cli.child.kill('SIGTERM');
      const exit = await cli.exited;
      expect(exit, cli.output()).toEqual({ code: 0, signal: null });
      await client.current.close().catch(() => undefined);

      cli = await spawnCli(dir);
      client.current = new MongoClient(cli.uri);
      expect(
        await client.current
          .db('cli')
          .collection<any>('c')
          .findOne({ _id: 'kept' } as never),
      ).toEqual({ _id: 'kept' });
      await client.current.close();
      cli.child.kill('SIGTERM');
      expect((await cli.exited).code).toBe(0);
    } finally {
      await client.current?.close().catch(() => undefined);
      if (cli) await killHard(cli);
    }
  });

  it('two CLI processes on different data directories are independent', async () => {
    const dirA = makeTempDir('cli-a');
    const dirB = makeTempDir('cli-b');
    tempDirs.push(dirA, dirB);
    const clis: CliProcess[] = [];
    const clients: MongoClient[] = [];
    try {
      clis.push(await spawnCli(dirA), await spawnCli(dirB));
      expect(clis[0].uri).not.toBe(clis[1].uri);
      for (const cli of clis) clients.push(new MongoClient(cli.uri));
      await clients[0]
        .db('x')
        .collection<any>('c')
        .insertOne({ _id: 'a' } as never);
      expect(await clients[1].db('x').collection<any>('c').countDocuments()).toBe(0);
    } finally {
      for (const c of clients) await c.close().catch(() => undefined);
      for (const cli of clis) await killHard(cli);
    }
  });
});
