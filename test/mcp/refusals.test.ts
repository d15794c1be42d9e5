// Every refusal on the MCP endpoints (/mcp, /mcp/message, /sse) answers with a JSON-RPC error object,
// keeping its HTTP status and the headers that go with it (WWW-Authenticate, Allow, Retry-After).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ALL_PROTOCOL_VERSIONS } from '../../src/mcp/transport-refusals.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { openStream } from './sse-reader.ts';

const PING = '{"jsonrpc":"2.0","id":1,"method":"ping"}';

let outpost: TestOutpost;
let token: string;

beforeAll(async () => {
  outpost = await startTestOutpost();
  const { token: jwt } = await signupAndLogin(outpost, 'refusals@example.com');
  token = (await outpost.api('/api/tokens', { token: jwt, body: { name: 'refusals' } })).body.token;
});
afterAll(() => outpost.stop());

async function send(path: string, init: { method?: string; headers?: Record<string, string>; body?: string; auth?: boolean } = {}) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...init.headers };
  if (init.auth !== false) headers.Authorization ??= `Bearer ${token}`;
  const res = await fetch(new URL(path, outpost.url), { method: init.method ?? 'POST', headers, body: init.body });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    body: JSON.parse(text) as { jsonrpc?: string; id?: unknown; error?: { code: number; message: string; data?: unknown } },
  };
}

/** A JSON-RPC error object with `code`, a message and nothing of hapi's error shape. */
function expectJsonRpcError(body: unknown, code: number, message?: RegExp | string, id: unknown = null) {
  expect(body).toMatchObject({ jsonrpc: '2.0', id, error: { code, message: expect.any(String) } });
  expect(Object.keys(body as object).sort()).toEqual(['error', 'id', 'jsonrpc']);
  if (message) expect((body as { error: { message: string } }).error.message).toMatch(message);
}

describe('an unsupported MCP-Protocol-Version', () => {
  it('POST: 400 with -32022 naming the requested and the supported versions, for the request id', async () => {
    const res = await send('/mcp', { body: PING, headers: { 'MCP-Protocol-Version': '1999-01-01' } });
    expect(res.status).toBe(400);
    expectJsonRpcError(res.body, -32022, /1999-01-01/, JSON.parse(PING).id);
    expect(res.body.error!.data).toEqual({ requested: '1999-01-01', supported: ALL_PROTOCOL_VERSIONS });
  });

  it('GET with a session: the same', async () => {
    const init = await send('/mcp', { body: '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18"}}' });
    const session = init.headers.get('mcp-session-id')!;
    const res = await send('/mcp', {
      method: 'GET',
      headers: { Accept: 'text/event-stream', 'Mcp-Session-Id': session, 'MCP-Protocol-Version': '2030-01-01' },
    });
    expect(res.status).toBe(400);
    expectJsonRpcError(res.body, -32022);
    expect(res.body.error!.data).toEqual({ requested: '2030-01-01', supported: ALL_PROTOCOL_VERSIONS });
  });
});

