// The curl-recipe tool (no REST twin): schemas from openapi.yaml components, and the recipe it
// returns works when run with real curl against this server.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

let outpost: TestOutpost;
let token: string;
let client: Client;
let dir: string;

beforeAll(async () => {
  outpost = await startTestOutpost();
  const { token: jwt } = await signupAndLogin(outpost, 'recipes@example.com');
  token = (await outpost.api('/api/tokens', { token: jwt, body: { name: 'recipes' } })).body.token;
  client = new Client({ name: 'recipes', version: '1' });
  await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', outpost.url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-recipe-'));
});
afterAll(async () => {
  await client.close();
  await outpost.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('is listed with its component schemas and read-only annotations', async () => {
  const tool = (await client.listTools()).tools.find((t) => t.name === 'outpost_upload_url')!;
  expect(tool.inputSchema).toMatchObject({ type: 'object', properties: { name: {}, visibility: {}, passcodes: {}, allowed_emails: {} } });
  expect(tool.outputSchema).toMatchObject({ type: 'object', required: ['note', 'upload_file', 'after_upload'] });
  expect(tool.annotations).toMatchObject({ readOnlyHint: true });
});

type Recipe = { endpoint: string; example: string };

/** Runs a recipe's curl command as a user would, with the token, file and page id filled in. */
async function run(recipe: Recipe, pageId = '') {
  fs.writeFileSync(path.join(dir, 'page.html'), '<title>Wiki</title><h1>Wiki</h1>');
  const command = recipe.example
    .replace('op_YOUR_TOKEN', token)
    .replace('./my_site.zip', './page.html')
    .replace('<NEW_PAGE_ID>', pageId)
    .replaceAll(outpost.app.config.publicUrl, outpost.url);
  // Asynchronous: the server curl talks to runs in this process.
  const { stdout } = await promisify(execFile)('sh', ['-c', command], { cwd: dir, encoding: 'utf8' });
  return JSON.parse(stdout);
}

it('returns a recipe that, run with curl, creates the page with its access settings', async () => {
  const result = await client.callTool({
    name: 'outpost_upload_url',
    arguments: {
      name: "Team's wiki",
      visibility: 'shared',
      passcodes: ['letmein'],
      allowed_emails: ['alice@acme.com', 'bob@acme.com'],
    },
  });
  const recipe = result.structuredContent as { upload_file: Recipe; after_upload: Recipe[] };
  expect(recipe.upload_file.endpoint).toBe(`POST ${outpost.app.config.publicUrl}/api/pages`);
  const page = await run(recipe.upload_file);
  expect(page).toMatchObject({ name: "Team's wiki", visibility: 'shared', passcodes: ['letmein'], allowed_emails: ['alice@acme.com', 'bob@acme.com'] });
});

it('a passcode with a comma is set by the follow-up, and the page is private until then', async () => {
  const result = await client.callTool({ name: 'outpost_upload_url', arguments: { visibility: 'shared', passcodes: ['let,me in'] } });
  const recipe = result.structuredContent as { upload_file: Recipe; after_upload: Recipe[] };
  const uploaded = await run(recipe.upload_file);
  expect(uploaded).toMatchObject({ visibility: 'private', passcodes: [] });
  const updated = await run(recipe.after_upload[0], uploaded.id);
  expect(updated).toMatchObject({ id: uploaded.id, visibility: 'shared', passcodes: ['let,me in'] });
});

it('refuses arguments its schema does not allow, inside the result', async () => {
  const result = await client.callTool({ name: 'outpost_upload_url', arguments: { visibility: 'everyone' } });
  expect(result.isError).toBe(true);
  expect(JSON.parse((result.content as { text: string }[])[0].text).error).toMatch(/^Invalid arguments: /);
});

it('outpost_update_files: recipes without content (run with curl), inline replace with content', async () => {
  const page = (await outpost.api('/api/pages', { token, body: { html: '<p>v1</p>' } })).body;
  const result = await client.callTool({ name: 'outpost_update_files', arguments: { page_id: page.id } });
  const recipe = result.structuredContent as { replace_with_file: Recipe; hint: string };
  expect(recipe.replace_with_file.endpoint).toBe(`POST ${outpost.app.config.publicUrl}/api/pages/${page.id}/files`);
  expect(recipe.hint).toMatch(/outpost_update/);
  const replaced = await run(recipe.replace_with_file);
  expect(replaced).toMatchObject({ id: page.id, url: page.url });
  expect(await (await fetch(`${outpost.url}/p/${page.id}/`)).text()).toBe('<title>Wiki</title><h1>Wiki</h1>');

  const inline = await client.callTool({ name: 'outpost_update_files', arguments: { page_id: page.id, html: '<p>v3</p>' } });
  expect(inline.structuredContent).toMatchObject({ id: page.id, message: 'Page files replaced' });
  expect(await (await fetch(`${outpost.url}/p/${page.id}/`)).text()).toBe('<p>v3</p>');

  const missing = await client.callTool({ name: 'outpost_update_files', arguments: { page_id: 'ZZZZZZZZ' } });
  expect(JSON.parse((missing.content as { text: string }[])[0].text)).toEqual({ error: 'Page not found. Use outpost_list to see your pages.' });
});
