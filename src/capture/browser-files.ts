// What the browser pass adds to a capture: the pass runs with what the static pass fetched served from memory
// (the site is not asked twice) and anything else fetched through `fetch`; the result is the responses from
// the page's own site that the static pass did not have (what its scripts fetched), to be stored as they came.
import type { BrowserPass, PassRequest } from './browser-pass.ts';
import type { FetchedResource } from './net/guarded-fetch.ts';

export interface BrowserFilesRequest {
  /** The page, as the static pass fetched it (its body intact). */
  page: FetchedResource;
  /** What the static pass fetched, by the URL it asked for. */
  fetched: ReadonlyMap<string, FetchedResource>;
  /** Fetches what the static pass did not (through the capture's guarded fetcher, limits and fetch slots). */
  fetch: PassRequest['fetch'];
  onProblem: PassRequest['onProblem'];
  signal: AbortSignal;
  timeoutMs: number;
}

export async function browserFiles(browser: Pick<BrowserPass, 'run'>, request: BrowserFilesRequest): Promise<FetchedResource[]> {
  const known = new Map<string, FetchedResource>([[request.page.url, request.page]]);
  for (const [url, res] of request.fetched) {
    known.set(url, res);
    if (!known.has(res.url)) known.set(res.url, res);
  }
  const { responses, timedOut } = await browser.run({
    url: request.page.url,
    fetch: (url, accept, stop) => {
      const got = known.get(url);
      return got ? Promise.resolve(got) : request.fetch(url, accept, stop);
    },
    onProblem: request.onProblem,
    signal: request.signal,
    timeoutMs: request.timeoutMs,
  });
  if (timedOut) {
    request.onProblem(
      request.page.url,
      'render-time-limit',
      "The page was still loading when the browser pass's time ran out; what it fetched later is not captured.",
    );
  }
  const origin = new URL(request.page.url).origin;
  const seen = new Set<string>();
  return responses.filter((res) => {
    // Each of the static pass's responses is known by its own URL too.
    if (known.has(res.url) || seen.has(res.url) || URL.parse(res.url)?.origin !== origin) return false;
    seen.add(res.url);
    return true;
  });
}
