// The Python MCP SDK (mcp 2.3.0) in its default mode, which tries 2026-07-28 first: server/discover, then
// stateless requests with no initialize and no session. Its client runs in a child process from a virtual
// environment in .toolchain/; where pip cannot install the package (no Python package index), the test is
// skipped and says why.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VENV = path.join(ROOT, '.toolchain', 'python-mcp-2.3.0');
const PYTHON = path.join(VENV, 'bin', 'python');
const CLIENT = fileURLToPath(new URL('./python/modern_client.py', import.meta.url));

/** The venv's python with mcp 2.3.0, or why there is none. */
async function pythonWithMcp(): Promise<{ python: string } | { unavailable: string }> {
  try {
    if (!fs.existsSync(PYTHON)) await run('python3', ['-m', 'venv', VENV], { timeout: 60_000 });
    await run(PYTHON, ['-c', 'import mcp']).catch(() =>
      run(PYTHON, ['-m', 'pip', 'install', '-q', '--retries', '0', '--timeout', '5', 'mcp==2.3.0'], { timeout: 120_000 }),
    );
    const { stdout } = await run(PYTHON, ['-c', 'import importlib.metadata as m; print(m.version("mcp"))']);
    if (stdout.trim() !== '2.3.0') return { unavailable: `mcp ${stdout.trim()} is installed, not 2.3.0` };
    return { python: PYTHON };
  } catch (e) {
    return { unavailable: `the Python MCP SDK could not be installed: ${(e as Error).message.split('\n')[0]}` };
  }
}

let outpost: TestOutpost;
let token: string;
let python: Awaited<ReturnType<typeof pythonWithMcp>>;

beforeAll(async () => {
  python = await pythonWithMcp();
  outpost = await startTestOutpost({ SIGNUP_MODE: 'open' });
  const { token: jwt } = await signupAndLogin(outpost, 'python@example.com');
  token = (await outpost.api('/api/tokens', { token: jwt, body: { name: 'python' } })).body.token;
}, 240_000);
afterAll(async () => {
  await outpost?.stop();
});

describe('the Python MCP SDK 2.3.0', () => {
  it('speaks 2026-07-28 first: discover, then tools and resources with no session', async (ctx) => {
    if ('unavailable' in python) {
      console.warn(`skipped: ${python.unavailable}`);
      ctx.skip();
      return;
    }
    const { stdout } = await run(python.python, [CLIENT, `${outpost.url}/mcp`, token], { timeout: 60_000 });
    const seen = JSON.parse(stdout);
    expect(seen.tools).toEqual(expect.arrayContaining(['outpost_create', 'outpost_list']));
    expect(seen.page).toMatchObject({ name: 'Python page', visibility: 'public' });
    expect(seen.content_types).toEqual(['text', 'resource_link']);
    expect(seen.resource_name).toBe('Python page');
    expect(seen.requests[0]).toEqual({ protocol_version: '2026-07-28', method: 'server/discover', session: null });
    for (const request of seen.requests) expect(request).toMatchObject({ protocol_version: '2026-07-28', session: null });
    expect(seen.requests.map((r: { method: string }) => r.method)).not.toContain('initialize');
    expect((await fetch(seen.page.url)).status).toBe(200);
  }, 60_000);
});
