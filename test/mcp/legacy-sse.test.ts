// The legacy HTTP+SSE transport (MCP 2024-11-05) as the seed's "GET /mcp + POST /mcp/message (SSE)"
// section shows it: raw fetch streaming like its curls, then the SDK's own SSE client.
import Hapi, { type Server } from '@hapi/hapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { openLegacyStream, registerLegacySse, type LegacyDeps } from '../../src/mcp/legacy-sse.ts';
import { registerAuth } from '../../src/server/auth-scheme.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { openStream, WAIT_MS } from './sse-reader.ts';
import { freePort } from '../support/free-port.ts';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

let outpost: TestOutpost;
let publicUrl: string;
let jwt: string;
let token: string;
let otherToken: string;

/** Opens a stream and returns it with the endpoint its first event names. */
async function session(bearer = token, base = outpost.url, path = '/sse') {
  const stream = await openStream(base, path, { Authorization: `Bearer ${bearer}` });
  expect(stream.res.status).toBe(200);
  const first = await stream.next();
  expect(first.event).toBe('endpoint');
  return { stream, endpoint: first.data };
}

function post(endpoint: string, body: string, bearer: string | null = token, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...extra };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  return fetch(endpoint, { method: 'POST', headers, body });
}

beforeAll(async () => {
  // The endpoint event is absolute, built from PUBLIC_URL: pin the port so it names this server.
  const port = await freePort();
  publicUrl = `http://127.0.0.1:${port}`;
  outpost = await startTestOutpost({ PORT: String(port), PUBLIC_URL: publicUrl, SIGNUP_MODE: 'open' });
  jwt = (await signupAndLogin(outpost, 'legacy@example.com')).token;
  token = (await outpost.api('/api/tokens', { token: jwt, body: { name: 'legacy' } })).body.token;
  const otherJwt = (await signupAndLogin(outpost, 'other@example.com')).token;
  otherToken = (await outpost.api('/api/tokens', { token: otherJwt, body: { name: 'other' } })).body.token;
});
afterAll(() => outpost?.stop());

