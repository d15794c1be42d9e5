// A capture as it runs: assets fetched of found, problems, and Cancel. It follows the job (getJob) until it
// ends, then hands the final job to `onEnd`.
import { useEffect, useState } from 'preact/hooks';
import { api, call, isApiError, type Schemas } from '../api.ts';
import { formatBytes, plural } from '../format.ts';
import { announce } from './status.tsx';

type Job = Schemas['Job'];
const POLL_MS = 700;
export const JOB_ENDED = new Set<Job['status']>(['done', 'failed', 'cancelled']);

/** What went wrong with a job, and the assets it could not fetch (open when there are few). */
export function JobProblems({ job }: { job: Job }) {
  return (
    <>
      {job.error && <p class="field-error">{job.error.message}</p>}
      {job.problem_count > 0 && (
        <details class="problems" open={job.problem_count <= 5}>
          <summary>{plural(job.problem_count, 'problem')}</summary>
          <ul>
            {job.problems.map((p) => (
              <li key={p.url}>
                <code>{p.url}</code>: {p.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

export function JobProgress({ job: initial, onEnd }: { job: Job; onEnd: (job: Job) => void }) {
  const [job, setJob] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  const [cancelling, setCancelling] = useState(false);

  useEffect(() => {
    if (JOB_ENDED.has(job.status)) {
      onEnd(job);
      return;
    }
    const timer = setTimeout(() => {
      call(api.GET('/api/jobs/{job_id}', { params: { path: { job_id: job.id } } }))
        .then(setJob)
        .catch((e: unknown) => setError(isApiError(e) ? e.message : String(e)));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job]);

  const cancel = async () => {
    setCancelling(true);
    try {
      setJob(await call(api.POST('/api/jobs/{job_id}/cancel', { params: { path: { job_id: job.id } } })));
      announce('Capture cancelled.');
    } catch (e) {
      setError(isApiError(e) ? e.message : String(e));
    } finally {
      setCancelling(false);
    }
  };

  const { counts } = job;
  const running = !JOB_ENDED.has(job.status);
  return (
    <div class="job-progress card" aria-busy={running}>
      <h2>Capturing {job.source_url}</h2>
      <p class="job-count" role="status">
        {job.status === 'pending' && 'Waiting to start…'}
        {job.status !== 'pending' && (
          <>
            {counts.assets_fetched} of {counts.assets_found} assets fetched · {formatBytes(counts.bytes)}
            {job.status === 'cancelled' && ' · cancelled'}
            {job.status === 'failed' && ' · failed'}
          </>
        )}
      </p>
      <progress
        max={Math.max(counts.assets_found, 1)}
        value={job.status === 'done' ? Math.max(counts.assets_found, 1) : counts.assets_fetched}
        aria-label="Capture progress"
      />
      <JobProblems job={job} />
      {error && <p class="field-error">{error}</p>}
      {running && (
        <button type="button" class="button danger" onClick={() => void cancel()} disabled={cancelling}>
          {cancelling ? 'Cancelling…' : 'Cancel capture'}
        </button>
      )}
    </div>
  );
}
