// OAuth test helpers: an in-memory OAuthClientProvider for the MCP SDK's auth(), a loopback redirect URI that
// records what the authorization server sends it, and the consent step driven through the interaction
// operations with a browser session (as the web app's /authorize/<uid> page does).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { OAuthClientProvider, OAuthDiscoveryState } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { TestOutpost } from '../support/outpost.ts';
import { fromApp, sameOriginGet, type BrowserSignIn } from '../api/browser.ts';

/** A loopback redirect URI (RFC 8252): records each callback's query (a browser's /favicon.ico is not one). */
export class LoopbackCallback {
  readonly received: URLSearchParams[] = [];
  private server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/callback') {
      res.writeHead(404).end();
      return;
    }
    this.received.push(url.searchParams);
    res.end('You can close this window.');
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/callback`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** Keeps what the SDK hands it; `redirectToAuthorization` leaves the URL for the test to follow. */
export class MemoryClientProvider implements OAuthClientProvider {
  clientInfo: OAuthClientInformationMixed | undefined;
  savedTokens: OAuthTokens | undefined;
  verifier = '';
  authorizationUrl: URL | undefined;
  discovery: OAuthDiscoveryState | undefined;
  readonly redirectUrl: string;
  readonly clientMetadataUrl?: string;
  private readonly metadata: OAuthClientMetadata;

  constructor(redirectUrl: string, options: { clientMetadataUrl?: string; clientName?: string } = {}) {
    this.redirectUrl = redirectUrl;
    this.clientMetadataUrl = options.clientMetadataUrl;
    this.metadata = {
      client_name: options.clientName ?? 'Test assistant',
      redirect_uris: [redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }

  get clientMetadata(): OAuthClientMetadata {
    return this.metadata;
  }
  clientInformation() {
    return this.clientInfo;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.clientInfo = info;
  }
  tokens() {
    return this.savedTokens;
  }
  saveTokens(tokens: OAuthTokens) {
    this.savedTokens = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
  saveDiscoveryState(state: OAuthDiscoveryState) {
    this.discovery = state;
  }
  discoveryState() {
    return this.discovery;
  }
}

/** `name=value; …` of every Set-Cookie (a browser's jar, paths aside). */
export function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

export interface ConsentStep {
  uid: string;
  details: any;
  /** The interaction cookies the authorization endpoint set (the browser sends them back on resume). */
  jar: string;
  /** The consent screen's binding cookie (only the starting browser has it). */
  binding: string;
}

/** Opens the authorization URL as a browser would: it must send the person to the web app's consent route. */
export async function openAuthorization(outpost: TestOutpost, authorizationUrl: URL | string, browser: BrowserSignIn): Promise<ConsentStep> {
  const res = await fetch(authorizationUrl, { redirect: 'manual' });
  const location = res.headers.get('location') ?? '';
  expect(res.status, `${res.status} ${location} ${await res.text()}`).toBe(303);
  const consent = new URL(location);
  expect(`${consent.origin}${consent.pathname}`).toMatch(new RegExp(`^${outpost.app.config.publicUrl}/authorize/[A-Za-z0-9_-]+$`));
  const uid = consent.pathname.split('/').at(-1)!;
  // The consent screen, opened by the browser that started the request, binds the answer to it.
  const jar = cookiesOf(res);
  const screen = await fetch(consent, { headers: { cookie: jar } });
  const binding = cookiesOf(screen);
  expect(binding, 'the consent screen gives the starting browser its binding').toMatch(/^outpost_consent=/);
  const details = await outpost.api(`/api/oauth/interactions/${uid}`, { headers: sameOriginGet(browser.cookie) });
  expect(details.status, JSON.stringify(details.body)).toBe(200);
  return { uid, details: details.body, jar, binding };
}

/** Approves (or denies) in the app, then follows redirect_to as the browser does; returns where it leads. */
export async function answerConsent(outpost: TestOutpost, step: ConsentStep, browser: BrowserSignIn, answer: { scopes: string[] } | 'deny'): Promise<URL> {
  const headers = fromApp(outpost, { cookie: `${browser.cookie}; ${step.binding}`, 'x-csrf-token': browser.csrf });
  const res =
    answer === 'deny'
      ? await outpost.api(`/api/oauth/interactions/${step.uid}/deny`, { method: 'POST', headers })
      : await outpost.api(`/api/oauth/interactions/${step.uid}/approve`, { body: answer, headers });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const resume = await fetch(res.body.redirect_to, { redirect: 'manual', headers: { cookie: step.jar } });
  const location = resume.headers.get('location');
  expect(resume.status, `${resume.status} ${await resume.text()}`).toBe(303);
  return new URL(location!);
}

/** The whole consent round: authorization URL in, the redirect URI's query out (after the callback got it). */
export async function consent(outpost: TestOutpost, authorizationUrl: URL, browser: BrowserSignIn, scopes: string[]): Promise<URLSearchParams> {
  const step = await openAuthorization(outpost, authorizationUrl, browser);
  const callback = await answerConsent(outpost, step, browser, { scopes });
  await fetch(callback);
  return callback.searchParams;
}
