// Watches as the REST handlers and the scheduler use them: create, change, list and delete a user's
// watches, their signals, and each claimed run (run-watch.ts) with what follows it: the watch's next run,
// its signal, and its notices (notices.ts).
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Db } from 'mongodb';
import type { Config } from '../config/config.ts';
import type { RateLimits } from '../auth/rate-limit.ts';
import type { CaptureRunner } from '../capture/capture-runner.ts';
import { getJob } from '../capture/jobs.ts';
import type { LookupHook } from '../capture/net/host-lookup.ts';
import { checkSourceUrl } from '../capture/source-url.ts';
import { getPage } from '../pages/pages.ts';
import { isValidEmail, type Keyring } from '../pages/secrets.ts';
import { InvalidInput } from '../shared/errors.ts';
import { runWatch } from './run-watch.ts';
import { WatchScheduler } from './scheduler.ts';
import { checkSchedule, nextRunAfter, type WatchSchedule } from './schedule.ts';
import { WatchNotices, type NoticeLogger } from './notices.ts';
import { deleteSignal, deleteSignalsOf, insertSignal, listSignals } from './signals.ts';
import { encryptWebhookSecret, newWebhookSecret } from './webhook.ts';
import {
  deleteWatch,
  finishRun,
  getWatch,
  insertWatch,
  listWatches,
  newWatchId,
  setWatch,
  watchDocs,
  type WatchDoc,
  type WatchState,
  type WebhookDoc,
} from './watches.ts';

export type WatchLogger = NoticeLogger;

export interface WatchServiceOptions {
  db: Db;
  config: Config;
  keyring: Keyring;
  capture: CaptureRunner;
  limits: RateLimits;
  /** The page URLs mails point to. */
  publicUrl: () => string;
  /** Resolves host names for webhook deliveries instead of DNS (tests). */
  lookup?: LookupHook;
  /** The clock schedules follow (tests move it). */
  now?: () => Date;
  /** How often due watches are looked for (default 30 s). */
  pollMs?: number;
  /** Waits between webhook delivery attempts (default 2 s, 10 s, 30 s). */
  webhookRetryDelaysMs?: readonly number[];
}

export interface WatchCreateInput {
  page_id?: string;
  source_url?: string;
  job_id?: string;
  schedule: WatchSchedule;
  webhook_url?: string;
  email?: string;
  state?: WatchState;
}

export interface WatchUpdateInput {
  state?: WatchState;
  schedule?: WatchSchedule;
  webhook_url?: string | null;
  email?: string | null;
}

/** A watch, and its webhook secret when this change set one (shown once). */
export interface WatchWithSecret {
  watch: WatchDoc;
  webhookSecret: string | null;
}

const DEFAULT_POLL_MS = 30_000;
const DEFAULT_RETRY_DELAYS_MS = [2_000, 10_000, 30_000];
/** Runs one instance has at once (each is a capture, which the capture runner bounds too). */
const RUNS_PER_INSTANCE = 2;

export class WatchService {
  readonly #o: WatchServiceOptions;
  readonly now: () => Date;
  readonly #notices: WatchNotices;
  readonly #scheduler: WatchScheduler;
  readonly #stopping = new AbortController();
  #logger: WatchLogger | undefined;

