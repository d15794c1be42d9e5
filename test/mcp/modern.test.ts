// MCP 2026-07-28 with the SDK's 2.x client: server/discover, then stateless requests with no initialize.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

let outpost: TestOutpost;
let token: string;

beforeAll(async () => {
  outpost = await startTestOutpost({ SIGNUP_MODE: 'open' });
  const { token: jwt } = await signupAndLogin(outpost, 'modern@example.com');
  token = (await outpost.api('/api/tokens', { token: jwt, body: { name: 'modern' } })).body.token;
});
afterAll(async () => {
  await outpost?.stop();
});

async function modernClient(mode: 'auto' | { pin: string } = { pin: '2026-07-28' }) {
  const client = new Client({ name: 'modern-test', version: '1.0.0' }, { versionNegotiation: { mode } });
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', outpost.url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
  await client.connect(transport);
  return client;
}

describe('2026-07-28 with the 2.x client', () => {
  it('discovers, lists and calls tools without initialize', async () => {
    const client = await modernClient();
    expect(client.getProtocolEra()).toBe('modern');
    expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('outpost_create');
    const created = await client.callTool({ name: 'outpost_create', arguments: { html: '<h1>Hi</h1>', name: 'Modern' } });
    console.log(JSON.stringify(created).slice(0, 500));
    await client.close();
  });
});
