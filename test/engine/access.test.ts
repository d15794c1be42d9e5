// Who can reach the engine: its private Unix socket by default, SCRAM-SHA-256 on TCP (engine-only).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MongoClient, MongoServerError } from 'mongodb';
import { ConfigError } from '../../src/shared/config-values.ts';
import { openDatabase } from '../../src/db.ts';
import { startEngine, type EngineOptions, type RunningEngine } from '../../src/engine/index.ts';
import { parseMessage } from '../../src/engine/wire.ts';
import { expectCode, killHard, makeTempDir, realServer, removeDir, repoRoot, spawnCli, waitFor, type CliProcess } from './harness.ts';

const tempDirs: string[] = [];
afterAll(() => {
  for (const d of tempDirs) removeDir(d);
});
function tempDir(prefix: string): string {
  const dir = makeTempDir(prefix);
  tempDirs.push(dir);
  return dir;
}

const mode = (file: string) => fs.statSync(file).mode & 0o777;
const CREDENTIALS = { username: 'outpost', password: 'correct-horse-battery-staple' };
const withCredentials = (uri: string, user: string, password: string) => uri.replace('mongodb://', `mongodb://${user}:${encodeURIComponent(password)}@`);

async function withEngine(options: EngineOptions, run: (engine: RunningEngine) => Promise<void>): Promise<void> {
  const engine = await startEngine(options);
  try {
    await run(engine);
  } finally {
    await engine.close();
  }
}

async function withClient(uri: string, run: (client: MongoClient) => Promise<void>): Promise<void> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    await run(client);
  } finally {
    await client.close();
  }
}

/** Runs `script` with node as the unprivileged account `nobody`; resolves with what it printed. */
function runAsNobody(script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { uid: 65534, gid: 65534, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.once('error', reject);
    child.once('exit', () => resolve(out.trim()));
  });
}

describe.skipIf(realServer)('the default listener: a Unix socket only its owner can open', () => {
  it('listens on DATA_DIR/engine.sock (0600, directory 0700) and serves the official driver through it', async () => {
    const dataDir = path.join(tempDir('socket'), 'data');
    await withEngine({ dataDir }, async (engine) => {
      expect(engine.socketPath).toBe(path.join(dataDir, 'engine.sock'));
      expect(engine.port).toBeUndefined();
      expect(engine.uri).toBe(`mongodb://${encodeURIComponent(engine.socketPath!)}/?directConnection=true`);
      expect(fs.statSync(engine.socketPath!).isSocket()).toBe(true);
      expect(mode(engine.socketPath!)).toBe(0o600);
      expect(mode(dataDir)).toBe(0o700);
      await withClient(engine.uri, async (client) => {
        await client.db('s').collection<any>('c').insertOne({ _id: 1, via: 'socket' });
        expect(await client.db('s').collection<any>('c').findOne({ _id: 1 })).toEqual({ _id: 1, via: 'socket' });
      });
    });
    expect(fs.existsSync(path.join(dataDir, 'engine.sock'))).toBe(false);
  });

  it('replaces the socket file a killed process left behind', async () => {
    const dataDir = tempDir('stale');
    await killHard(await spawnCli(dataDir));
    expect(fs.statSync(path.join(dataDir, 'engine.sock')).isSocket()).toBe(true);
    await withEngine({ dataDir }, (engine) =>
      withClient(engine.uri, async (client) => {
        expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
      }),
    );
  });

  it('in memory, listens in a fresh private temporary directory and removes it on close', async () => {
    let socketDir = '';
    await withEngine({ inMemory: true }, async (engine) => {
      socketDir = path.dirname(engine.socketPath!);
      expect(mode(socketDir)).toBe(0o700);
      expect(mode(engine.socketPath!)).toBe(0o600);
      await withClient(engine.uri, async (client) => {
        expect(await client.db('m').collection('c').countDocuments()).toBe(0);
      });
    });
    expect(fs.existsSync(socketDir)).toBe(false);
  });

  it('tells a client that sends credentials to the socket that the engine has no users', async () => {
    await withEngine({ inMemory: true }, async (engine) => {
      const client = new MongoClient(withCredentials(engine.uri, 'outpost', 'whatever'), { serverSelectionTimeoutMS: 2_000 });
      try {
        const error = await client.connect().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(MongoServerError);
        expect((error as MongoServerError).code).toBe(18);
        expect((error as MongoServerError).message).toMatch(/has no users.*Remove the user name and password from the connection string/);
      } finally {
        await client.close();
      }
    });
  });

  it.skipIf(process.getuid?.() !== 0)('keeps another local account out of the socket and the data', async () => {
    const parent = tempDir('nobody');
    fs.chmodSync(parent, 0o755); // a traversable parent, like /var/lib
    const dataDir = path.join(parent, 'data');
    await withEngine({ dataDir }, async (engine) => {
      await withClient(engine.uri, (client) =>
        client
          .db('n')
          .collection('c')
          .insertOne({ secret: 'hash' })
          .then(() => undefined),
      );
      const connect = `require('net').connect(${JSON.stringify(engine.socketPath)}).on('connect', () => { console.log('connected'); process.exit(0); }).on('error', (e) => console.log(e.code));`;
      expect(await runAsNobody(connect)).toBe('EACCES');
      const read = `try { require('fs').readFileSync(${JSON.stringify(path.join(dataDir, 'journal.bin'))}); console.log('read'); } catch (e) { console.log(e.code); }`;
      expect(await runAsNobody(read)).toBe('EACCES');
    });
  });

  it('refuses a data directory too long for a Unix socket, naming it and the limit, before creating anything', async () => {
    const dataDir = path.join(tempDir('long'), 'd'.repeat(120));
    await expect(startEngine({ dataDir })).rejects.toThrow(/Unix sockets allow at most 10[37]\. Use a shorter data directory/);
    expect(fs.existsSync(dataDir)).toBe(false);
    const opened = openDatabase({ dataDir });
    await expect(opened).rejects.toBeInstanceOf(ConfigError);
    await expect(opened).rejects.toThrow(/^DATA_DIR \/.* is too long: .*Set DATA_DIR to a shorter path/);
  });
});

