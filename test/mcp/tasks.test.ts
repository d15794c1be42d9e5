// Captures as MCP Tasks (2026-07-28, `io.modelcontextprotocol/tasks`): a capture still running answers
// with its job as a task; tasks/get follows it to the tool's own result; tasks/cancel stops it. The task
// is the job in MongoDB, so two instances on one database answer for it, across a restart. Also driven
// by the extension's own requester (@modelcontextprotocol/ext-tasks). Loopback fixtures only.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createTaskSessionFromClient, resultFromTaskOutcome } from '@modelcontextprotocol/ext-tasks/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type RunningEngine } from '../../src/engine/index.ts';
import { seededPng, startFixtureServer, type FixtureServer } from '../support/capture-fixtures.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { modernCall } from './modern-wire.ts';

const VERSION = '2026-07-28';
const TASKS = 'io.modelcontextprotocol/tasks';
const clientInfo = { name: 'tasks-test', version: '1' };

let fixture: FixtureServer;
let engine: RunningEngine;
const dirs: string[] = [];
const secret = crypto.randomBytes(32).toString('base64url');
let a: TestOutpost;
let b: TestOutpost;
let token: string;
let otherToken: string;
/** A page of 6 assets that take 150 ms each, and one of 40 that take 1.5 s each (still running when cancelled). */
let quickSite: string;
let slowSite: string;

function site(prefix: string, count: number, delayMs: number): string {
  const images = Array.from({ length: count }, (_, i) =>
    fixture.route(`/${prefix}/${i}.png`, { type: 'image/png', body: seededPng(`${prefix}${i}`), delayMs }),
  );
  return fixture.route(`/${prefix}/index.html`, {
    type: 'text/html; charset=utf-8',
    body: `<!doctype html><title>${prefix}</title>${images.map((u) => `<img src="${new URL(u).pathname}" alt="">`).join('')}`,
  });
}

async function instance(): Promise<TestOutpost> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-tasks-'));
  dirs.push(dir);
  return startTestOutpost({
    DATA_DIR: dir,
    SECRET_KEY: secret,
    MONGODB_URI: engine.uri.replace('/?', '/outpost?'),
    SIGNUP_MODE: 'open',
    RATE_LIMIT_REQUESTS: '100000',
    CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8',
    CAPTURE_ALLOWED_PORTS: String(fixture.port),
  });
}

beforeAll(async () => {
  fixture = await startFixtureServer();
  quickSite = site('quick', 6, 150);
  slowSite = site('slow', 40, 1500);
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-tasks-db-'));
  dirs.push(dbDir);
  engine = await startEngine({ dataDir: dbDir });
  a = await instance();
  b = await instance();
  for (const [email, set] of [
    ['tasks@example.com', (t: string) => (token = t)],
    ['other-tasks@example.com', (t: string) => (otherToken = t)],
  ] as const) {
    const { token: jwt } = await signupAndLogin(a, email);
    set((await a.api('/api/tokens', { token: jwt, body: { name: 'tasks' } })).body.token);
  }
});

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await engine?.close();
  await fixture?.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** One 2026-07-28 request, declaring the Tasks extension unless `tasks` is false. */
