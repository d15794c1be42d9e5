// A real Outpost for tests: real hapi server on a loopback port, in-memory embedded engine, real
// HTTP. Every JSON response is checked against openapi.yaml (a mismatch answers 500).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startOutpost, type Outpost, type StartOptions } from '../../src/app.ts';
import { loadConfig } from '../../src/config/config.ts';

export interface TestOutpost extends Outpost {
  /** fetch() relative to the server, with JSON helpers. */
  api(
    pathname: string,
    init?: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; body: any }>;
}

export interface TestOptions {
  toolsDir?: string;
  /** Keep data in env.DATA_DIR across restarts (embedded engine on disk) instead of in memory. */
  persistent?: boolean;
  /** Reload the tools folder on change, as `npm run dev` does. */
  watchTools?: boolean;
  /** Check every response against openapi.yaml (default true; benches turn it off). */
  validateResponses?: boolean;
  /** Receives the server log (JSON lines) instead of stdout; set LOG_LEVEL in env to see anything. */
  logStream?: NodeJS.WritableStream;
  /** The watches' clock, poll interval and webhook retry waits. */
  watches?: StartOptions['watches'];
  /** Resolves host names for captures instead of DNS. */
  captureLookup?: StartOptions['captureLookup'];
}

export async function startTestOutpost(env: Record<string, string> = {}, options: TestOptions = {}): Promise<TestOutpost> {
  const ownDir = !env.DATA_DIR;
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-test-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    SECRET_KEY: crypto.randomBytes(32).toString('base64url'),
    ...env,
  });
  const outpost = await startOutpost(config, {
    inMemory: !config.mongodbUri && !options.persistent,
    validateResponses: options.validateResponses ?? true,
    toolsDir: options.toolsDir,
    watchTools: options.watchTools,
    logStream: options.logStream,
    watches: options.watches,
    captureLookup: options.captureLookup,
  });
  const stop = outpost.stop;
  return {
    ...outpost,
    async stop() {
      await stop();
      if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
    async api(pathname, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      if (init.body !== undefined) headers['content-type'] ??= 'application/json';
      const res = await fetch(new URL(pathname, outpost.url), {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers,
        body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON: keep the text */
      }
      return { status: res.status, headers: res.headers, body };
    },
  };
}

/** Signs up (the first call on a fresh instance becomes admin) and returns the session token. */
export async function signupAndLogin(outpost: TestOutpost, email: string, password = 'correct horse battery', invitationCode?: string) {
  const res = await outpost.api('/api/auth/signup', { body: { email, password, ...(invitationCode ? { invitation_code: invitationCode } : {}) } });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { token: string; user: { id: string; email: string; admin: boolean } };
}

/** A new user's API token (default scopes) named `name`, made with the session of their signup. */
export async function apiTokenFor(outpost: TestOutpost, email: string, name = email): Promise<string> {
  const { token } = await signupAndLogin(outpost, email);
  return (await outpost.api('/api/tokens', { token, body: { name } })).body.token as string;
}

/**
 * An open-signup server with two users, alice@example.com and bob@example.com, and an API token
 * for each (the usual setup of isolation-minded page tests).
 */
export async function startTwoUserOutpost(env: Record<string, string> = {}): Promise<{ outpost: TestOutpost; alice: string; bob: string }> {
  const outpost = await startTestOutpost({ SIGNUP_MODE: 'open', ...env });
  const tokenFor = (email: string) => apiTokenFor(outpost, email);
  return { outpost, alice: await tokenFor('alice@example.com'), bob: await tokenFor('bob@example.com') };
}
