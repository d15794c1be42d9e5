// The authorization code flow by hand (plain HTTP, no SDK), for tests that need to bend one step of it.
import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { TestOutpost } from '../support/outpost.ts';
import type { BrowserSignIn } from '../api/browser.ts';
import { answerConsent, openAuthorization } from './support.ts';

export const pkcePair = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

export async function register(outpost: TestOutpost, redirectUri: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await fetch(`${outpost.app.config.publicUrl}/oauth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: 'Hand-made client',
      redirect_uris: [redirectUri],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      ...extra,
    }),
  });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body.client_id;
}

export function authorizationUrl(outpost: TestOutpost, params: Record<string, string | undefined>): URL {
  const url = new URL(`${outpost.app.config.publicUrl}/oauth/authorize`);
  const all: Record<string, string | undefined> = { response_type: 'code', scope: 'pages:read pages:write', state: 'st4te', ...params };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) url.searchParams.set(k, v);
  return url;
}

export async function tokenRequest(outpost: TestOutpost, form: Record<string, string>) {
  const res = await fetch(`${outpost.app.config.publicUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

/** A code for `clientId`, approved with `scopes` by the signed-in person. */
export async function codeFor(
  outpost: TestOutpost,
  browser: BrowserSignIn,
  clientId: string,
  redirectUri: string,
  options: { scopes?: string[]; resource?: string } = {},
) {
  const pkce = pkcePair();
  const url = authorizationUrl(outpost, {
    client_id: clientId,
    redirect_uri: redirectUri,
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    resource: options.resource,
  });
  const step = await openAuthorization(outpost, url, browser);
  const callback = await answerConsent(outpost, step, browser, { scopes: options.scopes ?? ['pages:read', 'pages:write'] });
  const code = callback.searchParams.get('code');
  expect(code, callback.href).toBeTruthy();
  return { code: code!, verifier: pkce.verifier, callback, details: step.details };
}

/** The whole flow: tokens for a fresh registered client. */
export async function tokensFor(outpost: TestOutpost, browser: BrowserSignIn, clientId: string, redirectUri: string, scopes?: string[]) {
  const { code, verifier } = await codeFor(outpost, browser, clientId, redirectUri, { scopes });
  const res = await tokenRequest(outpost, { grant_type: 'authorization_code', code, code_verifier: verifier, client_id: clientId, redirect_uri: redirectUri });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { code, verifier, ...(res.body as { access_token: string; refresh_token: string; scope: string }) };
}

/** tools/list on /mcp with a bearer token: the HTTP status (and the tool names when 200). */
export async function mcpToolsList(outpost: TestOutpost, token: string) {
  const res = await fetch(`${outpost.app.config.publicUrl}/mcp`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text };
}
