// Creating or replacing a page from a `source_url`: start the capture job, wait for it up to the
// request's `wait`, and answer with the page (done), the job to poll (still running) or a 422 (failed).
import Boom from '@hapi/boom';
import type { Request } from '@hapi/hapi';
import type { Services } from '../services.ts';
import type { CaptureRequest } from '../capture/capture-runner.ts';
import type { JobCounts, JobDoc } from '../capture/jobs.ts';
import { checkSourceUrl } from '../capture/source-url.ts';
import { getPage, type PageDoc } from '../pages/pages.ts';
import { callExtras } from './call-extras.ts';
import { pageReply } from './page-reply.ts';
import { validationError } from './validation.ts';
import { jobView } from './views.ts';

export const DEFAULT_CAPTURE_WAIT_SECONDS = 60;

export type CaptureOutcome =
  | { status: 'done'; page: ReturnType<typeof pageReply> & { job: ReturnType<typeof jobView> } }
  | { status: 'running'; body: { job: ReturnType<typeof jobView>; message: string }; headers: Record<string, string> };

export async function captureInto(
  app: Services,
  request: Request,
  target: CaptureRequest['target'],
  ownerId: string,
  { sourceUrl, render }: { sourceUrl: string; render?: boolean },
  waitSeconds = DEFAULT_CAPTURE_WAIT_SECONDS,
): Promise<CaptureOutcome> {
  checkSourceUrl(sourceUrl, app.config.capture);
  const browser = app.config.capture.browser !== undefined;
  if (render && !browser) {
    throw validationError('payload', 'render: true needs the browser pass, which this server does not have (its CAPTURE_BROWSER is not set)', ['render']);
  }
  const started = await app.capture.start({ ownerId, sourceUrl, target, render: render ?? browser });
  const extras = callExtras(request);
  const { job, page } = await app.capture.wait(ownerId, started._id, waitSeconds * 1000, {
    signal: extras.signal,
    onProgress:
      extras.progress &&
      throttled((c) => {
        const done = c.assets_fetched + c.assets_skipped + c.assets_failed;
        extras.progress!(done, c.assets_found, `Capturing ${sourceUrl}: ${done} of ${c.assets_found} assets`);
      }),
  });
  const view = jobView(job);
  if (job.status === 'done') {
    const doc: PageDoc = page ?? (await getPage(app.db, ownerId, job.page_id!));
    return { status: 'done', page: { ...pageReply(app, doc), job: view } };
  }
  if (job.status === 'failed' || job.status === 'cancelled') throw captureFailed(job);
  return {
    status: 'running',
    body: { job: view, message: `Still capturing after ${waitSeconds} s. Poll GET /api/jobs/${job._id} (outpost_get_job) for the result.` },
    headers: { location: `${app.config.publicUrl}/api/jobs/${job._id}` },
  };
}

/** Progress notifications at most every PROGRESS_INTERVAL_MS (a capture may count thousands of assets), and the last one. */
const PROGRESS_INTERVAL_MS = 100;

function throttled(report: (counts: JobCounts) => void): (counts: JobCounts) => void {
  let last = 0;
  return (counts) => {
    const now = Date.now();
    const finished = counts.assets_fetched + counts.assets_skipped + counts.assets_failed === counts.assets_found;
    if (!finished && now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    report(counts);
  };
}

function captureFailed(job: JobDoc): Boom.Boom {
  const message = job.error?.message ?? `The capture ${job.status === 'cancelled' ? 'was cancelled' : 'failed'}.`;
  return Boom.badData(`${message} (job ${job._id}; ${job.action === 'create' ? 'no page was created' : 'the page was not changed'})`);
}
