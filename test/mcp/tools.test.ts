// Tools are plugins: a fixture folder of tool files becomes the server's tools, with schemas and
// annotations derived from openapi.yaml, calls run through the REST routes, and scopes enforced.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { invokeTool } from '../../src/mcp/invoke.ts';
import { loadTools } from '../../src/mcp/tools-registry.ts';
import { resolveCredential } from '../../src/auth/credentials.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

let outpost: TestOutpost;
let jwt: string;
let apiToken: string;
let readOnlyToken: string;

async function connect(token: string): Promise<Client> {
  const client = new Client({ name: 'outpost-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/mcp', outpost.url), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

beforeAll(async () => {
  outpost = await startTestOutpost({}, { toolsDir: path.join(fixtures, 'tools') });
  jwt = (await signupAndLogin(outpost, 'owner@example.com')).token;
  apiToken = (await outpost.api('/api/tokens', { token: jwt, body: { name: 'mcp' } })).body.token;
  readOnlyToken = (await outpost.api('/api/tokens', { token: jwt, body: { name: 'ro', scopes: ['pages:read'] } })).body.token;
});
afterAll(() => outpost.stop());

describe('tools from a folder', () => {
  it("derives each tool's title, description, schemas and annotations from its operation", async () => {
    const tools = await loadTools(path.join(fixtures, 'tools'));
    expect(tools.map((t) => t.name)).toEqual(['make_token', 'token_list', 'token_revoke', 'whoami']);
    const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
    for (const t of tools) {
      expect(t.title).toBeTruthy();
      expect(t.description).toBeTruthy();
      expect(t.inputSchema.type).toBe('object');
    }
    expect(byName.whoami.annotations).toEqual({ title: 'Who am I', readOnlyHint: true, openWorldHint: false });
    expect(byName.whoami.outputSchema).toMatchObject({ type: 'object', required: ['user', 'auth', 'storage'] });
    expect(byName.token_revoke.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true });
    expect(byName.token_revoke.inputSchema).toEqual({
      type: 'object',
      properties: { token_id: expect.objectContaining({ type: 'string' }) },
      required: ['token_id'],
      additionalProperties: false,
    });
    // POST → not destructive; the file's override wins over the derived openWorldHint.
    expect(byName.make_token.annotations).toMatchObject({ destructiveHint: false, idempotentHint: false, openWorldHint: true });
    expect(byName.make_token.inputSchema).toMatchObject({ required: ['name'], properties: { name: { type: 'string' }, scopes: { type: 'array' } } });
    // A tool that reshapes its result declares no output schema of the raw response.
    expect(byName.make_token.outputSchema).toBeUndefined();
  });

  it('lists what MCP may use, with the derived fields; account operations never, even for a session JWT', async () => {
    const client = await connect(jwt);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['whoami']);
    expect(tools[0]).toMatchObject({ title: 'Who am I', annotations: { readOnlyHint: true }, inputSchema: { type: 'object' } });
    await expect(client.callTool({ name: 'make_token', arguments: { name: 'sneaky' } })).rejects.toThrow(/Unknown tool: make_token/);
    const listed = await outpost.api('/api/tokens', { token: jwt });
    expect(listed.body.tokens.map((t: { name: string }) => t.name)).not.toContain('sneaky');
    await client.close();
  });

  it('calls a tool through its REST route and returns pretty JSON text plus structuredContent', async () => {
    const client = await connect(apiToken);
    const result = await client.callTool({ name: 'whoami', arguments: {} });
    expect(result.isError).toBeFalsy();
    const me = result.structuredContent as any;
    expect(me.user.email).toBe('owner@example.com');
    expect(me.auth.kind).toBe('api_token');
    expect((result.content as any)[0]).toEqual({ type: 'text', text: JSON.stringify(me, null, 2) });
    await client.close();
  });

  it("applies a tool's result shaper (invoked directly, as REST would allow this session)", async () => {
    const tools = await loadTools(path.join(fixtures, 'tools'));
    const caller = (await resolveCredential(outpost.app, jwt))!;
    const result = await invokeTool({
      server: outpost.server,
      tool: tools.find((t) => t.name === 'make_token')!,
      args: { name: 'from a tool' },
      caller,
      remoteAddress: '127.0.0.1',
    });
    expect(Object.keys(result.structuredContent as object)).toEqual(['id']);
    const listed = await outpost.api('/api/tokens', { token: jwt });
    expect(listed.body.tokens.map((t: { name: string }) => t.name)).toContain('from a tool');
  });

  it("hides tools the credential's scopes do not allow and refuses to call them", async () => {
    const client = await connect(readOnlyToken);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['whoami']);
    await expect(client.callTool({ name: 'token_list', arguments: {} })).rejects.toThrow(/Unknown tool: token_list/);
    await client.close();
  });

  it('returns recoverable errors inside the result', async () => {
    const tools = await loadTools(path.join(fixtures, 'tools'));
    const revoke = tools.find((t) => t.name === 'token_revoke')!;
    const caller = (await resolveCredential(outpost.app, jwt))!;
    const missing = await invokeTool({ server: outpost.server, tool: revoke, args: {}, caller, remoteAddress: '127.0.0.1' });
    expect(missing.isError).toBe(true);
    expect(JSON.parse(missing.content[0].text)).toEqual({ error: 'token_id is required' });
    const notFound = await invokeTool({ server: outpost.server, tool: revoke, args: { token_id: 'tok_nope' }, caller, remoteAddress: '127.0.0.1' });
    expect(JSON.parse(notFound.content[0].text)).toEqual({ error: 'Token not found. Use GET /api/tokens to see your tokens.' });
    const invalid = await invokeTool({
      server: outpost.server,
      tool: tools.find((t) => t.name === 'make_token')!,
      args: { name: '' },
      caller,
      remoteAddress: '127.0.0.1',
    });
    expect(invalid.isError).toBe(true);
    expect(JSON.parse(invalid.content[0].text).error).toMatch(/name/);
    // Through MCP too: the error is inside the result, not a JSON-RPC error.
    const client = await connect(jwt);
    const extra = await client.callTool({ name: 'whoami', arguments: { surprise: 1 } });
    expect(extra.isError).toBe(true);
    expect(JSON.parse((extra.content as any)[0].text)).toEqual({ error: 'Unknown argument: surprise' });
    await client.close();
  });

  it('refuses "." and ".." as a path argument even where the schema allows them, before any route runs', async () => {
    const tools = await loadTools(path.join(fixtures, 'tools'));
    const revoke = tools.find((t) => t.name === 'token_revoke')!;
    const caller = (await resolveCredential(outpost.app, jwt))!;
    const reached: string[] = [];
    const record = (request: { path: string }) => reached.push(request.path);
    outpost.server.events.on('response', record);
    try {
      for (const tokenId of ['..', '.']) {
        const result = await invokeTool({ server: outpost.server, tool: revoke, args: { token_id: tokenId }, caller, remoteAddress: '127.0.0.1' });
        expect(result.isError).toBe(true);
        expect(JSON.parse(result.content[0].text)).toEqual({ error: `token_id must not be "${tokenId}"` });
      }
    } finally {
      outpost.server.events.removeListener('response', record);
    }
    expect(reached).toEqual([]);
  });

  it('answers an unknown tool with a JSON-RPC error', async () => {
    const client = await connect(jwt);
    await expect(client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toThrow(/Unknown tool: no_such_tool/);
    await client.close();
  });

  // The SDK client puts "MCP error <code>: " before a JSON-RPC error's message itself.
  it('sends the plain error message, so a client shows its "MCP error" prefix once', async () => {
    const res = await fetch(new URL('/mcp', outpost.url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${jwt}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'nope', arguments: {} } }),
    });
    expect((await res.json()).error).toEqual({ code: -32602, message: 'Unknown tool: nope' });

    const client = await connect(jwt);
    const error = await client.callTool({ name: 'nope', arguments: {} }).catch((e: Error) => e);
    expect((error as Error).message).toBe('MCP error -32602: Unknown tool: nope');
    await client.close();
  });
});