describe('GET /sse + POST /mcp/message as the seed shows it', () => {
  it('opens an event stream whose first event is the absolute endpoint URL', async () => {
    const stream = await openStream(outpost.url, '/sse', { Authorization: `Bearer ${token}` });
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get('content-type')).toBe('text/event-stream');
    expect(stream.res.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(stream.res.headers.get('x-accel-buffering')).toBe('no');
    const first = await stream.next();
    expect(first).toEqual({ event: 'endpoint', data: expect.stringMatching(new RegExp(`^${publicUrl}/mcp/message\\?session_id=${UUID}$`)) });
    // Every open is a new session.
    const second = await session();
    expect(second.endpoint).not.toBe(first.data);
    stream.close();
    second.stream.close();
  });

  it('initialize (params {} and no params): 200 {"status":"accepted"}, the result arrives as event: message', async () => {
    const { stream, endpoint } = await session();
    const res = await post(endpoint, '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ status: 'accepted' });
    const init = await stream.response(1);
    expect(init).toMatchObject({ jsonrpc: '2.0', id: 1, result: { protocolVersion: '2024-11-05', serverInfo: { name: 'outpost' } } });
    expect(init.result.capabilities.tools).toBeDefined();

    // The seed's curl: no params at all.
    const bare = await post(endpoint, '{"jsonrpc":"2.0","id":2,"method":"initialize"}');
    expect(bare.status).toBe(200);
    expect(await bare.json()).toEqual({ status: 'accepted' });
    expect(await stream.response(2)).toMatchObject({ id: 2, result: { protocolVersion: '2024-11-05', serverInfo: { name: 'outpost' } } });
    stream.close();
  });

  it("tools/list and tools/call arrive on the stream; tools run with the stream's credential", async () => {
    const { stream, endpoint } = await session();
    await post(endpoint, '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}');
    await stream.response(1);
    expect((await post(endpoint, '{"jsonrpc":"2.0","method":"notifications/initialized"}')).status).toBe(200);

    expect((await post(endpoint, '{"jsonrpc":"2.0","id":2,"method":"tools/list"}')).status).toBe(200);
    const list = await stream.response(2);
    expect(list.result.tools.map((t: { name: string }) => t.name)).toContain('outpost_whoami');

    const call = await post(endpoint, '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"outpost_whoami","arguments":{}}}');
    expect(call.status).toBe(200);
    const result = (await stream.response(3)).result;
    const text = result.content[0].text as string;
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2));
    expect(JSON.parse(text).user.email).toBe('legacy@example.com');
    expect(JSON.parse(text).auth.kind).toBe('api_token');

    // A post that carries a credential must carry the one that opened the stream (tools run as it):
    // another credential of the same user gets the same 404 as an unknown session.
    expect((await post(endpoint, '{"jsonrpc":"2.0","id":4,"method":"tools/list"}', jwt)).status).toBe(404);
    expect((await post(endpoint, '{"jsonrpc":"2.0","id":4,"method":"tools/list"}')).status).toBe(200);
    expect((await stream.response(4)).result.tools).toBeDefined();

    // Unknown methods are JSON-RPC errors on the stream.
    expect((await post(endpoint, '{"jsonrpc":"2.0","id":5,"method":"pages/teleport"}')).status).toBe(200);
    expect(await stream.response(5)).toEqual({ jsonrpc: '2.0', id: 5, error: { code: -32601, message: 'Method not found' } });
    stream.close();
  });

  it('accepts sessionId= as the parameter name too', async () => {
    const { stream, endpoint } = await session();
    const id = new URL(endpoint).searchParams.get('session_id')!;
    const res = await post(`${publicUrl}/mcp/message?sessionId=${id}`, '{"jsonrpc":"2.0","id":7,"method":"ping"}');
    expect(res.status).toBe(200);
    expect(await stream.response(7)).toEqual({ jsonrpc: '2.0', id: 7, result: {} });
    stream.close();
  });

  it('404 Session not found for an unknown or missing session', async () => {
    for (const url of [`${publicUrl}/mcp/message?session_id=${crypto.randomUUID()}`, `${publicUrl}/mcp/message`, `${publicUrl}/mcp/message?session_id=nope`]) {
      const res = await post(url, '{"jsonrpc":"2.0","id":1,"method":"ping"}');
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect((await res.json()).error).toEqual({ code: -32001, message: 'Session not found' });
    }
  });

  it("404 for another user's valid token, exactly like an unknown session", async () => {
    const { stream, endpoint } = await session();
    const res = await post(endpoint, '{"jsonrpc":"2.0","id":1,"method":"tools/list"}', otherToken);
    expect(res.status).toBe(404);
    const unknown = await post(`${publicUrl}/mcp/message?session_id=${crypto.randomUUID()}`, '{"jsonrpc":"2.0","id":1,"method":"tools/list"}', otherToken);
    expect(await res.json()).toEqual(await unknown.json());
    // Nothing was delivered: the owner's next request is the next message on the stream.
    await post(endpoint, '{"jsonrpc":"2.0","id":2,"method":"ping"}');
    expect(JSON.parse((await stream.next((e) => e.event === 'message')).data)).toEqual({ jsonrpc: '2.0', id: 2, result: {} });
    stream.close();
  });

  it('401 without or with a bad Authorization header on GET; on POST only for a bad one (the session id is the capability)', async () => {
    const open = await fetch(new URL('/sse', outpost.url));
    expect(open.status).toBe(401);
    expect(open.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await open.json()).error.message).toBe('Missing or invalid Authorization header');
    const bad = await fetch(new URL('/sse', outpost.url), { headers: { Authorization: 'Bearer op_wrong' } });
    expect(bad.status).toBe(401);
    expect((await bad.json()).error.message).toBe('Invalid token');

    const { stream, endpoint } = await session();
    const anonymous = await post(endpoint, '{"jsonrpc":"2.0","id":1,"method":"ping"}', null);
    expect(anonymous.status).toBe(200);
    expect(await stream.response(1)).toEqual({ jsonrpc: '2.0', id: 1, result: {} });
    const wrong = await post(endpoint, '{"jsonrpc":"2.0","id":1,"method":"ping"}', 'op_wrong');
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.message).toBe('Invalid token');
    stream.close();
  });

  it('400 Invalid JSON on a malformed body; 400 for JSON that is no JSON-RPC message', async () => {
    const { stream, endpoint } = await session();
    const res = await post(endpoint, '{"jsonrpc":"2.0","id":');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Invalid JSON' } });
    expect((await post(endpoint, '')).status).toBe(400);
    const notRpc = await post(endpoint, '{"hello":"world"}');
    expect(notRpc.status).toBe(400);
    expect((await notRpc.json()).error.message).toBe('Invalid JSON-RPC message');
    stream.close();
  });

  it('403 for a foreign Origin (DNS-rebinding protection, as on /mcp)', async () => {
    const { stream, endpoint } = await session();
    const res = await post(endpoint, '{"jsonrpc":"2.0","id":1,"method":"ping"}', token, { Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    const open = await fetch(new URL('/sse', outpost.url), { headers: { Authorization: `Bearer ${token}`, Origin: 'https://evil.example' } });
    expect(open.status).toBe(403);
    stream.close();
  });

  it('after the client closes the stream, the session is gone: 404', async () => {
    const { stream, endpoint } = await session();
    expect((await post(endpoint, '{"jsonrpc":"2.0","id":1,"method":"ping"}')).status).toBe(200);
    await stream.response(1);
    stream.close();
    // The server learns of the close asynchronously: wait for it.
    const deadline = Date.now() + WAIT_MS;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await post(endpoint, '{"jsonrpc":"2.0","id":2,"method":"ping"}')).status;
      if (status === 404) break;
      expect(status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe(404);
  });

  // Needs the lead's dispatch: GET /mcp without Mcp-Session-Id and MCP-Protocol-Version → openLegacyStream.
  it("GET /mcp without session or protocol-version header opens a legacy stream (the seed's curl -N)", async () => {
    const { stream, endpoint } = await session(token, outpost.url, '/mcp');
    expect(endpoint).toMatch(new RegExp(`^${publicUrl}/mcp/message\\?session_id=${UUID}$`));
    expect((await post(endpoint, '{"jsonrpc":"2.0","id":1,"method":"initialize"}')).status).toBe(200);
    expect(await stream.response(1)).toMatchObject({ result: { protocolVersion: '2024-11-05', serverInfo: { name: 'outpost' } } });
    stream.close();
  });
});

