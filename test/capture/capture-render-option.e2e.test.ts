// `render` on a server without the browser pass (CAPTURE_BROWSER unset): `render: true` is a 400 over REST and
// a tool error over MCP, before anything is fetched; `render: false` captures as before; `render` without a
// source_url is a 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { captureApi, startFixtureServer, type CaptureApi, type FixtureServer } from '../support/capture-fixtures.ts';
import { startTestOutpost, type TestOutpost, apiTokenFor } from '../support/outpost.ts';

let fixture: FixtureServer;
let outpost: TestOutpost;
let api: CaptureApi;
let client: Client;

beforeAll(async () => {
  fixture = await startFixtureServer();
  fixture.route('/index.html', { type: 'text/html', body: '<!doctype html><title>Plain</title><p>plain</p>' });
  outpost = await startTestOutpost({ RATE_LIMIT_REQUESTS: '100000', CAPTURE_ALLOWED_NETWORKS: '127.0.0.1', CAPTURE_ALLOWED_PORTS: String(fixture.port) });
  const token = await apiTokenFor(outpost, 'render-option@example.com', 'render option');
  api = captureApi(outpost, token);
  client = new Client({ name: 'outpost-render-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', outpost.url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
});

afterAll(async () => {
  await client?.close();
  await outpost?.stop();
  await fixture?.close();
});

const NO_BROWSER = 'render: true needs the browser pass, which this server does not have (its CAPTURE_BROWSER is not set)';

describe('render on a server without the browser pass', () => {
  it('REST: render: true is a 400 naming the setting, and nothing is fetched; render: false captures', async () => {
    const refused = await api.create({ source_url: fixture.url('/index.html'), render: true });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ statusCode: 400, message: NO_BROWSER });
    const page = await api.create({ source_url: fixture.url('/index.html'), render: false });
    expect(page.status, JSON.stringify(page.body)).toBe(201);
    const replaced = await api.replace(page.body.id, { source_url: fixture.url('/index.html'), render: true });
    expect(replaced.status).toBe(400);
    expect(replaced.body.message).toBe(NO_BROWSER);
    expect(fixture.requests('/index.html')).toHaveLength(1);
  });

  it('REST: render without a source_url is a 400', async () => {
    const res = await api.create({ html: '<p>hi</p>', render: false });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('render applies to a source_url capture only');
  });

  it('MCP: outpost_create and outpost_update_from_url with render: true answer a tool error that says why', async () => {
    const created = await client.callTool({ name: 'outpost_create', arguments: { source_url: fixture.url('/index.html'), render: true } });
    expect(created.isError).toBe(true);
    expect(JSON.stringify(created.content)).toContain(NO_BROWSER);
    const page = await api.create({ html: '<p>before</p>' });
    const updated = await client.callTool({
      name: 'outpost_update_from_url',
      arguments: { page_id: page.body.id, source_url: fixture.url('/index.html'), render: true },
    });
    expect(updated.isError).toBe(true);
    expect(JSON.stringify(updated.content)).toContain(NO_BROWSER);
  });
});
