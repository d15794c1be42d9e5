// The other ways in: a client pre-registered in configuration (with a secret, stored hashed), the built-in
// command-line client (loopback redirect on any port), the limit on dynamic registrations, a denied request,
// the legacy SSE transport, token revocation (RFC 7009), and unused clients expiring.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOutpost, signupAndLogin, type TestOutpost } from '../support/outpost.ts';
import { signInBrowser, type BrowserSignIn } from '../api/browser.ts';
import { answerConsent, openAuthorization } from './support.ts';
import { authorizationUrl, codeFor, mcpToolsList, pkcePair, register, tokenRequest, tokensFor } from './flow.ts';

const SECRET = 's'.repeat(40);
const PARTNER = { client_id: 'partner-app', client_secret: SECRET, client_name: 'Partner', redirect_uris: ['https://partner.example.com/cb'] };
let outpost: TestOutpost;
let browser: BrowserSignIn;

beforeAll(async () => {
  outpost = await startTestOutpost({ OAUTH_CLIENTS: JSON.stringify([PARTNER]), OAUTH_REGISTRATIONS_PER_HOUR: '15' });
  await signupAndLogin(outpost, 'owner@example.com');
  browser = await signInBrowser(outpost, 'owner@example.com');
});

afterAll(async () => {
  await outpost?.stop();
});

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

