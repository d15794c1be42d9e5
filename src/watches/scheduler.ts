// Runs due watches: every poll, this instance claims due watches (claimDueWatch, atomic in the database,
// with a lease) while it has room, and hands each to `run`. Of N instances polling one database, exactly one
// runs a due watch; one whose instance stopped mid-run is claimed again once its lease runs out.
import type { Db } from 'mongodb';
import { claimDueWatch, type WatchDoc } from './watches.ts';

export interface SchedulerOptions {
  db: Db;
  /** Runs one claimed watch and ends its lease (finishRun); rejections are logged by `onError`. */
  run: (watch: WatchDoc, instance: string) => Promise<void>;
  onError: (err: unknown) => void;
  now: () => Date;
  pollMs: number;
  leaseMs: number;
  /** Runs this instance has at once. */
  concurrency: number;
  /** Names this instance in the leases it takes. */
  instance: string;
}

export class WatchScheduler {
  readonly #options: SchedulerOptions;
  readonly #running = new Set<Promise<void>>();
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  /** The poll in progress: polls never overlap (each checks the room it has before claiming). */
  #polling: Promise<void> | undefined;

  constructor(options: SchedulerOptions) {
    this.#options = options;
  }

  start(): void {
    this.#schedule();
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.poll()
        .catch(this.#options.onError)
        .finally(() => this.#schedule());
    }, this.#options.pollMs);
    this.#timer.unref();
  }

  /** Claims and starts due watches while this instance has room; resolves once they are started. */
  poll(): Promise<void> {
    this.#polling ??= this.#claim().finally(() => (this.#polling = undefined));
    return this.#polling;
  }

  async #claim(): Promise<void> {
    const { db, now, leaseMs, concurrency, instance } = this.#options;
    while (!this.#stopped && this.#running.size < concurrency) {
      const at = now();
      const watch = await claimDueWatch(db, at, instance, new Date(at.getTime() + leaseMs));
      if (!watch) return;
      const running: Promise<void> = this.#options
        .run(watch, instance)
        .catch(this.#options.onError)
        .finally(() => this.#running.delete(running));
      this.#running.add(running);
    }
  }

  /** Stops polling and waits for the runs in progress (the capture runner's stop ends their captures). */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#polling;
    await Promise.all(this.#running);
  }
}