describe('transport refusals on /mcp', () => {
  it('401 without a credential keeps WWW-Authenticate (naming the protected resource metadata)', async () => {
    const res = await send('/mcp', { body: PING, auth: false });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="outpost", resource_metadata="http:\/\/[^"]+\/\.well-known\/oauth-protected-resource"$/);
    expectJsonRpcError(res.body, -32000, 'Missing or invalid Authorization header');
  });

  it('401 for a wrong token, on GET and DELETE too', async () => {
    for (const method of ['POST', 'GET', 'DELETE']) {
      const res = await send('/mcp', { method, body: method === 'POST' ? PING : undefined, headers: { Authorization: 'Bearer op_wrong' } });
      expect(res.status, method).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="outpost", error="invalid_token"/);
      expectJsonRpcError(res.body, -32000, 'Invalid token');
    }
  });

  it('403 for a foreign Origin or Host', async () => {
    const origin = await send('/mcp', { body: PING, headers: { Origin: 'https://evil.example' } });
    expect(origin.status).toBe(403);
    expectJsonRpcError(origin.body, -32000, /Origin https:\/\/evil\.example is not allowed/);
    const host = await outpost.server.inject({
      method: 'POST',
      url: '/mcp',
      headers: { host: 'evil.example', authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: PING,
    });
    expect(host.statusCode).toBe(403);
    expectJsonRpcError(JSON.parse(host.payload), -32000, /Host evil\.example is not allowed/);
  });

  it('400 -32700 for a body that is not JSON', async () => {
    const res = await send('/mcp', { body: '{"jsonrpc":' });
    expect(res.status).toBe(400);
    expectJsonRpcError(res.body, -32700, 'Parse error: Invalid JSON');
  });

  it('415 for a body that is not application/json', async () => {
    const res = await send('/mcp', { body: PING, headers: { 'Content-Type': 'text/plain' } });
    expect(res.status).toBe(415);
    expectJsonRpcError(res.body, -32000, /application\/json/);
  });

  it('413 for a body larger than the server takes', async () => {
    const res = await send('/mcp', { body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(2 * 1024 * 1024) } }) });
    expect(res.status).toBe(413);
    expectJsonRpcError(res.body, -32000, /larger than this server accepts/);
  });

  it('405 with Allow for a method /mcp does not take', async () => {
    const res = await send('/mcp', { method: 'PUT', body: PING });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, POST, DELETE');
    expectJsonRpcError(res.body, -32000, /PUT is not allowed on \/mcp/);
  });

  it('404 -32001 for an unknown session, 400 for a DELETE without one, 406 for a GET stream that is not SSE', async () => {
    const unknown = await send('/mcp', { body: PING, headers: { 'Mcp-Session-Id': 'nope.nope' } });
    expect(unknown.status).toBe(404);
    expectJsonRpcError(unknown.body, -32001, /Session not found/);
    const noSession = await send('/mcp', { method: 'DELETE' });
    expect(noSession.status).toBe(400);
    expectJsonRpcError(noSession.body, -32000, /Mcp-Session-Id/);
    const session = (await send('/mcp', { body: '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}' })).headers.get('mcp-session-id')!;
    const notSse = await send('/mcp', { method: 'GET', headers: { Accept: 'application/json', 'Mcp-Session-Id': session } });
    expect(notSse.status).toBe(406);
    expectJsonRpcError(notSse.body, -32000);
  });

  it('legacy: 404 -32001 for an unknown session, -32700 for a body that is not JSON, -32600 for one that is no JSON-RPC message', async () => {
    const unknown = await send('/mcp/message?session_id=nope', { body: PING });
    expect(unknown.status).toBe(404);
    expectJsonRpcError(unknown.body, -32001, 'Session not found');
    const stream = await openStream(outpost.url, '/sse', { Authorization: `Bearer ${token}` });
    const endpoint = new URL((await stream.next((e) => e.event === 'endpoint')).data);
    const notJson = await send(endpoint.pathname + endpoint.search, { body: '{"jsonrpc":' });
    expect(notJson.status).toBe(400);
    expectJsonRpcError(notJson.body, -32700, 'Invalid JSON');
    const notRpc = await send(endpoint.pathname + endpoint.search, { body: '{"hello":"world"}' });
    expect(notRpc.status).toBe(400);
    expectJsonRpcError(notRpc.body, -32600, 'Invalid JSON-RPC message');
    stream.close();
  });

  it('the SDK client still sees a 401 as one, with the message once', async () => {
    const client = new Client({ name: 'refusals', version: '1' });
    const transport = new StreamableHTTPClientTransport(new URL('/mcp', outpost.url), { requestInit: { headers: { Authorization: 'Bearer op_wrong' } } });
    const error = await client.connect(transport).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StreamableHTTPError);
    expect((error as StreamableHTTPError).code).toBe(401);
    expect((error as Error).message.match(/Invalid token/g)).toHaveLength(1);
  });
});

describe('rate limits on /mcp', () => {
  let limited: TestOutpost;
  let limitedToken: string;
  beforeAll(async () => {
    limited = await startTestOutpost({ RATE_LIMIT_REQUESTS: '6' });
    const { token: jwt } = await signupAndLogin(limited, 'limited@example.com');
    limitedToken = (await limited.api('/api/tokens', { token: jwt, body: { name: 'limited' } })).body.token;
  });
  afterAll(() => limited.stop());

  it('429 keeps Retry-After and answers -32029 with retry_after_seconds', async () => {
    let res: Response | undefined;
    for (let i = 0; i < 10; i++) {
      res = await fetch(new URL('/mcp', limited.url), {
        method: 'POST',
        headers: { Authorization: `Bearer ${limitedToken}`, 'Content-Type': 'application/json' },
        body: PING,
      });
      if (res.status === 429) break;
      await res.body?.cancel();
    }
    expect(res!.status).toBe(429);
    const retryAfter = res!.headers.get('retry-after');
    expect(retryAfter).toMatch(/^\d+$/);
    const body = await res!.json();
    expectJsonRpcError(body, -32029);
    expect(body.error.data).toEqual({ retry_after_seconds: Number(retryAfter) });
  });
});
