// OAuth as a person meets it, in Chromium: an MCP client (the real TypeScript SDK, registering itself) sends
// the person to the authorization URL; the web app asks them to sign in, then shows its consent screen naming
// the client and where the code goes; they untick write access and allow; the code reaches the client's
// loopback redirect; the client sees only read tools, refreshes, and stops working once the person revokes
// it on the Connected apps screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { auth, UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { LoopbackCallback, MemoryClientProvider } from '../oauth/support.ts';
import { HttpsFixture } from '../oauth/https-fixture.ts';
import { HAVE_CHROMIUM, suiteTitle } from './chromium.ts';
import { PASSWORD, signUpInApp, startWebApp, type WebApp } from './webapp.ts';

describe.skipIf(!HAVE_CHROMIUM)(suiteTitle('OAuth consent in the web app'), () => {
  let app: WebApp;
  const callback = new LoopbackCallback();
  // Serves a Client ID Metadata Document over HTTPS on loopback (its test CA is given to the fetcher).
  const site = new HttpsFixture();
  const mcpUrl = () => new URL(`${app.outpost.app.config.publicUrl}/mcp`);

  beforeAll(async () => {
    await Promise.all([site.start(), callback.start()]);
    app = await startWebApp({ CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8', CAPTURE_ALLOWED_PORTS: String(site.port), OAUTH_CLIENT_METADATA_CA_FILE: site.caFile });
  });
  afterAll(async () => {
    await app?.close();
    await Promise.all([callback.stop(), site.stop()]);
  });

  async function connect(provider: MemoryClientProvider) {
    const client = new Client({ name: 'consent-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(mcpUrl(), { authProvider: provider }));
    return client;
  }

  it('sign in, consent with read only, code to the loopback redirect, read tools only, refresh, revoke', async () => {
    const signUp = await (await app.newContext()).newPage();
    await signUpInApp(signUp, app.server, 'owner@example.com');
    await signUp.context().close();

    const provider = new MemoryClientProvider(callback.url, { clientName: 'Claude (test)' });
    const first = new StreamableHTTPClientTransport(mcpUrl(), { authProvider: provider });
    await expect(new Client({ name: 'consent-test', version: '1.0.0' }).connect(first)).rejects.toBeInstanceOf(UnauthorizedError);

    // A browser with no session: the authorization URL leads to sign-in, then back to the consent screen.
    const page = await (await app.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(provider.authorizationUrl!.href);
    await page.getByRole('heading', { name: 'Sign in to Outpost' }).waitFor();
    await page.getByLabel('E-mail').fill('owner@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { name: 'Allow Claude (test) to use your Outpost?' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/authorize\/[\w-]+$/);
    await expect(page.locator('.consent-host').innerText()).resolves.toBe(new URL(callback.url).host);
    const write = page.getByRole('checkbox', { name: /pages:write/ });
    const read = page.getByRole('checkbox', { name: /pages:read/ });
    await expect(write.isChecked()).resolves.toBe(true);
    await write.uncheck();
    await expect(read.isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Allow' }).click();
    await expect.poll(() => callback.received.length, { timeout: 10_000 }).toBe(1);
    const query = callback.received[0];
    expect(query.get('iss')).toBe(app.outpost.app.config.publicUrl);
    expect(query.get('state')).toBe(provider.authorizationUrl!.searchParams.get('state'));

    await first.finishAuth(query.get('code')!);
    expect(provider.savedTokens?.scope?.split(' ')).toEqual(['pages:read']);
    const mcp = await connect(provider);
    const names = (await mcp.listTools()).tools.map((t) => t.name);
    expect(names).toContain('outpost_list');
    expect(names).not.toContain('outpost_create');
    await mcp.close();

    const before = provider.savedTokens!.access_token;
    expect(await auth(provider, { serverUrl: mcpUrl() })).toBe('AUTHORIZED');
    expect(provider.savedTokens!.access_token).not.toBe(before);

    // The same app asks again: the screen starts from the earlier choice (read only).
    const again = new MemoryClientProvider(callback.url, { clientName: 'Claude (test)' });
    again.clientInfo = provider.clientInfo;
    await expect(
      new Client({ name: 'consent-test', version: '1.0.0' }).connect(new StreamableHTTPClientTransport(mcpUrl(), { authProvider: again })),
    ).rejects.toBeInstanceOf(UnauthorizedError);
    await page.goto(again.authorizationUrl!.href);
    await page.getByText('You allowed this app before (pages:read)').waitFor();
    await expect(page.getByRole('checkbox', { name: /pages:read/ }).isChecked()).resolves.toBe(true);
    await expect(page.getByRole('checkbox', { name: /pages:write/ }).isChecked()).resolves.toBe(false);

    // The person revokes it on the Connected apps screen; the client's next call is refused.
    await page.goto(`${app.server}/apps`);
    await page.getByRole('heading', { name: 'Claude (test)' }).waitFor();
    await page.getByRole('button', { name: 'Revoke Claude (test)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke Claude (test)?' });
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('status').getByText('Claude (test) can no longer use your Outpost.').waitFor();
    await page.getByText('No app is connected.').waitFor();
    const res = await fetch(mcpUrl(), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${provider.savedTokens!.access_token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(res.status).toBe(401);
  });

  it('deny sends access_denied to the client; a stale request says so in plain words', async () => {
    const provider = new MemoryClientProvider(callback.url, { clientName: 'Look-alike' });
    await expect(
      new Client({ name: 'consent-test', version: '1.0.0' }).connect(new StreamableHTTPClientTransport(mcpUrl(), { authProvider: provider })),
    ).rejects.toBeInstanceOf(UnauthorizedError);
    const page = await (await app.newContext()).newPage();
    await page.goto(`${app.server}/sign-in`);
    await page.getByLabel('E-mail').fill('owner@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.goto(provider.authorizationUrl!.href);
    await page.getByRole('heading', { name: 'Allow Look-alike to use your Outpost?' }).waitFor();
    const consentUrl = page.url();
    const seen = callback.received.length;
    await page.getByRole('button', { name: 'Deny' }).click();
    await expect.poll(() => callback.received.length, { timeout: 10_000 }).toBe(seen + 1);
    expect(callback.received.at(-1)?.get('error')).toBe('access_denied');
    await page.waitForURL(/\/callback\?/);

    await page.goto(consentUrl);
    await page.getByRole('heading', { name: 'This request cannot be answered' }).waitFor();
  });

  it('a client known by its metadata document URL: the screen names the document host and where the code goes', async () => {
    const clientId = site.url('/oauth/client.json');
    site.documents['/oauth/client.json'] = {
      body: JSON.stringify({
        client_id: clientId,
        client_name: 'Claude Code (test)',
        redirect_uris: [callback.url],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'none',
      }),
    };
    const provider = new MemoryClientProvider(callback.url, { clientMetadataUrl: clientId });
    const first = new StreamableHTTPClientTransport(mcpUrl(), { authProvider: provider });
    await expect(new Client({ name: 'consent-test', version: '1.0.0' }).connect(first)).rejects.toBeInstanceOf(UnauthorizedError);
    expect(provider.clientInfo?.client_id).toBe(clientId);

    const page = await (await app.newContext()).newPage();
    await page.goto(provider.authorizationUrl!.href);
    await page.getByLabel('E-mail').fill('owner@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Allow Claude Code (test) to use your Outpost?' }).waitFor();
    const about = await page.locator('.consent-client').innerText();
    expect(about).toContain(`described by its metadata document at ${new URL(clientId).host}`);
    expect(about).toContain(`Your answer goes to ${new URL(callback.url).host}`);
    const seen = callback.received.length;
    await page.getByRole('button', { name: 'Allow' }).click();
    await expect.poll(() => callback.received.length, { timeout: 10_000 }).toBe(seen + 1);
    await first.finishAuth(callback.received.at(-1)!.get('code')!);
    const mcp = await connect(provider);
    expect((await mcp.listTools()).tools.map((t) => t.name)).toContain('outpost_create');
    await mcp.close();
  });
});
