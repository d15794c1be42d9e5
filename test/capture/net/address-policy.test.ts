// The address classifier: public unicast only, every special range refused with its name, IPv4-mapped
// IPv6 judged as the IPv4 address, and the operator's allow-list. Pure: nothing here opens a connection.
import { describe, expect, it } from 'vitest';
import { createAddressPolicy } from '../../../src/capture/net/address-policy.ts';
import { InvalidNetwork, parseNetwork } from '../../../src/shared/networks.ts';

const strict = createAddressPolicy([]);

describe('createAddressPolicy([]) (the default)', () => {
  it.each([
    '1.1.1.1',
    '8.8.8.8',
    '93.184.215.14',
    '100.63.255.255',
    '100.128.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '192.167.255.255',
    '192.169.0.0',
    '169.253.255.255',
    '223.255.255.255',
    '9.255.255.255',
    '11.0.0.0',
    '2606:4700:4700::1111',
    '2001:4860:4860::8888',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8',
    '::ffff:808:808',
  ])('allows the public address %s', (address) => {
    expect(strict.blockedReason(address)).toBeUndefined();
  });

  it.each([
    // IPv4
    ['0.0.0.0', 'unspecified address 0.0.0.0'],
    ['0.1.2.3', 'unspecified address 0.1.2.3'],
    ['127.0.0.1', 'loopback address 127.0.0.1'],
    ['127.255.255.254', 'loopback address 127.255.255.254'],
    ['10.0.0.1', 'private address 10.0.0.1'],
    ['10.255.255.255', 'private address 10.255.255.255'],
    ['172.16.0.1', 'private address 172.16.0.1'],
    ['172.31.255.255', 'private address 172.31.255.255'],
    ['192.168.1.1', 'private address 192.168.1.1'],
    ['169.254.0.1', 'link-local address 169.254.0.1'],
    ['169.254.169.254', 'cloud metadata address 169.254.169.254'],
    ['100.64.0.1', 'carrier-grade NAT address 100.64.0.1'],
    ['100.127.255.255', 'carrier-grade NAT address 100.127.255.255'],
    ['100.100.100.200', 'carrier-grade NAT address 100.100.100.200'],
    ['224.0.0.1', 'multicast address 224.0.0.1'],
    ['239.255.255.250', 'multicast address 239.255.255.250'],
    ['255.255.255.255', 'broadcast address 255.255.255.255'],
    ['240.0.0.1', 'reserved address 240.0.0.1'],
    ['192.0.0.8', 'IETF protocol assignment address 192.0.0.8'],
    ['192.0.2.1', 'documentation address 192.0.2.1'],
    ['198.51.100.7', 'documentation address 198.51.100.7'],
    ['203.0.113.9', 'documentation address 203.0.113.9'],
    ['198.18.0.1', 'benchmarking address 198.18.0.1'],
    ['198.19.255.255', 'benchmarking address 198.19.255.255'],
    ['192.88.99.1', '6to4 relay anycast address 192.88.99.1'],
    // IPv6
    ['::', 'unspecified address ::'],
    ['::1', 'loopback address ::1'],
    ['fe80::1', 'link-local address fe80::1'],
    ['fe80::1%eth0', 'link-local address fe80::1%eth0'],
    ['fc00::1', 'unique local address fc00::1'],
    ['fd12:3456:789a::1', 'unique local address fd12:3456:789a::1'],
    ['fd00:ec2::254', 'cloud metadata address fd00:ec2::254'],
    ['fec0::1', 'site-local address fec0::1'],
    ['ff02::1', 'multicast address ff02::1'],
    ['64:ff9b::a00:1', 'NAT64 address 64:ff9b::a00:1'],
    ['64:ff9b::808:808', 'NAT64 address 64:ff9b::808:808'],
    ['64:ff9b:1::1', 'NAT64 address 64:ff9b:1::1'],
    ['2002:7f00:1::', '6to4 address 2002:7f00:1::'],
    ['2001::1', 'Teredo address 2001::1'],
    ['2001:db8::1', 'documentation address 2001:db8::1'],
    ['3fff::1', 'documentation address 3fff::1'],
    ['2001:2::1', 'benchmarking address 2001:2::1'],
    ['100::1', 'discard-only address 100::1'],
    ['::ffff:0:7f00:1', 'IPv4-translated address ::ffff:0:7f00:1'],
    // IPv4-compatible (deprecated) and anything else outside 2000::/3
    ['::7f00:1', 'reserved address ::7f00:1'],
    ['::127.0.0.1', 'reserved address ::127.0.0.1'],
    ['4000::1', 'reserved address 4000::1'],
    ['e000::1', 'reserved address e000::1'],
  ])('blocks %s as "%s"', (address, reason) => {
    expect(strict.blockedReason(address)).toBe(reason);
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback address ::ffff:127.0.0.1 (IPv4 127.0.0.1)'],
    ['::ffff:7f00:1', 'loopback address ::ffff:7f00:1 (IPv4 127.0.0.1)'],
    ['::ffff:10.1.2.3', 'private address ::ffff:10.1.2.3 (IPv4 10.1.2.3)'],
    ['::ffff:a9fe:a9fe', 'cloud metadata address ::ffff:a9fe:a9fe (IPv4 169.254.169.254)'],
    ['::ffff:0.0.0.0', 'unspecified address ::ffff:0.0.0.0 (IPv4 0.0.0.0)'],
    ['0:0:0:0:0:ffff:c0a8:0101', 'private address 0:0:0:0:0:ffff:c0a8:0101 (IPv4 192.168.1.1)'],
  ])('judges the IPv4-mapped %s as its IPv4 address', (address, reason) => {
    expect(strict.blockedReason(address)).toBe(reason);
  });

  it.each(['localhost', '0x7f.1', '2130706433', '127.1', '0177.0.0.1', '', ' 127.0.0.1', '[::1]', '1.2.3.4/32'])(
    'refuses "%s", which is not a canonical IP address',
    (address) => {
      expect(strict.blockedReason(address)).toBe(`"${address}" is not an IP address`);
    },
  );
});

