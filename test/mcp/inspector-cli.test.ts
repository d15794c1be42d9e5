// The MCP Inspector's CLI (@modelcontextprotocol/inspector, run in a child process on the project's Node)
// against a live Outpost: in its modern mode (2026-07-28: server/discover, per-request envelope) and in its
// default legacy mode (initialize), it lists the tools and calls one with a bearer token.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const LAUNCHER = path.join(path.dirname(require.resolve('@modelcontextprotocol/inspector/package.json')), 'clients', 'launcher', 'build', 'index.js');

let outpost: TestOutpost;
let token: string;
let storage: string;

beforeAll(async () => {
  outpost = await startTestOutpost({ SIGNUP_MODE: 'open' });
  const { token: jwt } = await signupAndLogin(outpost, 'inspector@example.com');
  token = (await outpost.api('/api/tokens', { token: jwt, body: { name: 'inspector' } })).body.token;
  storage = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-inspector-'));
});
afterAll(async () => {
  await outpost?.stop();
  if (storage) fs.rmSync(storage, { recursive: true, force: true });
});

/** One inspector CLI call; its JSON output. `--stored-auth-only`: a refused token fails instead of starting a browser sign-in. */
async function inspector(era: 'modern' | 'legacy', args: string[]) {
  const { stdout } = await run(
    process.execPath,
    [
      LAUNCHER,
      '--cli',
      `${outpost.url}/mcp`,
      '--transport',
      'http',
      '--protocol-era',
      era,
      '--header',
      `Authorization: Bearer ${token}`,
      '--stored-auth-only',
      ...args,
    ],
    { env: { ...process.env, MCP_STORAGE_DIR: storage, NO_COLOR: '1' }, timeout: 60_000 },
  );
  return JSON.parse(stdout);
}

describe('MCP Inspector CLI', () => {
  for (const era of ['modern', 'legacy'] as const) {
    it(`${era} mode: lists the tools and publishes a page`, async () => {
      const listed = await inspector(era, ['--method', 'tools/list']);
      expect(listed.tools.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['outpost_create', 'outpost_list', 'outpost_whoami']));
      const called = await inspector(era, [
        '--method',
        'tools/call',
        '--tool-name',
        'outpost_create',
        '--tool-args-json',
        JSON.stringify({ html: `<h1>${era}</h1>`, name: `Inspector ${era}` }),
        '--format',
        'json',
        '-q',
      ]);
      const result = called.result ?? called;
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ name: `Inspector ${era}`, visibility: 'public' });
      if (era === 'modern') expect(result._meta?.['io.modelcontextprotocol/serverInfo']?.name).toBe('outpost');
      const page = await outpost.api(`/api/pages/${result.structuredContent.id}`, { token });
      expect(page.status).toBe(200);
    }, 90_000);
  }
});
