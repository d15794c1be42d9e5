// How the authorization server fetches Client ID Metadata Documents (a `client_id` that is an https URL):
// through the capture's SSRF-guarded fetcher, so the URL must resolve to a public address (unless
// CAPTURE_ALLOWED_NETWORKS allows it), on port 443 (or CAPTURE_ALLOWED_PORTS), without redirects, within a
// few seconds and a few kilobytes. oidc-provider calls it in place of `fetch` and checks the document itself
// (its client_id equals the URL, no shared-secret authentication, https URLs), caching it per its
// Cache-Control within the provider's bounds.
import { createGuardedFetcher, type GuardedFetcher } from '../capture/net/guarded-fetch.ts';
import type { CaptureConfig } from '../config/capture-config.ts';
import type { LookupHook } from '../capture/net/host-lookup.ts';

/** The largest document accepted (the draft suggests 5 KB). */
export const MAX_METADATA_DOCUMENT_BYTES = 5 * 1024;
const TIMEOUT_MS = 5_000;

export type FetchFunction = (url: string | URL, options: { signal?: AbortSignal }) => Promise<Response>;

export function metadataDocumentFetcher(
  capture: Pick<CaptureConfig, 'allowedNetworks' | 'allowedPorts'>,
  options: { ca?: string; lookup?: LookupHook },
): { fetch: FetchFunction; fetcher: GuardedFetcher } {
  const fetcher = createGuardedFetcher(
    { allowedNetworks: capture.allowedNetworks, allowedPorts: capture.allowedPorts, lookup: options.lookup },
    { connectTimeoutMs: TIMEOUT_MS, connections: 2, ca: options.ca, userAgent: 'Outpost-OAuth/0.1' },
  );
  const fetch: FetchFunction = async (url, init) => {
    const fetched = await fetcher.fetch(String(url), {
      signal: init.signal,
      timeoutMs: TIMEOUT_MS,
      maxBytes: MAX_METADATA_DOCUMENT_BYTES,
      maxRedirects: 0,
      accept: 'application/json',
    });
    // The body is already decoded: its encoding and length headers no longer describe it.
    const headers = new Headers(Object.entries(fetched.headers).filter(([name]) => name !== 'content-encoding' && name !== 'content-length'));
    return new Response(new Uint8Array(fetched.body), { status: fetched.status, headers });
  };
  return { fetch, fetcher };
}
