// Host name resolution for captures: the lookup hook type, and the OS resolver behind a process-wide limit
// so that slow-to-resolve names cannot take every libuv thread (see SYSTEM_LOOKUP_LIMITS).
import dns from 'node:dns';
import PQueue from 'p-queue';

/**
 * Resolves a host name to every address it has (dns.lookup with all: true by default). `signal` aborts when
 * the connector stops waiting for the answer; a hook may ignore it.
 */
export type LookupHook = (hostname: string, signal?: AbortSignal) => Promise<{ address: string; family: 4 | 6 }[]>;

/** A lookup refused at once because too many are already waiting for their turn. */
export class ResolverBusy extends Error {
  constructor(waiting: number) {
    super(`${waiting} lookups are already waiting for the resolver`);
    this.name = 'ResolverBusy';
  }
}

/**
 * `lookup` with at most `concurrency` calls running at once and at most `maxWaiting` more waiting for a
 * turn (beyond that it fails at once with ResolverBusy). A waiting call whose signal aborts is dropped
 * without ever running. A running call keeps its turn until the lookup itself settles, even if its caller
 * has stopped waiting: what the limit protects (a thread) is only free again then.
 */
export function limitLookups(lookup: LookupHook, { concurrency, maxWaiting }: { concurrency: number; maxWaiting: number }): LookupHook {
  const queue = new PQueue({ concurrency });
  return async (hostname, signal) => {
    signal?.throwIfAborted();
    if (queue.size >= maxWaiting) throw new ResolverBusy(queue.size);
    // p-queue frees a running task's turn when the task's signal aborts, so only a waiting one gets it.
    const waiting = new AbortController();
    let started = false;
    const drop = () => {
      if (!started) waiting.abort(signal?.reason);
    };
    signal?.addEventListener('abort', drop, { once: true });
    try {
      return await queue.add(
        () => {
          started = true;
          return lookup(hostname);
        },
        { signal: waiting.signal },
      );
    } finally {
      signal?.removeEventListener('abort', drop);
    }
  };
}

/** The OS resolver (getaddrinfo), so /etc/hosts ("localhost"), nsswitch and search domains apply. */
const osLookup: LookupHook = async (hostname) => {
  const results = await dns.promises.lookup(hostname, { all: true, order: 'verbatim' });
  return results.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/**
 * At most 2 OS lookups at once for the whole process, with at most 32 more waiting (beyond that a lookup
 * fails as 'dns' at once; a waiting one is dropped when its connect timeout passes).
 *
 * dns.lookup runs getaddrinfo on libuv's thread pool (4 threads unless UV_THREADPOOL_SIZE says otherwise),
 * which also runs crypto.scrypt (every login and sign-up), zlib (every compressed capture) and fs work. A
 * nameserver that does not answer holds a thread for the resolver's whole retry schedule (often tens of
 * seconds), long after connectTimeoutMs has made the fetch give up on the answer, and getaddrinfo cannot be
 * cancelled. Unlimited, a few captures of slow-to-resolve names would take every thread and stall logins
 * and decompression server-wide; limited, at least 2 threads stay free for them. (dns.Resolver would not
 * use the pool, but it skips /etc/hosts and the rest of the system's resolver set-up.)
 */
export const SYSTEM_LOOKUP_LIMITS = { concurrency: 2, maxWaiting: 32 } as const;

/** The OS resolver under SYSTEM_LOOKUP_LIMITS, shared by every fetcher in the process. */
export const systemLookup: LookupHook = limitLookups(osLookup, SYSTEM_LOOKUP_LIMITS);