describe.skipIf(realServer)('the TCP listener requires SCRAM-SHA-256', () => {
  it('will not listen on TCP without credentials or an explicit auth: false', async () => {
    await expect(startEngine({ inMemory: true, port: 0 })).rejects.toThrow(/TCP port needs credentials/);
  });

  it('answers the handshake but refuses every data command from an unauthenticated client with Unauthorized', async () => {
    await withEngine({ inMemory: true, port: 0, auth: CREDENTIALS }, (engine) =>
      withClient(engine.uri, async (client) => {
        expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
        const coll = client.db('t').collection<any>('c');
        const refused = await expectCode(coll.insertOne({ x: 1 }), 13);
        expect(refused.codeName).toBe('Unauthorized');
        expect(refused.message).toBe('Command insert requires authentication');
        await expectCode(coll.findOne({}), 13);
        await expectCode(client.db('t').command({ listCollections: 1 }), 13);
        await expectCode(client.db('admin').command({ listDatabases: 1 }), 13);
      }),
    );
  });

  it('accepts the right password (default mechanism and explicit SCRAM-SHA-256) and says who is authenticated', async () => {
    await withEngine({ inMemory: true, port: 0, auth: CREDENTIALS }, async (engine) => {
      const uri = withCredentials(engine.uri, CREDENTIALS.username, CREDENTIALS.password);
      for (const u of [uri, `${uri}&authMechanism=SCRAM-SHA-256`, uri.replace('/?', '/app?')]) {
        await withClient(u, async (client) => {
          await client.db('t').collection<any>('c').insertOne({ by: u });
          expect(await client.db('t').collection<any>('c').countDocuments({ by: u })).toBe(1);
          const status = await client.db('admin').command({ connectionStatus: 1 });
          expect(status.authInfo.authenticatedUsers).toEqual([{ user: 'outpost', db: 'admin' }]);
        });
      }
    });
  });

  it('refuses a wrong password, an unknown user and SCRAM-SHA-1 with a clear error', async () => {
    await withEngine({ inMemory: true, port: 0, auth: CREDENTIALS }, async (engine) => {
      const cases: [string, number, RegExp][] = [
        [withCredentials(engine.uri, 'outpost', 'wrong-password'), 18, /^Authentication failed\.$/],
        [withCredentials(engine.uri, 'admin', CREDENTIALS.password), 18, /^Authentication failed\.$/],
        [`${withCredentials(engine.uri, 'outpost', CREDENTIALS.password)}&authMechanism=SCRAM-SHA-1`, 334, /supports SCRAM-SHA-256 only/],
      ];
      for (const [uri, code, message] of cases) {
        const client = new MongoClient(uri, { serverSelectionTimeoutMS: 2_000 });
        try {
          const error = await client.connect().then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error, uri).toBeInstanceOf(MongoServerError);
          expect({ code: (error as MongoServerError).code, message: (error as MongoServerError).message }).toMatchObject({
            code,
            message: expect.stringMatching(message),
          });
        } finally {
          await client.close();
        }
      }
    });
  });

  it('authenticates the driver speculatively: hello carries the first step, so no saslStart is sent', async () => {
    await withEngine({ inMemory: true, port: 0, auth: CREDENTIALS }, async (engine) => {
      const proxy = await commandRecordingProxy(engine.port!);
      try {
        await withClient(
          withCredentials(`mongodb://127.0.0.1:${proxy.port}/?directConnection=true&maxPoolSize=1`, 'outpost', CREDENTIALS.password),
          async (client) => {
            await client.db('t').collection('c').insertOne({ x: 1 });
          },
        );
        const names = proxy.commands;
        expect(names).toContain('saslContinue');
        expect(names).not.toContain('saslStart');
        expect(names).toContain('insert');
      } finally {
        await proxy.close();
      }
    });
  });

  it('with auth: false, serves anyone who can reach the port (the CLI warns about it)', async () => {
    await withEngine({ inMemory: true, port: 0, auth: false }, (engine) =>
      withClient(engine.uri, async (client) => {
        await client.db('t').collection('c').insertOne({ open: true });
        expect(await client.db('t').collection('c').countDocuments()).toBe(1);
      }),
    );
  });
});

