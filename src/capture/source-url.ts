// A source_url refused on its face (scheme, credentials, port, a blocked IP literal) is the caller's
// mistake: a 400 before any job starts. Host names are checked after DNS, while fetching.
import { InvalidInput } from '../shared/errors.ts';
import type { CaptureConfig } from '../config/capture-config.ts';
import { createAddressPolicy, type AddressPolicy } from './net/address-policy.ts';
import { checkUrl, withoutCredentials } from './net/url-policy.ts';

const policies = new WeakMap<CaptureConfig, AddressPolicy>();

export function checkSourceUrl(sourceUrl: string, config: CaptureConfig): void {
  let addresses = policies.get(config);
  if (!addresses) policies.set(config, (addresses = createAddressPolicy(config.allowedNetworks)));
  const verdict = checkUrl(sourceUrl, { addresses, allowedPorts: config.allowedPorts });
  if (!verdict.ok) throw new InvalidInput('source_url', `source_url ${withoutCredentials(sourceUrl)} cannot be captured: ${verdict.why}`);
}
