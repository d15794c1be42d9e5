// HTTP(S) fetches for page capture that can only reach addresses the policy allows. Every new connection
// resolves its host itself, keeps the addresses the policy allows, and connects to one of those exact
// addresses (never by name), so a DNS answer that changes between check and connect (rebinding) gains
// nothing. Redirects are followed here, one checked hop at a time.
import dns from 'node:dns';
import net from 'node:net';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { createAddressPolicy, type AddressPolicy } from './address-policy.ts';
import { checkUrl, type UrlPolicy } from './url-policy.ts';

export type FetchFailureReason =
  | 'blocked-scheme' | 'blocked-credentials' | 'blocked-port' | 'blocked-address'
  | 'dns' | 'refused' | 'connect-timeout' | 'timeout' | 'too-large'
  | 'too-many-redirects' | 'bad-redirect' | 'status' | 'network' | 'aborted';

/** A fetch that did not produce a 2xx response; the message says why, for people. */
export class FetchFailed extends Error {
  readonly reason: FetchFailureReason;
  /** The URL that failed: the requested one, or the redirect hop it failed at (credentials masked). */
  readonly url: string;
  /** The final response's status, for 'status'. */
  readonly status?: number;

  constructor(reason: FetchFailureReason, url: string, message: string, status?: number) {
    super(message);
    this.name = 'FetchFailed';
    this.reason = reason;
    this.url = url;
    if (status !== undefined) this.status = status;
  }
}

/** Resolves a host name to every address it has (dns.lookup with all: true by default). */
export type LookupHook = (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]>;

