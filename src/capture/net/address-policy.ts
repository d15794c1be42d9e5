// Which IP addresses a capture may connect to: public unicast only, unless an operator allow-lists a
// network (CAPTURE_ALLOWED_NETWORKS, e.g. a test server on 127.0.0.0/8). This is the SSRF boundary, so
// anything not positively known to be public is refused.
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { inNetwork, parseAddress, parseNetwork, type Address, type Network } from '../../shared/networks.ts';

export interface AddressPolicy {
  /** Undefined when the address may be connected to, else why not ("loopback address 127.0.0.1"). */
  blockedReason(address: string): string | undefined;
}

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

/** Undefined for a public unicast address, else its kind in words ("private address"). */
function classifyAddress(ip: Address): string | undefined {
  const named = NAMED_NETWORKS.find(([network]) => inNetwork(ip, network));
  if (named) return named[1];
  const range: string = ip.range();
  if (range !== 'unicast') return RANGE_LABELS[range] ?? `${range} address`;
  if (ip.kind() === 'ipv6' && !inNetwork(ip, GLOBAL_UNICAST_V6)) return 'reserved address';
  return undefined;
}

/** Verdicts a policy remembers: a capture checks the same few addresses for every request it makes. */
const REMEMBERED_VERDICTS = 1024;

/** The policy for these allow-listed networks (InvalidNetwork on a bad entry). */
export function createAddressPolicy(allowedNetworks: readonly string[]): AddressPolicy {
  const allowed = allowedNetworks.map(parseNetwork);
  // A verdict depends on the address text and the allow-list alone, so it can be kept as it was given.
  const verdicts = new Map<string, string | undefined>();
  const judge = (address: string): string | undefined => {
    const parsed = parseAddress(address);
    // ::ffff:a.b.c.d reaches the IPv4 host a.b.c.d, so it is judged as that address.
    const ip = parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
    if (allowed.some((network) => inNetwork(ip, network))) return undefined;
    const kind = classifyAddress(ip);
    if (kind === undefined) return undefined;
    return ip === parsed ? `${kind} ${address}` : `${kind} ${address} (IPv4 ${ip.toString()})`;
  };
  return {
    blockedReason(address) {
      // Only canonical literals: ipaddr.js alone would also accept forms like "0x7f.1".
      if (!net.isIP(address)) return `"${address}" is not an IP address`;
      if (verdicts.has(address)) return verdicts.get(address);
      const verdict = judge(address);
      if (verdicts.size >= REMEMBERED_VERDICTS) verdicts.clear();
      verdicts.set(address, verdict);
      return verdict;
    },
  };
}