describe('a pre-registered confidential client', () => {
  it('authenticates with its secret at the token endpoint, and only with it', async () => {
    const redirect = PARTNER.redirect_uris[0];
    const { code, verifier, details } = await codeFor(outpost, browser, PARTNER.client_id, redirect);
    expect(details.client).toMatchObject({ name: 'Partner', registration: 'preregistered', redirect_host: 'partner.example.com' });
    const form = { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirect };
    const wrong = await fetch(`${outpost.app.config.publicUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(PARTNER.client_id, 'x'.repeat(40)) },
      body: new URLSearchParams(form),
    });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toBe('invalid_client');
    const right = await fetch(`${outpost.app.config.publicUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(PARTNER.client_id, SECRET) },
      body: new URLSearchParams(form),
    });
    expect(right.status).toBe(200);
  });

  it('stores dynamically registered secrets only as hashes', async () => {
    const res = await fetch(`${outpost.app.config.publicUrl}/oauth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_name: 'Confidential', redirect_uris: ['https://c.example.com/cb'], token_endpoint_auth_method: 'client_secret_post' }),
    });
    const body = await res.json();
    expect(res.status).toBe(201);
    expect(body.client_secret).toBeTruthy();
    const stored = await outpost.database.db.collection('oauth').findOne({ _id: `Client:${body.client_id}` as never });
    expect(JSON.stringify(stored)).not.toContain(body.client_secret);
    const { code, verifier } = await codeFor(outpost, browser, body.client_id, 'https://c.example.com/cb');
    const tokens = await tokenRequest(outpost, {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: 'https://c.example.com/cb',
      client_id: body.client_id,
      client_secret: body.client_secret,
    });
    expect(tokens.status, JSON.stringify(tokens.body)).toBe(200);
  });
});

describe('the command-line client', () => {
  it('is built in: a public client with a loopback redirect on any port', async () => {
    const redirect = 'http://127.0.0.1:53682/callback';
    const tokens = await tokensFor(outpost, browser, 'outpost-cli', redirect, ['pages:read', 'pages:write']);
    expect(tokens.scope.split(' ').sort()).toEqual(['pages:read', 'pages:write']);
    expect(tokens.refresh_token).toBeTruthy();
  });
});

describe('consent', () => {
  it('a denied request sends access_denied (with state and iss) to the client', async () => {
    const redirect = 'https://deny.example.com/cb';
    const clientId = await register(outpost, redirect);
    const step = await openAuthorization(
      outpost,
      authorizationUrl(outpost, { client_id: clientId, redirect_uri: redirect, code_challenge: pkcePair().challenge, code_challenge_method: 'S256' }),
      browser,
    );
    const back = await answerConsent(outpost, step, browser, 'deny');
    expect(back.origin + back.pathname).toBe(redirect);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('st4te');
    expect(back.searchParams.get('iss')).toBe(outpost.app.config.publicUrl);
  });

  it('remembers the grant per client and asks again every time', async () => {
    const redirect = 'https://again.example.com/cb';
    const clientId = await register(outpost, redirect);
    await codeFor(outpost, browser, clientId, redirect, { scopes: ['pages:read'] });
    const second = await openAuthorization(
      outpost,
      authorizationUrl(outpost, { client_id: clientId, redirect_uri: redirect, code_challenge: pkcePair().challenge, code_challenge_method: 'S256' }),
      browser,
    );
    expect(second.details.previously_granted).toEqual(['pages:read']);
    expect(second.details.scopes.map((s: { scope: string }) => s.scope)).toEqual(['pages:read', 'pages:write']);
  });

  it('the interaction operations need a signed-in person: no API token, no OAuth token', async () => {
    const redirect = 'https://ops.example.com/cb';
    const clientId = await register(outpost, redirect);
    const tokens = await tokensFor(outpost, browser, clientId, redirect);
    const step = await openAuthorization(
      outpost,
      authorizationUrl(outpost, { client_id: clientId, redirect_uri: redirect, code_challenge: pkcePair().challenge, code_challenge_method: 'S256' }),
      browser,
    );
    const res = await outpost.api(`/api/oauth/interactions/${step.uid}/approve`, { token: tokens.access_token, body: { scopes: ['pages:read'] } });
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/OAuth cannot manage/);
    expect((await outpost.api(`/api/oauth/interactions/unknown-uid`, { headers: { cookie: browser.cookie, 'sec-fetch-site': 'same-origin' } })).status).toBe(
      404,
    );
  });
});

describe('tokens', () => {
  it('work on the legacy SSE transport too', async () => {
    const redirect = 'https://sse.example.com/cb';
    const tokens = await tokensFor(outpost, browser, await register(outpost, redirect), redirect);
    const controller = new AbortController();
    const res = await fetch(`${outpost.app.config.publicUrl}/sse`, {
      headers: { authorization: `Bearer ${tokens.access_token}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    controller.abort();
  });

  it('are revoked through the revocation endpoint (RFC 7009)', async () => {
    const redirect = 'https://revoke.example.com/cb';
    const clientId = await register(outpost, redirect);
    const tokens = await tokensFor(outpost, browser, clientId, redirect);
    const res = await fetch(`${outpost.app.config.publicUrl}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.refresh_token, client_id: clientId }),
    });
    expect(res.status).toBe(200);
    const refresh = await tokenRequest(outpost, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: clientId });
    expect(refresh.body.error).toBe('invalid_grant');
    expect((await mcpToolsList(outpost, tokens.access_token)).status).toBe(401);
  });
});

describe('storage', () => {
  it('keeps codes, access and refresh tokens only as hashes', async () => {
    const redirect = 'https://stored.example.com/cb';
    const tokens = await tokensFor(outpost, browser, await register(outpost, redirect), redirect);
    const everything = JSON.stringify(await outpost.database.db.collection('oauth').find({}).toArray());
    for (const secret of [tokens.code, tokens.access_token, tokens.refresh_token]) expect(everything).not.toContain(secret);
    expect((await outpost.api('/api/me', { token: tokens.access_token })).body.auth.kind).toBe('oauth');
  });
});

describe('dynamic registration', () => {
  it('a client never used expires; one that got a token does not', async () => {
    const docs = outpost.database.db.collection('oauth');
    const unused = await register(outpost, 'https://unused.example.com/cb');
    expect((await docs.findOne({ _id: `Client:${unused}` as never }))?.expires_at).toBeInstanceOf(Date);
    const used = await register(outpost, 'https://used.example.com/cb');
    await tokensFor(outpost, browser, used, 'https://used.example.com/cb');
    expect((await docs.findOne({ _id: `Client:${used}` as never }))?.expires_at).toBeUndefined();
  });

  it('is limited per client address (429 with Retry-After)', async () => {
    let res: Response | undefined;
    for (let i = 0; i < 20; i++) {
      res = await fetch(`${outpost.app.config.publicUrl}/oauth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ redirect_uris: ['https://many.example.com/cb'], token_endpoint_auth_method: 'none' }),
      });
      if (res.status === 429) break;
    }
    expect(res!.status).toBe(429);
    expect(Number(res!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
