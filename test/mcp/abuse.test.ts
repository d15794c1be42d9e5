// What a misbehaving client can and cannot do: malformed JSON-RPC gets a clear error (it never
// hangs), batches are bounded, and sign-in attempts are limited per client whatever the email.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

let outpost: TestOutpost;
let token: string;

beforeAll(async () => {
  outpost = await startTestOutpost();
  const { token: jwt } = await signupAndLogin(outpost, 'abuse@example.com');
  token = (await outpost.api('/api/tokens', { token: jwt, body: { name: 'abuse' } })).body.token;
});
afterAll(() => outpost.stop());

const post = async (body: unknown) => {
  const res = await fetch(new URL('/mcp', outpost.url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
};

describe('malformed JSON-RPC on POST /mcp', () => {
  const cases: [string, unknown, unknown][] = [
    ['a null id', { jsonrpc: '2.0', id: null, method: 'tools/list' }, null],
    ['params that are not an object', { jsonrpc: '2.0', id: 7, method: 'tools/list', params: 5 }, 7],
    ['an object id', { jsonrpc: '2.0', id: {}, method: 'tools/list' }, null],
    ['a method that is not a string', { jsonrpc: '2.0', method: 5 }, null],
    ['the wrong version', { jsonrpc: '1.0', id: 1, method: 'tools/list' }, 1],
  ];
  for (const [what, message, id] of cases) {
    it(`${what}: 400 with -32600, at once`, async () => {
      const res = await post(message);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ jsonrpc: '2.0', id, error: { code: -32600 } });
    });
  }

  it('a batch that repeats a request id is refused', async () => {
    const res = await post([
      { jsonrpc: '2.0', id: 1, method: 'ping' },
      { jsonrpc: '2.0', id: 1, method: 'tools/list' },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/ids in a batch must differ/);
  });

  it('a batch is answered in one array, and an oversized batch is refused', async () => {
    const ok = await post([
      { jsonrpc: '2.0', id: 1, method: 'ping' },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
    ]);
    expect(ok.status).toBe(200);
    expect(ok.body.map((r: { id: number }) => r.id).sort()).toEqual([1, 2]);
    const big = await post(Array.from({ length: 51 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'ping' })));
    expect(big.status).toBe(400);
  });
});

describe('sign-in attempts per client', () => {
  it('a client spraying many emails is stopped with 429, before any more hashing', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++) {
      // Invite mode without a code is refused before hashing, so this stays fast.
      const res = await outpost.api('/api/auth/signup', { body: { email: `spray${i}@example.com`, password: 'long enough password' } });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 58).every((s) => s === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const res = await outpost.api('/api/auth/login', { body: { email: 'abuse@example.com', password: 'whatever it is' } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(res.body.message).toMatch(/from this address/);
  });
});
