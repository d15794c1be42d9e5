// HTTP(S) fetches for page capture that can only reach addresses the policy allows. Every new connection
// resolves its host itself, keeps the addresses the policy allows, and connects to one of those exact
// addresses (never by name), so a DNS answer that changes between check and connect (rebinding) gains
// nothing. Redirects are followed here, one checked hop at a time.
import dns from 'node:dns';
import net from 'node:net';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import PQueue from 'p-queue';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { createAddressPolicy, type AddressPolicy } from './address-policy.ts';
import { checkUrl, withoutCredentials, type UrlPolicy } from './url-policy.ts';

export type FetchFailureReason =
  | 'blocked-scheme' | 'blocked-credentials' | 'blocked-port' | 'blocked-address'
  | 'dns' | 'refused' | 'connect-timeout' | 'timeout' | 'too-large'
  | 'too-many-redirects' | 'bad-redirect' | 'status' | 'network' | 'aborted';

/**
 * A fetch that did not produce a 2xx response. The message says why, for the person who asked for the URL:
 * it never names the addresses a host name resolves to (the server's DNS view of internal names is not
 * theirs to map). `detail` is the full explanation, for the server's log only.
 */
export class FetchFailed extends Error {
  readonly reason: FetchFailureReason;
  /** The URL that failed: the requested one, or the redirect hop it failed at (credentials masked). */
  readonly url: string;
  /** The final response's status, for 'status'. */
  readonly status?: number;
  /**
   * For logs, never for users: the message plus what it leaves out (the blocked addresses a host name
   * resolves to and the setting that would allow them, the resolver's error). The message when it leaves
   * nothing out.
   */
  readonly detail: string;

  constructor(reason: FetchFailureReason, url: string, message: string, options: { status?: number; detail?: string } = {}) {
    super(message);
    this.name = 'FetchFailed';
    this.reason = reason;
    this.url = url;
    if (options.status !== undefined) this.status = options.status;
    this.detail = options.detail ?? message;
  }
}

/**
 * Resolves a host name to every address it has (dns.lookup with all: true by default). `signal` aborts when
 * the connector stops waiting for the answer; a hook may ignore it.
 */
export type LookupHook = (hostname: string, signal?: AbortSignal) => Promise<{ address: string; family: 4 | 6 }[]>;

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
/**
 * Most Content-Encodings decoded for one body ("gzip, br" is the most seen in practice). Each layer costs
 * CPU on libuv's thread pool; thousands of stacked layers made one small response cost seconds.
 */
export const MAX_CONTENT_CODINGS = 2;

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
  if (signal?.aborted) throw new FetchFailed('aborted', withoutCredentials(requestedUrl), `Fetching ${withoutCredentials(requestedUrl)} was aborted`);

  // One signal (the caller's or the deadline) stops the request and body of whichever hop is running.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  const stop = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
  const stopped = () => (signal?.aborted ? 'aborted' : deadline.signal.aborted ? 'timeout' : undefined);

  const redirects: string[] = [];
  const where = (href: string) => (redirects.length ? `${withoutCredentials(href)} (redirected from ${withoutCredentials(requestedUrl)})` : withoutCredentials(href));
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
        decoded = await readBody(body, headers, href, options, where, stop);
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

/**
 * The decoded body, failing 'too-large' the moment it (or the encoded data feeding a decoder) outgrows its
 * limit or onBytes says stop. `stop` ends the read even after the whole body has arrived: decoding is where
 * a small body can cost the most time.
 */
