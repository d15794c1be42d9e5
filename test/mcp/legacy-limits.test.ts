// Limits of the legacy HTTP+SSE transport, as on Streamable HTTP: batch size, one request of the
// user's budget per message, open streams per user, and the bytes a stream may hold for a client
// that does not read it.
import net from 'node:net';
import Hapi, { type Server } from '@hapi/hapi';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimitsFrom, requestLimiterFrom } from '../../src/auth/rate-limit.ts';
import { MAX_BATCH, MAX_STREAMS_PER_USER } from '../../src/mcp/http-transport.ts';
import { registerLegacySse, type LegacyDeps } from '../../src/mcp/legacy-sse.ts';
import { RATE_LIMITED } from '../../src/mcp/rate-limited.ts';
import { loadTools } from '../../src/mcp/tools-registry.ts';
import { registerAuth } from '../../src/server/auth-scheme.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { openStream, WAIT_MS, type SseReader } from './sse-reader.ts';

const ping = (id: number) => ({ jsonrpc: '2.0', id, method: 'ping' });

async function userToken(outpost: TestOutpost, email: string): Promise<string> {
  const { token: jwt } = await signupAndLogin(outpost, email);
  return (await outpost.api('/api/tokens', { token: jwt, body: { name: email } })).body.token;
}

async function session(base: string, token: string): Promise<{ stream: SseReader; endpoint: string }> {
  const stream = await openStream(base, '/sse', { Authorization: `Bearer ${token}` });
  expect(stream.res.status).toBe(200);
  const first = await stream.next();
  expect(first.event).toBe('endpoint');
  return { stream, endpoint: first.data };
}

function post(url: string, token: string, body: unknown) {
  return fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

describe('batches and open streams (default budget)', () => {
  let outpost: TestOutpost;
  let token: string;

  beforeAll(async () => {
    outpost = await startTestOutpost({ SIGNUP_MODE: 'open' });
    token = await userToken(outpost, 'batches@example.com');
  });
  afterAll(() => outpost?.stop());

  it(`a batch of ${MAX_BATCH + 1} is refused with the JSON-RPC error Streamable HTTP gives, and none of it runs`, async () => {
    const { stream, endpoint } = await session(outpost.url, token);
    const batch = Array.from({ length: MAX_BATCH + 1 }, (_, i) => ping(i + 1));
    const res = await post(endpoint, token, batch);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32600, message: `Invalid Request: send 1 to ${MAX_BATCH} JSON-RPC messages` } });
    const streamable = await post(new URL('/mcp', outpost.url).href, token, batch);
    expect(streamable.status).toBe(400);
    expect(await streamable.json()).toEqual(body);
    // Nothing of the refused batch reached the session: the next answer is the next request's.
    expect((await post(endpoint, token, ping(100))).status).toBe(200);
    expect(JSON.parse((await stream.next((e) => e.event === 'message')).data)).toEqual({ jsonrpc: '2.0', id: 100, result: {} });
    // An empty batch is refused the same way.
    expect((await post(endpoint, token, [])).status).toBe(400);
    stream.close();
  });

  it(`a batch of ${MAX_BATCH} is accepted and every request is answered on the stream`, async () => {
    const { stream, endpoint } = await session(outpost.url, token);
    const res = await post(
      endpoint,
      token,
      Array.from({ length: MAX_BATCH }, (_, i) => ping(i + 1)),
    );
    expect(res.status).toBe(200);
    for (let id = 1; id <= MAX_BATCH; id++) expect(await stream.response(id)).toEqual({ jsonrpc: '2.0', id, result: {} });
    stream.close();
  });

  it(`the ${MAX_STREAMS_PER_USER + 1}th open stream of a user is refused with 429; another user is unaffected; a closed one frees its slot`, async () => {
    const busy = await userToken(outpost, 'many-streams@example.com');
    const streams = [];
    for (let i = 0; i < MAX_STREAMS_PER_USER; i++) streams.push((await session(outpost.url, busy)).stream);
    const refused = await fetch(new URL('/sse', outpost.url), { headers: { Authorization: `Bearer ${busy}` } });
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.message).toBe(
      `Too many open streams: at most ${MAX_STREAMS_PER_USER} per user. Close one of your open streams and retry.`,
    );
    // GET /mcp opens the same kind of stream and counts against the same slots.
    expect((await fetch(new URL('/mcp', outpost.url), { headers: { Authorization: `Bearer ${busy}` } })).status).toBe(429);

    const other = await session(outpost.url, token);
    other.stream.close();

    streams.pop()!.close();
    // The server learns of the close asynchronously: wait for the slot to come back.
    const deadline = Date.now() + WAIT_MS;
    let status = 429;
    while (status === 429 && Date.now() < deadline) {
      const res = await fetch(new URL('/sse', outpost.url), { headers: { Authorization: `Bearer ${busy}` }, signal: AbortSignal.timeout(WAIT_MS) });
      status = res.status;
      if (status === 200) void res.body?.cancel();
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe(200);
    for (const s of streams) s.close();
  });
});

