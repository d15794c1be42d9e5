// Shared helpers for the driver-level compatibility suite.
//
// Every test talks to the engine only through the real `mongodb` driver, so the same files run
// unchanged against a real server: `MONGODB_URI=mongodb://127.0.0.1:27017 npm run test:mongodb`.
// Traffic stays on loopback: a MONGODB_URI naming another host is refused.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import {
  MongoClient,
  type CommandFailedEvent,
  type CommandStartedEvent,
  type CommandSucceededEvent,
  type Db,
  type Document,
  type MongoClientOptions,
} from 'mongodb';

/** True when the suite runs against an external server given by MONGODB_URI. */
export const realServer = Boolean(process.env.MONGODB_URI);

/** The repository root (where `src/engine/cli.ts` lives). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface TestDb {
  client: MongoClient;
  db: Db;
  uri: string;
  close(): Promise<void>;
}

export type { EngineOptions, RunningEngine as EmbeddedEngine } from '../../src/engine/index.ts';
import type { EngineOptions, RunningEngine as EmbeddedEngine } from '../../src/engine/index.ts';

let nameCounter = 0;

/** A database name unique to this process and call (well under MongoDB's 63-byte limit). */
export function uniqueDbName(prefix = 'outpost_t'): string {
  const rand = Math.random().toString(36).slice(2, 7);
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${(nameCounter++).toString(36)}${rand}`;
}

/** Refuse to send test traffic anywhere but the loopback interface. */
export function assertLoopbackUri(uri: string): void {
  const m = /^mongodb:\/\/(?:[^@/]*@)?([^/?]+)/.exec(uri);
  if (!m) throw new Error(`MONGODB_URI must be a plain mongodb:// URI on loopback, got ${uri}`);
  for (const hostPort of m[1].split(',')) {
    const host = hostPort.startsWith('[') ? hostPort.slice(0, hostPort.indexOf(']') + 1) : hostPort.split(':')[0];
    const ok = host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
    if (!ok) throw new Error(`refusing to run the test suite against non-loopback host ${host}`);
  }
}

/** Start an embedded engine (engine-only; never called when MONGODB_URI is set). */
export async function startEmbedded(options: EngineOptions): Promise<EmbeddedEngine> {
  if (realServer) throw new Error('startEmbedded() is engine-only; guard the test with describe.skipIf(realServer)');
  const { startEngine } = await import('../../src/engine/index.ts');
  return startEngine(options);
}

/** `const t = useTestDb()` at the top of a test file: opens the database before its tests and closes it after. */
export function useTestDb(clientOptions: MongoClientOptions = {}): TestDb {
  let opened: TestDb | undefined;
  beforeAll(async () => {
    opened = await openTestDb(clientOptions);
  });
  afterAll(async () => {
    await opened?.close();
  });
  const current = () => {
    if (!opened) throw new Error('useTestDb(): the database is only available inside tests and hooks');
    return opened;
  };
  return {
    get client() {
      return current().client;
    },
    get db() {
      return current().db;
    },
    get uri() {
      return current().uri;
    },
    close: () => current().close(),
  };
}

/**
 * Open a fresh database for one test file. Against a real server a unique database is used and
 * dropped on close; otherwise an in-memory engine is started (and stopped on close).
 */
export async function openTestDb(clientOptions: MongoClientOptions = {}): Promise<TestDb> {
  if (realServer) {
    const uri = process.env.MONGODB_URI as string;
    assertLoopbackUri(uri);
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000, ...clientOptions });
    await client.connect();
    const db = client.db(uniqueDbName());
    return {
      client,
      db,
      uri,
      async close() {
        try {
          await db.dropDatabase();
        } finally {
          await client.close();
        }
      },
    };
  }
  const engine = await startEmbedded({ inMemory: true });
  const client = new MongoClient(engine.uri, { serverSelectionTimeoutMS: 10_000, ...clientOptions });
  try {
    await client.connect();
  } catch (err) {
    await engine.close();
    throw err;
  }
  return {
    client,
    db: client.db(uniqueDbName()),
    uri: engine.uri,
    async close() {
      try {
        await client.close();
      } finally {
        await engine.close();
      }
    },
  };
}

/** Await `p`, expect it to reject with a server error carrying `code`; return the error. */
export async function expectCode(p: Promise<unknown>, code: number): Promise<any> {
  let error: any;
  try {
    await p;
  } catch (e) {
    error = e;
  }
  expect(error, `expected a rejection with code ${code}, but the operation succeeded`).toBeDefined();
  // Shown together so a failure prints both the code and the server's message.
  expect({ code: error.code, message: String(error.message) }).toMatchObject({ code });
  return error;
}

/** Await `p` and return what it rejected with (fails the test if it resolved). */
export async function rejectionOf(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  expect.fail('expected the operation to be rejected, but it succeeded');
}

export interface CommandLog {
  started: CommandStartedEvent[];
  succeeded: CommandSucceededEvent[];
  failed: CommandFailedEvent[];
  names(): string[];
  clear(): void;
}

/** Record command monitoring events (the client must have `monitorCommands: true`). */
export function recordCommands(client: MongoClient): CommandLog {
  const log: CommandLog = {
    started: [],
    succeeded: [],
    failed: [],
    names: () => log.started.map((e) => e.commandName),
    clear: () => {
      log.started.length = 0;
      log.succeeded.length = 0;
      log.failed.length = 0;
    },
  };
  client.on('commandStarted', (e) => log.started.push(e));
  client.on('commandSucceeded', (e) => log.succeeded.push(e));
  client.on('commandFailed', (e) => log.failed.push(e));
  return log;
}

/** The BSON wrapper type of a value read back from the driver ('Int32', 'Double', 'Long', ...). */
export function bsonTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (v instanceof Date) return 'Date';
  if (v instanceof RegExp) return 'RegExp';
  if (Array.isArray(v)) return 'Array';
  if (typeof v === 'object' && v !== undefined && typeof (v as Document)._bsontype === 'string') {
    return (v as Document)._bsontype as string;
  }
  return typeof v;
}

export function makeTempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `outpost-${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Poll `check` until it returns true or `timeoutMs` passes; returns the last result. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(intervalMs);
  }
}

export interface CliProcess {
  child: ChildProcess;
  uri: string;
  /** Resolves once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the process wrote to stdout / stderr so far. */
  output(): string;
}

/**
 * Spawn `node src/engine/cli.ts --dbpath <dir> [args…]` (by default on its Unix socket) and wait for its
 * `listening` line.
 */
export async function spawnCli(dbpath: string, args: string[] = [], timeoutMs = 20_000): Promise<CliProcess> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'src/engine/cli.ts'), '--dbpath', dbpath, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (s: string) => {
    stderr += s;
  });
  child.stdout!.setEncoding('utf8');
  const uri = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`CLI did not print a listening line within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.stdout!.on('data', (s: string) => {
      stdout += s;
      const m = /^listening (mongodb:\/\/\S+)\s*$/m.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`CLI exited early (code ${code}, signal ${signal})\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  });
  return { child, uri, exited, output: () => `stdout: ${stdout}\nstderr: ${stderr}` };
}

/** SIGKILL a child (if still running) and wait for it to be gone. */
export async function killHard(cli: CliProcess): Promise<void> {
  if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL');
  await cli.exited;
}