async function readBody(
  body: Readable,
  headers: Dispatcher.ResponseData['headers'],
  href: string,
  options: FetchOptions,
  where: (href: string) => string,
  stop: AbortSignal,
): Promise<Buffer> {
  const { maxBytes, onBytes } = options;
  const tooLarge = (what: string) => new FetchFailed('too-large', withoutCredentials(href), `${where(href)} ${what}`);
  const encoding = headerText(headers['content-encoding']);
  const codings = contentCodings(encoding);
  const quoted = JSON.stringify(encoding && encoding.length > 100 ? `${encoding.slice(0, 100)}…` : encoding);
  if (codings.length > MAX_CONTENT_CODINGS) {
    abandon(body);
    throw new FetchFailed('network', withoutCredentials(href), `${where(href)} used ${codings.length} stacked Content-Encodings ${quoted}: at most ${MAX_CONTENT_CODINGS} are decoded`);
  }
  if (!codings.every((coding) => DECODERS.has(coding))) {
    abandon(body);
    throw new FetchFailed('network', withoutCredentials(href), `${where(href)} used an unsupported Content-Encoding ${quoted}`);
  }
  // Content-Length is only a hint (it may lie or be absent), but a plainly too large one saves the download.
  const declared = Number(headerText(headers['content-length']));
  if (codings.length === 0 && declared > maxBytes) {
    abandon(body);
    throw tooLarge(`is larger than ${maxBytes} bytes (Content-Length ${declared})`);
  }

  // Codings are listed in the order they were applied, so they are undone in reverse.
  const decoders = codings.reverse().map((coding) => DECODERS.get(coding)!());
  const streams: Readable[] = [body, ...decoders];
  const decoded = streams[streams.length - 1];
  if (decoders.length > 0) {
    // Any stream's error destroys the others, so it surfaces in the loop below.
    pipeline(streams as [Readable, ...Transform[]], () => {});
    // Compressed data that decodes to (almost) nothing could otherwise keep a decoder busy until the
    // timeout. What feeds each decoder (the body, then what an outer decoder made of it) is an encoded
    // form of the body, so each is held to the same limit, a little above maxBytes.
    const wireLimit = maxBytes + (maxBytes >> 6) + 64 * 1024;
    streams.slice(0, -1).forEach((stream, i) => {
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes <= wireLimit) return;
        decoded.destroy(tooLarge(i === 0 ? `sent more than ${wireLimit} compressed bytes` : `decodes to more than ${wireLimit} bytes that are still encoded`));
      });
    });
  }

  // The request's signal stops undici while the body downloads, but not the decoders once it has arrived:
  // this stops them, and the loop, whenever the deadline passes or the caller aborts.
  const halt = () => {
    const reason = stop.reason instanceof Error ? stop.reason : new Error('The fetch was stopped');
    for (const stream of streams) stream.destroy(reason);
  };
  body.on('error', () => {});
  stop.addEventListener('abort', halt, { once: true });
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    stop.throwIfAborted();
    for await (const chunk of decoded as AsyncIterable<Buffer>) {
      stop.throwIfAborted();
      size += chunk.length;
      if (size > maxBytes) throw tooLarge(`is larger than ${maxBytes} bytes`);
      if (onBytes?.(chunk.length) === false) throw tooLarge(`was stopped after ${size} bytes: the byte budget is used up`);
      chunks.push(chunk);
    }
  } catch (err) {
    // The body's connection is dropped, and no decoder keeps working on what had already arrived.
    for (const stream of streams) stream.destroy();
    if (isDecodeError(err)) {
      throw new FetchFailed('network', withoutCredentials(href), `${where(href)} sent a body that is not valid ${encoding}: ${(err as Error).message}`);
    }
    throw err;
  } finally {
    stop.removeEventListener('abort', halt);
  }
  return Buffer.concat(chunks, size);
}

/** The codings of a Content-Encoding header in the order they were applied: lower-case, without identity. */
function contentCodings(encoding: string | undefined): string[] {
  return (encoding ?? '').split(',').map((c) => c.trim().toLowerCase()).filter((c) => c && c !== 'identity');
}

/** A decoder for each supported coding. */
const DECODERS = new Map<string, () => Transform>([
  ['gzip', () => zlib.createGunzip(ZLIB_LENIENT)],
  ['x-gzip', () => zlib.createGunzip(ZLIB_LENIENT)],
  ['deflate', () => new DeflateDecoder()],
  ['br', () => zlib.createBrotliDecompress(BROTLI_LENIENT)],
]);

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
  /** For logs: the message plus what users must not see. */
  readonly detail: string;

  constructor(reason: ConnectionRefused['reason'], message: string, detail = message) {
    super(message);
    this.name = 'ConnectionRefused';
    this.reason = reason;
    this.detail = detail;
  }
}

/** A lookup refused at once because too many are already waiting for their turn. */
export class ResolverBusy extends Error {
  constructor(waiting: number) {
    super(`${waiting} lookups are already waiting for the resolver`);
    this.name = 'ResolverBusy';
  }
}

/**
 * `lookup` with at most `concurrency` calls running at once and at most `maxWaiting` more waiting for a
 * turn (beyond that it fails at once with ResolverBusy). A waiting call whose signal aborts is dropped
 * without ever running. A running call keeps its turn until the lookup itself settles, even if its caller
 * has stopped waiting: what the limit protects (a thread) is only free again then.
 */
