// IP addresses and networks as configuration names them (CIDRs or single addresses), parsed one way
// for every comparison: the capture's address policy and the trusted-proxy list.
import net from 'node:net';
import ipaddr from 'ipaddr.js';

export type Address = ipaddr.IPv4 | ipaddr.IPv6;
export type Network = [Address, number];

export class InvalidNetwork extends Error {}

// ipaddr.js reads the deprecated IPv4-compatible "::a.b.c.d" as IPv4-mapped "::ffff:a.b.c.d".
const IPV4_COMPATIBLE = /^::(\d+\.\d+\.\d+\.\d+)(%.+)?$/;

/** A canonical IP literal (checked by net.isIP) as ipaddr.js sees it. */
export function parseAddress(address: string): Address {
  const compatible = IPV4_COMPATIBLE.exec(address);
  if (!compatible) return ipaddr.parse(address);
  const [a, b, c, d] = ipaddr.IPv4.parse(compatible[1]).octets;
  return new ipaddr.IPv6([0, 0, 0, 0, 0, 0, (a << 8) | b, (c << 8) | d]);
}

/**
 * A CIDR ("10.0.0.0/8", "fd00::/8") or a single address ("127.0.0.1", taken as /32 or /128), or
 * InvalidNetwork. An IPv4-mapped IPv6 network (::ffff:a.b.c.d/≥96) is turned into its IPv4 network, so
 * it matches the way addresses are compared.
 */
export function parseNetwork(entry: string): Network {
  const text = entry.trim();
  const [address, bits, extra] = text.split('/');
  const bad = () => new InvalidNetwork(`"${entry}" is not a network like 10.0.0.0/8, fd00::/8 or 127.0.0.1`);
  if (extra !== undefined || !net.isIP(address)) throw bad();
  const ip = parseAddress(address);
  const max = ip.kind() === 'ipv4' ? 32 : 128;
  if (bits !== undefined && !/^\d{1,3}$/.test(bits)) throw bad();
  const prefix = bits === undefined ? max : Number(bits);
  if (prefix > max) throw bad();
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress() && prefix >= 96) {
    return [(ip as ipaddr.IPv6).toIPv4Address(), prefix - 96];
  }
  return [ip, prefix];
}

export function inNetwork(ip: Address, [base, bits]: Network): boolean {
  return ip.kind() === base.kind() && ip.match(base, bits);
}