describe('createAddressPolicy(allowedNetworks)', () => {
  it('allows exactly the listed networks, for IPv4, IPv6 and mapped addresses', () => {
    const policy = createAddressPolicy(['127.0.0.0/8', '::1/128', '10.1.0.0/16', 'fd00::/8']);
    for (const address of ['127.0.0.1', '127.9.9.9', '::1', '10.1.200.3', '::ffff:127.0.0.1', '::ffff:10.1.0.1', 'fd00:ec2::254']) {
      expect(policy.blockedReason(address), address).toBeUndefined();
    }
    expect(policy.blockedReason('10.2.0.1')).toBe('private address 10.2.0.1');
    expect(policy.blockedReason('192.168.0.1')).toBe('private address 192.168.0.1');
    expect(policy.blockedReason('169.254.169.254')).toBe('cloud metadata address 169.254.169.254');
    expect(policy.blockedReason('fe80::1')).toBe('link-local address fe80::1');
    // Public addresses stay allowed.
    expect(policy.blockedReason('8.8.8.8')).toBeUndefined();
  });

  it('takes a single address as a /32 or /128', () => {
    const policy = createAddressPolicy(['127.0.0.1', '::1']);
    expect(policy.blockedReason('127.0.0.1')).toBeUndefined();
    expect(policy.blockedReason('::1')).toBeUndefined();
    expect(policy.blockedReason('127.0.0.2')).toBe('loopback address 127.0.0.2');
  });

  it('does not let an IPv4 network allow IPv6 addresses or the reverse', () => {
    const v4 = createAddressPolicy(['127.0.0.0/8']);
    expect(v4.blockedReason('::1')).toBe('loopback address ::1');
    const v6 = createAddressPolicy(['::/0']);
    expect(v6.blockedReason('10.0.0.1')).toBe('private address 10.0.0.1');
    expect(v6.blockedReason('fe80::1')).toBeUndefined();
  });

  it('turns an IPv4-mapped network into its IPv4 network', () => {
    expect(parseNetwork('::ffff:127.0.0.0/104')).toEqual(parseNetwork('127.0.0.0/8'));
    const policy = createAddressPolicy(['::ffff:10.0.0.0/104']);
    expect(policy.blockedReason('10.9.9.9')).toBeUndefined();
    expect(policy.blockedReason('::ffff:10.9.9.9')).toBeUndefined();
  });

  it.each(['10.0.0.0/33', '::/129', '10.0.0/8', '10.0.0.0/', '10.0.0.0/8/8', 'localhost', '', '0x7f.1/8', '127.1', '10.0.0.0/-1', '10.0.0.0/ 8', '*'])(
    'throws InvalidNetwork for "%s"',
    (entry) => {
      expect(() => createAddressPolicy([entry])).toThrow(InvalidNetwork);
    },
  );
});
