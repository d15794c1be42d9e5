// What the authorization server refuses, each with the error its RFC names: PKCE (RFC 7636 / OAuth 2.1),
// redirect URIs, code and refresh-token reuse, resource indicators (RFC 8707), unknown clients (RFC 7591),
// and tokens meant for another audience.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOutpost, signupAndLogin, type TestOutpost } from '../support/outpost.ts';
import { signInBrowser, type BrowserSignIn } from '../api/browser.ts';
import { authorizationUrl, codeFor, mcpToolsList, pkcePair, register, tokenRequest, tokensFor } from './flow.ts';

let outpost: TestOutpost;
let browser: BrowserSignIn;
const REDIRECT = 'https://app.example.com/oauth/callback';

beforeAll(async () => {
  outpost = await startTestOutpost();
  await signupAndLogin(outpost, 'owner@example.com');
  browser = await signInBrowser(outpost, 'owner@example.com');
});

afterAll(async () => {
  await outpost?.stop();
});

/** The error the authorization endpoint sends back to the client's redirect URI. */
async function authorizationError(url: URL) {
  const res = await fetch(url, { redirect: 'manual' });
  const location = new URL(res.headers.get('location')!);
  return { status: res.status, location, error: location.searchParams.get('error'), description: location.searchParams.get('error_description') };
}

