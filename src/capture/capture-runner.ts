// Runs capture jobs on this instance: one guarded fetcher and one set of fetch slots for all of them,
// progress kept in memory for local waiters and flushed to the job document for everyone else, and
// the page written only when the capture succeeded (a failed or cancelled capture changes nothing).
import { EventEmitter } from 'node:events';
import type { Db } from 'mongodb';
import { InvalidInput } from '../shared/errors.ts';
import {
  ContentTooLarge,
  createPage,
  DiskSpaceLow,
  PageNotFound,
  QuotaExceeded,
  getPage,
  replacePageFiles,
  type CreatePageInput,
  type PageDoc,
  type PageLimits,
} from '../pages/pages.ts';
import type { Keyring } from '../pages/secrets.ts';
import type { VersionOrigin } from '../pages/file-store.ts';
import type { CaptureConfig } from '../config/capture-config.ts';
import { BrowserPass } from './browser-pass.ts';
import { BrowserPassQueue } from './browser-pass-queue.ts';
import { BrowserProcess } from './browser-process.ts';
import { captureSite, CaptureFailed, type CaptureCounts, type CaptureResult } from './capture-site.ts';
import { DocumentParser } from './document-parser.ts';
import { FetchSlots } from './fetch-slots.ts';
import {
  countActiveJobs,
  emptyCounts,
  failOrphanedJobs,
  finishJob,
  getJob,
  insertJob,
  MAX_JOB_PROBLEMS,
  recordProgress,
  requestCancel,
  type JobCounts,
  type JobDoc,
} from './jobs.ts';
import { createGuardedFetcher, type GuardedFetcher } from './net/guarded-fetch.ts';
import type { LookupHook } from './net/host-lookup.ts';

/** How often a running job's progress reaches its document (and a cancel from elsewhere is noticed). */
const FLUSH_INTERVAL_MS = 500;
/** How often a waiter polls a job that runs on another instance. */
const POLL_INTERVAL_MS = 250;
/** Captures one user may have running at once. */
export const MAX_ACTIVE_JOBS_PER_USER = 4;
/** Captures this instance runs at once (each may hold up to CAPTURE_MAX_BYTES of fetched bodies). */
export const MAX_RUNNING_JOBS = 16;
/** Browser passes this instance runs at once (each a browser context: a renderer's memory and CPU). */
const MAX_BROWSER_PASSES = 2;

export class TooManyJobs extends Error {}

/** The part of the server's logger (pino) the runner uses. */
export interface CaptureLogger {
  debug(bindings: object, message: string): void;
  warn(bindings: object, message: string): void;
}

export interface CaptureRequest {
  ownerId: string;
  sourceUrl: string;
  /** Also load the page in the browser (only on an instance with one: config.browser). */
  render?: boolean;
  /**
   * A new page with these settings, new files for an existing page, or a watch's run: new files only when
   * `changed` says the capture differs from the page's live version (checked before anything is written).
   */
  target:
    | { action: 'create'; page: Omit<CreatePageInput, 'files'> }
    | { action: 'replace'; pageId: string }
    | { action: 'watch_run'; pageId: string; watchId: string; changed: (capture: CaptureResult) => Promise<boolean> };
}

export interface WaitOptions {
  signal?: AbortSignal;
  onProgress?: (counts: JobCounts) => void;
}

interface RunningJob {
  ownerId: string;
  controller: AbortController;
  events: EventEmitter<{ progress: [JobCounts]; end: [JobDoc] }>;
  /** The page, once written (for the response of the request that started the job). */
  page?: PageDoc;
  /** The job as it ended; set just before `end` is emitted. */
  ended?: JobDoc;
}

function jobCounts(c: CaptureCounts): JobCounts {
  return { assets_found: c.found, assets_fetched: c.fetched, assets_skipped: c.skipped, assets_failed: c.failed, assets_external: c.external, bytes: c.bytes };
}

