// End to end with the MCP TypeScript SDK's OAuth support: a client that registers itself (RFC 7591) discovers
// the authorization server from /mcp's 401, the person approves read access only in the web app (through the
// interaction operations with a browser session), the SDK exchanges the code, sees only read tools,
// refreshes, and loses access once the person revokes the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { auth, UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { startTestOutpost, signupAndLogin, type TestOutpost } from '../support/outpost.ts';
import { signInBrowser, fromApp, sameOriginGet, type BrowserSignIn } from '../api/browser.ts';
import { consent, LoopbackCallback, MemoryClientProvider } from './support.ts';

let outpost: TestOutpost;
let browser: BrowserSignIn;
const callback = new LoopbackCallback();
/** Clients connect to the URL the instance publishes (PUBLIC_URL), which its resource must prefix. */
const mcpUrl = () => new URL(`${outpost.app.config.publicUrl}/mcp`);

beforeAll(async () => {
  outpost = await startTestOutpost();
  await signupAndLogin(outpost, 'owner@example.com');
  browser = await signInBrowser(outpost, 'owner@example.com');
  await callback.start();
});

afterAll(async () => {
  await callback.stop();
  await outpost?.stop();
});

async function connect(provider: MemoryClientProvider) {
  const client = new Client({ name: 'oauth-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(mcpUrl(), { authProvider: provider });
  await client.connect(transport);
  return client;
}

describe('an MCP client that registers itself', () => {
  const provider = () => new MemoryClientProvider(callback.url, { clientName: 'Claude (test)' });
  let client: MemoryClientProvider;

  it('discovers, registers, gets read-only consent, and sees only read tools', async () => {
    client = provider();
    const first = new StreamableHTTPClientTransport(mcpUrl(), { authProvider: client });
    await expect(new Client({ name: 'oauth-test', version: '1.0.0' }).connect(first)).rejects.toBeInstanceOf(UnauthorizedError);
    expect(client.clientInfo?.client_id).toBeTruthy();
    expect(client.authorizationUrl?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(client.authorizationUrl?.searchParams.get('resource')).toBe(outpost.app.config.publicUrl);

    const query = await consent(outpost, client.authorizationUrl!, browser, ['pages:read']);
    expect(query.get('iss')).toBe(outpost.app.config.publicUrl);
    expect(query.get('state')).toBe(client.authorizationUrl!.searchParams.get('state'));
    expect(callback.received.at(-1)?.get('code')).toBe(query.get('code'));
    await first.finishAuth(query.get('code')!);
    expect(client.savedTokens?.refresh_token).toBeTruthy();
    expect(client.savedTokens?.scope?.split(' ')).toEqual(['pages:read']);

    const mcp = await connect(client);
    const names = (await mcp.listTools()).tools.map((t) => t.name);
    expect(names).toContain('outpost_list');
    expect(names).toContain('outpost_whoami');
    expect(names).not.toContain('outpost_create');
    expect(names).not.toContain('outpost_delete');
    const who = await mcp.callTool({ name: 'outpost_whoami', arguments: {} });
    expect((who.structuredContent as any).auth.kind).toBe('oauth');
    await mcp.close();
  });

  it('works on the REST API, reads but cannot write or manage the account', async () => {
    const token = client.savedTokens!.access_token;
    expect((await outpost.api('/api/pages', { token })).status).toBe(200);
    const write = await outpost.api('/api/pages', { token, body: { name: 'x', html: '<p>x</p>' } });
    expect(write.status).toBe(403);
    expect(write.headers.get('www-authenticate')).toMatch(/^Bearer error="insufficient_scope"/);
    expect(write.headers.get('www-authenticate')).toContain('scope="pages:write"');
    const tokens = await outpost.api('/api/tokens', { token });
    expect(tokens.status).toBe(403);
    expect((await outpost.api('/api/connected-apps', { token })).status).toBe(403);
  });

  it('asks for more scope (403 insufficient_scope) when a write tool is called', async () => {
    const res = await fetch(mcpUrl(), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${client.savedTokens!.access_token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'outpost_create', arguments: { html: '<p>x</p>' } } }),
    });
    expect(res.status).toBe(403);
    const challenge = res.headers.get('www-authenticate');
    expect(challenge).toMatch(/^Bearer error="insufficient_scope"/);
    expect(challenge).toContain('scope="pages:read pages:write"');
    expect(challenge).toContain('resource_metadata=');
  });

  it('refreshes (the refresh token rotates)', async () => {
    const before = client.savedTokens!;
    expect(await auth(client, { serverUrl: mcpUrl() })).toBe('AUTHORIZED');
    expect(client.savedTokens!.access_token).not.toBe(before.access_token);
    expect(client.savedTokens!.refresh_token).not.toBe(before.refresh_token);
    const mcp = await connect(client);
    expect((await mcp.listTools()).tools.length).toBeGreaterThan(0);
    await mcp.close();
  });

  it('is listed as a connected app and stops working once revoked', async () => {
    const list = await outpost.api('/api/connected-apps', { headers: sameOriginGet(browser.cookie) });
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.apps).toHaveLength(1);
    const [app] = list.body.apps;
    expect(app).toMatchObject({ client_id: client.clientInfo!.client_id, name: 'Claude (test)', scopes: ['pages:read'] });
    expect(app.last_used_at).not.toBeNull();

    const revoke = await outpost.api(`/api/connected-apps/${app.id}`, {
      method: 'DELETE',
      headers: fromApp(outpost, { cookie: browser.cookie, 'x-csrf-token': browser.csrf }),
    });
    expect(revoke.status).toBe(204);
    const res = await fetch(mcpUrl(), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${client.savedTokens!.access_token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain(`resource_metadata="${outpost.app.config.publicUrl}/.well-known/oauth-protected-resource"`);
    expect((await outpost.api('/api/connected-apps', { headers: sameOriginGet(browser.cookie) })).body.apps).toEqual([]);
  });
});
