// Fetch slots for every capture on this instance: at most `total` fetches at once, and `perHost` to one
// host. A waiting fetch starts as soon as both kinds of slot are free, highest priority first, and in the
// order they came within a priority. A capture asks for one slot per asset, so this is kept lean: a sorted
// list per host and two counters (no events or promises of its own per fetch).

export interface SlotLimits {
  /** Fetches at once across the instance. */
  total: number;
  /** Fetches at once to one host. */
  perHost: number;
}

export interface SlotOptions {
  /** Higher starts first (default 0). */
  priority?: number;
  /** Aborting it while the fetch waits gives up its turn (run() rejects with the signal's reason). */
  signal?: AbortSignal;
}

interface Waiting {
  priority: number;
  /** When it came: ties between hosts go to the earliest. */
  order: number;
  start(): void;
  abandon?: () => void;
}

export class FetchSlots {
  readonly #limits: SlotLimits;
  #running = 0;
  #arrivals = 0;
  /** Running fetches per host (a host without any is not kept). */
  readonly #runningByHost = new Map<string, number>();
  /** Waiting fetches per host, highest priority first (a host without any is not kept). */
  readonly #waitingByHost = new Map<string, Waiting[]>();

  constructor(limits: SlotLimits) {
    if (!(limits.total >= 1 && limits.perHost >= 1)) throw new RangeError('FetchSlots: total and perHost must be at least 1');
    this.#limits = limits;
  }

  /** Runs `task` in a slot for `host` (settling as it settles); the slot is freed when it settles. */
  run<T>(host: string, task: () => Promise<T>, options: SlotOptions = {}): Promise<T> {
    const { priority = 0, signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const waiting: Waiting = {
        priority,
        order: this.#arrivals++,
        start: () => {
          waiting.abandon?.();
          this.#take(host);
          let result: Promise<T>;
          try {
            result = task();
          } catch (e) {
            result = Promise.reject(e);
          }
          result.then(resolve, reject).finally(() => this.#release(host));
        },
      };
      // With room now, nothing of this host waits (whatever waits is for hosts without a free slot).
      if (this.#hasRoom(host)) return waiting.start();
      this.#enqueue(host, waiting);
      if (signal) {
        const onAbort = () => {
          this.#dequeue(host, waiting);
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        waiting.abandon = () => signal.removeEventListener('abort', onAbort);
      }
    });
  }

  #hasRoom(host: string): boolean {
    return this.#running < this.#limits.total && (this.#runningByHost.get(host) ?? 0) < this.#limits.perHost;
  }

  #take(host: string): void {
    this.#running++;
    this.#runningByHost.set(host, (this.#runningByHost.get(host) ?? 0) + 1);
  }

  #release(host: string): void {
    this.#running--;
    const left = this.#runningByHost.get(host)! - 1;
    if (left === 0) this.#runningByHost.delete(host);
    else this.#runningByHost.set(host, left);
    this.#startWaiting();
  }

  /** After the last waiting fetch of equal or higher priority (binary search: a capture queues hundreds). */
  #enqueue(host: string, waiting: Waiting): void {
    let list = this.#waitingByHost.get(host);
    if (!list) this.#waitingByHost.set(host, (list = []));
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (list[mid].priority >= waiting.priority) low = mid + 1;
      else high = mid;
    }
    list.splice(low, 0, waiting);
  }

  #dequeue(host: string, waiting: Waiting): void {
    const list = this.#waitingByHost.get(host);
    const at = list?.indexOf(waiting) ?? -1;
    if (at === -1) return;
    list!.splice(at, 1);
    if (list!.length === 0) this.#waitingByHost.delete(host);
  }

  /** Starts waiting fetches while there is room: each time the highest priority (then the earliest) among hosts with a free slot. */
  #startWaiting(): void {
    while (this.#running < this.#limits.total && this.#waitingByHost.size > 0) {
      let best: { host: string; list: Waiting[] } | undefined;
      for (const [host, list] of this.#waitingByHost) {
        if ((this.#runningByHost.get(host) ?? 0) >= this.#limits.perHost) continue;
        const head = list[0];
        if (!best || head.priority > best.list[0].priority || (head.priority === best.list[0].priority && head.order < best.list[0].order)) {
          best = { host, list };
        }
      }
      if (!best) return;
      const waiting = best.list.shift()!;
      if (best.list.length === 0) this.#waitingByHost.delete(best.host);
      waiting.start();
    }
  }
}
