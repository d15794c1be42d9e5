// HTTP(S) fetches for page capture that can only reach addresses the policy allows. Every new connection
// resolves its host itself, keeps the addresses the policy allows, and connects to one of those exact
// addresses (never by name), so a DNS answer that changes between check and connect (rebinding) gains
// nothing. Redirects are followed here, one checked hop at a time.
//
// SSRF: every outbound request passes the address policy at connect time, after DNS, for every redirect
// hop (pinned-connector.ts); each hop's URL is checked first (url-policy.ts). Bodies are read and decoded
// in read-body.ts, host names resolved in host-lookup.ts.
import type * as Undici from 'undici';
import type { Agent, Dispatcher } from 'undici';
import { createAddressPolicy } from './address-policy.ts';
import { ALLOW_NETWORKS_HINT, ALLOW_PORTS_HINT, FetchFailed } from './fetch-failure.ts';
import { systemLookup, type LookupHook } from './host-lookup.ts';
import { ConnectionRefused, pinnedConnector } from './pinned-connector.ts';
import { discard, readBody } from './read-body.ts';
import { checkUrl, withoutCredentials, type UrlPolicy } from './url-policy.ts';
import { loadOnce } from '../../shared/load-once.ts';

export interface GuardPolicy {
  /** CIDRs that may be reached even though they are not public (e.g. 127.0.0.0/8 for a local test site). */
  allowedNetworks: string[];
  /** Ports allowed besides 80 and 443. */
  allowedPorts: number[];
  /**
   * Replaces the OS resolver (tests). Called directly: the process-wide limit on concurrent OS lookups
   * (SYSTEM_LOOKUP_LIMITS) does not apply to it.
   */
  lookup?: LookupHook;
}

export interface FetchOptions {
  signal?: AbortSignal;
  /** For the whole fetch: every redirect hop, headers and body. */
  timeoutMs: number;
  /** Largest decoded body. */
  maxBytes: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Default *∕*. */
  accept?: string;
  /** Told each decoded chunk's size as it arrives; returning false stops the fetch ('too-large'). */
  onBytes?: (n: number) => boolean | void;
  /** Sends this body with POST instead of a GET; a redirect is then an error answer, not followed. */
  post?: { body: string; headers: Record<string, string> };
}

export interface FetchedResource {
  /** As given to fetch(). */
  requestedUrl: string;
  /** The final URL, after redirects (without fragment). */
  url: string;
  status: number;
  /** The raw Content-Type header. */
  contentType: string | undefined;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Decoded (Content-Encoding removed). */
  body: Buffer;
  /** Every redirect target followed, in order (the last is `url`). */
  redirects: string[];
}

export interface GuardedFetcher {
  fetch(url: string, options: FetchOptions): Promise<FetchedResource>;
  /** Waits for running fetches, then closes every kept-alive connection. */
  close(): Promise<void>;
}

export const DEFAULT_USER_AGENT = 'Outpost-Capture/0.1 (+https://github.com/outpost)';
const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Create one and share it: it keeps connections alive per origin (`connections` each, default 8).
 * `connectTimeoutMs` (default 10 s) bounds the DNS lookup and then each connection attempt, TLS included.
 * `ca` adds trusted certificate authorities (PEM) to the public ones.
 */
export function createGuardedFetcher(
  policy: GuardPolicy,
  options: { connectTimeoutMs?: number; userAgent?: string; connections?: number; ca?: string } = {},
): GuardedFetcher {
  const addresses = createAddressPolicy(policy.allowedNetworks);
  const urlPolicy: UrlPolicy = { addresses, allowedPorts: policy.allowedPorts };
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  // undici is loaded with the first fetch, not when the server starts.
  const agent = loadOnce(() =>
    loadUndici().then(
      (undici) =>
        new undici.Agent({
          connect: pinnedConnector(undici.buildConnector, addresses, policy.lookup ?? systemLookup, connectTimeoutMs, options.ca),
          connections: options.connections ?? 8,
          // One request at a time per kept-alive connection: pipelining stalls behind slow responses.
          pipelining: 1,
        }),
    ),
  );
  const context: FetchContext = { agent, urlPolicy, connectTimeoutMs, userAgent: options.userAgent ?? DEFAULT_USER_AGENT };
  return {
    fetch: (url, fetchOptions) => guardedFetch(context, url, fetchOptions),
    close: async () => {
      const made = agent.current();
      if (made) await (await made).close();
    },
  };
}

/** undici, imported once; a failed import is retried by the next caller. */
const loadUndici: () => Promise<typeof Undici> = loadOnce(() => import('undici'));

interface FetchContext {
  agent: () => Promise<Agent>;
  urlPolicy: UrlPolicy;
  connectTimeoutMs: number;
  userAgent: string;
}

