// One run of a watch: a capture job (action watch_run) of its source_url into its page, writing a new
// version only when the capture differs from the live version, and the signal that says what it found.
// A run that may not start now (the owner's request budget or capture limit is spent) is postponed.
import type { Db } from 'mongodb';
import { RateLimitExceeded, type RateLimits } from '../auth/rate-limit.ts';
import { TooManyJobs, type CaptureRunner } from '../capture/capture-runner.ts';
import { getPage, PageNotFound } from '../pages/pages.ts';
import { listFiles } from '../pages/file-store.ts';
import { streamFile } from '../pages/file-reader.ts';
import type { StoredFile } from '../pages/file-versions.ts';
import { MAX_PARSED_BYTES } from '../capture/capture-site.ts';
import { ParseFailed } from '../capture/document-parser.ts';
import { compareCapture, type Comparison } from './compare.ts';
import { newSignal, type SignalDoc } from './signals.ts';
import type { Baseline, WatchDoc } from './watches.ts';

/** How long a run waits before trying again when the owner already runs as many captures as allowed. */
const BUSY_RETRY_MS = 60_000;

export interface RunContext {
  db: Db;
  capture: CaptureRunner;
  limits: RateLimits;
  now: () => Date;
  /** The longest a run's capture is waited for (within the lease). */
  waitMs: number;
}

export type RunOutcome = { kind: 'ran'; signal: SignalDoc; baseline?: Baseline; pause?: boolean } | { kind: 'postponed'; delayMs: number; why: string };

export async function runWatch(ctx: RunContext, watch: WatchDoc): Promise<RunOutcome> {
  const signalOf = (fields: Pick<SignalDoc, 'job_id' | 'outcome' | 'changed' | 'score' | 'summary' | 'changes' | 'failure'>) =>
    newSignal({ owner_id: watch.owner_id, watch_id: watch._id, page_id: watch.page_id, created_at: ctx.now(), ...fields });
  const failed = (jobId: string | null, reason: string, message: string, httpStatus: number | null = null) =>
    signalOf({
      job_id: jobId,
      outcome: 'failed',
      changed: false,
      score: 0,
      summary: message,
      changes: null,
      failure: { reason, message, http_status: httpStatus },
    });

  try {
    await ctx.limits.consumeRequest(watch.owner_id);
  } catch (e) {
    if (e instanceof RateLimitExceeded) return { kind: 'postponed', delayMs: e.retryAfterSeconds * 1000, why: 'request budget spent' };
    throw e;
  }
  let comparison: Comparison | undefined;
  let jobId: string;
  try {
    const job = await ctx.capture.start({
      ownerId: watch.owner_id,
      sourceUrl: watch.source_url,
      target: {
        action: 'watch_run',
        pageId: watch.page_id,
        watchId: watch._id,
        // Compared with the version live now, just before the runner would write.
        changed: async (capture) => {
          const page = await getPage(ctx.db, watch.owner_id, watch.page_id);
          const live = page.current_version ? await listFiles(ctx.db, page._id, page.current_version) : [];
          comparison = compareCapture(capture, live, watch.baseline ?? (await liveBaseline(ctx, watch, live, page.default_file)));
          return comparison.changed;
        },
      },
    });
    jobId = job._id;
  } catch (e) {
    if (e instanceof TooManyJobs) return { kind: 'postponed', delayMs: BUSY_RETRY_MS, why: e.message };
    throw e;
  }
  const { job } = await ctx.capture.wait(watch.owner_id, jobId, ctx.waitMs);
  if (job.status === 'done' && comparison) {
    const c = comparison;
    const signal = signalOf({
      job_id: jobId,
      outcome: c.changed ? 'changed' : 'unchanged',
      changed: c.changed,
      score: c.score,
      summary: c.summary,
      changes: c.changes,
      failure: null,
    });
    return { kind: 'ran', signal, baseline: c.baseline };
  }
  const error = job.error ?? { reason: job.status === 'cancelled' ? 'cancelled' : 'timeout', message: `The capture did not finish (${job.status}).` };
  const httpStatus = 'http_status' in error && typeof error.http_status === 'number' ? error.http_status : null;
  // A deleted page ends the watch's runs until someone points it elsewhere (it is paused).
  const pageGone =
    error.reason === 'page-gone' ||
    (await getPage(ctx.db, watch.owner_id, watch.page_id).then(
      () => false,
      (e) => e instanceof PageNotFound,
    ));
  if (pageGone) return { kind: 'ran', signal: failed(jobId, 'page-gone', 'The page this watch writes into was deleted; the watch is paused.'), pause: true };
  return { kind: 'ran', signal: failed(jobId, error.reason, error.message, httpStatus) };
}

/**
 * Before a watch's first run, the text it compares with is the live version's: its page, read as a capture's
 * is. Null when there is none to read.
 */
async function liveBaseline(ctx: RunContext, watch: WatchDoc, live: StoredFile[], defaultFile: string): Promise<Baseline | null> {
  const page = live.find((f) => f.path === defaultFile && f.contentType.startsWith('text/html'));
  if (!page || page.size > MAX_PARSED_BYTES) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of streamFile(ctx.db, page)) chunks.push(chunk as Buffer);
  try {
    const { title, text } = await ctx.capture.readText(Buffer.concat(chunks), watch.source_url);
    return { title: title ?? null, text };
  } catch (e) {
    // A live page that can't be read (too deep, too slow) has no text to compare; a failed read of it fails the run.
    if (e instanceof ParseFailed) return null;
    throw e;
  }
}
