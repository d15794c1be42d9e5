// An MCP tool's REST operation called directly (src/rest/direct-call.ts) answers byte for byte as its hapi route
// does (server.inject, which `viaRoute` forces): results, validation refusals, not found, a missing scope and a
// spent budget.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/auth/caller.ts';
import { authenticateHeader } from '../../src/auth/credentials.ts';
import type { OperationId } from '../../src/generated/operations.ts';
import { operations } from '../../src/generated/operations.ts';
import { callOperation } from '../../src/mcp/invoke.ts';
import { directCaller, directlyCallable, standIns } from '../../src/rest/direct-call.ts';
import { HANDLERS_DIR, loadHandlers } from '../../src/rest/routes.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

let outpost: TestOutpost;
let limited: TestOutpost;
let full: Caller;
let readOnly: Caller;
let pageId: string;

async function callerOf(server: TestOutpost, email: string, scopes?: string[]): Promise<Caller> {
  const { token: jwt } = await signupAndLogin(server, email);
  const { token } = (await server.api('/api/tokens', { token: jwt, body: { name: 'direct', ...(scopes ? { scopes } : {}) } })).body;
  return authenticateHeader(server.app, `Bearer ${token}`);
}

beforeAll(async () => {
  [outpost, limited] = await Promise.all([startTestOutpost({ SIGNUP_MODE: 'open' }), startTestOutpost({ RATE_LIMIT_REQUESTS: '1' })]);
  const { token: jwt } = await signupAndLogin(outpost, 'owner@example.com');
  readOnly = await callerOf(outpost, 'reader@example.com', ['pages:read']);
  pageId = (await outpost.api('/api/pages', { token: jwt, body: { name: 'direct', html: '<h1>direct</h1>' } })).body.id;
  full = await authenticateHeader(outpost.app, `Bearer ${(await outpost.api('/api/tokens', { token: jwt, body: { name: 'owner' } })).body.token}`);
});
afterAll(() => Promise.all([outpost?.stop(), limited?.stop()]));

const HEADERS = ['content-type', 'retry-after', 'www-authenticate'];

async function both(server: TestOutpost, caller: Caller, operationId: OperationId, args: Record<string, unknown>) {
  const call = { server: server.server, caller, remoteAddress: '127.0.0.1' };
  const answer = async (viaRoute: boolean) => {
    const reply = await callOperation({ ...call, viaRoute }, operationId, args);
    if ('problem' in reply) throw new Error(reply.problem);
    // Requests answered beside hapi count from 100,000 (hapi from 10,000): the direct call, not the route, answered.
    expect(/:\d{6,8}$/.test(String(reply.headers['x-request-id']))).toBe(!viaRoute);
    // A preview link's token names the second it was made in: the two answers may fall in different seconds.
    const text = reply.raw.toString('utf8').replace(/([?&]preview=)[^"&\\]+/g, '$1…');
    return { status: reply.status, text, headers: Object.fromEntries(HEADERS.map((h) => [h, reply.headers[h]])) };
  };
  const direct = await answer(false);
  const route = await answer(true);
  return { direct, route };
}

describe('a direct call answers as the route does', () => {
  const cases: [string, () => [Caller, OperationId, Record<string, unknown>], number][] = [
    ['the caller', () => [full, 'getMe', {}], 200],
    ['a page', () => [full, 'getPage', { page_id: pageId }], 200],
    ['a list with a query value', () => [full, 'listPages', { limit: 1 }], 200],
    ['another user’s page (not found, in the tool’s words)', () => [readOnly, 'getPage', { page_id: pageId }], 404],
    ['a path value that breaks its pattern', () => [full, 'getPage', { page_id: 'not a page id' }], 400],
    ['a query value out of range', () => [full, 'listPages', { limit: 100_000 }], 400],
    ['a body that breaks its schema', () => [full, 'updatePage', { page_id: pageId, visibility: 'everyone' }], 400],
    ['a scope the token lacks', () => [readOnly, 'deletePage', { page_id: pageId }], 403],
  ];
  for (const [what, args, status] of cases) {
    it(what, async () => {
      const { direct, route } = await both(outpost, ...args());
      expect(direct.status).toBe(status);
      expect(direct).toEqual(route);
    });
  }

  it('a body over the route’s limit (hapi’s default 1 MiB here) is refused with 413 as the route refuses it', async () => {
    const args = { name: 'x'.repeat(1.5 * 1024 * 1024) };
    const call = { server: outpost.server, caller: full, remoteAddress: '127.0.0.1' };
    const [direct, route] = await Promise.all([false, true].map((viaRoute) => callOperation({ ...call, viaRoute }, 'createToken', args)));
    if ('problem' in direct! || 'problem' in route!) throw new Error('refused before the call');
    expect(direct.status).toBe(413);
    expect(direct.raw.toString('utf8')).toBe(route.raw.toString('utf8'));
  });

  it('a failure while shaping the answer is hapi’s generic 500, without its own message', async () => {
    let breakNext = true;
    directCaller(outpost.server)!.onPreHandler(async (call) => {
      if (call.operationId !== 'listPages' || !breakNext) return;
      breakNext = false;
      // An error whose own shaping fails (its output cannot be read).
      throw Object.defineProperty(new Error('secret detail'), 'isBoom', {
        get: () => {
          throw new Error('secret detail');
        },
      });
    });
    const reply = await callOperation({ server: outpost.server, caller: full, remoteAddress: '127.0.0.1' }, 'listPages', {});
    if ('problem' in reply) throw new Error(reply.problem);
    expect(reply.status).toBe(500);
    expect(reply.body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'An internal server error occurred' });
  });

  it('a spent budget (429 with Retry-After)', async () => {
    const caller = await callerOf(limited, 'budget@example.com');
    // The token's creation spent the one request of this window.
    const { direct, route } = await both(limited, caller, 'getMe', {});
    const retryIn = (text: string) => text.replace(/Retry in \d+ s/, 'Retry in N s');
    expect(direct.status).toBe(429);
    expect(route.status).toBe(429);
    expect(retryIn(direct.text)).toBe(retryIn(route.text));
    expect(direct.headers['content-type']).toBe(route.headers['content-type']);
    expect(Number(direct.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('a directly run handler reads no more of the HTTP exchange than the call extras', () => {
  it('no directly callable handler takes request or h unless marked readsHttpExchange', async () => {
    const unmarked: string[] = [];
    for (const [id, handler] of await loadHandlers()) {
      if (!directlyCallable(operations[id], handler)) continue;
      const source = await readFile(path.join(HANDLERS_DIR, `${id}.ts`), 'utf8');
      // The handler's destructured context: `async ({ params, request, h }) =>`.
      const takes = [...source.matchAll(/async\s*\(\s*\{([^}]*)\}/g)].flatMap((m) => m[1]!.split(',').map((name) => name.trim().split(/[\s:]/)[0]));
      if (takes.includes('request') || takes.includes('h')) unmarked.push(id);
    }
    expect(unmarked).toEqual([]);
  });

  it('the stand-in request gives app.mcp and refuses anything else by name', () => {
    const extras = { prepaid: true };
    const { request, h } = standIns('getMe', extras) as { request: Record<string, unknown>; h: Record<string, unknown> };
    expect((request.app as { mcp: unknown }).mcp).toBe(extras);
    const refusal = 'getMe reads the HTTP request: mark it readsHttpExchange';
    expect(() => (request.headers as Record<string, string> | undefined)?.cookie).toThrow(refusal);
    expect(() => request.raw).toThrow(refusal);
    expect(() => 'state' in request).toThrow(refusal);
    expect(() => h.response).toThrow(refusal);
  });
});