  constructor(options: WatchServiceOptions) {
    this.#o = options;
    this.now = options.now ?? (() => new Date());
    this.#notices = new WatchNotices({
      db: options.db,
      config: options.config,
      keyring: options.keyring,
      publicUrl: options.publicUrl,
      lookup: options.lookup,
      retryDelaysMs: options.webhookRetryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      logger: () => this.#logger,
    });
    this.#scheduler = new WatchScheduler({
      db: options.db,
      run: (watch, instance) => this.#run(watch, instance),
      onError: (err) => this.#logger?.warn({ err }, 'watches: a run failed (retried when its lease runs out)'),
      now: this.now,
      pollMs: options.pollMs ?? DEFAULT_POLL_MS,
      leaseMs: this.#leaseMs(),
      concurrency: RUNS_PER_INSTANCE,
      instance: randomUUID(),
    });
  }

  /** Longer than any capture may take, so a lease runs out only when its instance stopped. */
  #leaseMs(): number {
    return this.#o.config.capture.totalTimeoutMs + 60_000;
  }

  start(logger: WatchLogger): void {
    this.#logger = logger;
    this.#scheduler.start();
  }

  /** Looks for due watches now (besides the regular polls). */
  poll(): Promise<void> {
    return this.#scheduler.poll();
  }

  /** Stops polling, ends notices in progress and waits for runs (stop the capture runner meanwhile). */
  async stop(): Promise<void> {
    this.#stopping.abort();
    this.#notices.abort();
    await this.#scheduler.stop();
    await this.#notices.close();
  }

  async create(ownerId: string, input: WatchCreateInput): Promise<WatchWithSecret> {
    const { db, config } = this.#o;
    let pageId: string;
    let sourceUrl: string;
    if (input.job_id !== undefined) {
      if (input.page_id !== undefined || input.source_url !== undefined) {
        throw new InvalidInput('job_id', 'Give either job_id, or page_id with source_url, not both.');
      }
      const job = await getJob(db, ownerId, input.job_id);
      if (job.status !== 'done' || !job.page_id) {
        throw new InvalidInput('job_id', `Capture job ${job._id} is ${job.status}; a watch is made from a capture that is done.`);
      }
      pageId = job.page_id;
      sourceUrl = job.source_url;
    } else {
      if (input.page_id === undefined || input.source_url === undefined) {
        throw new InvalidInput(
          input.page_id === undefined ? 'page_id' : 'source_url',
          'Give page_id and source_url (the page to write into and the URL to capture), or job_id of a capture.',
        );
      }
      pageId = input.page_id;
      sourceUrl = input.source_url;
    }
    await getPage(db, ownerId, pageId);
    checkSourceUrl(sourceUrl, config.capture);
    const now = this.now();
    const schedule = checkSchedule(input.schedule, now);
    const id = newWatchId();
    const state = input.state ?? 'active';
    const secret = input.webhook_url !== undefined ? newWebhookSecret() : null;
    const watch: WatchDoc = {
      _id: id,
      owner_id: ownerId,
      page_id: pageId,
      source_url: sourceUrl,
      schedule,
      state,
      next_run_at: state === 'active' ? nextRunAfter(schedule, now) : null,
      lease_until: null,
      lease_owner: null,
      last_run_at: null,
      run_count: 0,
      last_signal: null,
      webhook: input.webhook_url !== undefined ? this.#webhook(id, input.webhook_url, secret!) : null,
      email: input.email !== undefined ? checkEmail(input.email) : null,
      baseline: null,
      created_at: now,
      updated_at: now,
    };
    await insertWatch(db, watch, config.watchesPerUser);
    return { watch, webhookSecret: secret };
  }

  async update(ownerId: string, watchId: string, input: WatchUpdateInput): Promise<WatchWithSecret> {
    const current = await getWatch(this.#o.db, ownerId, watchId);
    const now = this.now();
    const set: Partial<WatchDoc> = { updated_at: now };
    const schedule = input.schedule !== undefined ? checkSchedule(input.schedule, now) : current.schedule;
    if (input.schedule !== undefined) set.schedule = schedule;
    const state = input.state ?? current.state;
    if (input.state !== undefined) set.state = state;
    if (state === 'paused') set.next_run_at = null;
    else if (input.schedule !== undefined || current.state === 'paused' || current.next_run_at === null) set.next_run_at = nextRunAfter(schedule, now);
    let secret: string | null = null;
    if (input.webhook_url === null) set.webhook = null;
    else if (input.webhook_url !== undefined) {
      // A new URL gets a new secret; the same URL again re-enables a disabled webhook and keeps its secret.
      if (current.webhook?.url === input.webhook_url) set.webhook = { ...current.webhook, state: 'active', failures: 0, disabled_reason: null };
      else set.webhook = this.#webhook(watchId, input.webhook_url, (secret = newWebhookSecret()));
    }
    if (input.email !== undefined) set.email = input.email === null ? null : checkEmail(input.email);
    return { watch: await setWatch(this.#o.db, ownerId, watchId, set), webhookSecret: secret };
  }

  #webhook(watchId: string, url: string, secret: string): WebhookDoc {
    checkSourceUrl(url, this.#o.config.capture, 'webhook_url');
    return { url, secret: encryptWebhookSecret(this.#o.keyring, watchId, secret), state: 'active', failures: 0, disabled_reason: null };
  }

  get(ownerId: string, watchId: string): Promise<WatchDoc> {
    return getWatch(this.#o.db, ownerId, watchId);
  }

  list(ownerId: string, limit: number, cursor?: string) {
    return listWatches(this.#o.db, ownerId, limit, cursor);
  }

  async delete(ownerId: string, watchId: string): Promise<void> {
    await deleteWatch(this.#o.db, ownerId, watchId);
    await deleteSignalsOf(this.#o.db, ownerId, watchId);
  }

  async signals(ownerId: string, options: { watchId?: string; limit: number; cursor?: string }) {
    if (options.watchId) await getWatch(this.#o.db, ownerId, options.watchId);
    return listSignals(this.#o.db, ownerId, options);
  }

  async #run(watch: WatchDoc, instance: string): Promise<void> {
    const { db, capture, limits } = this.#o;
    const outcome = await runWatch({ db, capture, limits, now: this.now, waitMs: this.#leaseMs() - 30_000 }, watch);
    const now = this.now();
    if (outcome.kind === 'postponed') {
      this.#logger?.info({ watch: watch._id }, `watches: run postponed (${outcome.why})`);
      await finishRun(db, watch._id, instance, { next_run_at: new Date(now.getTime() + outcome.delayMs) }, false);
      return;
    }
    const { signal } = outcome;
    // Stopped mid-run: the lease is given back with the watch still due, for another instance to run.
    if (this.#stopping.signal.aborted && signal.failure?.reason === 'cancelled') {
      await finishRun(db, watch._id, instance, {}, false);
      return;
    }
    const set: Partial<WatchDoc> = { last_run_at: now, last_signal: signal, next_run_at: nextRunAfter(watch.schedule, now) };
    if (outcome.baseline && (signal.changed || !watch.baseline)) set.baseline = outcome.baseline;
    if (outcome.pause) Object.assign(set, { state: 'paused', next_run_at: null });
    // The signal goes in first: a delete of the watch that follows the run's end then removes it too.
    await insertSignal(db, signal);
    // The notices go where the watch says now (its webhook or e-mail may have changed during the run).
    const current = await finishRun(db, watch._id, instance, set, true);
    if (!current) {
      await deleteSignal(db, signal._id);
      return;
    }
    if (current.state === 'active' && !isDeepStrictEqual(current.schedule, watch.schedule)) {
      // The schedule changed during the run: the next run follows the new one.
      await watchDocs(db).updateOne({ _id: watch._id, schedule: current.schedule }, { $set: { next_run_at: nextRunAfter(current.schedule, now) } });
    }
    this.#notices.send(current, signal);
  }
}

function checkEmail(email: string): string {
  const normalized = email.trim().toLowerCase();
  if (!isValidEmail(normalized)) throw new InvalidInput('email', `${JSON.stringify(email)} is not a valid email address`);
  return normalized;
}