export function limitLookups(lookup: LookupHook, { concurrency, maxWaiting }: { concurrency: number; maxWaiting: number }): LookupHook {
  const queue = new PQueue({ concurrency });
  return async (hostname, signal) => {
    signal?.throwIfAborted();
    if (queue.size >= maxWaiting) throw new ResolverBusy(queue.size);
    // p-queue frees a running task's turn when the task's signal aborts, so only a waiting one gets it.
    const waiting = new AbortController();
    let started = false;
    const drop = () => {
      if (!started) waiting.abort(signal?.reason);
    };
    signal?.addEventListener('abort', drop, { once: true });
    try {
      return await queue.add(() => {
        started = true;
        return lookup(hostname);
      }, { signal: waiting.signal });
    } finally {
      signal?.removeEventListener('abort', drop);
    }
  };
}

/** The OS resolver (getaddrinfo), so /etc/hosts ("localhost"), nsswitch and search domains apply. */
const osLookup: LookupHook = async (hostname) => {
  const results = await dns.promises.lookup(hostname, { all: true, order: 'verbatim' });
  return results.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/**
 * At most 2 OS lookups at once for the whole process, with at most 32 more waiting (beyond that a lookup
 * fails as 'dns' at once; a waiting one is dropped when its connect timeout passes).
 *
 * dns.lookup runs getaddrinfo on libuv's thread pool (4 threads unless UV_THREADPOOL_SIZE says otherwise),
 * which also runs crypto.scrypt (every login and sign-up), zlib (every compressed capture) and fs work. A
 * nameserver that does not answer holds a thread for the resolver's whole retry schedule (often tens of
 * seconds), long after connectTimeoutMs has made the fetch give up on the answer, and getaddrinfo cannot be
 * cancelled. Unlimited, a few captures of slow-to-resolve names would take every thread and stall logins
 * and decompression server-wide; limited, at least 2 threads stay free for them. (dns.Resolver would not
 * use the pool, but it skips /etc/hosts and the rest of the system's resolver set-up.)
 */
export const SYSTEM_LOOKUP_LIMITS = { concurrency: 2, maxWaiting: 32 } as const;
const systemLookup: LookupHook = limitLookups(osLookup, SYSTEM_LOOKUP_LIMITS);

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
  const tooSlow = (hostname: string) => new ConnectionRefused('connect-timeout', `${hostname} did not resolve within ${connectTimeoutMs} ms`);
  // Connections opened together to one host share a lookup.
  const resolve = (hostname: string) => {
    let pending = resolving.get(hostname);
    if (!pending) {
      // Tells a limited lookup still waiting for its turn that nobody needs it any more.
      const signal = AbortSignal.timeout(connectTimeoutMs);
      pending = lookup(hostname, signal)
        .catch((err: unknown) => {
          throw signal.aborted && !(err instanceof ResolverBusy) ? tooSlow(hostname) : err;
        })
        .finally(() => resolving.delete(hostname));
      resolving.set(hostname, pending);
    }
    return pending;
  };

  // What users are told about a host name does not depend on what the server's resolver knows about it
  // (which addresses, which error), so captures cannot be used to map internal DNS; `detail` (for logs)
  // has it all.
  const allowedAddresses = async (hostname: string): Promise<string[]> => {
    if (net.isIP(hostname)) {
      // An address the user wrote: naming its class tells them nothing new.
      const blocked = addresses.blockedReason(hostname);
      if (blocked) throw new ConnectionRefused('blocked-address', blocked + ALLOW_NETWORKS_HINT);
      return [hostname];
    }
    const unresolved = `${hostname} could not be resolved`;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(tooSlow(hostname)), connectTimeoutMs);
    });
    let resolved: Awaited<ReturnType<LookupHook>>;
    try {
      resolved = await Promise.race([resolve(hostname), timeout]);
    } catch (err) {
      if (err instanceof ConnectionRefused) throw err;
      if (err instanceof ResolverBusy) {
        throw new ConnectionRefused('dns', `${unresolved}: too many host names are being resolved at once`, `${unresolved}: ${err.message}`);
      }
      const code = (err as { code?: unknown } | null)?.code;
      const why = err instanceof Error ? err.message : String(err);
      throw new ConnectionRefused('dns', unresolved, `${unresolved} (${typeof code === 'string' && !why.includes(code) ? `${code}: ` : ''}${why})`);
    } finally {
      clearTimeout(timer);
    }
    if (resolved.length === 0) throw new ConnectionRefused('dns', unresolved, `${unresolved} (it resolved to no address)`);
    const allowed = resolved.map((r) => r.address).filter((address) => !addresses.blockedReason(address));
    if (allowed.length === 0) {
      const reasons = resolved.slice(0, 3).map((r) => addresses.blockedReason(r.address));
      throw new ConnectionRefused(
        'blocked-address',
        `${hostname} resolves to an address that is not public`,
        `${hostname} resolves to ${reasons.join(', ')}${resolved.length > 3 ? ', …' : ''}${ALLOW_NETWORKS_HINT}`,
      );
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