describe('the tool loader refuses malformed files with their path and the reason', () => {
  const cases: [string, RegExp][] = [
    ['bad-name', /bad\.ts: tool name "has spaces" must match/],
    ['unknown-operation', /ghost\.ts: operation "summonGhost" is not an operationId in openapi\.yaml/],
    ['duplicate', /b\.ts: tool name "same" is already used by .*a\.ts/],
    ['no-title', /untitled\.ts: needs a non-empty title/],
    ['unknown-component', /recipe\.ts: input "NoSuchSchema" is not a schema in openapi\.yaml components/],
  ];
  for (const [folder, message] of cases) {
    it(folder, async () => {
      await expect(loadTools(path.join(fixtures, folder))).rejects.toThrow(message);
    });
  }

  it('and the server does not start with such a folder', async () => {
    await expect(startTestOutpost({}, { toolsDir: path.join(fixtures, 'duplicate') })).rejects.toThrow(/already used by/);
  });
});

describe('progress', () => {
  it('reports progress over SSE when the caller sends a progressToken', async () => {
    const client = await connect(jwt);
    const seen: { progress: number; total?: number; message?: string }[] = [];
    const result = await client.callTool({ name: 'whoami', arguments: {} }, undefined, {
      onprogress: (p) => {
        seen.push(p);
      },
    });
    expect((result.structuredContent as any).user.email).toBe('owner@example.com');
    expect(seen).toEqual([
      { progress: 0, total: 1, message: 'Running whoami' },
      { progress: 1, total: 1, message: 'whoami finished' },
    ]);
    await client.close();
  });
});
