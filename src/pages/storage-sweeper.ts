// Runs the storage sweep — leftovers of crashed or failed uploads (sweepOrphans), then the quota's usage
// documents (reconcileUsage) — at start and every interval, on one instance at a time (a lease).
import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { sweepOrphans, type SweepResult } from './file-sweep.ts';
import { releaseLease, takeLease } from './lease.ts';
import { reconcileUsage, type ReconcileResult } from './storage-reconcile.ts';

export const SWEEP_LEASE = 'storage-sweep';
export const SWEEP_INTERVAL_MS = 10 * 60_000;
/**
 * Only what is older than this is a leftover. A version is begun once its content is in memory (the
 * request body, or a finished capture), so writing it takes seconds; a live one this old would be refused
 * at its commit (VersionDiscarded), never published half-removed.
 */
export const SWEEP_AGE_MS = 60 * 60_000;

export type SweepReport = SweepResult & { usage: ReconcileResult };

export interface SweeperLogger {
  info(bindings: object, message: string): void;
  warn(bindings: object, message: string): void;
}

export class StorageSweeper {
  /** This instance, as the lease names it. */
  readonly holder = randomUUID();
  readonly #db: Db;
  readonly #intervalMs: number;
  readonly #olderThanMs: number;
  readonly #stopping = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<SweepReport | null> | undefined;
  #logger: SweeperLogger | undefined;

  constructor(db: Db, options: { intervalMs?: number; olderThanMs?: number } = {}) {
    this.#db = db;
    this.#intervalMs = options.intervalMs ?? SWEEP_INTERVAL_MS;
    this.#olderThanMs = options.olderThanMs ?? SWEEP_AGE_MS;
  }

  /**
   * Sweeps now in the background, then every interval. Returns the first run (null if another instance
   * holds the lease); it never rejects (failures are logged, and retried at the next interval).
   */
  start(logger?: SweeperLogger): Promise<SweepReport | null> {
    this.#logger = logger;
    this.#timer ??= setInterval(() => void this.#runLogged(), this.#intervalMs).unref();
    return this.#runLogged();
  }

  /**
   * One sweep, if this instance gets the lease (null otherwise). The lease lasts one and a half intervals
   * and is renewed at each run, so one instance keeps sweeping, and another takes over if it stops.
   */
  runOnce(): Promise<SweepReport | null> {
    this.#running ??= this.#sweep().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Stops the timer, interrupts a running sweep between steps, and gives the lease up. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#stopping.abort();
    await this.#running?.catch(() => null);
    await releaseLease(this.#db, SWEEP_LEASE, this.holder).catch(() => null);
  }

  async #sweep(): Promise<SweepReport | null> {
    const signal = this.#stopping.signal;
    if (signal.aborted) return null;
    if (!(await takeLease(this.#db, SWEEP_LEASE, this.holder, this.#intervalMs * 1.5))) return null;
    const files = await sweepOrphans(this.#db, { olderThanMs: this.#olderThanMs, signal });
    const usage = await reconcileUsage(this.#db, signal);
    return { ...files, usage };
  }

  async #runLogged(): Promise<SweepReport | null> {
    try {
      const report = await this.runOnce();
      if (report && (report.versionsRemoved || report.filesRemoved || report.chunksRemoved || report.usage.released || report.usage.counted)) {
        this.#logger?.info({ sweep: report }, 'storage sweep: removed leftovers of interrupted uploads');
      }
      return report;
    } catch (e) {
      if (!this.#stopping.signal.aborted) this.#logger?.warn({ err: e }, 'storage sweep failed (retried at the next interval)');
      return null;
    }
  }
}
