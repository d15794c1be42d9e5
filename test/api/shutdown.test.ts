// `node src/main.ts` as a process: it logs where it listens, serves, and on SIGTERM finishes and
// exits 0 with its data and secret key kept for the next start.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PASSWORD } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-main-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  url: string;
  /** Every log message so far (pino JSON lines from stdout). */
  messages: string[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts main.ts and resolves once it logs "Outpost listening on http://…". */
function startMain(): Promise<Running> {
  const child = spawn(process.execPath, ['src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const messages: string[] = [];
  let stderr = '';
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stderr!.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout!.on('data', (chunk) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        let msg = line;
        try {
          msg = String(JSON.parse(line).msg ?? line);
        } catch {
          /* not JSON: keep the raw line */
        }
        messages.push(msg);
        const match = /^Outpost listening on (http:\/\/127\.0\.0\.1:\d+) /.exec(msg);
        if (match) resolve({ child, url: match[1], messages, exit });
      }
    });
    exit.then(({ code, signal }) => reject(new Error(`main.ts exited (${code ?? signal}) before listening:\n${messages.join('\n')}\n${stderr}`)));
  });
}

async function stopWithSigterm(running: Running) {
  running.child.kill('SIGTERM');
  return running.exit;
}

describe('node src/main.ts', () => {
  let sessionToken: string;

  it('serves, and on SIGTERM exits with code 0', async () => {
    const running = await startMain();
    expect(new URL(running.url).hostname).toBe('127.0.0.1');
    // No SECRET_KEY: one was generated, with a warning to back it up.
    expect(running.messages.some((m) => m.startsWith(`SECRET_KEY is not set: generated one in ${dataDir}/secret.key`))).toBe(true);
    expect(fs.statSync(path.join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);

    const health = await fetch(`${running.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    const signup = await fetch(`${running.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@example.com', password: PASSWORD }),
    });
    expect(signup.status).toBe(201);
    sessionToken = (await signup.json()).token;

    const { code, signal } = await stopWithSigterm(running);
    expect(signal).toBeNull();
    expect(code).toBe(0);
    expect(running.messages).toContain('SIGTERM: finishing in-flight requests');
  });

  it('a restart on the same DATA_DIR keeps the accounts and the secret key', async () => {
    expect(sessionToken).toBeTruthy();
    const running = await startMain();
    expect(running.messages.some((m) => m.startsWith('SECRET_KEY is not set'))).toBe(false);

    // The session JWT from before the restart still verifies: same key.
    const me = await fetch(`${running.url}/api/me`, { headers: { authorization: `Bearer ${sessionToken}` } });
    expect(me.status).toBe(200);
    expect((await me.json()).user).toMatchObject({ email: 'owner@example.com', admin: true });

    const login = await fetch(`${running.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@example.com', password: PASSWORD }),
    });
    expect(login.status).toBe(200);

    const { code } = await stopWithSigterm(running);
    expect(code).toBe(0);
  });
});
