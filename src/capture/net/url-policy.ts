// What a capture may request before any connection is made: http(s) only, no credentials, the usual
// ports unless allow-listed, and IP literals judged by the address policy. Host names are judged after
// their DNS lookup, in the guarded fetcher.
import net from 'node:net';
import type { AddressPolicy } from './address-policy.ts';

export interface UrlPolicy {
  addresses: AddressPolicy;
  /** Ports allowed besides 80, 443 and the scheme's default. */
  allowedPorts: readonly number[];
}

export type UrlBlockReason = 'blocked-scheme' | 'blocked-credentials' | 'blocked-port' | 'blocked-address';

export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: UrlBlockReason; why: string };

const STANDARD_PORTS = new Set([80, 443]);

/**
 * The URL as WHATWG parses it (which already turns "2130706433", "0x7f.1", "0177.0.0.1" and "127.1" into
 * "127.0.0.1"), or why it may not be fetched.
 */
export function checkUrl(input: string | URL, policy: UrlPolicy): UrlVerdict {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { ok: false, reason: 'blocked-scheme', why: 'it is not an absolute http(s) URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: 'blocked-scheme', why: `only http and https URLs are fetched (not ${url.protocol})` };
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'blocked-credentials', why: 'URLs with a user name or password are not fetched' };
  }
  // URL drops the port when it is the scheme's default, so "" means 80 for http and 443 for https.
  if (url.port !== '') {
    const port = Number(url.port);
    if (!STANDARD_PORTS.has(port) && !policy.allowedPorts.includes(port)) {
      return { ok: false, reason: 'blocked-port', why: `port ${port} is not allowed` };
    }
  }
  const address = ipLiteral(url.hostname);
  if (address !== undefined) {
    const blocked = policy.addresses.blockedReason(address);
    if (blocked) return { ok: false, reason: 'blocked-address', why: blocked };
  }
  return { ok: true, url };
}

/** The address a URL host names directly ("[::1]" → "::1"), or undefined for a DNS name. */
export function ipLiteral(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return net.isIP(bare) ? bare : undefined;
}

/** The URL as it may be shown back (errors, logs, job problems): a user name or password never is. */
export function withoutCredentials(href: string): string {
  const url = URL.parse(href);
  if (!url || (!url.username && !url.password)) return href;
  url.username = '***';
  url.password = '';
  return url.href;
}
