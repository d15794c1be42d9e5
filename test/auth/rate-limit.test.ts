import { describe, expect, it } from 'vitest';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { useAccountsDb } from '../accounts/helpers.ts';
import {
  createLoginLimiter,
  createRateLimits,
  createRequestLimiter,
  loginKey,
  RateLimitExceeded,
  requestLimiterFrom,
  type MongoStore,
} from '../../src/auth/rate-limit.ts';

const t = useAccountsDb();

async function store(): Promise<MongoStore> {
  const db = await t.fresh();
  return { storeClient: t.client, dbName: db.databaseName };
}

describe('per-user request budget (RateLimiterMongo)', () => {
  it('creates its indexes on rate_limits', async () => {
    const s = await store();
    await createRequestLimiter(s);
    const indexes = await t.client.db(s.dbName).collection('rate_limits').listIndexes().toArray();
    expect(indexes.find((i) => i.name === 'key_1')).toMatchObject({ key: { key: 1 }, unique: true });
    expect(indexes.find((i) => i.name === 'expire_-1')).toMatchObject({ key: { expire: -1 }, expireAfterSeconds: 0 });
  });

  it('allows the budget, then refuses with retryAfterSeconds', async () => {
    const limiter = await createRequestLimiter(await store(), { points: 3, durationSeconds: 60 });
    expect(limiter.limit).toBe(3);
    const allowed = [await limiter.consume('usr_a'), await limiter.consume('usr_a'), await limiter.consume('usr_a')];
    expect(allowed.map((d) => d.allowed)).toEqual([true, true, true]);
    expect(allowed.map((d) => (d.allowed ? d.remaining : -1))).toEqual([2, 1, 0]);
    const first = allowed[0];
    expect(first.allowed && first.resetSeconds).toBeGreaterThan(55);
    expect(first.allowed && first.resetSeconds).toBeLessThanOrEqual(60);

    const refused = await limiter.consume('usr_a');
    expect(refused.allowed).toBe(false);
    if (refused.allowed) return;
    expect(refused.limit).toBe(3);
    expect(refused.retryAfterSeconds).toBeGreaterThan(55);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('keeps separate budgets per user', async () => {
    const limiter = await createRequestLimiter(await store(), { points: 2, durationSeconds: 60 });
    await limiter.consume('usr_a');
    await limiter.consume('usr_a');
    expect((await limiter.consume('usr_a')).allowed).toBe(false);
    const b = await limiter.consume('usr_b');
    expect(b).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('is one budget for every limiter on the same store (REST and MCP, or several processes)', async () => {
    const s = await store();
    const rest = await createRequestLimiter(s, { points: 2, durationSeconds: 60 });
    const mcp = await createRequestLimiter(s, { points: 2, durationSeconds: 60 });
    expect((await rest.consume('usr_a')).allowed).toBe(true);
    expect((await mcp.consume('usr_a')).allowed).toBe(true);
    expect((await rest.consume('usr_a')).allowed).toBe(false);
    expect((await mcp.consume('usr_a')).allowed).toBe(false);
    const docs = await t.client.db(s.dbName).collection('rate_limits').find().toArray();
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ key: 'req:usr_a', points: 4 });
  });

  it('starts a new window once the old one has expired', async () => {
    const limiter = await createRequestLimiter(await store(), { points: 1, durationSeconds: 1 });
    expect((await limiter.consume('usr_a')).allowed).toBe(true);
    const refused = await limiter.consume('usr_a');
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    await new Promise((r) => setTimeout(r, 1100));
    // The expired document is still there (TTL sweeps lag); the limiter replaces it.
    expect(await limiter.consume('usr_a')).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('RateLimits.consumeRequest throws RateLimitExceeded when the budget is spent', async () => {
    const limits = await createRateLimits(await store(), { requests: { points: 1, durationSeconds: 60 } });
    expect(await limits.consumeRequest('usr_a')).toMatchObject({ allowed: true, limit: 1, remaining: 0 });
    const err = await limits.consumeRequest('usr_a').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitExceeded);
    expect((err as RateLimitExceeded).retryAfterSeconds).toBeGreaterThan(0);
    expect((err as RateLimitExceeded).limit).toBe(1);
  });

  it('validates its options', async () => {
    const s = await store();
    await expect(createRequestLimiter(s, { points: 0 })).rejects.toThrow(/points/);
    await expect(createRequestLimiter(s, { durationSeconds: 1.5 })).rejects.toThrow(/durationSeconds/);
  });

  it('can wrap an in-memory limiter (for unit tests elsewhere)', async () => {
    const limiter = requestLimiterFrom(new RateLimiterMemory({ points: 1, duration: 30 }), 1);
    expect((await limiter.consume('k')).allowed).toBe(true);
    const refused = await limiter.consume('k');
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThan(25);
  });
});

describe('login limiter', () => {
  it('locks out an email+IP after the allowed attempts, for the lockout period', async () => {
    const limiter = await createLoginLimiter(await store(), { attempts: 3, windowSeconds: 60, lockoutSeconds: 600 });
    for (let i = 0; i < 3; i++) expect((await limiter.consume('ada@example.com', '203.0.113.7')).allowed).toBe(true);
    const refused = await limiter.consume('ada@example.com', '203.0.113.7');
    expect(refused.allowed).toBe(false);
    if (refused.allowed) return;
    expect(refused.retryAfterSeconds).toBeGreaterThan(590);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(600);
    // Still locked on the next try, with the lockout (not the window) as the wait.
    const again = await limiter.consume('ada@example.com', '203.0.113.7');
    expect(again.allowed === false && again.retryAfterSeconds).toBeGreaterThan(590);
  });

  it('normalises the email, and keys on email and IP together', async () => {
    const limiter = await createLoginLimiter(await store(), { attempts: 2, windowSeconds: 60, lockoutSeconds: 60 });
    await limiter.consume('Ada@Example.com ', '203.0.113.7');
    await limiter.consume('ada@example.com', '203.0.113.7');
    expect((await limiter.consume(' ADA@EXAMPLE.COM', '203.0.113.7')).allowed).toBe(false);
    expect((await limiter.consume('ada@example.com', '198.51.100.1')).allowed).toBe(true);
    expect((await limiter.consume('bob@example.com', '203.0.113.7')).allowed).toBe(true);
    expect(loginKey('Ada@Example.com ', '203.0.113.7')).toBe(loginKey('ada@example.com', '203.0.113.7'));
    expect(loginKey('ada@example.com', '203.0.113.7')).not.toBe(loginKey('ada@example.com', '203.0.113.70'));
  });

  it('reset after a successful login restores the full allowance', async () => {
    const limiter = await createLoginLimiter(await store(), { attempts: 2, windowSeconds: 60, lockoutSeconds: 60 });
    await limiter.consume('ada@example.com', '203.0.113.7');
    await limiter.consume('ada@example.com', '203.0.113.7');
    expect((await limiter.consume('ada@example.com', '203.0.113.7')).allowed).toBe(false);
    await limiter.reset('ada@example.com', '203.0.113.7');
    expect(await limiter.consume('ada@example.com', '203.0.113.7')).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('stores no email addresses and shares rate_limits with the request budget', async () => {
    const s = await store();
    const limits = await createRateLimits(s);
    await limits.login.consume('ada@example.com', '203.0.113.7');
    await limits.consumeRequest('usr_a');
    const docs = await t.client.db(s.dbName).collection('rate_limits').find().sort({ key: 1 }).toArray();
    expect(docs.map((d) => d.key)).toEqual([`login:${loginKey('ada@example.com', '203.0.113.7')}`, 'req:usr_a']);
    expect(JSON.stringify(docs)).not.toContain('ada@');
  });
});

describe('leased request budget', () => {
  it("admits exactly the limit across two processes' limiters and spends one store write per lease", async () => {
    const { RateLimiterMemory } = await import('rate-limiter-flexible');
    const shared = new RateLimiterMemory({ points: 100, duration: 60 });
    let writes = 0;
    const counting = new Proxy(shared, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop === 'consume')
          return (...args: unknown[]) => {
            writes++;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const { requestLimiterFrom } = await import('../../src/auth/rate-limit.ts');
    const a = requestLimiterFrom(counting, 100, 10);
    const b = requestLimiterFrom(counting, 100, 10);
    let admitted = 0;
    for (let i = 0; i < 150; i++) if ((await (i % 3 === 0 ? b : a).consume('user')).allowed) admitted++;
    expect(admitted).toBe(100);
    // 10 leases cover the 100 admitted requests. Each process then fails one lease (and retries one
    // point); after that its refusals go point by point: 50 refusals in all.
    expect(writes).toBe(10 + 2 * 2 + 48);
    const refused = await a.consume('user');
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) expect(refused.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('admits exactly the limit when many requests miss the lease at once', async () => {
    const { RateLimiterMemory } = await import('rate-limiter-flexible');
    const { requestLimiterFrom } = await import('../../src/auth/rate-limit.ts');
    const limiter = requestLimiterFrom(new RateLimiterMemory({ points: 600, duration: 60 }), 600, 12);
    const results = await Promise.all(Array.from({ length: 700 }, () => limiter.consume('burst')));
    expect(results.filter((r) => r.allowed)).toHaveLength(600);
  });

  it('keeps the part of an overshooting lease still under the budget and gives nothing back, so no window inherits points', async () => {
    const { RateLimiterMemory } = await import('rate-limiter-flexible');
    const { requestLimiterFrom } = await import('../../src/auth/rate-limit.ts');
    const store = new RateLimiterMemory({ points: 10, duration: 2 });
    // A give-back that reaches the store only after the window ended (a slow round trip at the wrong moment)
    // would start the next window below zero.
    const windowEnded = async () => {
      while (await store.get('u')) await new Promise((r) => setTimeout(r, 50));
    };
    const slow = new Proxy(store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop === 'reward')
          return async (...args: unknown[]) => {
            await windowEnded();
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const limiter = requestLimiterFrom(slow, 10, 4);
    const admitted = async (n: number) => {
      let count = 0;
      for (let i = 0; i < n; i++) if ((await limiter.consume('u')).allowed) count++;
      return count;
    };
    // Leases of 4, 4, then one that overshoots by 2: its other 2 are spent here.
    expect(await admitted(12)).toBe(10);
    await windowEnded();
    expect(await admitted(14)).toBe(10);
  });

  it('with a lease of one it is exact, request by request', async () => {
    const { RateLimiterMemory } = await import('rate-limiter-flexible');
    const { requestLimiterFrom } = await import('../../src/auth/rate-limit.ts');
    const limiter = requestLimiterFrom(new RateLimiterMemory({ points: 3, duration: 60 }), 3);
    const results = [];
    for (let i = 0; i < 4; i++) results.push((await limiter.consume('u')).allowed);
    expect(results).toEqual([true, true, true, false]);
  });
});
