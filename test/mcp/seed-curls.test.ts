// The seed document's curl examples for POST /mcp, sent verbatim with fetch (host and token adjusted).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

let outpost: TestOutpost;
let token: string;

beforeAll(async () => {
  outpost = await startTestOutpost();
  const { token: jwt } = await signupAndLogin(outpost, 'seed@example.com');
  token = (await outpost.api('/api/tokens', { token: jwt, body: { name: 'seed' } })).body.token;
});
afterAll(() => outpost.stop());

function post(body: string, headers: Record<string, string> = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }) {
  return fetch(new URL('/mcp', outpost.url), { method: 'POST', headers, body });
}

describe('POST /mcp as the seed shows it', () => {
  it('initialize with empty params', async () => {
    const res = await post('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = await res.json();
    expect(body).toMatchObject({ jsonrpc: '2.0', id: 1, result: { protocolVersion: '2024-11-05', serverInfo: { name: 'outpost' } } });
    expect(body.result.capabilities.tools).toBeDefined();
  });

  it('tools/list without initialize or session', async () => {
    const res = await post('{"jsonrpc":"2.0","id":2,"method":"tools/list"}');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.id).toBe(2);
    expect(body.result.tools.map((t: { name: string }) => t.name)).toContain('outpost_whoami');
  });

  it('tools/call returns the JSON payload as pretty-printed text', async () => {
    const res = await post('{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"outpost_whoami","arguments":{}}}');
    const body = await res.json();
    expect(body.id).toBe(3);
    const text = body.result.content[0].text as string;
    expect(body.result.content[0].type).toBe('text');
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2));
    expect(JSON.parse(text).user.email).toBe('seed@example.com');
  });

  it('401 Missing or invalid Authorization header', async () => {
    const res = await post('{"jsonrpc":"2.0","id":2,"method":"tools/list"}', { 'Content-Type': 'application/json' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await res.json()).error.message).toBe('Missing or invalid Authorization header');
  });

  it('401 Invalid token', async () => {
    const res = await post('{"jsonrpc":"2.0","id":2,"method":"tools/list"}', { Authorization: 'Bearer op_wrong', 'Content-Type': 'application/json' });
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toBe('Invalid token');
  });

  it('400 Invalid JSON', async () => {
    const res = await post('{"jsonrpc":"2.0","id":');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error: Invalid JSON' } });
  });

  it('JSON-RPC -32601 Method not found for unknown methods', async () => {
    const res = await post('{"jsonrpc":"2.0","id":9,"method":"pages/teleport"}');
    expect(await res.json()).toEqual({ jsonrpc: '2.0', id: 9, error: { code: -32601, message: 'Method not found' } });
  });
});
