// The web app's browser session: POST/GET/DELETE /api/session, sign-up with browser_session, and how /api
// routes take the cookie (own origin only, X-CSRF-Token on state-changing requests, Bearer first).
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { signupAndLogin } from '../support/outpost.ts';
import { PASSWORD, TIMESTAMP, expectError, expectUnauthorized, useOutpost } from './helpers.ts';
import { type BrowserSignIn, fromApp, sameOriginGet, sessionCookieOf, signInBrowser } from './browser.ts';

const t = useOutpost({ SIGNUP_MODE: 'open' });
let alice: { token: string; user: { id: string } };

beforeAll(async () => {
  alice = await signupAndLogin(t.outpost, 'alice@example.com', PASSWORD);
});

describe('POST /api/session (createBrowserSession)', () => {
  it('signs in from the instance itself: an HttpOnly SameSite=Lax cookie, the user and a CSRF token, no bearer credential', async () => {
    const res = await t.outpost.api('/api/session', { body: { email: 'ALICE@example.com', password: PASSWORD }, headers: fromApp(t.outpost) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: { id: alice.user.id, email: 'alice@example.com', admin: true, created_at: expect.stringMatching(TIMESTAMP) },
      csrf_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expires_at: expect.stringMatching(TIMESTAMP),
    });
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { setCookie } = sessionCookieOf(res);
    // PUBLIC_URL is http here: no Secure (a browser would drop it), so no __Host- prefix either.
    expect(setCookie).toMatch(/^outpost_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=2592000; HttpOnly; SameSite=Lax$/);
    // The default BROWSER_SESSION_TTL_SECONDS: 7 days without use.
    const ttl = (Date.parse(res.body.expires_at) - Date.now()) / 1000;
    expect(ttl).toBeGreaterThan(7 * 86400 - 60);
    expect(ttl).toBeLessThanOrEqual(7 * 86400);
  });

  it('refuses a wrong password and an unknown email with the same generic 401 as login', async () => {
    const wrong = await t.outpost.api('/api/session', { body: { email: 'alice@example.com', password: 'not the password' }, headers: fromApp(t.outpost) });
    const unknown = await t.outpost.api('/api/session', { body: { email: 'nobody@example.com', password: 'not the password' }, headers: fromApp(t.outpost) });
    const login = await t.outpost.api('/api/auth/login', { body: { email: 'alice@example.com', password: 'not the password' } });
    expectUnauthorized(wrong, 'Invalid email or password');
    expect(unknown.body).toEqual(wrong.body);
    expect(login.body).toEqual(wrong.body);
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it.each([
    ['another origin', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
    ['Origin null (a sandboxed /p/ page)', { origin: 'null', 'sec-fetch-site': 'same-origin' }],
    ['a same-site subdomain', { 'sec-fetch-site': 'same-site' }],
    ['neither Origin nor Sec-Fetch-Site', {}],
  ])('refuses to start a session from %s (403, no cookie)', async (_label, headers) => {
    const res = await t.outpost.api('/api/session', { body: { email: 'alice@example.com', password: PASSWORD }, headers });
    expectError(res, 403, 'Forbidden', /^A browser session can be started only from this instance's own pages/);
    expect(res.headers.getSetCookie()).toEqual([]);
  });
});

describe('the cookie on /api routes', () => {
  let browser: BrowserSignIn;
  beforeAll(async () => {
    browser = await signInBrowser(t.outpost, 'alice@example.com');
  });

  it('authenticates a same-origin GET as a session with a session JWT’s scopes', async () => {
    const res = await t.outpost.api('/api/me', { headers: sameOriginGet(browser.cookie) });
    expect(res.status).toBe(200);
    const viaJwt = await t.outpost.api('/api/me', { token: alice.token });
    expect(res.body.user).toEqual(viaJwt.body.user);
    expect(res.body.auth).toEqual(viaJwt.body.auth);
    expect(res.body.auth).toEqual({ kind: 'session', scopes: ['account', 'pages:read', 'pages:write', 'admin'] });
  });

  it('GET /api/session gives a reloaded app its CSRF token back', async () => {
    const res = await t.outpost.api('/api/session', { headers: sameOriginGet(browser.cookie) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ user: browser.body.user, csrf_token: browser.csrf, expires_at: expect.stringMatching(TIMESTAMP) });
    expect(res.headers.get('cache-control')).toBe('no-store');
    // Typed URL (Sec-Fetch-Site: none) and an explicit own Origin count too.
    expect((await t.outpost.api('/api/session', { headers: sameOriginGet(browser.cookie, { 'sec-fetch-site': 'none' }) })).status).toBe(200);
    expect((await t.outpost.api('/api/session', { headers: { cookie: browser.cookie, ...fromApp(t.outpost) } })).status).toBe(200);
  });

  it.each([
    ['another origin', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
    ['another origin, no Sec-Fetch-Site', { origin: 'https://evil.example' }],
    ['Origin null (a sandboxed /p/ page)', { origin: 'null' }],
    ['a cross-site navigation (no Origin)', { 'sec-fetch-site': 'cross-site' }],
    ['a same-site subdomain', { 'sec-fetch-site': 'same-site' }],
    ['neither Origin nor Sec-Fetch-Site', {}],
  ])('does not count from %s: 401', async (_label, headers) => {
    for (const path of ['/api/me', '/api/session']) {
      const res = await t.outpost.api(path, { headers: { cookie: browser.cookie, ...headers } });
      expectError(res, 401, 'Unauthorized', /^The session cookie counts only on requests from this instance's own pages \(http:\/\/localhost:\d+\)$/);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    }
  });

  it('a state-changing request needs X-CSRF-Token equal to the session’s token (403 otherwise)', async () => {
    const create = (extra: Record<string, string>) =>
      t.outpost.api('/api/tokens', { body: { name: 'from the app' }, headers: { cookie: browser.cookie, ...fromApp(t.outpost), ...extra } });
    const csrfRefusal = /^Missing or wrong X-CSRF-Token header/;
    expectError(await create({}), 403, 'Forbidden', csrfRefusal);
    expectError(await create({ 'x-csrf-token': 'wrong' }), 403, 'Forbidden', csrfRefusal);
    const oneOff = browser.csrf.slice(0, -1) + (browser.csrf.endsWith('A') ? 'B' : 'A');
    expectError(await create({ 'x-csrf-token': oneOff }), 403, 'Forbidden', csrfRefusal);
    // Another session's token is no good either.
    const other = await signInBrowser(t.outpost, 'alice@example.com');
    expect(other.csrf).not.toBe(browser.csrf);
    expectError(await create({ 'x-csrf-token': other.csrf }), 403, 'Forbidden', csrfRefusal);

    const created = await create({ 'X-CSRF-Token': browser.csrf });
    expect(created.status).toBe(201);
    expect(created.body.name).toBe('from the app');
    // The CSRF token is no credential by itself.
    expectUnauthorized(
      await t.outpost.api('/api/tokens', { body: { name: 'x' }, headers: { ...fromApp(t.outpost), 'x-csrf-token': browser.csrf } }),
      'Missing or invalid Authorization header',
    );
  });

  it('a Bearer credential wins over the cookie, and a bad one is not rescued by it', async () => {
    const bob = await signupAndLogin(t.outpost, 'bob@example.com', PASSWORD);
    const asBob = await t.outpost.api('/api/me', { token: bob.token, headers: sameOriginGet(browser.cookie) });
    expect(asBob.status).toBe(200);
    expect(asBob.body.user.id).toBe(bob.user.id);
    // A Bearer request needs no CSRF token, cookie or not.
    const token = await t.outpost.api('/api/tokens', {
      token: bob.token,
      body: { name: 'bearer' },
      headers: { cookie: browser.cookie, ...fromApp(t.outpost) },
    });
    expect(token.status).toBe(201);
    expectUnauthorized(await t.outpost.api('/api/me', { token: 'garbage', headers: sameOriginGet(browser.cookie) }), 'Invalid token');
  });

  it('a session cookie sent twice (one planted) counts as neither', async () => {
    const other = await signInBrowser(t.outpost, 'alice@example.com');
    const res = await t.outpost.api('/api/me', { headers: sameOriginGet(`${browser.cookie}; ${other.cookie}`) });
    expectUnauthorized(res, 'The session cookie was sent more than once; sign in again');
  });

  it('other cookies on the host, however malformed, neither break nor replace it (hapi does not parse them on /api)', async () => {
    const junk = `theme="dark; bad cookie=1; ${browser.cookie}; =x;; outpost_session_other=abc`;
    const res = await t.outpost.api('/api/me', { headers: sameOriginGet(junk) });
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(alice.user.id);
    // A bearer client with a stray cookie was a 400 before.
    expect((await t.outpost.api('/api/me', { token: alice.token, headers: { cookie: 'bad cookie=1' } })).status).toBe(200);
  });

  it('an unknown or malformed cookie value is a 401 asking to sign in again', async () => {
    for (const value of ['x'.repeat(43), 'short', '']) {
      const res = await t.outpost.api('/api/me', { headers: sameOriginGet(`outpost_session=${value}`) });
      if (value === '') expectUnauthorized(res, 'Missing or invalid Authorization header');
      else expectUnauthorized(res, 'The browser session has ended; sign in again');
    }
  });
});

describe('GET /api/session without a browser session', () => {
  it('no cookie: 401; a session JWT alone: 401 too (there is no browser session to describe)', async () => {
    expectUnauthorized(await t.outpost.api('/api/session', { headers: { 'sec-fetch-site': 'same-origin' } }), 'Missing or invalid Authorization header');
    expectUnauthorized(
      await t.outpost.api('/api/session', { token: alice.token }),
      'No browser session: this operation reads the session cookie of the web app',
    );
  });
});

describe('DELETE /api/session (deleteBrowserSession)', () => {
  it('needs the CSRF token, then ends the session on the server and clears the cookie', async () => {
    const browser = await signInBrowser(t.outpost, 'alice@example.com');
    const other = await signInBrowser(t.outpost, 'alice@example.com');
    const signOut = (extra: Record<string, string>) =>
      t.outpost.api('/api/session', { method: 'DELETE', headers: { cookie: browser.cookie, ...fromApp(t.outpost), ...extra } });
    expectError(await signOut({}), 403, 'Forbidden', /X-CSRF-Token/);
    expect((await t.outpost.api('/api/me', { headers: sameOriginGet(browser.cookie) })).status).toBe(200);

    const res = await signOut({ 'x-csrf-token': browser.csrf });
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie()).toEqual(['outpost_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax']);

    // The old cookie is dead everywhere, at once; the browser's other session lives on.
    expectUnauthorized(await t.outpost.api('/api/me', { headers: sameOriginGet(browser.cookie) }), 'The browser session has ended; sign in again');
    expectUnauthorized(await t.outpost.api('/api/session', { headers: sameOriginGet(browser.cookie) }), 'The browser session has ended; sign in again');
    expect((await t.outpost.api('/api/me', { headers: sameOriginGet(other.cookie) })).status).toBe(200);
  });

  it('with a session JWT alone: 401', async () => {
    expectUnauthorized(
      await t.outpost.api('/api/session', { method: 'DELETE', token: alice.token }),
      'No browser session: this operation reads the session cookie of the web app',
    );
  });
});

describe('sign-up with browser_session: true', () => {
  it('creates the account and signs it in as a browser session, without a second sign-in', async () => {
    const res = await t.outpost.api('/api/auth/signup', {
      body: { email: 'carol@example.com', password: PASSWORD, browser_session: true },
      headers: fromApp(t.outpost),
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      user: { id: expect.stringMatching(/^usr_/), email: 'carol@example.com', admin: false, created_at: expect.stringMatching(TIMESTAMP) },
      csrf_token: expect.any(String),
      expires_at: expect.stringMatching(TIMESTAMP),
    });
    expect(res.body.token).toBeUndefined();
    const { cookie } = sessionCookieOf(res);
    const session = await t.outpost.api('/api/session', { headers: sameOriginGet(cookie) });
    expect(session.status).toBe(200);
    expect(session.body.csrf_token).toBe(res.body.csrf_token);
    expect(session.body.user.id).toBe(res.body.user.id);
  });

  it('from another origin: 403 and no account', async () => {
    const res = await t.outpost.api('/api/auth/signup', {
      body: { email: 'dave@example.com', password: PASSWORD, browser_session: true },
      headers: { origin: 'https://evil.example' },
    });
    expectError(res, 403, 'Forbidden', /own pages/);
    const login = await t.outpost.api('/api/auth/login', { body: { email: 'dave@example.com', password: PASSWORD } });
    expect(login.status).toBe(401);
  });

  it('without it (or false), sign-up still answers a session JWT and sets no cookie', async () => {
    const res = await t.outpost.api('/api/auth/signup', { body: { email: 'erin@example.com', password: PASSWORD, browser_session: false } });
    expect(res.status).toBe(201);
    expect(res.body.token_type).toBe('Bearer');
    expect(res.headers.getSetCookie()).toEqual([]);
  });
});

describe('the browser_sessions collection', () => {
  it('has a TTL index on expires_at, and stores only the SHA-256 of the cookie’s secret', async () => {
    const collection = t.outpost.app.db.collection('browser_sessions');
    const indexes = await collection.indexes();
    expect(indexes).toEqual(expect.arrayContaining([expect.objectContaining({ key: { expires_at: 1 }, expireAfterSeconds: 0 })]));

    const browser = await signInBrowser(t.outpost, 'alice@example.com');
    const secret = browser.cookie.slice('outpost_session='.length);
    const hash = createHash('sha256').update(secret).digest('hex');
    const doc = await collection.findOne({ _id: hash as never });
    expect(doc).toMatchObject({ user_id: alice.user.id });
    const everything = JSON.stringify(await collection.find({}).toArray());
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(browser.csrf);
  });

  it('sliding expiry: a use moves expires_at forward; an expired record is refused before the TTL monitor removes it', async () => {
    const collection = t.outpost.app.db.collection<{ _id: string; expires_at: Date }>('browser_sessions');
    const browser = await signInBrowser(t.outpost, 'alice@example.com');
    const id = createHash('sha256').update(browser.cookie.slice('outpost_session='.length)).digest('hex');

    const soon = new Date(Date.now() + 3600_000);
    await collection.updateOne({ _id: id }, { $set: { expires_at: soon } });
    const res = await t.outpost.api('/api/session', { headers: sameOriginGet(browser.cookie) });
    expect(res.status).toBe(200);
    expect(Date.parse(res.body.expires_at)).toBeGreaterThan(Date.now() + 7 * 86400_000 - 60_000);
    expect((await collection.findOne({ _id: id }))!.expires_at.getTime()).toBeGreaterThan(soon.getTime());

    await collection.updateOne({ _id: id }, { $set: { expires_at: new Date(Date.now() - 1000) } });
    expectUnauthorized(await t.outpost.api('/api/me', { headers: sameOriginGet(browser.cookie) }), 'The browser session has ended; sign in again');
  });
});

describe('rate limits', () => {
  it('POST /api/session spends the login attempt budget of the email and client, shared with login', async () => {
    await signupAndLogin(t.outpost, 'frank@example.com', PASSWORD);
    for (let i = 1; i <= 10; i++) {
      const res = await t.outpost.api('/api/session', { body: { email: 'frank@example.com', password: `wrong ${i}` }, headers: fromApp(t.outpost) });
      expect(res.status, `attempt ${i}`).toBe(401);
    }
    expectError(
      await t.outpost.api('/api/session', { body: { email: 'frank@example.com', password: PASSWORD }, headers: fromApp(t.outpost) }),
      429,
      'Too Many Requests',
      /^Too many sign-in attempts for this email from this address\. Retry in \d+ s\.$/,
    );
    expect((await t.outpost.api('/api/auth/login', { body: { email: 'frank@example.com', password: PASSWORD } })).status).toBe(429);
  });
});

describe('the request budget (RATE_LIMIT_REQUESTS=3)', () => {
  const small = useOutpost({ SIGNUP_MODE: 'open', RATE_LIMIT_REQUESTS: '3' });

  it('requests with the cookie spend the user’s budget, shared with their bearer credentials', async () => {
    const { token } = await signupAndLogin(small.outpost, 'gina@example.com', PASSWORD);
    const browser = await signInBrowser(small.outpost, 'gina@example.com');
    expect((await small.outpost.api('/api/me', { headers: sameOriginGet(browser.cookie) })).status).toBe(200);
    expect((await small.outpost.api('/api/session', { headers: sameOriginGet(browser.cookie) })).status).toBe(200);
    expect((await small.outpost.api('/api/me', { token })).status).toBe(200);
    expectError(await small.outpost.api('/api/me', { headers: sameOriginGet(browser.cookie) }), 429, 'Too Many Requests', /^Rate limit exceeded/);
  });
});

describe('under https (PUBLIC_URL https://pages.example.test)', () => {
  const secure = useOutpost({ SIGNUP_MODE: 'open', PUBLIC_URL: 'https://pages.example.test' });
  const own = { origin: 'https://pages.example.test', 'sec-fetch-site': 'same-origin' };

  it('the cookie is __Host-outpost_session: Secure, Path=/, no Domain; only that name counts', async () => {
    await signupAndLogin(secure.outpost, 'hana@example.com', PASSWORD);
    const res = await secure.outpost.api('/api/session', { body: { email: 'hana@example.com', password: PASSWORD }, headers: own });
    expect(res.status).toBe(200);
    const { cookie, setCookie } = sessionCookieOf(res);
    expect(setCookie).toMatch(/^__Host-outpost_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=2592000; HttpOnly; SameSite=Lax; Secure$/);
    expect((await secure.outpost.api('/api/me', { headers: { cookie, ...own } })).status).toBe(200);
    // The http name (which a sibling host could plant) is not read here.
    const plain = cookie.replace('__Host-outpost_session=', 'outpost_session=');
    expectUnauthorized(await secure.outpost.api('/api/me', { headers: { cookie: plain, ...own } }), 'Missing or invalid Authorization header');
    // The origin must be PUBLIC_URL's, scheme included.
    const http = await secure.outpost.api('/api/me', { headers: { cookie, origin: 'http://pages.example.test' } });
    expect(http.status).toBe(401);
  });
});