export interface GuardPolicy {
  /** CIDRs that may be reached even though they are not public (e.g. 127.0.0.0/8 for a local test site). */
  allowedNetworks: string[];
  /** Ports allowed besides 80 and 443. */
  allowedPorts: number[];
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
const ALLOW_NETWORKS_HINT = ' (set CAPTURE_ALLOWED_NETWORKS to allow it)';
const ALLOW_PORTS_HINT = ' (set CAPTURE_ALLOWED_PORTS to allow it)';

// Accept a body whose compressed stream ends early, as browsers do, instead of failing it.
const ZLIB_LENIENT = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
const BROTLI_LENIENT = { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH };

/**
 * Create one and share it: it keeps connections alive per origin (`connections` each, default 8).
 * `connectTimeoutMs` (default 10 s) bounds the DNS lookup and then each connection attempt, TLS included.
 */
export function createGuardedFetcher(
  policy: GuardPolicy,
  options: { connectTimeoutMs?: number; userAgent?: string; connections?: number } = {},
): GuardedFetcher {
  const addresses = createAddressPolicy(policy.allowedNetworks);
  const urlPolicy: UrlPolicy = { addresses, allowedPorts: policy.allowedPorts };
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const agent = new Agent({
    connect: pinnedConnector(addresses, policy.lookup ?? systemLookup, connectTimeoutMs),
    connections: options.connections ?? 8,
    // One request at a time per kept-alive connection: pipelining stalls behind slow responses.
    pipelining: 1,
  });
  const context: FetchContext = { agent, urlPolicy, connectTimeoutMs, userAgent: options.userAgent ?? DEFAULT_USER_AGENT };
  return {
    fetch: (url, fetchOptions) => guardedFetch(context, url, fetchOptions),
    close: () => agent.close(),
  };
}

interface FetchContext {
  agent: Agent;
  urlPolicy: UrlPolicy;
  connectTimeoutMs: number;
  userAgent: string;
}

async function guardedFetch(context: FetchContext, requestedUrl: string, options: FetchOptions): Promise<FetchedResource> {
  const { signal, timeoutMs } = options;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  if (signal?.aborted) throw new FetchFailed('aborted', masked(requestedUrl), `Fetching ${masked(requestedUrl)} was aborted`);

  // One signal (the caller's or the deadline) stops the request and body of whichever hop is running.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  const stop = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
  const stopped = () => (signal?.aborted ? 'aborted' : deadline.signal.aborted ? 'timeout' : undefined);

  const redirects: string[] = [];
  const where = (href: string) => (redirects.length ? `${masked(href)} (redirected from ${masked(requestedUrl)})` : masked(href));
  const failure = (err: unknown, href: string): FetchFailed => {
    if (err instanceof FetchFailed) return err;
    const url = masked(href);
    if (stopped() === 'timeout') return new FetchFailed('timeout', url, `${where(href)} did not answer completely within ${timeoutMs} ms`);
    if (stopped() === 'aborted') return new FetchFailed('aborted', url, `Fetching ${where(href)} was aborted`);
    if (err instanceof ConnectionRefused) {
      const hint = err.reason === 'blocked-address' ? ALLOW_NETWORKS_HINT : '';
      const verb = err.reason === 'blocked-address' ? 'is blocked' : 'failed';
      return new FetchFailed(err.reason, url, `${where(href)} ${verb}: ${err.message}${hint}`);
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
        throw new FetchFailed(verdict.reason, masked(href), `${where(href)} is blocked: ${verdict.why}${hint}`);
      }
      const url = verdict.url;
      url.hash = '';
      href = url.href;

      let response: Dispatcher.ResponseData;
      try {
        response = await context.agent.request({
          origin: url.origin,
          path: url.pathname + url.search,
          method: 'GET',
          headers: { 'user-agent': context.userAgent, accept: options.accept ?? '*/*', 'accept-encoding': 'gzip, deflate, br' },
          signal: stop,
        });
      } catch (err) {
        throw failure(err, href);
      }
      const { statusCode, headers, body } = response;

      if (REDIRECT_STATUSES.has(statusCode)) {
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
        redirects.push(masked(next.href));
        href = next.href;
        continue;
      }

      if (statusCode < 200 || statusCode > 299) {
        await discard(body);
        const text = response.statusText ? ` ${response.statusText}` : '';
        throw new FetchFailed('status', href, `${where(href)} answered ${statusCode}${text}`, statusCode);
      }

      let decoded: Buffer;
      try {
        decoded = await readBody(body, headers, href, options, where);
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
  }
}

/** Drains a body we do not need (so its connection can be reused), giving up on large ones. */
async function discard(body: Readable & { dump(options?: { limit?: number }): Promise<void> }): Promise<void> {
  await body.dump({ limit: 64 * 1024 }).catch(() => {});
}

/** Drops a body mid-way (closing its connection); undici reports that as an error nobody needs. */
function abandon(body: Readable): void {
  body.on('error', () => {}).destroy();
}

/** The decoded body, failing 'too-large' the moment it outgrows maxBytes or onBytes says stop. */
async function readBody(
  body: Readable,
  headers: Dispatcher.ResponseData['headers'],
  href: string,
  options: FetchOptions,
  where: (href: string) => string,
): Promise<Buffer> {
  const { maxBytes, onBytes } = options;
  const tooLarge = (what: string) => new FetchFailed('too-large', masked(href), `${where(href)} ${what}`);
  const encoding = headerText(headers['content-encoding']);
  const decoders = decodersFor(encoding);
  if (!decoders) {
    abandon(body);
    throw new FetchFailed('network', masked(href), `${where(href)} used an unsupported Content-Encoding ${JSON.stringify(encoding)}`);
  }
  // Content-Length is only a hint (it may lie or be absent), but a plainly too large one saves the download.
  const declared = Number(headerText(headers['content-length']));
  if (decoders.length === 0 && declared > maxBytes) {
    abandon(body);
    throw tooLarge(`is larger than ${maxBytes} bytes (Content-Length ${declared})`);
  }

  let decoded: Readable = body;
  if (decoders.length > 0) {
    // Any stream's error destroys the others, so it surfaces in the loop below.
    pipeline([body, ...decoders], () => {});
    decoded = decoders[decoders.length - 1];
    // Compressed data that decodes to (almost) nothing could otherwise stream until the timeout.
    const wireLimit = maxBytes + (maxBytes >> 6) + 64 * 1024;
    let wire = 0;
    body.on('data', (chunk: Buffer) => {
      wire += chunk.length;
      if (wire > wireLimit) decoded.destroy(tooLarge(`sent more than ${wireLimit} compressed bytes`));
    });
  }

  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of decoded as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge(`is larger than ${maxBytes} bytes`);
      if (onBytes?.(chunk.length) === false) throw tooLarge(`was stopped after ${size} bytes: the byte budget is used up`);
      chunks.push(chunk);
    }
  } catch (err) {
    abandon(body);
    if (isDecodeError(err)) {
      throw new FetchFailed('network', masked(href), `${where(href)} sent a body that is not valid ${encoding}: ${(err as Error).message}`);
    }
    throw err;
  }
  return Buffer.concat(chunks, size);
}

/** Decoders undoing a Content-Encoding list (applied in order, so undone in reverse); undefined if unsupported. */
function decodersFor(encoding: string | undefined): Transform[] | undefined {
  const codings = (encoding ?? '').split(',').map((c) => c.trim().toLowerCase()).filter((c) => c && c !== 'identity');
  const decoders: Transform[] = [];
  for (const coding of codings.reverse()) {
    if (coding === 'gzip' || coding === 'x-gzip') decoders.push(zlib.createGunzip(ZLIB_LENIENT));
    else if (coding === 'deflate') decoders.push(new DeflateDecoder());
    else if (coding === 'br') decoders.push(zlib.createBrotliDecompress(BROTLI_LENIENT));
    else return undefined;
  }
  return decoders;
}

/** A zlib (Z_DATA_ERROR…) or brotli (ERR__ERROR_FORMAT_…) decoding error, by Node's error codes. */
function isDecodeError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(Z_|ERR__ERROR_|ERR_BROTLI|ERR_ZLIB)/.test(code);
}

/**
 * "deflate" means zlib-wrapped deflate (RFC 9110), yet some servers send raw deflate. A zlib stream's
 * first byte always has the deflate method (8) in its low nibble, which a raw stream's first byte in
 * practice never has, so that byte picks the decoder (as browsers do).
 */