describe.skipIf(realServer)('npm run db', () => {
  it('listens on its Unix socket by default', async () => {
    const dir = tempDir('cli-socket');
    const cli = await spawnCli(dir);
    try {
      expect(cli.uri).toBe(`mongodb://${encodeURIComponent(path.join(dir, 'engine.sock'))}`);
      await withClient(cli.uri, async (client) => {
        expect(await client.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
      });
    } finally {
      await killHard(cli);
    }
  });

  it('with --port, generates a password file (0600), keeps the password out of the output and requires it', async () => {
    const dir = tempDir('cli-tcp');
    let cli: CliProcess | undefined;
    try {
      cli = await spawnCli(dir, ['--port', '0']);
      expect(cli.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+$/);
      const file = path.join(dir, 'engine-password');
      expect(mode(file)).toBe(0o600);
      const password = fs.readFileSync(file, 'utf8').trim();
      expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(cli.output()).toContain(`clients authenticate as "outpost" (SCRAM-SHA-256) with the password in ${file} (generated now)`);
      expect(cli.output()).not.toContain(password);
      await withClient(cli.uri, (client) => expectCode(client.db('t').collection('c').findOne({}), 13).then(() => undefined));
      const authed = cli.uri.replace('mongodb://', `mongodb://outpost:${password}@`);
      await withClient(authed, async (client) => {
        await client.db('t').collection('c').insertOne({ ok: true });
      });
      await killHard(cli);

      // The next start reuses the stored password.
      cli = await spawnCli(dir, ['--port', '0']);
      expect(cli.output()).not.toContain('generated now');
      await withClient(cli.uri.replace('mongodb://', `mongodb://outpost:${password}@`), async (client) => {
        expect(await client.db('t').collection('c').countDocuments()).toBe(1);
      });
    } finally {
      if (cli) await killHard(cli);
    }
  });

  it('with --port --no-auth, serves unauthenticated clients and prints a loud warning on stderr', async () => {
    const dir = tempDir('cli-noauth');
    const cli = await spawnCli(dir, ['--port', '0', '--no-auth']);
    try {
      await withClient(cli.uri, async (client) => {
        await client.db('t').collection('c').insertOne({ open: true });
      });
      // stderr is a separate pipe: its data may arrive after the listening line on stdout.
      const stderr = () => cli.output().slice(cli.output().indexOf('\nstderr:'));
      expect(await waitFor(async () => stderr().includes('WARNING: --no-auth: the engine on 127.0.0.1:'), 5_000), cli.output()).toBe(true);
      expect(stderr()).toMatch(/can read and change\s+WARNING: all data/);
      expect(fs.existsSync(path.join(dir, 'engine-password'))).toBe(false);
    } finally {
      await killHard(cli);
    }
  });

  it('rejects --no-auth without --port, saying why', () => {
    const result = spawnSync(process.execPath, [path.join(repoRoot, 'src/engine/cli.ts'), '--dbpath', tempDir('cli-bad'), '--no-auth'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^--no-auth needs --port: the Unix socket is already private to this account/);
  });
});

/** A TCP proxy to `port` that records the name of every command the client sends. */
async function commandRecordingProxy(port: number): Promise<{ port: number; commands: string[]; close(): Promise<void> }> {
  const commands: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    sockets.add(client).add(upstream);
    let pending = Buffer.alloc(0);
    client.on('data', (data) => {
      pending = Buffer.concat([pending, data]);
      while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
        const length = pending.readInt32LE(0);
        commands.push(Object.keys(parseMessage(pending.subarray(0, length)).command)[0]);
        pending = pending.subarray(length);
      }
      upstream.write(data);
    });
    upstream.pipe(client);
    for (const s of [client, upstream])
      s.on('error', () => undefined).on('close', () => {
        client.destroy();
        upstream.destroy();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    commands,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
