// Browser sign-in for a native app (RFC 8252): the authorization code flow with PKCE (S256), the code
// coming back to a one-shot HTTP listener on 127.0.0.1 (any port: the server's built-in public client
// `outpost-cli` allows it), `state` and `iss` checked (RFC 9207), the token bound to the server's resource (RFC 8707, as its RFC 9728
// metadata names it).
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const CLI_CLIENT_ID = 'outpost-cli';
const SCOPES = 'pages:read pages:write';
const SIGN_IN_TIMEOUT_MS = 5 * 60_000;

interface ServerMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  revocation_endpoint?: string;
}

export interface OAuthTokens {
  access_token: string;
  refresh_token?: string;
  expires_in?: number;
  scope?: string;
}

async function postForm(url: string, form: Record<string, string>): Promise<OAuthTokens> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  const body = (await res.json().catch(() => ({}))) as OAuthTokens & { error?: string; error_description?: string };
  if (!res.ok) throw new Error(`The server refused the sign-in: ${body.error_description ?? body.error ?? `${res.status} ${res.statusText}`}`);
  return body;
}

async function serverMetadata(server: string): Promise<ServerMetadata> {
  const res = await fetch(`${server}/.well-known/oauth-authorization-server`);
  if (!res.ok) throw new Error(`${server} offers no browser sign-in (${res.status} ${res.statusText}); use \`outpost login ${server} --token op_…\``);
  return (await res.json()) as ServerMetadata;
}

/** The resource a token is asked for (RFC 9728): the server's PUBLIC_URL, which may not be the address typed. */
async function resourceOf(server: string): Promise<string> {
  const res = await fetch(`${server}/.well-known/oauth-protected-resource`).catch(() => undefined);
  const body = res?.ok ? ((await res.json().catch(() => ({}))) as { resource?: unknown }) : {};
  return typeof body.resource === 'string' ? body.resource : server;
}

const CALLBACK_PAGE = (message: string) =>
  `<!doctype html><meta charset="utf-8"><title>Outpost</title><body style="font:16px system-ui;margin:3em">${message}</body>`;

/** Waits for the one redirect carrying the code; answers the browser with a page saying what happened. */
function listenForCode(state: string, issuer: string): Promise<{ redirectUri: string; code: Promise<string>; close(): void }> {
  return new Promise((resolveListener, rejectListener) => {
    let settle: { resolve(code: string): void; reject(error: Error): void };
    const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
    let answered = false;
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const params = url.searchParams;
      // Only the redirect of this sign-in, once: anything else (another page poking the port, a reload) is
      // turned away without ending the wait.
      if (url.pathname !== '/callback' || answered || params.get('state') !== state) {
        res.writeHead(url.pathname === '/callback' ? 400 : 404).end();
        return;
      }
      answered = true;
      const failure =
        params.has('iss') && params.get('iss') !== issuer
          ? 'the answer came from another server (iss)'
          : params.get('error')
            ? (params.get('error_description') ?? params.get('error')!)
            : !params.get('code')
              ? 'the answer carried no code'
              : undefined;
      res.writeHead(failure ? 400 : 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(CALLBACK_PAGE(failure ? 'Sign-in failed. Return to the terminal.' : 'Signed in. You can close this tab and return to the terminal.'));
      if (failure) settle.reject(new Error(`Sign-in failed: ${failure}`));
      else settle.resolve(params.get('code')!);
    });
    server.on('error', rejectListener);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolveListener({
        redirectUri: `http://127.0.0.1:${port}/callback`,
        code,
        close: () => server.close(),
      });
    });
  });
}

/**
 * The whole browser sign-in: `showUrl` is given the authorization URL to open (or print) and resolves once
 * that is done; the tokens come back once the person approved in the browser.
 */
export async function browserSignIn(server: string, showUrl: (url: string) => Promise<void>): Promise<OAuthTokens> {
  const [metadata, resource] = await Promise.all([serverMetadata(server), resourceOf(server)]);
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const listener = await listenForCode(state, metadata.issuer);
  try {
    const authorize = new URL(metadata.authorization_endpoint);
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: CLI_CLIENT_ID,
      redirect_uri: listener.redirectUri,
      scope: SCOPES,
      state,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      resource,
    }).toString();
    await showUrl(authorize.href);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Sign-in timed out after 5 minutes')), SIGN_IN_TIMEOUT_MS);
    });
    const code = await Promise.race([listener.code, timeout]).finally(() => clearTimeout(timer));
    return await postForm(metadata.token_endpoint, {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      client_id: CLI_CLIENT_ID,
      redirect_uri: listener.redirectUri,
      resource,
    });
  } finally {
    listener.close();
  }
}

export async function refreshTokens(server: string, refreshToken: string): Promise<OAuthTokens> {
  const [metadata, resource] = await Promise.all([serverMetadata(server), resourceOf(server)]);
  return postForm(metadata.token_endpoint, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: CLI_CLIENT_ID, resource });
}

/** Revokes a refresh token (and with it the grant's access tokens); a failure is only reported. */
export async function revoke(server: string, token: string): Promise<boolean> {
  const metadata = await serverMetadata(server);
  if (!metadata.revocation_endpoint) return false;
  const res = await fetch(metadata.revocation_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, token_type_hint: 'refresh_token', client_id: CLI_CLIENT_ID }),
  });
  return res.ok;
}