class DeflateDecoder extends Transform {
  #inflate: zlib.Inflate | zlib.InflateRaw | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (!this.#inflate) {
      if (chunk.length === 0) return done();
      const inflate = (chunk[0] & 0x0f) === 8 ? zlib.createInflate(ZLIB_LENIENT) : zlib.createInflateRaw(ZLIB_LENIENT);
      inflate.on('data', (data: Buffer) => {
        if (!this.push(data)) inflate.pause();
      });
      inflate.on('error', (err) => this.destroy(err));
      this.#inflate = inflate;
    }
    this.#inflate.write(chunk, () => done());
  }

  override _read(size: number): void {
    this.#inflate?.resume();
    super._read(size);
  }

  override _flush(done: TransformCallback): void {
    if (!this.#inflate) return done();
    this.#inflate.once('end', () => done());
    this.#inflate.end();
  }

  override _destroy(err: Error | null, done: (err: Error | null) => void): void {
    this.#inflate?.destroy();
    done(err);
  }
}

/** Why the connector did not connect; fetch() turns it into a FetchFailed naming the URL. */
class ConnectionRefused extends Error {
  readonly reason: 'blocked-address' | 'dns' | 'connect-timeout';

  constructor(reason: ConnectionRefused['reason'], message: string) {
    super(message);
    this.name = 'ConnectionRefused';
    this.reason = reason;
  }
}

const systemLookup: LookupHook = async (hostname) => {
  const results = await dns.promises.lookup(hostname, { all: true, order: 'verbatim' });
  return results.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/**
 * The undici connector: resolves the host, keeps the addresses the policy allows and connects to those
 * (in order, until one answers) by address, with TLS still verified against (and SNI naming) the host.
 *
 * A host with both allowed and blocked addresses is fetched through the allowed ones only, rather than
 * refused: nothing is ever connected to a blocked address either way, and refusing would break ordinary
 * set-ups such as "localhost" (127.0.0.1 and ::1) with only 127.0.0.0/8 allowed, or DNS64 resolvers that
 * add a NAT64 (64:ff9b::) address next to a host's real one.
 */
function pinnedConnector(addresses: AddressPolicy, lookup: LookupHook, connectTimeoutMs: number): buildConnector.connector {
  const connectTo = buildConnector({ timeout: connectTimeoutMs, allowH2: false });
  const resolving = new Map<string, ReturnType<LookupHook>>();
  // Connections opened together to one host share a lookup.
  const resolve = (hostname: string) => {
    let pending = resolving.get(hostname);
    if (!pending) {
      pending = lookup(hostname).finally(() => resolving.delete(hostname));
      resolving.set(hostname, pending);
    }
    return pending;
  };

  const allowedAddresses = async (hostname: string): Promise<string[]> => {
    if (net.isIP(hostname)) {
      const blocked = addresses.blockedReason(hostname);
      if (blocked) throw new ConnectionRefused('blocked-address', blocked);
      return [hostname];
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ConnectionRefused('connect-timeout', `${hostname} did not resolve within ${connectTimeoutMs} ms`)), connectTimeoutMs);
    });
    let resolved: Awaited<ReturnType<LookupHook>>;
    try {
      resolved = await Promise.race([resolve(hostname), timeout]);
    } catch (err) {
      if (err instanceof ConnectionRefused) throw err;
      const code = (err as { code?: unknown }).code;
      throw new ConnectionRefused('dns', `${hostname} could not be resolved${typeof code === 'string' ? ` (${code})` : ''}`);
    } finally {
      clearTimeout(timer);
    }
    if (resolved.length === 0) throw new ConnectionRefused('dns', `${hostname} resolved to no address`);
    const allowed = resolved.map((r) => r.address).filter((address) => !addresses.blockedReason(address));
    if (allowed.length === 0) {
      const reasons = resolved.slice(0, 3).map((r) => addresses.blockedReason(r.address));
      throw new ConnectionRefused('blocked-address', `${hostname} resolves to ${reasons.join(', ')}${resolved.length > 3 ? ', …' : ''}`);
    }
    return allowed;
  };

  return (options, callback) => {
    const attempt = (ips: string[], index: number) => {
      const next = (err: Error) => (index + 1 < ips.length ? attempt(ips, index + 1) : callback(err, null));
      try {
        // `host` keeps the name, so TLS sends it as SNI and checks the certificate against it.
        connectTo({ ...options, hostname: ips[index] }, (err, socket) => {
          if (err) next(err);
          else callback(null, socket as NonNullable<typeof socket>);
        });
      } catch (err) {
        next(err as Error);
      }
    };
    allowedAddresses(options.hostname).then((ips) => attempt(ips, 0), (err: Error) => callback(err, null));
  };
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

/** The URL with any user name and password replaced, safe to log and show. */
function masked(href: string): string {
  const url = URL.parse(href);
  if (!url || (!url.username && !url.password)) return href;
  url.username = '***';
  url.password = '';
  return url.href;
}