async function guardedFetch(context: FetchContext, requestedUrl: string, options: FetchOptions): Promise<FetchedResource> {
  const { signal, timeoutMs } = options;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  if (signal?.aborted) throw new FetchFailed('aborted', withoutCredentials(requestedUrl), `Fetching ${withoutCredentials(requestedUrl)} was aborted`);

  // One signal (the caller's or the deadline) stops the request and body of whichever hop is running. The
  // caller's reaches it through a listener removed when the fetch ends, which costs less than AbortSignal.any
  // (a capture makes hundreds of fetches under one signal).
  const halt = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    halt.abort();
  }, timeoutMs);
  const onAbort = () => halt.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const stop = halt.signal;
  const stopped = () => (signal?.aborted ? 'aborted' : timedOut ? 'timeout' : undefined);

  const redirects: string[] = [];
  const where = (href: string) =>
    redirects.length ? `${withoutCredentials(href)} (redirected from ${withoutCredentials(requestedUrl)})` : withoutCredentials(href);
  const failure = (err: unknown, href: string): FetchFailed => {
    if (err instanceof FetchFailed) return err;
    const url = withoutCredentials(href);
    if (stopped() === 'timeout') return new FetchFailed('timeout', url, `${where(href)} did not answer completely within ${timeoutMs} ms`);
    if (stopped() === 'aborted') return new FetchFailed('aborted', url, `Fetching ${where(href)} was aborted`);
    if (err instanceof ConnectionRefused) {
      const prefix = `${where(href)} ${err.reason === 'blocked-address' ? 'is blocked' : 'failed'}: `;
      return new FetchFailed(err.reason, url, prefix + err.message, { detail: prefix + err.detail });
    }
    const code = (err as { code?: unknown }).code;
    if (code === 'ECONNREFUSED') return new FetchFailed('refused', url, `${where(href)} refused the connection`);
    if (code === 'UND_ERR_CONNECT_TIMEOUT') {
      return new FetchFailed('connect-timeout', url, `Could not connect to ${where(href)} within ${context.connectTimeoutMs} ms`);
    }
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return new FetchFailed('timeout', url, `${where(href)} stopped answering`);
    }
    const detail = err instanceof Error ? err.message : String(err);
    return new FetchFailed('network', url, `${where(href)} failed: ${detail}${typeof code === 'string' && !detail.includes(code) ? ` (${code})` : ''}`);
  };

  try {
    let href = requestedUrl;
    for (;;) {
      const verdict = checkUrl(href, context.urlPolicy);
      if (!verdict.ok) {
        const hint = verdict.reason === 'blocked-address' ? ALLOW_NETWORKS_HINT : verdict.reason === 'blocked-port' ? ALLOW_PORTS_HINT : '';
        throw new FetchFailed(verdict.reason, withoutCredentials(href), `${where(href)} is blocked: ${verdict.why}${hint}`);
      }
      const url = verdict.url;
      url.hash = '';
      href = url.href;

      let response: Dispatcher.ResponseData;
      try {
        response = await (
          await context.agent()
        ).request({
          origin: url.origin,
          path: url.pathname + url.search,
          method: options.post ? 'POST' : 'GET',
          headers: { ...options.post?.headers, 'user-agent': context.userAgent, accept: options.accept ?? '*/*', 'accept-encoding': 'gzip, deflate, br' },
          ...(options.post && { body: options.post.body }),
          signal: stop,
        });
      } catch (err) {
        throw failure(err, href);
      }
      const { statusCode, headers, body } = response;

      if (REDIRECT_STATUSES.has(statusCode) && !options.post) {
        await discard(body);
        if (redirects.length >= maxRedirects) {
          throw new FetchFailed('too-many-redirects', href, `${where(href)} redirects again after ${maxRedirects} redirects`);
        }
        const location = headerText(headers.location);
        const next = location === undefined ? null : URL.parse(location, href);
        if (!next) {
          const what = location === undefined ? 'without a Location' : `to an invalid Location ${JSON.stringify(location.slice(0, 200))}`;
          throw new FetchFailed('bad-redirect', href, `${where(href)} redirected (${statusCode}) ${what}`);
        }
        next.hash = '';
        redirects.push(withoutCredentials(next.href));
        href = next.href;
        continue;
      }

      if (statusCode < 200 || statusCode > 299) {
        await discard(body);
        const text = response.statusText ? ` ${response.statusText}` : '';
        throw new FetchFailed('status', href, `${where(href)} answered ${statusCode}${text}`, { status: statusCode });
      }

      let decoded: Buffer;
      try {
        decoded = await readBody(
          body,
          { contentEncoding: headerText(headers['content-encoding']), contentLength: headerText(headers['content-length']) },
          { url: withoutCredentials(href), where: where(href) },
          options,
          stop,
        );
      } catch (err) {
        throw failure(err, href);
      }
      return {
        requestedUrl,
        url: href,
        status: statusCode,
        contentType: headerText(headers['content-type']),
        headers: flatHeaders(headers),
        body: decoded,
        redirects,
      };
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function flatHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = headerText(value) as string;
  }
  return flat;
}
