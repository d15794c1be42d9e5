// A source_url refused on its face (scheme, credentials, port, a blocked IP literal) is the caller's
// mistake: a 400 before any job starts. Host names are checked after DNS, while fetching.
import { InvalidInput } from '../shared/errors.ts';
import type { CaptureConfig } from '../config/capture-config.ts';
import { createAddressPolicy, type AddressPolicy } from './net/address-policy.ts';
import { checkUrl, withoutCredentials } from './net/url-policy.ts';

const policies = new WeakMap<CaptureConfig, AddressPolicy>();

/** `field`: what the URL is called in the request (a watch's webhook_url is checked the same way). */
export function checkSourceUrl(sourceUrl: string, config: CaptureConfig, field = 'source_url'): void {
  let addresses = policies.get(config);
  if (!addresses) policies.set(config, (addresses = createAddressPolicy(config.allowedNetworks)));
  const verdict = checkUrl(sourceUrl, { addresses, allowedPorts: config.allowedPorts });
  if (!verdict.ok)
    throw new InvalidInput(field, `${field} ${withoutCredentials(sourceUrl)} cannot be ${field === 'source_url' ? 'captured' : 'reached'}: ${verdict.why}`);
}