describe('PKCE', () => {
  it('refuses an authorization request without code_challenge (invalid_request)', async () => {
    const clientId = await register(outpost, REDIRECT);
    const res = await authorizationError(authorizationUrl(outpost, { client_id: clientId, redirect_uri: REDIRECT }));
    expect(res.location.origin + res.location.pathname).toBe(REDIRECT);
    expect(res.error).toBe('invalid_request');
    expect(res.description).toMatch(/PKCE/);
    expect(res.location.searchParams.get('state')).toBe('st4te');
    expect(res.location.searchParams.get('iss')).toBe(outpost.app.config.publicUrl);
  });

  it('refuses code_challenge_method=plain (invalid_request)', async () => {
    const clientId = await register(outpost, REDIRECT);
    const { verifier } = pkcePair();
    const res = await authorizationError(
      authorizationUrl(outpost, { client_id: clientId, redirect_uri: REDIRECT, code_challenge: verifier, code_challenge_method: 'plain' }),
    );
    expect(res.error).toBe('invalid_request');
    expect(res.description).toMatch(/code_challenge_method/);
  });

  it('refuses a wrong code_verifier at the token endpoint (invalid_grant)', async () => {
    const clientId = await register(outpost, REDIRECT);
    const { code } = await codeFor(outpost, browser, clientId, REDIRECT);
    const res = await tokenRequest(outpost, {
      grant_type: 'authorization_code',
      code,
      code_verifier: pkcePair().verifier,
      client_id: clientId,
      redirect_uri: REDIRECT,
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });
});

describe('redirect URIs', () => {
  it.each(['http://plain.example.com/cb', 'http://10.0.0.5/cb'])(
    'refuses to register %s: a code goes only over https or to a loopback address (invalid_redirect_uri)',
    async (uri) => {
      const res = await fetch(`${outpost.app.config.publicUrl}/oauth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ redirect_uris: [uri], token_endpoint_auth_method: 'none' }),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_redirect_uri', error_description: expect.stringMatching(/https, or http on a loopback/) });
    },
  );

  it.each(['http://localhost:8080/cb', 'http://[::1]/cb', 'https://app.example.com/cb'])('registers %s', async (uri) => {
    await register(outpost, uri);
  });

  it('refuses one that was not registered, without redirecting to it (invalid_redirect_uri)', async () => {
    const clientId = await register(outpost, REDIRECT);
    const { challenge } = pkcePair();
    const url = authorizationUrl(outpost, {
      client_id: clientId,
      redirect_uri: 'https://evil.example.com/cb',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect((await res.json()).error).toBe('invalid_redirect_uri');
  });

  it('matches a loopback redirect URI on any port, and only on loopback', async () => {
    const clientId = await register(outpost, 'http://127.0.0.1/callback');
    const { callback } = await codeFor(outpost, browser, clientId, 'http://127.0.0.1:49152/callback');
    expect(callback.origin).toBe('http://127.0.0.1:49152');
    const { challenge } = pkcePair();
    const other = await fetch(
      authorizationUrl(outpost, {
        client_id: clientId,
        redirect_uri: 'http://127.0.0.1:49152/other',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
      { redirect: 'manual' },
    );
    expect(other.status).toBe(400);
  });
});

describe('codes and refresh tokens', () => {
  it('refuses a code used twice and revokes the tokens issued from it (invalid_grant)', async () => {
    const clientId = await register(outpost, REDIRECT);
    const tokens = await tokensFor(outpost, browser, clientId, REDIRECT);
    expect((await mcpToolsList(outpost, tokens.access_token)).status).toBe(200);
    const again = await tokenRequest(outpost, {
      grant_type: 'authorization_code',
      code: tokens.code,
      code_verifier: tokens.verifier,
      client_id: clientId,
      redirect_uri: REDIRECT,
    });
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
    expect((await mcpToolsList(outpost, tokens.access_token)).status).toBe(401);
    const refresh = await tokenRequest(outpost, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: clientId });
    expect(refresh.body.error).toBe('invalid_grant');
  });

  it('rotates refresh tokens; a reused one is refused and revokes its family (invalid_grant)', async () => {
    const clientId = await register(outpost, REDIRECT);
    const tokens = await tokensFor(outpost, browser, clientId, REDIRECT);
    const rotated = await tokenRequest(outpost, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: clientId });
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(tokens.refresh_token);
    const reused = await tokenRequest(outpost, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: clientId });
    expect(reused.status).toBe(400);
    expect(reused.body.error).toBe('invalid_grant');
    const successor = await tokenRequest(outpost, { grant_type: 'refresh_token', refresh_token: rotated.body.refresh_token, client_id: clientId });
    expect(successor.body.error).toBe('invalid_grant');
    expect((await mcpToolsList(outpost, rotated.body.access_token)).status).toBe(401);
  });

  it('gives an unknown (or deleted) client 401 invalid_client, so it registers again', async () => {
    const res = await tokenRequest(outpost, {
      grant_type: 'authorization_code',
      code: 'x'.repeat(43),
      code_verifier: pkcePair().verifier,
      client_id: 'no-such-client',
      redirect_uri: REDIRECT,
    });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_client');
  });
});

describe('resource indicators', () => {
  it.each(['/', '/mcp', '/sse'])('takes PUBLIC_URL%s as this resource too (URL-normalised, or the endpoint the client connected to)', async (suffix) => {
    const clientId = await register(outpost, REDIRECT);
    const resource = `${outpost.app.config.publicUrl}${suffix}`;
    const { code, verifier } = await codeFor(outpost, browser, clientId, REDIRECT, { resource, scopes: ['pages:read'] });
    const res = await tokenRequest(outpost, {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      client_id: clientId,
      redirect_uri: REDIRECT,
      resource,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.scope).toBe('pages:read');
    expect((await (await outpost.app.oauth.provider()).AccessToken.find(res.body.access_token))?.aud).toBe(outpost.app.config.publicUrl);
    expect((await mcpToolsList(outpost, res.body.access_token)).status).toBe(200);
    const refreshed = await tokenRequest(outpost, { grant_type: 'refresh_token', refresh_token: res.body.refresh_token, client_id: clientId, resource });
    expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
    expect((await mcpToolsList(outpost, refreshed.body.access_token)).status).toBe(200);
  });

  it('refuses another resource at the authorization endpoint (invalid_target)', async () => {
    const clientId = await register(outpost, REDIRECT);
    const { challenge } = pkcePair();
    const res = await authorizationError(
      authorizationUrl(outpost, {
        client_id: clientId,
        redirect_uri: REDIRECT,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        resource: 'https://other.example.com/mcp',
      }),
    );
    expect(res.error).toBe('invalid_target');
  });

  it('refuses another resource at the token endpoint (invalid_target)', async () => {
    const clientId = await register(outpost, REDIRECT);
    const { code, verifier } = await codeFor(outpost, browser, clientId, REDIRECT);
    const res = await tokenRequest(outpost, {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      client_id: clientId,
      redirect_uri: REDIRECT,
      resource: 'https://other.example.com',
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_target');
  });

  it('binds tokens to this instance; a token for another audience is refused at /mcp', async () => {
    const clientId = await register(outpost, REDIRECT);
    const tokens = await tokensFor(outpost, browser, clientId, REDIRECT);
    const provider = await outpost.app.oauth.provider();
    const issued = await provider.AccessToken.find(tokens.access_token);
    expect(issued?.aud).toBe(outpost.app.config.publicUrl);
    // The same grant, but an audience elsewhere (as another resource server's token would carry).
    const client = (await provider.Client.find(clientId))!;
    const foreign = new provider.AccessToken({
      client,
      accountId: issued!.accountId,
      grantId: issued!.grantId,
      scope: 'pages:read',
      gty: 'authorization_code',
    });
    foreign.aud = 'https://other.example.com';
    const value = await foreign.save();
    const res = await mcpToolsList(outpost, value);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
  });
});
