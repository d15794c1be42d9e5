// The README's curl walkthrough, run verbatim with bash and curl against a live server
// (only its base URL is swapped for the test server's).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestOutpost, type TestOutpost } from '../support/outpost.ts';

let outpost: TestOutpost;
beforeAll(async () => {
  outpost = await startTestOutpost();
});
afterAll(() => outpost.stop());

it('signs up, creates a token, reads /api/me and publishes a page exactly as the README shows', async () => {
  const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = /## Try it with curl([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
  expect(blocks).toHaveLength(2);
  // The blocks run in one shell, as a reader pastes them one after the other.
  const script = `set -euo pipefail\n${blocks.join('echo\n').replaceAll('http://localhost:3000', outpost.url)}`;
  // Asynchronous: the server answering curl runs in this process.
  const { stdout } = await promisify(execFile)('bash', ['-c', script], { encoding: 'utf8' });
  const [me, page] = stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(me.user).toMatchObject({ email: 'you@example.com', admin: true });
  expect(me.auth.kind).toBe('api_token');
  expect(me.auth.scopes).toEqual(['pages:read', 'pages:write']);
  expect(page).toMatchObject({ name: 'Hello', visibility: 'public' });
  const served = await fetch(`${outpost.url}/p/${page.id}/`);
  expect(await served.text()).toBe('<h1>Hello, world</h1>');
  expect(served.headers.get('content-security-policy')).toMatch(/^sandbox /);
});

it('publishes a page through MCP exactly as the README shows', async () => {
  const { token: jwt } = (await outpost.api('/api/auth/login', { body: { email: 'you@example.com', password: 'a long passphrase' } })).body;
  const token = (await outpost.api('/api/tokens', { token: jwt, body: { name: 'mcp readme' } })).body.token;
  const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = /## Connect an MCP client([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  expect(block).toBeTruthy();
  const script = `set -euo pipefail\nTOKEN=${token}\n${block!.replaceAll('http://localhost:3000', outpost.url)}`;
  const { stdout } = await promisify(execFile)('bash', ['-c', script], { encoding: 'utf8' });
  const page = JSON.parse(stdout).result.structuredContent;
  expect(page).toMatchObject({ name: 'From MCP', message: 'Page created' });
  expect(await (await fetch(`${outpost.url}/p/${page.id}/`)).text()).toBe('<h1>Published by an assistant</h1>');
});

it('leads its MCP section with the connector URL (OAuth), keeping the API token header for scripts', () => {
  const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = /## Connect an MCP client\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
  expect(section.trim().split('\n')[0]).toBe("Paste this URL into your client's connector settings and sign in:");
  expect(section).toContain('public `https` `PUBLIC_URL`');
  expect(section).toContain('"Authorization": "Bearer op_YOUR_TOKEN"');
});
