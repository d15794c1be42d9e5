// The undici connector behind every capture fetch, and the SSRF boundary: every outbound connection
// passes the address policy at connect time, after DNS, for every redirect hop (each hop is a new
// request through this connector). It resolves the host itself, keeps the addresses the policy allows,
// and connects to one of those exact addresses (never by name), so a DNS answer that changes between
// check and connect (rebinding) gains nothing.
import net from 'node:net';
import tls from 'node:tls';
import type { buildConnector } from 'undici';
import type { AddressPolicy } from './address-policy.ts';
import { ALLOW_NETWORKS_HINT } from './fetch-failure.ts';
import { ResolverBusy, type LookupHook } from './host-lookup.ts';

/** Why the connector did not connect; fetch() turns it into a FetchFailed naming the URL. */
export class ConnectionRefused extends Error {
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

/**
 * The undici connector: resolves the host, keeps the addresses the policy allows and connects to those
 * (in order, until one answers) by address, with TLS still verified against (and SNI naming) the host.
 *
 * A host with both allowed and blocked addresses is fetched through the allowed ones only, rather than
 * refused: nothing is ever connected to a blocked address either way, and refusing would break ordinary
 * set-ups such as "localhost" (127.0.0.1 and ::1) with only 127.0.0.0/8 allowed, or DNS64 resolvers that
 * add a NAT64 (64:ff9b::) address next to a host's real one.
 */
export function pinnedConnector(
  /** undici's, passed in by the caller that loaded undici. */
  build: typeof buildConnector,
  addresses: AddressPolicy,
  lookup: LookupHook,
  connectTimeoutMs: number,
  /** Extra trusted certificate authorities (PEM), besides the public ones. */
  ca?: string,
): buildConnector.connector {
  const connectTo = build({ timeout: connectTimeoutMs, allowH2: false, ...(ca ? { ca: [...tls.rootCertificates, ca] } : {}) });
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
    allowedAddresses(options.hostname).then(
      (ips) => attempt(ips, 0),
      (err: Error) => callback(err, null),
    );
  };
}