describe('keep-alive and dispatch from a GET /mcp route (a small server with a short ping interval)', () => {
  let small: Server;
  let deps: LegacyDeps;

  beforeAll(async () => {
    small = Hapi.server({ host: '127.0.0.1', port: 0 });
    // Its own Services object: sessions belong to the services they were opened for.
    const app = { ...outpost.app };
    registerAuth(small, app);
    deps = { app, tools: () => [], publicUrl: '', keepAliveMs: 100 };
    registerLegacySse(small, deps);
    // The dispatch the Streamable HTTP route does: no Mcp-Session-Id and no MCP-Protocol-Version.
    small.route({
      method: 'GET',
      path: '/mcp',
      options: {
        auth: 'outpost',
        handler: (request, h) => {
          if (!request.headers['mcp-session-id'] && !request.headers['mcp-protocol-version']) return openLegacyStream(request, h, deps);
          return h.response().code(405);
        },
      },
    });
    await small.start();
    deps.publicUrl = small.info.uri;
  });
  afterAll(() => small?.stop());

  it('a quiet stream gets event: ping with empty data', async () => {
    const { stream } = await session(token, small.info.uri);
    expect(await stream.next((e) => e.event === 'ping')).toEqual({ event: 'ping', data: '' });
    expect(await stream.next((e) => e.event === 'ping')).toEqual({ event: 'ping', data: '' });
    stream.close();
  });

  it('openLegacyStream serves a GET /mcp route; the session answers there', async () => {
    const { stream, endpoint } = await session(token, small.info.uri, '/mcp');
    expect(endpoint).toMatch(new RegExp(`^${small.info.uri}/mcp/message\\?session_id=${UUID}$`));
    expect((await post(endpoint, '{"jsonrpc":"2.0","id":1,"method":"initialize"}')).status).toBe(200);
    expect(await stream.response(1)).toMatchObject({ result: { protocolVersion: '2024-11-05', serverInfo: { name: 'outpost' } } });
    stream.close();
  });

  it('a session is only reachable through the Outpost it was opened on', async () => {
    const { stream, endpoint } = await session(token, small.info.uri);
    const id = new URL(endpoint).searchParams.get('session_id')!;
    expect((await post(`${publicUrl}/mcp/message?session_id=${id}`, '{"jsonrpc":"2.0","id":1,"method":"ping"}')).status).toBe(404);
    stream.close();
  });

  it('server.stop() ends open streams instead of waiting for them', async () => {
    const extra = Hapi.server({ host: '127.0.0.1', port: 0 });
    const app = { ...outpost.app };
    registerAuth(extra, app);
    const extraDeps: LegacyDeps = { app, tools: () => [], publicUrl: '' };
    registerLegacySse(extra, extraDeps);
    await extra.start();
    extraDeps.publicUrl = extra.info.uri;
    const { stream } = await session(token, extra.info.uri);
    await extra.stop({ timeout: 60_000 });
    await expect(stream.next(() => false)).rejects.toThrow(/stream ended/);
  });
});

