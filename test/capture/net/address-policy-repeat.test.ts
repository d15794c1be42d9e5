// The address policy remembers its verdicts: asking again about an address gives the same answer, blocked or
// not, and a policy's allow-list is its own (another policy's verdicts never leak into it).
import { describe, expect, it } from 'vitest';
import { createAddressPolicy } from '../../../src/capture/net/address-policy.ts';

describe('address policy verdicts asked again', () => {
  it('stay the same, per policy, also past the number it remembers', () => {
    const strict = createAddressPolicy([]);
    const loose = createAddressPolicy(['127.0.0.0/8']);
    for (let round = 0; round < 3; round++) {
      expect(strict.blockedReason('127.0.0.1')).toBe('loopback address 127.0.0.1');
      expect(loose.blockedReason('127.0.0.1')).toBeUndefined();
      expect(strict.blockedReason('::ffff:10.0.0.1')).toBe('private address ::ffff:10.0.0.1 (IPv4 10.0.0.1)');
      expect(strict.blockedReason('8.8.8.8')).toBeUndefined();
      expect(strict.blockedReason('0x7f.1')).toBe('"0x7f.1" is not an IP address');
      // More distinct addresses than a policy keeps verdicts for.
      for (let i = 0; i < 1500; i++) expect(strict.blockedReason(`10.0.${i >> 8}.${i & 255}`)).toBe(`private address 10.0.${i >> 8}.${i & 255}`);
    }
  });
});
