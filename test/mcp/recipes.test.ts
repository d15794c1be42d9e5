// The curl-recipe tools (no REST twin): schemas from openapi.yaml components, and each recipe they
// return runs as given in bash (no token anywhere, from a folder holding the file it names) against
// this server. Also the seed's follow-up form: PUT /api/pages/<id> with form fields.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startFixtureServer, type FixtureServer } from '../support/capture-fixtures.ts';
import { freePort } from '../support/free-port.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { yazlZip } from '../pages/zip-fixtures.ts';

let outpost: TestOutpost;
let fixture: FixtureServer;
let token: string;
let client: Client;
let dir: string;

beforeAll(async () => {
  fixture = await startFixtureServer();
  fixture.route('/captured/', { type: 'text/html', body: '<title>Captured</title><h1>From a URL</h1>' });
  // The URLs the recipes print are the ones curl uses: PUBLIC_URL is this server's loopback address.
  const port = await freePort();
  outpost = await startTestOutpost({
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8',
    CAPTURE_ALLOWED_PORTS: String(fixture.port),
  });
  const { token: jwt } = await signupAndLogin(outpost, 'recipes@example.com');
  token = (await outpost.api('/api/tokens', { token: jwt, body: { name: 'recipes' } })).body.token;
  client = new Client({ name: 'recipes', version: '1' });
  await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', outpost.url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-recipe-'));
  fs.writeFileSync(path.join(dir, 'my_site.zip'), await yazlZip([{ name: 'site/index.html', data: '<title>Wiki</title><h1>Wiki</h1>' }]));
});
afterAll(async () => {
  await client.close();
  await outpost.stop();
  await fixture.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Recipe = { endpoint: string; example: string };

/** Runs a command in bash as an assistant would: in `dir`, with no token in its environment. */
async function bash(command: string) {
  const env = { PATH: process.env.PATH!, HOME: dir, LANG: 'C.UTF-8' };
  // Asynchronous: the server curl talks to runs in this process.
  const { stdout } = await promisify(execFile)('bash', ['-c', command], { cwd: dir, env, encoding: 'utf8' });
  return JSON.parse(stdout);
}

const page = async (id: string) => (await outpost.api(`/api/pages/${id}`, { token })).body;

it('is listed with its component schemas and read-only annotations', async () => {
  const tool = (await client.listTools()).tools.find((t) => t.name === 'outpost_upload_url')!;
  expect(tool.inputSchema).toMatchObject({ type: 'object', properties: { name: {}, visibility: {}, passcodes: {}, allowed_emails: {} } });
  expect(tool.outputSchema).toMatchObject({ type: 'object', required: ['note', 'upload_file', 'after_upload'] });
  expect(tool.annotations).toMatchObject({ readOnlyHint: true });
});

it('outpost_upload_url: the recipe runs as given, with no token, and creates the page with its settings; a second run is refused', async () => {
  const result = await client.callTool({
    name: 'outpost_upload_url',
    arguments: { name: "Team's wiki", visibility: 'shared', passcodes: ['letmein'], allowed_emails: ['alice@acme.com', 'bob@acme.com'] },
  });
  const recipe = result.structuredContent as { upload_file: Recipe; after_upload: Recipe[]; expires_at: string };
  expect(recipe.upload_file.example).not.toMatch(/op_YOUR_TOKEN|Authorization/);
  expect(recipe.upload_file.endpoint).toMatch(new RegExp(`^POST ${outpost.app.config.publicUrl}/api/uploads/`));
  // Nothing has to follow: the link carried the settings.
  expect(recipe.after_upload).toEqual([]);
  expect(Date.parse(recipe.expires_at) - Date.now()).toBeGreaterThan(14 * 60_000);

  const created = await bash(recipe.upload_file.example);
  const expected = { name: "Team's wiki", visibility: 'shared', passcodes: ['letmein'], allowed_emails: ['alice@acme.com', 'bob@acme.com'] };
  expect(created).toMatchObject(expected);
  expect(await page(created.id)).toMatchObject(expected);
  expect(await (await fetch(`${outpost.url}/p/${created.id}/`)).text()).not.toContain('<h1>Wiki</h1>'); // shared: the gate

  const again = await bash(recipe.upload_file.example);
  expect(again).toMatchObject({ statusCode: 410, message: expect.stringMatching(/already used/) });
  expect((await outpost.api('/api/pages', { token })).body.pages).toHaveLength(1);
});

it('outpost_upload_url: a passcode with a comma travels in the link too, and the page is never public', async () => {
  const result = await client.callTool({ name: 'outpost_upload_url', arguments: { visibility: 'shared', passcodes: ['let,me in'] } });
  const recipe = result.structuredContent as { upload_file: Recipe; after_upload: Recipe[] };
  expect(recipe.after_upload).toEqual([]);
  const created = await bash(recipe.upload_file.example);
  expect(created).toMatchObject({ name: 'Wiki', visibility: 'shared', passcodes: ['let,me in'] });
});

it('refuses arguments its schema does not allow, inside the result', async () => {
  const result = await client.callTool({ name: 'outpost_upload_url', arguments: { visibility: 'everyone' } });
  expect(result.isError).toBe(true);
  expect(JSON.parse((result.content as { text: string }[])[0].text).error).toMatch(/^Invalid arguments: /);
});

it('outpost_update_files: the file and source_url recipes run as given (with no token); inline replace with content', async () => {
  const created = (await outpost.api('/api/pages', { token, body: { html: '<p>v1</p>', visibility: 'shared', passcodes: ['keep'] } })).body;
  const result = await client.callTool({ name: 'outpost_update_files', arguments: { page_id: created.id } });
  const recipe = result.structuredContent as { replace_with_file: Recipe; replace_from_url: Recipe; hint: string };
  expect(recipe.hint).toMatch(/outpost_update\b/);
  for (const r of [recipe.replace_with_file, recipe.replace_from_url]) {
    expect(r.endpoint).toMatch(new RegExp(`^POST ${outpost.app.config.publicUrl}/api/uploads/`));
    expect(r.example).not.toMatch(/op_YOUR_TOKEN|Authorization/);
  }
  expect(recipe.replace_from_url.example).toContain("-F 'source_url=https://example.com/'");

  const replaced = await bash(recipe.replace_with_file.example);
  expect(replaced).toMatchObject({ id: created.id, url: created.url, visibility: 'shared', passcodes: ['keep'] });
  const preview = (await page(created.id)).preview_url;
  expect(await (await fetch(preview)).text()).toContain('<h1>Wiki</h1>');
  expect(await bash(recipe.replace_with_file.example)).toMatchObject({ statusCode: 410 });

  // The URL is the one thing to fill in.
  const fromUrl = await bash(recipe.replace_from_url.example.replace('https://example.com/', fixture.url('/captured/')));
  expect(fromUrl).toMatchObject({ id: created.id, job: { status: 'done' } });
  expect(await (await fetch((await page(created.id)).preview_url)).text()).toContain('<h1>From a URL</h1>');

  const inline = await client.callTool({ name: 'outpost_update_files', arguments: { page_id: created.id, html: '<p>v3</p>' } });
  expect(inline.structuredContent).toMatchObject({ id: created.id, message: 'Page files replaced' });

  const missing = await client.callTool({ name: 'outpost_update_files', arguments: { page_id: 'ZZZZZZZZ' } });
  expect(JSON.parse((missing.content as { text: string }[])[0].text)).toEqual({ error: 'Page not found. Use outpost_list to see your pages.' });
});

it("the seed's follow-up runs as printed (under /api): PUT /api/pages/<id> with form fields changes the settings", async () => {
  const created = (await outpost.api('/api/pages', { token, body: { html: '<p>x</p>', visibility: 'private' } })).body;
  const seed =
    `curl -X PUT "https://outpost.click/pages/<NEW_PAGE_ID>" -H "Authorization: Bearer op_YOUR_TOKEN" ` +
    `-F "passcodes=letmein" -F "allowed_emails=alice@acme.com,bob@acme.com"`;
  const command = seed.replace('https://outpost.click/pages/<NEW_PAGE_ID>', `${outpost.url}/api/pages/${created.id}`).replace('op_YOUR_TOKEN', token);
  expect(await bash(command)).toMatchObject({ id: created.id, passcodes: ['letmein'], allowed_emails: ['alice@acme.com', 'bob@acme.com'] });

  // url-encoded (repeated fields) and JSON take the same fields.
  const form = await bash(
    `curl -sS -X PUT '${outpost.url}/api/pages/${created.id}' -H 'Authorization: Bearer ${token}' -d visibility=shared -d passcodes=one -d passcodes=two -d name=Renamed`,
  );
  expect(form).toMatchObject({ name: 'Renamed', visibility: 'shared', passcodes: ['one', 'two'], allowed_emails: ['alice@acme.com', 'bob@acme.com'] });
  const json = await outpost.api(`/api/pages/${created.id}`, { method: 'PUT', token, body: { allowed_emails: [] } });
  expect(json.body).toMatchObject({ visibility: 'shared', allowed_emails: [] });

  const withFile = await bash(
    `curl -sS -X PUT '${outpost.url}/api/pages/${created.id}' -H 'Authorization: Bearer ${token}' -F name=x -F 'file=@./my_site.zip'`,
  );
  expect(withFile).toMatchObject({ statusCode: 400, validation: { keys: ['file'] } });
  const bad = await bash(`curl -sS -X PUT '${outpost.url}/api/pages/${created.id}' -H 'Authorization: Bearer ${token}' -F visibility=everyone`);
  expect(bad).toMatchObject({ statusCode: 400, message: 'Invalid visibility' });
  const unauthenticated = await bash(`curl -sS -X PUT '${outpost.url}/api/pages/${created.id}' -F visibility=public`);
  expect(unauthenticated).toMatchObject({ statusCode: 401 });
  expect(await page(created.id)).toMatchObject({ name: 'Renamed', visibility: 'shared' });
});
