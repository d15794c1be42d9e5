// SIGTERM while a capture is reading heavy pages: a real `node src/main.ts` (data in a temp dir, PORT=0)
// stops within its grace period, cancelling the capture and terminating the parse in flight, and exits 0.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { captureApi, heavySite, startFixtureServer } from '../support/capture-fixtures.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const fixture = await startFixtureServer();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-shutdown-'));
let child: ChildProcess | undefined;

afterAll(async () => {
  child?.kill('SIGKILL'); // a server that did not stop
  await fixture.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('SIGTERM during a capture of heavy pages: the server exits 0, within its grace period', async () => {
  const server = spawn(process.execPath, ['src/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SECRET_KEY: crypto.randomBytes(32).toString('base64url'),
      SIGNUP_MODE: 'open',
      LOG_LEVEL: 'info',
      CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8',
      CAPTURE_ALLOWED_PORTS: String(fixture.port),
      CAPTURE_HOST_CONCURRENCY: '1',
      // The slow frame takes seconds to read: well past the grace period, unless the stop terminates it.
      CAPTURE_PARSE_TIMEOUT_MS: '600000',
      SHUTDOWN_GRACE_MS: '5000',
    },
  });
  child = server;
  let output = '';
  server.stdout.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    server.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const url = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const found = /Outpost listening on (http:\/\/\S+)/.exec(output);
      if (found) resolve(found[1]!);
    };
    server.stdout.on('data', onData);
    void exited.then(() => reject(new Error(`the server exited at start:\n${output}`)));
  });
  const api = async (pathname: string, init: { token?: string; body?: unknown } = {}) => {
    const res = await fetch(new URL(pathname, url), {
      method: init.body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', ...(init.token && { authorization: `Bearer ${init.token}` }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };
  const session = (await api('/api/auth/signup', { body: { email: 'stop@example.com', password: 'correct horse battery' } })).body;
  const token = (await api('/api/tokens', { token: session.token, body: { name: 'stop' } })).body.token as string;
  const capture = captureApi({ url, api: (p, init) => api(p, init) }, token);

  const site = heavySite(fixture, '/stop');
  const started = await capture.create({ source_url: site.index }, 0);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  // Both frames are fetched by now and the slow one is being read; the job runs until the held image answers.
  await site.heldRequested;
  server.kill('SIGTERM');
  const { code, signal } = await exited;
  expect({ code, signal }, output).toEqual({ code: 0, signal: null });
  expect(output).toMatch(/SIGTERM: finishing in-flight requests/);
  expect(output).not.toMatch(/exiting now/);
}, 120_000);
