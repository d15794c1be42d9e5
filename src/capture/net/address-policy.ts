// Which IP addresses a capture may connect to: public unicast only, unless an operator allow-lists a
// network (CAPTURE_ALLOWED_NETWORKS, e.g. a test server on 127.0.0.0/8). This is the SSRF boundary, so
// anything not positively known to be public is refused.
import net from 'node:net';
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Network = [Address, number];

export interface AddressPolicy {
  /** Undefined when the address may be connected to, else why not ("loopback address 127.0.0.1"). */
  blockedReason(address: string): string | undefined;
}

export class InvalidNetwork extends Error {}

// Blocked ranges that deserve a more precise name than ipaddr.js gives them (it calls most of these
// "reserved" or "linkLocal"). Checked before the generic classification.
const NAMED_RANGES: [cidr: string, label: string][] = [
  ['169.254.169.254/32', 'cloud metadata address'],
  ['fd00:ec2::254/128', 'cloud metadata address'],
  ['192.0.2.0/24', 'documentation address'],
  ['198.51.100.0/24', 'documentation address'],
  ['203.0.113.0/24', 'documentation address'],
  ['2001:db8::/32', 'documentation address'],
  ['3fff::/20', 'documentation address'],
  ['198.18.0.0/15', 'benchmarking address'],
  ['192.0.0.0/24', 'IETF protocol assignment address'],
  ['192.88.99.0/24', '6to4 relay anycast address'],
];
const NAMED_NETWORKS: [Network, string][] = NAMED_RANGES.map(([cidr, label]) => [ipaddr.parseCIDR(cidr), label]);

// ipaddr.js range names, in words.
const RANGE_LABELS: Record<string, string> = {
  unspecified: 'unspecified address',
  broadcast: 'broadcast address',
  multicast: 'multicast address',
  linkLocal: 'link-local address',
  loopback: 'loopback address',
  carrierGradeNat: 'carrier-grade NAT address',
  private: 'private address',
  reserved: 'reserved address',
  benchmarking: 'benchmarking address',
  as112: 'AS112 address',
  as112v6: 'AS112 address',
  amt: 'AMT relay address',
  uniqueLocal: 'unique local address',
  deprecatedSiteLocal: 'site-local address',
  discard: 'discard-only address',
  rfc6145: 'IPv4-translated address',
  rfc6052: 'NAT64 address',
  '6to4': '6to4 address',
  teredo: 'Teredo address',
  deprecatedOrchid: 'ORCHID address',
  orchid2: 'ORCHID address',
  droneRemoteIdProtocolEntityTags: 'drone remote ID address',
  segmentRouting: 'segment routing address',
};

// The only IPv6 block allocated for global unicast; ipaddr.js calls anything it has no name for
// "unicast", which would otherwise let through e.g. IPv4-compatible ::7f00:1.
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

// ipaddr.js reads the deprecated IPv4-compatible "::a.b.c.d" as IPv4-mapped "::ffff:a.b.c.d".
const IPV4_COMPATIBLE = /^::(\d+\.\d+\.\d+\.\d+)(%.+)?$/;

/** A canonical IP literal (checked by net.isIP) as ipaddr.js sees it. */
function parseAddress(address: string): Address {
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

function inNetwork(ip: Address, [base, bits]: Network): boolean {
  return ip.kind() === base.kind() && ip.match(base, bits);
}

/** Undefined for a public unicast address, else its kind in words ("private address"). */
function classifyAddress(ip: Address): string | undefined {
  const named = NAMED_NETWORKS.find(([network]) => inNetwork(ip, network));
  if (named) return named[1];
  const range: string = ip.range();
  if (range !== 'unicast') return RANGE_LABELS[range] ?? `${range} address`;
  if (ip.kind() === 'ipv6' && !inNetwork(ip, GLOBAL_UNICAST_V6)) return 'reserved address';
  return undefined;
}

/** The policy for these allow-listed networks (InvalidNetwork on a bad entry). */
export function createAddressPolicy(allowedNetworks: readonly string[]): AddressPolicy {
  const allowed = allowedNetworks.map(parseNetwork);
  return {
    blockedReason(address) {
      // Only canonical literals: ipaddr.js alone would also accept forms like "0x7f.1".
      if (!net.isIP(address)) return `"${address}" is not an IP address`;
      const parsed = parseAddress(address);
      // ::ffff:a.b.c.d reaches the IPv4 host a.b.c.d, so it is judged as that address.
      const ip = parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
      if (allowed.some((network) => inNetwork(ip, network))) return undefined;
      const kind = classifyAddress(ip);
      if (kind === undefined) return undefined;
      return ip === parsed ? `${kind} ${address}` : `${kind} ${address} (IPv4 ${ip.toString()})`;
    },
  };
}
