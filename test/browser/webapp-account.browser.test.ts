// The account side of the web app, in Chromium: API tokens (shown once, used with curl, revoked), the
// assistant snippets with a fresh token that a real MCP client can use, invitations (an administrator's
// code lets a second person sign up), the password change, and the jobs list.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startFixtureServer, type FixtureServer } from '../support/capture-fixtures.ts';
import { HAVE_CHROMIUM, suiteTitle } from './chromium.ts';
import { PASSWORD, signInInApp, signUpInApp, startWebApp, type WebApp } from './webapp.ts';

const run = promisify(execFile);

/** curl's status code for GET /api/pages with the token. */
async function curlStatus(server: string, token: string): Promise<string> {
  const { stdout } = await run('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-H', `Authorization: Bearer ${token}`, `${server}/api/pages`]);
  return stdout;
}

describe.skipIf(!HAVE_CHROMIUM)(suiteTitle('account screens in the web app'), () => {
  let app: WebApp;
  let site: FixtureServer;
  let page: Page;

  beforeAll(async () => {
    site = await startFixtureServer();
    app = await startWebApp({ CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8', CAPTURE_ALLOWED_PORTS: String(site.port) });
    page = await (await app.newContext()).newPage();
    await signUpInApp(page, app.server, 'admin@example.com');
  });
  afterAll(async () => {
    await app?.close();
    await site?.close();
  });

  it('a token is shown once, works with curl, and stops working once revoked', async () => {
    await page.getByRole('link', { name: 'Tokens' }).click();
    await page.getByRole('heading', { name: 'API tokens' }).waitFor();
    await page.getByLabel('Name').fill('deploy script');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = await page.getByRole('textbox', { name: 'Token “deploy script”' }).inputValue();
    expect(secret).toMatch(/^op_/);
    expect(await curlStatus(app.server, secret)).toBe('200');

    await page.getByRole('link', { name: 'Pages' }).click();
    await page.getByRole('link', { name: 'Tokens' }).click();
    await page.getByRole('heading', { name: 'deploy script' }).waitFor();
    expect(await page.content()).not.toContain(secret);
    await page.getByText(/last used/).waitFor();

    await page.getByRole('button', { name: 'Revoke token deploy script' }).click();
    await page.getByRole('dialog', { name: 'Revoke the token “deploy script”?' }).getByRole('button', { name: 'Revoke token' }).click();
    await page.getByRole('status').getByText('Token deploy script revoked.').waitFor();
    expect(await curlStatus(app.server, secret)).toBe('401');
  });

  it('connect: the snippets get a fresh token and this instance’s MCP URL; an MCP client connects with it', async () => {
    await page.goto(`${app.server}/connect`);
    const mcpUrl = `${app.outpost.app.config.publicUrl}/mcp`;
    await expect(page.getByRole('textbox', { name: 'MCP URL' }).inputValue()).resolves.toBe(mcpUrl);
    await page.getByRole('button', { name: 'Create a token for these snippets' }).click();
    await page.getByText('The snippets below hold a new token.').waitFor();
    const config = JSON.parse(await page.locator('pre[aria-label="Claude Code (configuration file) snippet"]').innerText());
    const entry = config.mcpServers.outpost;
    expect(entry).toMatchObject({ type: 'http', url: mcpUrl });
    const token = entry.headers.Authorization.replace('Bearer ', '');
    expect(token).toMatch(/^op_/);
    for (const name of ['Claude Code', 'Cursor', 'VS Code', 'MCP Inspector'])
      expect(await page.locator(`pre[aria-label="${name} snippet"]`).innerText()).toContain(token);

    const client = new Client({ name: 'snippet-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(entry.url), { requestInit: { headers: entry.headers } }));
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('outpost_create');
    await client.close();
  });

  it('an invitation lets a second person sign up; they do not see Invitations', async () => {
    await page.getByRole('link', { name: 'Invitations' }).click();
    await page.getByLabel('Note').fill('for Bea');
    await page.getByRole('button', { name: 'Create invitation' }).click();
    const code = await page.getByRole('textbox', { name: 'Invitation code' }).inputValue();
    expect(code.length).toBeGreaterThan(8);

    const other = await (await app.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await signUpInApp(other, app.server, 'bea@example.com', { invitationCode: code });
    await expect(other.getByRole('link', { name: 'Invitations' }).count()).resolves.toBe(0);
    await other.goto(`${app.server}/invitations`);
    await other.getByText('Only an administrator of this instance can invite people.').waitFor();

    await page.reload();
    await page.getByText(/^Used /).waitFor();
  });

  it('password: a wrong current one is refused at its field; the new one works, the old one no longer', async () => {
    await page.goto(`${app.server}/account`);
    await page.getByText('admin@example.com').first().waitFor();
    await page.getByLabel('Current password').fill('not the password');
    await page.getByLabel('New password').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    const current = page.getByLabel('Current password');
    await expect.poll(() => current.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('The current password is not correct').waitFor();

    await current.fill(PASSWORD);
    await page.getByLabel('New password').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').getByText('Password changed.', { exact: false }).waitFor();
    expect((await app.outpost.api('/api/auth/login', { body: { email: 'admin@example.com', password: PASSWORD } })).status).toBe(401);
    const fresh = await (await app.newContext()).newPage();
    await signInInApp(fresh, app.server, 'admin@example.com', 'a brand new passphrase');
  });

  it('jobs: a capture shows with its status and counts', async () => {
    site.route('/doc/', { type: 'text/html', body: '<!doctype html><title>Doc</title><img src="/a.png">' });
    site.route('/a.png', { type: 'image/png', body: Buffer.from('not really a png') });
    const login = await app.outpost.api('/api/auth/login', { body: { email: 'admin@example.com', password: 'a brand new passphrase' } });
    const created = await app.outpost.api('/api/pages', { token: login.body.token, body: { source_url: site.url('/doc/') } });
    expect(created.status).toBe(201);
    await page.goto(`${app.server}/jobs`);
    await page.getByRole('heading', { name: site.url('/doc/') }).waitFor();
    await page.getByText('1 of 1 assets fetched').waitFor();
    await page.getByText('done', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'the page' }).click();
    await page.getByRole('heading', { name: 'Doc' }).waitFor();
  });
});
