// Following a capture job until it ends, with its progress as it goes; an abort cancels it on the server.
import type { OutpostClient } from './client.ts';
import { OutpostError, unwrap } from './errors.ts';
import type { components } from './generated/openapi.ts';

export type Job = components['schemas']['Job'];

const ENDED: ReadonlySet<Job['status']> = new Set(['done', 'failed', 'cancelled']);

export function jobEnded(job: Job): boolean {
  return ENDED.has(job.status);
}

export interface WaitForJobOptions {
  /** Called with the job as first read and each time it is read again (its `counts` grow as assets arrive). */
  onProgress?: (job: Job) => void;
  /** Aborting cancels the job on the server, and the wait returns the job as it ended. */
  signal?: AbortSignal;
  /** Between two reads of the job (default 500 ms). */
  intervalMs?: number;
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

async function cancel(client: OutpostClient, jobId: string): Promise<Job> {
  try {
    return await unwrap(client.POST('/api/jobs/{job_id}/cancel', { params: { path: { job_id: jobId } } }));
  } catch (error) {
    // 409: it ended on its own meanwhile.
    if (error instanceof OutpostError && error.statusCode === 409) return getJob(client, jobId);
    throw error;
  }
}

function getJob(client: OutpostClient, jobId: string): Promise<Job> {
  return unwrap(client.GET('/api/jobs/{job_id}', { params: { path: { job_id: jobId } } }));
}

/** Reads the job until it is done, failed or cancelled, and returns it as it ended. */
export async function waitForJob(client: OutpostClient, jobId: string, options: WaitForJobOptions = {}): Promise<Job> {
  const { signal, onProgress, intervalMs = 500 } = options;
  for (;;) {
    const job = signal?.aborted ? await cancel(client, jobId) : await getJob(client, jobId);
    onProgress?.(job);
    if (jobEnded(job)) return job;
    await pause(intervalMs, signal);
  }
}
