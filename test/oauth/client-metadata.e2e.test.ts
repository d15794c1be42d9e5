// Client ID Metadata Documents: a client_id that is an https URL is fetched (through the capture's
// SSRF-guarded fetcher) and used as the client's registration. End to end with the MCP SDK's
// `clientMetadataUrl`, then the documents the server refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { startTestOutpost, signupAndLogin, type TestOutpost } from '../support/outpost.ts';
import { signInBrowser, type BrowserSignIn } from '../api/browser.ts';
import { answerConsent, LoopbackCallback, MemoryClientProvider, openAuthorization } from './support.ts';
import { authorizationUrl, pkcePair } from './flow.ts';
import { HttpsFixture } from './https-fixture.ts';

let outpost: TestOutpost;
let browser: BrowserSignIn;
const site = new HttpsFixture();
const callback = new LoopbackCallback();

const metadata = (clientId: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    client_id: clientId,
    client_name: 'Claude Code (test)',
    redirect_uris: [callback.url],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
    ...extra,
  });

beforeAll(async () => {
  await site.start();
  await callback.start();
  outpost = await startTestOutpost({
    CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8',
    CAPTURE_ALLOWED_PORTS: String(site.port),
    OAUTH_CLIENT_METADATA_CA_FILE: site.caFile,
  });
  await signupAndLogin(outpost, 'owner@example.com');
  browser = await signInBrowser(outpost, 'owner@example.com');
});

afterAll(async () => {
  await outpost?.stop();
  await callback.stop();
  await site.stop();
});

describe('a client identified by its metadata document URL', () => {
  it('connects through discovery, the fetched document and the consent screen', async () => {
    const clientId = site.url('/oauth/client.json');
    site.documents['/oauth/client.json'] = { body: metadata(clientId), headers: { 'cache-control': 'max-age=300' } };
    const metadataDoc = await (await fetch(`${outpost.app.config.publicUrl}/.well-known/oauth-authorization-server`)).json();
    expect(metadataDoc.client_id_metadata_document_supported).toBe(true);

    const provider = new MemoryClientProvider(callback.url, { clientMetadataUrl: clientId });
    const mcpUrl = new URL(`${outpost.app.config.publicUrl}/mcp`);
    const transport = new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider });
    await expect(new Client({ name: 't', version: '1' }).connect(transport)).rejects.toBeInstanceOf(UnauthorizedError);
    expect(provider.clientInfo?.client_id).toBe(clientId);

    const step = await openAuthorization(outpost, provider.authorizationUrl!, browser);
    expect(step.details.client).toMatchObject({
      client_id: clientId,
      name: 'Claude Code (test)',
      registration: 'metadata_document',
      redirect_host: new URL(callback.url).host,
    });
    const back = await answerConsent(outpost, step, browser, { scopes: ['pages:read', 'pages:write'] });
    await transport.finishAuth(back.searchParams.get('code')!);

    const client = new Client({ name: 't', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider }));
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('outpost_create');
    await client.close();
    // Fetched once, then cached per its Cache-Control.
    expect(site.requests.filter((r) => r === '/oauth/client.json')).toHaveLength(1);
  });
});

describe('documents refused', () => {
  async function authorize(clientId: string) {
    const url = authorizationUrl(outpost, {
      client_id: clientId,
      redirect_uri: callback.url,
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
    });
    const res = await fetch(url, { redirect: 'manual' });
    return { status: res.status, location: res.headers.get('location'), body: await res.json().catch(() => undefined) };
  }

  it('refuses a document whose client_id is not its URL (invalid_client_metadata)', async () => {
    const clientId = site.url('/oauth/impostor.json');
    site.documents['/oauth/impostor.json'] = { body: metadata(site.url('/oauth/client.json')) };
    const res = await authorize(clientId);
    expect(res.status).toBe(400);
    expect(res.location).toBeNull();
    expect(res.body.error).toBe('invalid_client_metadata');
  });

  it('refuses a document with a plain-http redirect URI off loopback, without redirecting to it', async () => {
    const clientId = site.url('/oauth/plain-http.json');
    site.documents['/oauth/plain-http.json'] = { body: metadata(clientId, { redirect_uris: [callback.url, 'http://plain.example.com/cb'] }) };
    const res = await authorize(clientId);
    expect(res.status).toBe(400);
    expect(res.location).toBeNull();
    expect(res.body.error_description).toMatch(/https, or http on a loopback/);
  });

  it('refuses a document on a private address (invalid_client), without fetching it', async () => {
    const res = await authorize(`https://10.0.0.1:${site.port}/oauth/client.json`);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_client');
    expect(res.location).toBeNull();
  });

  it('refuses an oversized document (invalid_client)', async () => {
    const clientId = site.url('/oauth/large.json');
    site.documents['/oauth/large.json'] = { body: metadata(clientId, { client_name: 'x'.repeat(6 * 1024) }) };
    const res = await authorize(clientId);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_client');
    expect(site.requests).toContain('/oauth/large.json');
  });

  it('refuses a document whose certificate no trusted authority issued (invalid_client)', async () => {
    const clientId = site.url('/oauth/untrusted.json');
    site.documents['/oauth/untrusted.json'] = { body: metadata(clientId) };
    const untrusting = await startTestOutpost({ CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8', CAPTURE_ALLOWED_PORTS: String(site.port) });
    try {
      const url = authorizationUrl(untrusting, {
        client_id: clientId,
        redirect_uri: callback.url,
        code_challenge: pkcePair().challenge,
        code_challenge_method: 'S256',
      });
      const res = await fetch(url, { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect((await res.json()).error).toBe('invalid_client');
      // The TLS handshake failed: no request reached the site.
      expect(site.requests).not.toContain('/oauth/untrusted.json');
    } finally {
      await untrusting.stop();
    }
  });
});
