// The instance's browser passes, a few at a time (each a browser context: a renderer's memory and CPU). The
// time a pass waits for its turn counts against its own: a capture never outlives its limit in this queue.
import PQueue from 'p-queue';
import type { BrowserPass, PassRequest, PassResult } from './browser-pass.ts';

export class BrowserPassQueue {
  readonly #pass: Pick<BrowserPass, 'run'>;
  readonly #queue: PQueue;

  constructor(pass: Pick<BrowserPass, 'run'>, concurrency: number) {
    this.#pass = pass;
    this.#queue = new PQueue({ concurrency });
  }

  /** Runs the pass when its turn comes; one whose time ran out while it waited ends as timed out with nothing. */
  async run(request: PassRequest): Promise<PassResult> {
    const queuedAt = performance.now();
    const waitedOut = AbortSignal.timeout(Math.ceil(request.timeoutMs));
    // Only the wait is given up on: a running pass keeps its turn until its context is closed.
    const waiting = new AbortController();
    let started = false;
    const giveUp = () => started || waiting.abort();
    const stop = AbortSignal.any([request.signal, waitedOut]);
    stop.addEventListener('abort', giveUp, { once: true });
    try {
      return await this.#queue.add(
        () => {
          started = true;
          return this.#pass.run({ ...request, timeoutMs: Math.max(1, request.timeoutMs - (performance.now() - queuedAt)) });
        },
        { signal: waiting.signal },
      );
    } catch (e) {
      if (!started && !request.signal.aborted) return { responses: [], timedOut: true };
      throw e;
    } finally {
      stop.removeEventListener('abort', giveUp);
    }
  }
}