describe('the request budget (RATE_LIMIT_REQUESTS=40, shared with REST)', () => {
  let outpost: TestOutpost;

  beforeAll(async () => {
    outpost = await startTestOutpost({ SIGNUP_MODE: 'open', RATE_LIMIT_REQUESTS: '40' });
  });
  afterAll(() => outpost?.stop());

  it('every message of a batch costs one request; past the budget a request gets a JSON-RPC error with the retry time', async () => {
    const token = await userToken(outpost, 'budget@example.com'); // 1 request: creating the token
    const { stream, endpoint } = await session(outpost.url, token); // 2: opening the stream

    const batch = [
      ...Array.from({ length: 20 }, (_, i) => ping(i + 1)), // 22
      { jsonrpc: '2.0', method: 'notifications/initialized' }, // 23
      // A tool call pays at its REST route (24); one refused before it gets there pays too (25).
      { jsonrpc: '2.0', id: 21, method: 'tools/call', params: { name: 'outpost_whoami', arguments: {} } },
      { jsonrpc: '2.0', id: 22, method: 'tools/call', params: { name: 'outpost_get', arguments: { page_id: '..' } } },
    ];
    expect((await post(endpoint, token, batch)).status).toBe(200);
    for (let id = 1; id <= 20; id++) expect(await stream.response(id)).toEqual({ jsonrpc: '2.0', id, result: {} });
    expect((await stream.response(21)).result.isError).toBeFalsy();
    expect((await stream.response(22)).result.isError).toBe(true);

    // 15 requests are left: of 17 pings, the last 2 are refused.
    expect(
      (
        await post(
          endpoint,
          token,
          Array.from({ length: 17 }, (_, i) => ping(101 + i)),
        )
      ).status,
    ).toBe(200);
    for (let id = 101; id <= 115; id++) expect(await stream.response(id)).toEqual({ jsonrpc: '2.0', id, result: {} });
    for (const id of [116, 117]) {
      const refused = await stream.response(id);
      expect(refused.error).toMatchObject({
        code: RATE_LIMITED,
        message: expect.stringMatching(/^Rate limit exceeded: 40 requests per window\. Retry in \d+ s\.$/),
      });
      expect(refused.error.data.retry_after_seconds).toBeGreaterThan(0);
    }
    // Tool calls past the budget: refused at the REST route (inside the result), or before it (a JSON-RPC error).
    expect(
      (
        await post(endpoint, token, [
          { jsonrpc: '2.0', id: 201, method: 'tools/call', params: { name: 'outpost_whoami', arguments: {} } },
          { jsonrpc: '2.0', id: 202, method: 'tools/call', params: { name: 'outpost_get', arguments: { page_id: '..' } } },
        ])
      ).status,
    ).toBe(200);
    const atRoute = (await stream.response(201)).result;
    expect(atRoute.isError).toBe(true);
    expect(JSON.parse(atRoute.content[0].text).error).toMatch(/^Rate limit exceeded: .* Retry in \d+ s\.$/);
    expect((await stream.response(202)).error).toMatchObject({ code: RATE_LIMITED, data: { retry_after_seconds: expect.any(Number) } });
    // The budget is the one REST spends.
    expect((await outpost.api('/api/me', { token })).status).toBe(429);
    stream.close();
  });
});

describe('a client that does not read its stream', () => {
  let outpost: TestOutpost;
  let small: Server;
  let token: string;
  const MAX_BUFFERED = 256 * 1024;

  beforeAll(async () => {
    outpost = await startTestOutpost({ SIGNUP_MODE: 'open' });
    token = await userToken(outpost, 'slow-reader@example.com');
    // A server with the real tools (so tools/list answers are large), a small buffer bound, and a
    // budget big enough that only the buffer bound can stop the flood.
    const limits = rateLimitsFrom(requestLimiterFrom(new RateLimiterMemory({ points: 1_000_000, duration: 60 }), 1_000_000), outpost.app.limits.login);
    const app = { ...outpost.app, limits };
    small = Hapi.server({ host: '127.0.0.1', port: 0 });
    registerAuth(small, app);
    const tools = await loadTools();
    const deps: LegacyDeps = { app, tools: () => tools, publicUrl: '', maxBufferedBytes: MAX_BUFFERED };
    registerLegacySse(small, deps);
    await small.start();
    deps.publicUrl = small.info.uri;
  });
  afterAll(async () => {
    await small?.stop();
    await outpost?.stop();
  });

  it('gets its stream closed and its session ended once the unsent answers pass the bound; nothing more is kept for it', async () => {
    // A raw socket, so the test decides when (whether) the stream is read.
    const socket = net.connect(small.info.port as number, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    socket.write(`GET /sse HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nAccept: text/event-stream\r\n\r\n`);
    let received = '';
    const endpoint = await new Promise<string>((resolve) => {
      const onData = (chunk: Buffer) => {
        received += chunk.toString('latin1');
        const match = /event: endpoint\ndata: (\S+)\n/.exec(received);
        if (match) {
          socket.off('data', onData);
          socket.pause();
          resolve(match[1]);
        }
      };
      socket.on('data', onData);
    });
    expect(received).toMatch(/^HTTP\/1\.1 200/);
    let ended = false;
    socket.on('end', () => (ended = true));

    // Ask for answers the client never reads until the session is gone (or far past any buffer).
    const tools = Array.from({ length: MAX_BATCH }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'tools/list' }));
    let accepted = 0;
    let status = 200;
    for (let i = 0; i < 100 && status === 200; i++) {
      status = (await post(endpoint, token, tools)).status;
      if (status === 200) accepted += tools.length;
    }
    // The session ended once the unsent answers passed the bound: nothing more can be queued for it.
    expect(status).toBe(404);
    expect(accepted).toBeGreaterThan(0);
    // Reading now drains what the kernel still holds, then the stream ends: the server closed it.
    socket.resume();
    await new Promise<void>((resolve) => (ended ? resolve() : socket.once('end', () => resolve())));
    expect(ended).toBe(true);
    socket.destroy();

    // The user's stream slot was given back: a new stream opens.
    const again = await session(small.info.uri, token);
    again.stream.close();
  });
});