/** Why a job ended without a page: the capture's own reasons, the page store's refusals, else a generic text. */
function failureOf(e: unknown): { reason: string; message: string; http_status?: number } {
  if (e instanceof CaptureFailed) return { reason: e.reason, message: e.message, ...(e.status !== undefined && { http_status: e.status }) };
  if (e instanceof QuotaExceeded) return { reason: 'quota-exceeded', message: e.message };
  if (e instanceof DiskSpaceLow) return { reason: 'disk-full', message: e.message };
  if (e instanceof ContentTooLarge) return { reason: 'too-large', message: e.message };
  if (e instanceof PageNotFound) return { reason: 'page-gone', message: 'The page was deleted while it was being captured.' };
  if (e instanceof InvalidInput) return { reason: 'invalid', message: e.message };
  return { reason: 'error', message: 'Outpost could not store the capture; try again.' };
}

export class CaptureRunner {
  readonly #db: Db;
  readonly #keyring: Keyring;
  readonly #config: CaptureConfig;
  readonly #pageLimits: PageLimits;
  readonly #fetcher: GuardedFetcher;
  readonly #parser: DocumentParser;
  /** Chromium, when config.browser names it; launched by the first capture that renders. */
  readonly #browserProcess: BrowserProcess | undefined;
  readonly #browserPass: Pick<BrowserPass, 'run'> | undefined;
  readonly #slots: FetchSlots;
  readonly #running = new Map<string, RunningJob>();
  /** Starts between their checks and their job document, per user (see start()). */
  readonly #startingBy = new Map<string, number>();
  readonly #orphanSweep: NodeJS.Timeout;
  /** The server's logger, once it exists (see useLogger). */
  #logger: CaptureLogger | undefined;

