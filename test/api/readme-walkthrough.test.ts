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

it('signs up, creates a token and reads /api/me exactly as the README shows', async () => {
  const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const block = /## Try it with curl[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block).toBeTruthy();
  const script = `set -euo pipefail\n${block!.replaceAll('http://localhost:3000', outpost.url)}`;
  // Asynchronous: the server answering curl runs in this process.
  const { stdout: out } = await promisify(execFile)('bash', ['-c', script], { encoding: 'utf8' });
  const me = JSON.parse(out.trim());
  expect(me.user).toMatchObject({ email: 'you@example.com', admin: true });
  expect(me.auth.kind).toBe('api_token');
  expect(me.auth.scopes).toEqual(['pages:read', 'pages:write']);
});
