// Streamable HTTP sessions: signed ids bound to the user, state in MongoDB (so they survive a
// restart and work on any instance), DELETE, version negotiation, Origin/Host checks, SSE resume.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type RunningEngine } from '../../src/engine/index.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

const INIT = (version = '2025-06-18') => ({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: version, capabilities: {}, clientInfo: { name: 'test', version: '1' } },
});

async function mcp(base: string, token: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(new URL('/mcp', base), {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

async function apiToken(outpost: TestOutpost, email: string): Promise<string> {
  const { token: jwt } = await signupAndLogin(outpost, email);
  return (await outpost.api('/api/tokens', { token: jwt, body: { name: 'mcp' } })).body.token;
}

describe('one server', () => {
  let outpost: TestOutpost;
  let alice: string;
  let bob: string;
  beforeAll(async () => {
    outpost = await startTestOutpost({ SIGNUP_MODE: 'open', MCP_ALLOWED_ORIGINS: 'https://app.example.com' });
    alice = await apiToken(outpost, 'alice@example.com');
    bob = await apiToken(outpost, 'bob@example.com');
  });
  afterAll(() => outpost.stop());

  it('initialize returns a session id that later requests use, until DELETE ends it', async () => {
    const init = await mcp(outpost.url, alice, INIT());
    expect(init.status).toBe(200);
    expect(init.body.result.protocolVersion).toBe('2025-06-18');
    const session = init.headers.get('mcp-session-id')!;
    expect(session).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const headers = { 'Mcp-Session-Id': session, 'MCP-Protocol-Version': '2025-06-18' };
    expect((await mcp(outpost.url, alice, { jsonrpc: '2.0', method: 'notifications/initialized' }, headers)).status).toBe(202);
    const list = await mcp(outpost.url, alice, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, headers);
    expect(list.body.result.tools.map((t: { name: string }) => t.name)).toContain('outpost_whoami');
    expect((await mcp(outpost.url, alice, { jsonrpc: '2.0', id: 3, method: 'logging/setLevel', params: { level: 'debug' } }, headers)).body).toEqual({
      jsonrpc: '2.0',
      id: 3,
      result: {},
    });
    const del = await fetch(new URL('/mcp', outpost.url), { method: 'DELETE', headers: { Authorization: `Bearer ${alice}`, ...headers } });
    expect(del.status).toBe(204);
    const after = await mcp(outpost.url, alice, { jsonrpc: '2.0', id: 4, method: 'tools/list' }, headers);
    expect(after.status).toBe(404);
    expect(after.body.error.message).toMatch(/Session not found/);
  });

  it('a session id is useless to another user and when tampered with', async () => {
    const session = (await mcp(outpost.url, alice, INIT())).headers.get('mcp-session-id')!;
    const asBob = await mcp(outpost.url, bob, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, { 'Mcp-Session-Id': session });
    expect(asBob.status).toBe(404);
    const [sid, sig] = session.split('.');
    const tampered = `${sid}.${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    expect((await mcp(outpost.url, alice, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, { 'Mcp-Session-Id': tampered })).status).toBe(404);
    // The session id is never a credential on its own.
    const anonymous = await fetch(new URL('/mcp', outpost.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Mcp-Session-Id': session },
      body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}',
    });
    expect(anonymous.status).toBe(401);
  });

  it('negotiates the protocol version', async () => {
    for (const version of ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25']) {
      expect((await mcp(outpost.url, alice, INIT(version))).body.result.protocolVersion).toBe(version);
    }
    expect((await mcp(outpost.url, alice, INIT('1999-01-01'))).body.result.protocolVersion).toBe('2025-11-25');
    const bad = await mcp(outpost.url, alice, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, { 'MCP-Protocol-Version': '1999-01-01' });
    expect(bad.status).toBe(400);
  });

  it('refuses foreign Origins and Hosts (DNS rebinding) and accepts configured ones', async () => {
    const evilOrigin = await mcp(outpost.url, alice, INIT(), { Origin: 'https://evil.example' });
    expect(evilOrigin.status).toBe(403);
    const allowed = await mcp(outpost.url, alice, INIT(), { Origin: 'https://app.example.com' });
    expect(allowed.status).toBe(200);
    // fetch cannot forge Host, so the check is exercised on the route with a raw request.
    const res = await outpost.server.inject({
      method: 'POST',
      url: '/mcp',
      headers: { host: 'evil.example', authorization: `Bearer ${alice}`, 'content-type': 'application/json' },
      payload: JSON.stringify(INIT()),
    });
    expect(res.statusCode).toBe(403);
  });

  it("a GET stream needs a session, and a session's GET stream is text/event-stream", async () => {
    const noSession = await fetch(new URL('/mcp', outpost.url), {
      headers: { Authorization: `Bearer ${alice}`, Accept: 'text/event-stream', 'MCP-Protocol-Version': '2025-06-18' },
    });
    expect(noSession.status).toBe(405);
    await noSession.body?.cancel();
    const session = (await mcp(outpost.url, alice, INIT())).headers.get('mcp-session-id')!;
    const controller = new AbortController();
    const stream = await fetch(new URL('/mcp', outpost.url), {
      headers: { Authorization: `Bearer ${alice}`, Accept: 'text/event-stream', 'Mcp-Session-Id': session },
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    expect(stream.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    controller.abort();
  });

  it('streams a request that asks for progress as SSE with event ids, resumable with Last-Event-ID', async () => {
    const session = (await mcp(outpost.url, alice, INIT('2025-11-25'))).headers.get('mcp-session-id')!;
    const res = await mcp(
      outpost.url,
      alice,
      { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'outpost_whoami', arguments: {}, _meta: { progressToken: 'p1' } } },
      { 'Mcp-Session-Id': session },
    );
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const events = String(res.body).split('\n\n').filter(Boolean);
    expect(events[0]).toMatch(/^id: [A-Za-z0-9_-]{12}_0\nretry: 1000\ndata: $/);
    const stream = events[0].split('\n')[0].slice(4, -2);
    // Progress (start, end), then the response, each with the stream's next event id.
    const messages = events.slice(1).map((e, i) => {
      expect(e.startsWith(`id: ${stream}_${i + 1}\nevent: message\ndata: `)).toBe(true);
      return JSON.parse(e.split('data: ')[1]);
    });
    expect(messages.map((m) => m.method ?? 'response')).toEqual(['notifications/progress', 'notifications/progress', 'response']);
    expect(messages[0].params).toMatchObject({ progressToken: 'p1', progress: 0, total: 1 });
    expect(messages[2].id).toBe(7);
    expect(messages[2].result.structuredContent.user.email).toBe('alice@example.com');
    // Reconnecting after the first progress event replays the rest, ending with the response.
    const resumed = await fetch(new URL('/mcp', outpost.url), {
      headers: { Authorization: `Bearer ${alice}`, Accept: 'text/event-stream', 'Mcp-Session-Id': session, 'Last-Event-ID': `${stream}_1` },
    });
    const replay = (await resumed.text()).split('\n\n').filter(Boolean);
    expect(replay.map((e) => e.split('\n')[0])).toEqual([`id: ${stream}_2`, `id: ${stream}_3`]);
    expect(JSON.parse(replay[1].split('data: ')[1]).id).toBe(7);
    // Resuming after the response itself: the stream is complete and ends at once, empty.
    const afterEnd = await fetch(new URL('/mcp', outpost.url), {
      headers: { Authorization: `Bearer ${alice}`, Accept: 'text/event-stream', 'Mcp-Session-Id': session, 'Last-Event-ID': `${stream}_3` },
    });
    expect(afterEnd.status).toBe(200);
    expect(await afterEnd.text()).toBe('');
  });
});

describe('sessions outlive the process and span instances', () => {
  const secret = crypto.randomBytes(32).toString('base64url');
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('a session opened before a restart keeps working after it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-restart-'));
    dirs.push(dataDir);
    const env = { DATA_DIR: dataDir, SECRET_KEY: secret };
    const first = await startTestOutpost(env, { persistent: true });
    const token = await apiToken(first, 'restart@example.com');
    const session = (await mcp(first.url, token, INIT())).headers.get('mcp-session-id')!;
    await first.stop();
    const second = await startTestOutpost(env, { persistent: true });
    try {
      const list = await mcp(second.url, token, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, { 'Mcp-Session-Id': session });
      expect(list.status).toBe(200);
      expect(list.body.result.tools.length).toBeGreaterThan(0);
    } finally {
      await second.stop();
    }
  });

  it('two server processes on one database serve one session alternately', async () => {
    const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-shared-db-'));
    dirs.push(dbDir);
    const engine: RunningEngine = await startEngine({ dataDir: dbDir });
    const env = (n: number) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `outpost-instance-${n}-`));
      dirs.push(dir);
      return { DATA_DIR: dir, SECRET_KEY: secret, MONGODB_URI: `${engine.uri.replace('/?', '/outpost?')}` };
    };
    const a = await startTestOutpost(env(1));
    const b = await startTestOutpost(env(2));
    try {
      const token = await apiToken(a, 'shared@example.com');
      const session = (await mcp(a.url, token, INIT())).headers.get('mcp-session-id')!;
      for (let i = 0; i < 4; i++) {
        const target = i % 2 === 0 ? b : a;
        const call = await mcp(
          target.url,
          token,
          { jsonrpc: '2.0', id: 10 + i, method: 'tools/call', params: { name: 'outpost_whoami', arguments: {} } },
          { 'Mcp-Session-Id': session },
        );
        expect(call.status).toBe(200);
        expect(call.body.result.structuredContent.user.email).toBe('shared@example.com');
      }
      const del = await fetch(new URL('/mcp', b.url), { method: 'DELETE', headers: { Authorization: `Bearer ${token}`, 'Mcp-Session-Id': session } });
      expect(del.status).toBe(204);
      expect((await mcp(a.url, token, { jsonrpc: '2.0', id: 99, method: 'tools/list' }, { 'Mcp-Session-Id': session })).status).toBe(404);
    } finally {
      await a.stop();
      await b.stop();
      await engine.close();
    }
  });
});