describe('the SDK client over SSEClientTransport', () => {
  function transport(bearer: string, path = '/sse') {
    const authorization = `Bearer ${bearer}`;
    return new SSEClientTransport(new URL(path, outpost.url), {
      // POSTs (and, in this SDK version, the stream too) carry requestInit's headers…
      requestInit: { headers: { Authorization: authorization } },
      // …and the EventSource's own fetch adds it for SDK versions that do not.
      eventSourceInit: {
        fetch: (url, init) => {
          const headers = new Headers(init.headers);
          headers.set('Authorization', authorization);
          return fetch(url, { ...init, headers });
        },
      },
    });
  }

  it('connects, lists tools and calls outpost_whoami', async () => {
    const client = new Client({ name: 'legacy-test', version: '1.0.0' });
    await client.connect(transport(token));
    expect(client.getServerVersion()?.name).toBe('outpost');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('outpost_whoami');
    const result = await client.callTool({ name: 'outpost_whoami', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as any).user.email).toBe('legacy@example.com');
    expect(JSON.parse((result.content as any)[0].text).auth.kind).toBe('api_token');
    await client.close();
  });

  it('works when only the stream carries Authorization and the POSTs do not', async () => {
    const authorization = `Bearer ${token}`;
    const client = new Client({ name: 'legacy-test', version: '1.0.0' });
    await client.connect(
      new SSEClientTransport(new URL('/sse', outpost.url), {
        eventSourceInit: {
          fetch: (url, init) => {
            const headers = new Headers(init.headers);
            headers.set('Authorization', authorization);
            return fetch(url, { ...init, headers });
          },
        },
      }),
    );
    const result = await client.callTool({ name: 'outpost_whoami', arguments: {} });
    expect((result.structuredContent as any).user.email).toBe('legacy@example.com');
    await client.close();
  });

  it('is refused without a valid token', async () => {
    const client = new Client({ name: 'legacy-test', version: '1.0.0' });
    await expect(client.connect(transport('op_wrong'))).rejects.toThrow(/401|Invalid token|Unauthorized/i);
  });
});
