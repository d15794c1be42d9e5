// notifications/cancelled, sent in its own HTTP request, stops a tools/call that is still running:
// the SDK server aborts it and no response is sent for it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { directCaller } from '../../src/rest/direct-call.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

let outpost: TestOutpost;
let token: string;
let holding = false;
let release: () => void = () => {};
let reached: () => void = () => {};

beforeAll(async () => {
  outpost = await startTestOutpost();
  const { token: jwt } = await signupAndLogin(outpost, 'cancel@example.com');
  token = (await outpost.api('/api/tokens', { token: jwt, body: { name: 'cancel' } })).body.token;
  // Holds GET /api/me (the operation outpost_whoami runs) before its handler until the test lets it go: on its
  // route, and where MCP calls it directly (without hapi's request lifecycle).
  const hold = async (path: string) => {
    if (path === '/api/me' && holding) {
      reached();
      await new Promise<void>((resolve) => (release = resolve));
    }
  };
  outpost.server.ext('onPreHandler', async (request, h) => {
    await hold(request.path);
    return h.continue;
  });
  directCaller(outpost.server)!.onPreHandler((call) => hold(call.path));
});
afterAll(() => outpost.stop());

const post = (body: unknown) =>
  fetch(new URL('/mcp', outpost.url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

it('a cancelled call gets no response, and the server keeps serving', async () => {
  holding = true;
  const inRoute = new Promise<void>((resolve) => (reached = resolve));
  const call = post({ jsonrpc: '2.0', id: 42, method: 'tools/call', params: { name: 'outpost_whoami', arguments: {} } });
  await inRoute;
  const cancel = await post({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 42, reason: 'user gave up' } });
  expect(cancel.status).toBe(202);
  const answered = await call;
  // The request was cancelled: nothing to answer (202, empty body), not a result.
  expect(answered.status).toBe(202);
  expect(await answered.text()).toBe('');
  holding = false;
  release();
  const next = await post({ jsonrpc: '2.0', id: 43, method: 'tools/call', params: { name: 'outpost_whoami', arguments: {} } });
  expect((await next.json()).result.structuredContent.user.email).toBe('cancel@example.com');
});

it('cancelling an unknown request id changes nothing', async () => {
  const cancel = await post({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 999 } });
  expect(cancel.status).toBe(202);
});
