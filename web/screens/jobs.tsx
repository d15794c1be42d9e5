// Recent captures: status, counts, problems and the page each made; refreshed while any is running, and a
// running one can be cancelled.
import { useEffect, useState } from 'preact/hooks';
import { api, call, isApiError, type Schemas } from '../api.ts';
import { FormError } from '../components/form.tsx';
import { JOB_ENDED, JobProblems } from '../components/job-progress.tsx';
import { announce } from '../components/status.tsx';
import { formatBytes, formatDateTime, formatRelative } from '../format.ts';
import { pathTo } from '../router.ts';
import '../styles/account.css';

type Job = Schemas['Job'];
const POLL_MS = 1500;
const ACTION: Record<Job['action'], string> = { create: 'new page', replace: 'new files', watch_run: 'watch run' };
const BADGE: Record<Job['status'], string> = { pending: 'shared', running: 'shared', done: 'public', failed: 'failed', cancelled: 'private' };

export function Jobs() {
  const [jobs, setJobs] = useState<Job[] | undefined>();
  const [error, setError] = useState<string | undefined>();

  const load = () =>
    call(api.GET('/api/jobs', { params: { query: { limit: 50 } } }))
      .then((list) => setJobs(list.jobs))
      .catch((e: unknown) => setError(isApiError(e) ? e.message : String(e)));
  useEffect(() => void load(), []);
  const running = jobs?.some((job) => !JOB_ENDED.has(job.status));
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [running]);

  const cancel = async (job: Job) => {
    try {
      await call(api.POST('/api/jobs/{job_id}/cancel', { params: { path: { job_id: job.id } } }));
      announce('Capture cancelled.');
      await load();
    } catch (e) {
      setError(isApiError(e) ? e.message : String(e));
    }
  };

  return (
    <section aria-labelledby="jobs-title">
      <h1 id="jobs-title" tabIndex={-1}>
        Jobs
      </h1>
      <p class="muted">Captures of a page from its URL, newest first.</p>
      <FormError message={error} />
      {jobs === undefined && !error && <p class="muted">Loading…</p>}
      {jobs?.length === 0 && (
        <p class="empty card">
          No capture yet. <a href={pathTo('publish')}>Capture a page from its URL</a>.
        </p>
      )}
      {jobs && jobs.length > 0 && (
        <ul class="item-list">
          {jobs.map((job) => (
            <li class="card item" key={job.id}>
              <div class="item-main">
                <h3 class="mono">{job.source_url}</h3>
                <p>
                  <span class={`badge ${BADGE[job.status]}`}>{job.status}</span> {ACTION[job.action]} ·{' '}
                  <span class="job-counts">
                    {job.counts.assets_fetched} of {job.counts.assets_found} assets fetched · {formatBytes(job.counts.bytes)}
                  </span>
                </p>
                <JobProblems job={job} />
                <p class="muted">
                  Started <time title={formatDateTime(job.created_at)}>{formatRelative(job.created_at)}</time>
                  {job.duration_ms !== null && ` · took ${(job.duration_ms / 1000).toFixed(1)} s`}
                  {job.page_id && (
                    <>
                      {' · '}
                      <a href={pathTo('page', { page_id: job.page_id })}>the page</a>
                    </>
                  )}
                </p>
              </div>
              {!JOB_ENDED.has(job.status) && (
                <button type="button" class="button danger small" onClick={() => void cancel(job)}>
                  Cancel<span class="visually-hidden"> the capture of {job.source_url}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
