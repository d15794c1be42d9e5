// The address of the client a request comes from, for rate limits, gates and the access log. Behind a
// reverse proxy the TCP peer is the proxy; when TRUST_PROXY names it, X-Forwarded-For is read from the right,
// skipping trusted proxies, and the first untrusted address is the client (entries further left were written
// by the client itself and may be spoofed).
import type { IncomingMessage } from 'node:http';
import net from 'node:net';
import type { Request } from '@hapi/hapi';
import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';
import { inNetwork, parseNetwork, type Address, type Network } from './networks.ts';

/** Whether an address (any text, as proxy-addr passes it) belongs to a trusted proxy. */
export type TrustedProxies = (address: string) => boolean;

const LOOPBACK: Network[] = [ipaddr.parseCIDR('127.0.0.0/8'), ipaddr.parseCIDR('::1/128')];
const TRUST_NOBODY: TrustedProxies = () => false;

/**
 * TRUST_PROXY's entries: CIDRs or addresses of the proxies, or `loopback` (127.0.0.0/8 and ::1). None: nobody
 * is trusted. InvalidNetwork on a bad entry.
 *
 * Parsed with the config's one network grammar (parseNetwork) rather than proxyaddr.compile, which would
 * also take octal "010.0.0.1" (as 8.0.0.1) and netmasks, refuse /0, and know `loopback` only in lower case.
 */
export function trustedProxies(entries: readonly string[]): TrustedProxies {
  if (entries.length === 0) return TRUST_NOBODY;
  const networks = entries.flatMap((entry) => (entry.trim().toLowerCase() === 'loopback' ? LOOPBACK : [parseNetwork(entry)]));
  return (address) => {
    const ip = parseIp(address);
    return ip !== undefined && networks.some((network) => inNetwork(ip, network));
  };
}

/** A canonical IP literal, IPv4-mapped IPv6 turned into IPv4; undefined for anything else. */
function parseIp(text: string): Address | undefined {
  if (!net.isIP(text)) return undefined;
  try {
    return ipaddr.process(text);
  } catch {
    return undefined;
  }
}

/**
 * The client behind `peer` (the TCP peer address): the peer itself unless it is a trusted proxy; then the
 * right-most X-Forwarded-For entry that is not a trusted proxy (all trusted: the left-most). A malformed entry
 * met on the way falls back to the peer. Addresses come back normalized (IPv4-mapped IPv6 as IPv4).
 */
export function resolveClientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string {
  if (peer === undefined) return '';
  const peerIp = parseIp(peer);
  if (peerIp === undefined) return peer;
  // The common case (no proxy) never reads the header.
  if (!trusted(peer)) return peerIp.toString();
  // proxy-addr skips empty entries; marked as malformed instead, one met on the way falls back to the peer.
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '')).split(',').map((entry) => entry.trim() || '-');
  const request = { connection: { remoteAddress: peer }, headers: { 'x-forwarded-for': entries.join(',') } };
  // A malformed entry is never trusted, so the walk stops at it and it comes back here.
  const client = parseIp(proxyaddr(request as unknown as IncomingMessage, trusted));
  return (client ?? peerIp).toString();
}

const compiled = new WeakMap<readonly string[], TrustedProxies>();

function trustedOf(config: { trustProxy: readonly string[] }): TrustedProxies {
  let trusted = compiled.get(config.trustProxy);
  if (!trusted) compiled.set(config.trustProxy, (trusted = trustedProxies(config.trustProxy)));
  return trusted;
}

/** resolveClientAddress with TRUST_PROXY from the config (parsed once per config). */
export function clientAddressOf(peer: string | undefined, forwardedFor: string | string[] | undefined, config: { trustProxy: readonly string[] }): string {
  return resolveClientAddress(peer, forwardedFor, trustedOf(config));
}

const perRequest = new WeakMap<object, string>();

/** The client of a hapi request (see resolveClientAddress), computed once per request. */
export function clientAddress(request: Pick<Request, 'info' | 'headers'>, config: { trustProxy: readonly string[] }): string {
  let address = perRequest.get(request);
  if (address === undefined) {
    address = clientAddressOf(request.info.remoteAddress, request.headers['x-forwarded-for'] as string | undefined, config);
    perRequest.set(request, address);
  }
  return address;
}

/**
 * The key a client's attempts are counted under: its address, or for IPv6 its /64 (one client usually holds a
 * whole /64, so counting single addresses would hand it 2^64 budgets).
 */
export function rateLimitKey(address: string): string {
  const ip = parseIp(address);
  if (ip === undefined || ip.kind() === 'ipv4') return ip?.toString() ?? address;
  const parts = (ip as ipaddr.IPv6).parts.slice(0, 4);
  return `${new ipaddr.IPv6([...parts, 0, 0, 0, 0]).toString()}/64`;
}

/**
 * The key a TCP peer's open connections are counted under (its rateLimitKey), or null for a trusted proxy,
 * whose connections carry many clients and are not counted.
 */
export function connectionKey(peer: string, config: { trustProxy: readonly string[] }): string | null {
  if (trustedOf(config)(peer)) return null;
  return rateLimitKey(peer);
}