function send(on: TestOutpost, method: string, params: Record<string, unknown>, options: { tasks?: boolean; bearer?: string } = {}) {
  const clientCapabilities = options.tasks === false ? {} : { extensions: { [TASKS]: {} } };
  return modernCall({ url: new URL('/mcp', on.url), bearer: options.bearer ?? token, method, params, clientCapabilities });
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('captures as tasks', () => {
  it('a capture still running answers with its task; tasks/get follows it to the same result the tool gives', async () => {
    const created = await send(a, 'tools/call', { name: 'outpost_create', arguments: { source_url: quickSite, wait: 0, name: 'Task page' } });
    expect(created.status).toBe(200);
    const task = created.body.result;
    expect(task).toMatchObject({
      resultType: 'task',
      taskId: expect.stringMatching(/^[0-9A-Za-z]{12}$/),
      status: 'working',
      statusMessage: expect.any(String),
      createdAt: expect.any(String),
      lastUpdatedAt: expect.any(String),
      ttlMs: expect.any(Number),
      pollIntervalMs: expect.any(Number),
    });
    // The task is the job: REST shows the same record.
    const job = await a.api(`/api/jobs/${task.taskId}`, { token });
    expect(job.status).toBe(200);
    expect(job.body).toMatchObject({ id: task.taskId, action: 'create', source_url: quickSite });

    const seen: string[] = [];
    const done = await until(
      () => send(b, 'tasks/get', { taskId: task.taskId }),
      (r) => {
        if (r.body.result?.status === 'working') seen.push(r.body.result.statusMessage);
        return r.body.result?.status !== 'working';
      },
    );
    expect(done.body.result).toMatchObject({ resultType: 'complete', taskId: task.taskId, status: 'completed' });
    expect(seen.every((m) => /assets|Capturing|Waiting/.test(m))).toBe(true);
    const result = done.body.result.result;
    expect(result.resultType).toBe('complete');
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      name: 'Task page',
      file_count: 7,
      message: 'Page created from source_url',
      job: { id: task.taskId, status: 'done' },
    });
    expect(JSON.parse(result.content[0].text)).toEqual(result.structuredContent);
    expect(result.content[1]).toMatchObject({ type: 'resource_link', uri: `outpost://pages/${result.structuredContent.id}` });

    // The page deleted since: the task still completed, and says so.
    expect((await a.api(`/api/pages/${result.structuredContent.id}`, { token, method: 'DELETE' })).status).toBe(204);
    const later = await send(b, 'tasks/get', { taskId: task.taskId });
    expect(later.body.result).toMatchObject({
      status: 'completed',
      result: { structuredContent: { job: { id: task.taskId }, message: expect.stringMatching(/deleted/) } },
    });
    expect(later.body.result.result.isError).toBeFalsy();
  });

  it('without the extension the call answers as before (the job to poll), and tasks/* is -32021', async () => {
    const created = await send(a, 'tools/call', { name: 'outpost_create', arguments: { source_url: quickSite, wait: 0 } }, { tasks: false });
    expect(created.body.result.resultType).toBe('complete');
    expect(created.body.result.structuredContent).toMatchObject({
      job: { status: expect.stringMatching(/pending|running/) },
      message: expect.stringContaining('Poll'),
    });
    const jobId = created.body.result.structuredContent.job.id;
    const refused = await send(a, 'tasks/get', { taskId: jobId }, { tasks: false });
    expect(refused.body.error).toMatchObject({ code: -32021, data: { requiredCapabilities: { extensions: { [TASKS]: {} } } } });
  });

  it("another user's task, and one that never existed, are -32602", async () => {
    const created = await send(a, 'tools/call', { name: 'outpost_create', arguments: { source_url: quickSite, wait: 0 } });
    const taskId = created.body.result.taskId;
    for (const [id, bearer] of [
      [taskId, otherToken],
      ['AAAAAAAAAAAA', token],
    ]) {
      for (const method of ['tasks/get', 'tasks/update', 'tasks/cancel']) {
        const res = await send(b, method, { taskId: id }, { bearer });
        expect(res.body.error, `${method} ${id}`).toMatchObject({ code: -32602 });
      }
    }
    expect((await send(b, 'tasks/get', { taskId })).body.result.taskId).toBe(taskId);
  });

  it('cancelled from another instance, with a restart in between', async () => {
    const created = await send(a, 'tools/call', { name: 'outpost_create', arguments: { source_url: slowSite, wait: 0 } });
    const { taskId } = created.body.result;
    const working = await until(
      () => send(b, 'tasks/get', { taskId }),
      (r) => /of 40 assets/.test(r.body.result?.statusMessage ?? ''),
    );
    expect(working.body.result).toMatchObject({ status: 'working', statusMessage: expect.stringMatching(/^\d+ of 40 assets$/) });
    await b.stop();
    b = await instance();
    expect((await send(b, 'tasks/cancel', { taskId })).body.result).toMatchObject({ resultType: 'complete' });
    const ended = await until(
      () => send(a, 'tasks/get', { taskId }),
      (r) => r.body.result?.status !== 'working',
    );
    expect(ended.body.result).toMatchObject({ status: 'cancelled', taskId });
    expect((await a.api(`/api/jobs/${taskId}`, { token })).body.status).toBe('cancelled');
    // Cancelling a task that ended leaves it as it ended.
    expect((await send(b, 'tasks/cancel', { taskId })).body.result).toMatchObject({ resultType: 'complete' });
  });

  it('the instance running a capture stops: another instance reports how the task ended', async () => {
    const created = await send(a, 'tools/call', { name: 'outpost_create', arguments: { source_url: slowSite, wait: 0 } });
    const { taskId } = created.body.result;
    await until(
      () => send(b, 'tasks/get', { taskId }),
      (r) => /of 40 assets/.test(r.body.result?.statusMessage ?? ''),
    );
    await a.stop();
    a = await instance();
    const ended = await send(b, 'tasks/get', { taskId });
    expect(ended.body.result.status).not.toBe('working');
    if (ended.body.result.status === 'completed') expect(ended.body.result.result.isError).toBe(true);
  });
});

describe("the extension's own requester", () => {
  it('calls, settles and cancels through @modelcontextprotocol/ext-tasks', async () => {
    const url = new URL('/mcp', a.url);
    const client = new Client(clientInfo, { versionNegotiation: { mode: { pin: VERSION } } });
    await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
    let nextId = 1;
    const session = createTaskSessionFromClient(client, {
      endpointId: 'outpost',
      rawDispatch: async (
        request: { method: string; params?: Record<string, unknown> },
        options: { signal?: AbortSignal; context?: { headers?: Record<string, string> } } = {},
      ) => {
        const params = request.params ?? {};
        const name = request.method === 'tools/call' ? params.name : request.method.startsWith('tasks/') ? params.taskId : undefined;
        const headers: Record<string, string> = {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-protocol-version': VERSION,
          'mcp-method': request.method,
          ...(typeof name === 'string' ? { 'mcp-name': name } : {}),
        };
        for (const [k, v] of Object.entries(options.context?.headers ?? {})) headers[k.toLowerCase()] = v;
        const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, ...request }), signal: options.signal });
        const message = await res.json();
        return message.error ? { kind: 'error', error: message.error } : { kind: 'result', result: message.result };
      },
      v2RequestFraming: { protocolVersion: VERSION, clientInfo, clientCapabilities: { extensions: { [TASKS]: {} } } },
    } as never);
    try {
      const quick = await session.callTool('outpost_create', { source_url: quickSite, wait: 0 });
      const { outcome } = await quick.settle();
      expect(outcome.status).toBe('completed');
      const result = resultFromTaskOutcome(outcome) as unknown as { structuredContent: { file_count: number } };
      expect(result.structuredContent.file_count).toBe(7);

      const slow = await session.callTool('outpost_create', { source_url: slowSite, wait: 0 });
      await slow.cancel();
      expect((await slow.settle()).outcome.status).toBe('cancelled');
    } finally {
      await session.close();
      await client.close();
    }
  });
});