  constructor(db: Db, keyring: Keyring, config: CaptureConfig, pageLimits: PageLimits, lookup?: LookupHook) {
    this.#db = db;
    this.#keyring = keyring;
    this.#config = config;
    this.#pageLimits = pageLimits;
    this.#fetcher = createGuardedFetcher(
      { allowedNetworks: config.allowedNetworks, allowedPorts: config.allowedPorts, lookup },
      { connectTimeoutMs: config.connectTimeoutMs, connections: config.hostConcurrency },
    );
    this.#parser = new DocumentParser(config.parseTimeoutMs);
    if (config.browser !== undefined) {
      // Chromium's own background traffic ends there too (it ignores some of the flags that turn it off).
      this.#browserProcess = new BrowserProcess(config.browser, () =>
        this.#logger?.debug({}, 'capture: a connection from Chromium reached the dead-end proxy and was dropped'),
      );
      this.#browserPass = new BrowserPassQueue(new BrowserPass(this.#browserProcess), MAX_BROWSER_PASSES);
    }
    this.#slots = new FetchSlots({ total: config.concurrency, perHost: config.hostConcurrency });
    // A running job whose document has not been touched for config.orphanTimeoutMs was orphaned by a stopped instance.
    this.#orphanSweep = setInterval(() => {
      failOrphanedJobs(this.#db, new Date(Date.now() - config.orphanTimeoutMs)).catch((e: unknown) =>
        this.#logger?.warn({ err: e }, 'capture: could not end orphaned jobs (retried at the next sweep)'),
      );
    }, config.orphanTimeoutMs / 2).unref();
  }

  useLogger(logger: CaptureLogger): void {
    this.#logger = logger;
  }

  /** Records the job and starts it in the background. */
  async start(request: CaptureRequest): Promise<JobDoc> {
    const starting = [...this.#startingBy.values()].reduce((sum, n) => sum + n, 0);
    if (this.#running.size + starting >= MAX_RUNNING_JOBS) {
      throw new TooManyJobs(`This server is running ${MAX_RUNNING_JOBS} captures; try again in a minute.`);
    }
    // Reserved before the first await, so parallel requests of one user on this instance can't all pass
    // the check below (other instances each hold their own reservations).
    const mine = (this.#startingBy.get(request.ownerId) ?? 0) + 1;
    this.#startingBy.set(request.ownerId, mine);
    try {
      if ((await countActiveJobs(this.#db, request.ownerId)) + mine - 1 >= MAX_ACTIVE_JOBS_PER_USER) {
        throw new TooManyJobs(`You already have ${MAX_ACTIVE_JOBS_PER_USER} captures running; wait for one to finish (outpost_list_jobs shows them).`);
      }
      const { target } = request;
      const pageId = target.action === 'create' ? null : target.pageId;
      const job = await insertJob(this.#db, request.ownerId, target.action, request.sourceUrl, pageId, target.action === 'watch_run' ? target.watchId : null);
      const running: RunningJob = { ownerId: request.ownerId, controller: new AbortController(), events: new EventEmitter() };
      running.events.setMaxListeners(0);
      this.#running.set(job._id, running);
      void this.#run(job, request, running).finally(() => this.#running.delete(job._id));
      return job;
    } finally {
      const left = this.#startingBy.get(request.ownerId)! - 1;
      if (left === 0) this.#startingBy.delete(request.ownerId);
      else this.#startingBy.set(request.ownerId, left);
    }
  }

  async #run(job: JobDoc, request: CaptureRequest, running: RunningJob): Promise<void> {
    const { controller, events } = running;
    let counts = emptyCounts();
    const startedAt = new Date();
    let flushed: Promise<unknown> = recordProgress(this.#db, job._id, { status: 'running', started_at: startedAt });
    const flush = async () => {
      const { cancelRequested } = await recordProgress(this.#db, job._id, { counts });
      if (cancelRequested) controller.abort();
    };
    const flushFailed = (e: unknown) => this.#logger?.warn({ err: e, job: job._id }, 'capture: could not record progress (retried at the next flush)');
    const timer = setInterval(() => {
      flushed = flushed.then(flush, flush).catch(flushFailed);
    }, FLUSH_INTERVAL_MS);
    let end: Partial<JobDoc> & { status: JobDoc['status'] };
    try {
      const result = await captureSite(request.sourceUrl, {
        fetcher: this.#fetcher,
        parser: this.#parser,
        limits: this.#config,
        slots: this.#slots,
        signal: controller.signal,
        maxProblems: MAX_JOB_PROBLEMS,
        browser: request.render ? this.#browserPass : undefined,
        log: (url, detail) => this.#logger?.debug({ job: job._id, url }, `capture: ${detail}`),
        onProgress: (c) => {
          counts = jobCounts(c);
          events.emit('progress', counts);
        },
      });
      counts = jobCounts(result.counts);
      const problems = { problems: result.problems, problem_count: result.problemCount };
      if (controller.signal.aborted) throw new CaptureFailed('cancelled', 'The capture was cancelled.');
      const files = { files: result.files, defaultFile: result.defaultFile };
      const { target } = request;
      const origin = captureOrigin(job);
      const page =
        target.action === 'create'
          ? await createPage(
              this.#db,
              this.#keyring,
              request.ownerId,
              { ...target.page, name: target.page.name ?? result.title, files, scriptShims: true, origin },
              this.#pageLimits,
            )
          : target.action === 'watch_run' && !(await target.changed(result))
            ? await getPage(this.#db, request.ownerId, target.pageId)
            : await replacePageFiles(this.#db, request.ownerId, target.pageId, files, this.#pageLimits, { origin, scriptShims: true });
      running.page = page;
      end = { status: 'done', page_id: page._id, counts, ...problems };
    } catch (e) {
      const failure = failureOf(e);
      // The job only says "try again": the cause is for the operator.
      if (failure.reason === 'error') this.#logger?.warn({ err: e, job: job._id }, 'capture: failed on an unexpected error');
      end = { status: failure.reason === 'cancelled' ? 'cancelled' : 'failed', error: failure, counts };
    } finally {
      clearInterval(timer);
    }
    await flushed.catch(flushFailed);
    // Whatever the database does now, waiters hear the end (a cancel() or stop() waits for it).
    const ended = { ...job, ...end, counts, started_at: startedAt, finished_at: new Date() };
    let finished: JobDoc | null = null;
    for (let attempt = 0; attempt < 3 && !finished; attempt++) {
      finished =
        (await finishJob(this.#db, job._id, { ...end, started_at: startedAt }).catch(() => null)) ??
        (await getJob(this.#db, job.owner_id, job._id).then(
          (doc) => (doc.finished_at ? doc : null),
          () => null,
        ));
    }
    running.ended = finished ?? ended;
    events.emit('end', running.ended);
  }

  /**
   * The job once it ends, or as it is after `ms`. Progress is reported as it happens for jobs on this
   * instance and at each poll for jobs elsewhere. Aborting `signal` cancels the job.
   */
  async wait(ownerId: string, jobId: string, ms: number, options: WaitOptions = {}): Promise<{ job: JobDoc; page?: PageDoc }> {
    const found = this.#running.get(jobId);
    const running = found?.ownerId === ownerId ? found : undefined;
    const onAbort = () => {
      void this.cancel(ownerId, jobId).catch(() => {});
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (running) return await this.#waitLocal(running, ownerId, jobId, ms, options);
      return { job: await this.#poll(ownerId, jobId, ms, options) };
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  async #waitLocal(running: RunningJob, ownerId: string, jobId: string, ms: number, options: WaitOptions): Promise<{ job: JobDoc; page?: PageDoc }> {
    const onProgress = (counts: JobCounts) => options.onProgress?.(counts);
    running.events.on('progress', onProgress);
    let timer: NodeJS.Timeout | undefined;
    try {
      const ended =
        running.ended ??
        (await new Promise<JobDoc | undefined>((resolve) => {
          running.events.once('end', resolve);
          timer = setTimeout(() => resolve(undefined), ms);
        }));
      if (ended) return { job: ended, page: running.page };
      return { job: await getJob(this.#db, ownerId, jobId) };
    } finally {
      clearTimeout(timer);
      running.events.off('progress', onProgress);
    }
  }

  async #poll(ownerId: string, jobId: string, ms: number, options: WaitOptions): Promise<JobDoc> {
    const deadline = Date.now() + ms;
    for (;;) {
      const job = await getJob(this.#db, ownerId, jobId);
      if (job.finished_at || Date.now() >= deadline || options.signal?.aborted) return job;
      options.onProgress?.(job.counts);
      await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_INTERVAL_MS, deadline - Date.now())));
    }
  }

  /** The title and visible text of a stored HTML document, read in a parse worker as a capture's are; throws ParseFailed. */
  async readText(body: Buffer, url: string): Promise<{ title?: string; text: string }> {
    const doc = await this.#parser.parse({ type: 'html', body, contentType: 'text/html; charset=utf-8', url });
    return { title: doc.title, text: doc.text ?? '' };
  }

  /** Cancels a job on whichever instance runs it; here at once, elsewhere at its next flush. */
  async cancel(ownerId: string, jobId: string): Promise<JobDoc> {
    const job = await requestCancel(this.#db, ownerId, jobId);
    const running = this.#running.get(jobId);
    if (!running) return job;
    running.controller.abort();
    return running.ended ?? new Promise((resolve) => running.events.once('end', resolve));
  }

  /** Stops every capture on this instance (they end as cancelled, their parses terminated), the parser, the fetcher and the browser. */
  async stop(): Promise<void> {
    clearInterval(this.#orphanSweep);
    const ends = [...this.#running.values()].map(
      (r) =>
        r.ended ??
        new Promise((resolve) => {
          r.events.once('end', resolve);
          r.controller.abort();
        }),
    );
    await Promise.all([...ends, this.#parser.close()]);
    await Promise.all([this.#fetcher.close(), this.#browserProcess?.close()]);
  }
}

/** How a capture's version is recorded: a capture of its URL, with the watch whose run it is when the job has one. */
function captureOrigin(job: Pick<JobDoc, '_id' | 'source_url' | 'watch_id'>): VersionOrigin {
  return {
    kind: 'capture',
    source_url: job.source_url,
    job_id: job._id,
    ...(typeof job.watch_id === 'string' ? { watch_id: job.watch_id } : {}),
  };
}
