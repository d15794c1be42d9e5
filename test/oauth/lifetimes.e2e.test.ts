// What an OAuth access token shares with the person's other credentials, and how long OAuth state lives: the
// configured token lifetimes (a rotated refresh token never outlives the grant's absolute limit), TTL indexes
// on the stored state, one rate-limit budget and the same isolation as an API token, and interaction
// operations that a cookie alone (without the CSRF token) cannot drive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOutpost, signupAndLogin, type TestOutpost } from '../support/outpost.ts';
import { fromApp, signInBrowser, type BrowserSignIn } from '../api/browser.ts';
import { answerConsent, openAuthorization } from './support.ts';
import { authorizationUrl, mcpToolsList, pkcePair, register, tokenRequest, tokensFor } from './flow.ts';
import { documentId } from '../../src/oauth/store.ts';

const ACCESS_TTL = 600;
const IDLE_TTL = 900;
const MAX_TTL = 3600;
const REQUESTS = 30;
let outpost: TestOutpost;
let browser: BrowserSignIn;

beforeAll(async () => {
  outpost = await startTestOutpost({
    SIGNUP_MODE: 'open',
    RATE_LIMIT_REQUESTS: String(REQUESTS),
    OAUTH_ACCESS_TOKEN_TTL_SECONDS: String(ACCESS_TTL),
    OAUTH_REFRESH_TOKEN_IDLE_TTL_SECONDS: String(IDLE_TTL),
    OAUTH_REFRESH_TOKEN_MAX_TTL_SECONDS: String(MAX_TTL),
  });
  await signupAndLogin(outpost, 'owner@example.com');
  browser = await signInBrowser(outpost, 'owner@example.com');
});

afterAll(async () => {
  await outpost?.stop();
});

const docs = () => outpost.database.db.collection('oauth');
const secondsUntil = (date: unknown) => ((date as Date).getTime() - Date.now()) / 1000;

describe('lifetimes', () => {
  it('access and refresh tokens and the grant live as configured', async () => {
    const redirect = 'https://lifetimes.example.com/cb';
    const clientId = await register(outpost, redirect);
    const tokens = await tokensFor(outpost, browser, clientId, redirect);
    expect((tokens as unknown as { expires_in: number }).expires_in).toBe(ACCESS_TTL);
    const access = await docs().findOne({ _id: documentId('AccessToken', tokens.access_token) as never });
    expect(secondsUntil(access?.expires_at)).toBeCloseTo(ACCESS_TTL, -1);
    const refresh = await docs().findOne({ _id: documentId('RefreshToken', tokens.refresh_token) as never });
    expect(secondsUntil(refresh?.expires_at)).toBeCloseTo(IDLE_TTL, -1);
    const grant = await docs().findOne({ _id: documentId('Grant', String(refresh?.payload.grantId)) as never });
    expect(secondsUntil(grant?.expires_at)).toBeCloseTo(MAX_TTL, -1);
  });

  it('a rotated refresh token never outlives the absolute limit counted from the approval', async () => {
    const redirect = 'https://absolute.example.com/cb';
    const clientId = await register(outpost, redirect);
    const tokens = await tokensFor(outpost, browser, clientId, redirect);
    // As if the person had approved MAX_TTL - 100 seconds ago: 100 seconds are left, less than the idle lifetime.
    const approvedAt = Math.floor(Date.now() / 1000) - (MAX_TTL - 100);
    await docs().updateOne({ _id: documentId('RefreshToken', tokens.refresh_token) as never }, { $set: { 'payload.iiat': approvedAt } });
    const rotated = await tokenRequest(outpost, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: clientId });
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    const successor = await docs().findOne({ _id: documentId('RefreshToken', rotated.body.refresh_token) as never });
    expect(secondsUntil(successor?.expires_at)).toBeGreaterThan(80);
    expect(secondsUntil(successor?.expires_at)).toBeLessThanOrEqual(100);
  });

  it('expired state is removed by a TTL index', async () => {
    const indexes = await docs().indexes();
    expect(indexes.find((i) => i.name === 'expires')).toMatchObject({ key: { expires_at: 1 }, expireAfterSeconds: 0 });
  });
});

describe('consent operations', () => {
  it('refuse a session cookie without the CSRF token or from another site, and any request without the cookie', async () => {
    const redirect = 'https://csrf.example.com/cb';
    const clientId = await register(outpost, redirect);
    const url = authorizationUrl(outpost, { client_id: clientId, redirect_uri: redirect, code_challenge: pkcePair().challenge, code_challenge_method: 'S256' });
    const step = await openAuthorization(outpost, url, browser);
    // Where the consent step binds the answer to the starting browser with a cookie, send that too: only the CSRF token is missing.
    const cookie = [browser.cookie, (step as { binding?: string }).binding].filter(Boolean).join('; ');
    const body = { scopes: ['pages:read'] };
    const withoutCsrf = await outpost.api(`/api/oauth/interactions/${step.uid}/approve`, { body, headers: fromApp(outpost, { cookie }) });
    expect(withoutCsrf.status).toBe(403);
    const crossSite = await outpost.api(`/api/oauth/interactions/${step.uid}/approve`, {
      body,
      headers: { cookie, 'x-csrf-token': browser.csrf, origin: 'https://evil.example.net', 'sec-fetch-site': 'cross-site' },
    });
    // From another site the cookie does not count at all (the browser session rules).
    expect(crossSite.status).toBe(401);
    const anonymous = await outpost.api(`/api/oauth/interactions/${step.uid}/deny`, { method: 'POST', headers: fromApp(outpost) });
    expect(anonymous.status).toBe(401);
    // Still pending: none of the refused requests answered it.
    const callback = await answerConsent(outpost, step, browser, body);
    expect(callback.searchParams.get('code')).toBeTruthy();
  });
});

describe('an OAuth access token', () => {
  it("sees only its person's pages", async () => {
    const other = await signupAndLogin(outpost, 'other@example.com');
    const page = await outpost.api('/api/pages', { token: other.token, body: { name: 'Theirs', html: '<p>theirs</p>', visibility: 'private' } });
    expect(page.status, JSON.stringify(page.body)).toBe(201);
    const redirect = 'https://isolation.example.com/cb';
    const tokens = await tokensFor(outpost, browser, await register(outpost, redirect), redirect);
    const pageId = page.body.id ?? page.body.page?.id;
    expect(pageId).toBeTruthy();
    expect((await outpost.api(`/api/pages/${pageId}`, { token: tokens.access_token })).status).toBe(404);
    const mine = await outpost.api('/api/pages', { token: tokens.access_token });
    expect(mine.status).toBe(200);
    expect(JSON.stringify(mine.body)).not.toContain(pageId);
  });

  it("spends the person's one rate-limit budget, on the API and on /mcp", async () => {
    const person = await signupAndLogin(outpost, 'budget@example.com');
    const personBrowser = await signInBrowser(outpost, 'budget@example.com');
    const redirect = 'https://budget.example.com/cb';
    const tokens = await tokensFor(outpost, personBrowser, await register(outpost, redirect), redirect);
    expect((await outpost.api('/api/me', { token: tokens.access_token })).status).toBe(200);
    let status = 0;
    for (let i = 0; i < REQUESTS && status !== 429; i++) status = (await outpost.api('/api/me', { token: person.token })).status;
    expect(status).toBe(429);
    expect((await outpost.api('/api/me', { token: tokens.access_token })).status).toBe(429);
    expect((await mcpToolsList(outpost, tokens.access_token)).status).toBe(429);
  });
});
