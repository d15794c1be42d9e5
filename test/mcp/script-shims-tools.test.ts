// outpost_create and outpost_update take `script_shims` as REST does (their schemas come from the contract), through
// a real MCP client: the page reports it and /p/ serves its document with the shim; a wrong type is a recoverable
// error in the result.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SHIM_ELEMENT } from '../../src/serve/shim-script.ts';
import { startTestOutpost, type TestOutpost, apiTokenFor } from '../support/outpost.ts';

let outpost: TestOutpost;
let client: Client;

beforeAll(async () => {
  outpost = await startTestOutpost();
  const token = await apiTokenFor(outpost, 'shim-tools@example.com', 'shims');
  client = new Client({ name: 'shim-tools-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', outpost.url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
});
afterAll(async () => {
  await client?.close();
  await outpost?.stop();
});

const bodyOf = (result: Awaited<ReturnType<Client['callTool']>>) => JSON.parse((result.content as { text: string }[])[0].text);
const served = async (id: string) => (await fetch(new URL(`/p/${id}/`, outpost.url))).text();

it('both tools list script_shims as a boolean', async () => {
  const { tools } = await client.listTools();
  for (const name of ['outpost_create', 'outpost_update']) {
    const properties = tools.find((t) => t.name === name)!.inputSchema.properties as Record<string, { type?: string }>;
    expect(properties.script_shims?.type, name).toBe('boolean');
  }
});

it('created with script_shims, then turned off with outpost_update; a string is refused', async () => {
  const html = '<!doctype html><html><head><title>t</title></head><body>hi</body></html>';
  const created = await client.callTool({ name: 'outpost_create', arguments: { html, script_shims: true } });
  expect(created.isError ?? false).toBe(false);
  const page = bodyOf(created);
  expect(page.script_shims).toBe(true);
  expect(await served(page.id)).toBe(html.replace('<head>', `<head>${SHIM_ELEMENT.toString('latin1')}`));

  const updated = await client.callTool({ name: 'outpost_update', arguments: { page_id: page.id, script_shims: false } });
  expect(bodyOf(updated).script_shims).toBe(false);
  expect(await served(page.id)).toBe(html);

  const refused = await client.callTool({ name: 'outpost_update', arguments: { page_id: page.id, script_shims: 'yes' } });
  expect(refused.isError).toBe(true);
  expect(bodyOf(refused).error).toMatch(/script_shims/);
});
