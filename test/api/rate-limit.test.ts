// The per-user request budget (RATE_LIMIT_REQUESTS per RATE_LIMIT_WINDOW_SECONDS, shared by every
// credential of a user) and the login limiter (10 attempts per email and client per 15 minutes).
import { describe, expect, it } from 'vitest';
import { signupAndLogin } from '../support/outpost.ts';
import { PASSWORD, type Response, createApiToken, expectError, useOutpost } from './helpers.ts';

function expectTooManyRequests(res: Response, maxSeconds: number): number {
  expectError(res, 429, 'Too Many Requests', /^(Rate limit exceeded|Too many sign-in attempts)[^.]*\..*Retry in \d+ s\.$/);
  const retryAfter = res.headers.get('retry-after');
  expect(retryAfter).toMatch(/^\d+$/);
  const seconds = Number(retryAfter);
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(maxSeconds);
  expect(res.body.message).toContain(`Retry in ${seconds} s.`);
  return seconds;
}

describe('per-user request budget (RATE_LIMIT_REQUESTS=3, RATE_LIMIT_WINDOW_SECONDS=60)', () => {
  const t = useOutpost({ RATE_LIMIT_REQUESTS: '3', RATE_LIMIT_WINDOW_SECONDS: '60', SIGNUP_MODE: 'open' });

  it('the 4th authenticated request of a user gets 429 with Retry-After; another user is unaffected', async () => {
    const alice = await signupAndLogin(t.outpost, 'alice@example.com');
    const bob = await signupAndLogin(t.outpost, 'bob@example.com');

    for (let i = 1; i <= 3; i++) {
      const res = await t.outpost.api('/api/me', { token: alice.token });
      expect(res.status, `request ${i}`).toBe(200);
    }
    const fourth = await t.outpost.api('/api/me', { token: alice.token });
    expectTooManyRequests(fourth, 60);
    expect(fourth.body.message).toMatch(/^Rate limit exceeded: 3 requests per window\./);
    // Still refused while the window lasts.
    expectTooManyRequests(await t.outpost.api('/api/tokens', { token: alice.token }), 60);

    const other = await t.outpost.api('/api/me', { token: bob.token });
    expect(other.status).toBe(200);
    expect(other.body.user.id).toBe(bob.user.id);
  });

  it("a session JWT and the same user's API tokens spend one budget", async () => {
    const carol = await signupAndLogin(t.outpost, 'carol@example.com');
    const token = await createApiToken(t.outpost, carol.token, { name: 'shared budget' }); // 1
    expect((await t.outpost.api('/api/me', { token: token.token })).status).toBe(200); // 2
    expect((await t.outpost.api('/api/me', { token: carol.token })).status).toBe(200); // 3
    expectTooManyRequests(await t.outpost.api('/api/me', { token: token.token }), 60);
    expectTooManyRequests(await t.outpost.api('/api/me', { token: carol.token }), 60);
  });

  it('refused requests of a signed-in user count too (400 and 403 are authenticated requests)', async () => {
    const dave = await signupAndLogin(t.outpost, 'dave@example.com');
    const token = await createApiToken(t.outpost, dave.token, { name: 'refused' }); // 1
    expect((await t.outpost.api('/api/me?unknown=1', { token: dave.token })).status).toBe(400); // 2
    expect((await t.outpost.api('/api/tokens', { token: token.token })).status).toBe(403); // 3
    expectTooManyRequests(await t.outpost.api('/api/me', { token: dave.token }), 60);
  });

  it('a 429 carries an X-Request-Id like every other response', async () => {
    const frank = await signupAndLogin(t.outpost, 'frank@example.com');
    for (let i = 1; i <= 3; i++) expect((await t.outpost.api('/api/me', { token: frank.token })).headers.get('x-request-id')).toBeTruthy();
    const refused = await t.outpost.api('/api/me', { token: frank.token });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-request-id')).toBeTruthy();
  });

  it('sign-up and sign-in are not charged to the user budget', async () => {
    const erin = await signupAndLogin(t.outpost, 'erin@example.com');
    for (let i = 0; i < 2; i++) {
      expect((await t.outpost.api('/api/auth/login', { body: { email: 'erin@example.com', password: PASSWORD } })).status).toBe(200);
    }
    for (let i = 1; i <= 3; i++) expect((await t.outpost.api('/api/me', { token: erin.token })).status, `request ${i}`).toBe(200);
    expect((await t.outpost.api('/api/me', { token: erin.token })).status).toBe(429);
  });
});

describe('login limiter (defaults: 10 attempts per email and client per 15 minutes)', () => {
  const t = useOutpost({ SIGNUP_MODE: 'open' });
  const login = (email: string, password: string) => t.outpost.api('/api/auth/login', { body: { email, password } });

  it('after 10 wrong passwords the 11th attempt gets 429, even with the right password', async () => {
    await signupAndLogin(t.outpost, 'victim@example.com');
    // A successful sign-in clears earlier attempts.
    expect((await login('victim@example.com', PASSWORD)).status).toBe(200);

    for (let i = 1; i <= 10; i++) {
      const res = await login('victim@example.com', `wrong password ${i}`);
      expect(res.status, `attempt ${i}`).toBe(401);
      expect(res.body.message).toBe('Invalid email or password');
    }
    const locked = await login('victim@example.com', `wrong password 11`);
    expectTooManyRequests(locked, 15 * 60);
    // The lock is per email: the right password is refused too, case or not.
    expectTooManyRequests(await login('victim@example.com', PASSWORD), 15 * 60);
    expectTooManyRequests(await login('VICTIM@example.com', PASSWORD), 15 * 60);
  });

  it('another email from the same client still signs in', async () => {
    await signupAndLogin(t.outpost, 'bystander@example.com');
    const res = await login('bystander@example.com', PASSWORD);
    expect(res.status).toBe(200);
  });

  it('an unknown email is limited exactly like a known one', async () => {
    const known: Response[] = [];
    const unknown: Response[] = [];
    await signupAndLogin(t.outpost, 'known@example.com');
    expect((await login('known@example.com', PASSWORD)).status).toBe(200);
    for (let i = 1; i <= 11; i++) {
      known.push(await login('known@example.com', 'wrong password'));
      unknown.push(await login('unknown@example.com', 'wrong password'));
    }
    expect(known.map((r) => r.status)).toEqual([...Array(10).fill(401), 429]);
    expect(unknown.map((r) => r.status)).toEqual(known.map((r) => r.status));
    for (let i = 0; i < 10; i++) expect(unknown[i].body).toEqual(known[i].body);
    expect(unknown[10].body.error).toBe(known[10].body.error);
  });
});
