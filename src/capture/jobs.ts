// Capture jobs: the `jobs` documents. A job is run by the instance that accepted it (see
// capture-runner.ts); the document is how every instance, the REST API and the MCP tools see it.
// Like pages, every read is scoped to the owner: another user's job id behaves like a missing one.
import type { Db, Filter } from 'mongodb';
import { randomId } from '../shared/ids.ts';
import { newestFirst } from '../shared/newest-first.ts';
import type { components } from '../generated/openapi.d.ts';

export const JOBS = 'jobs';
// The API's shapes (openapi.yaml), which the stored document keeps as they are.
type Schemas = components['schemas'];
export type JobStatus = Schemas['JobStatus'];
export type JobAction = Schemas['Job']['action'];
export type JobCounts = Schemas['JobCounts'];
export type JobProblem = Schemas['JobProblem'];

export interface JobDoc {
  _id: string;
  owner_id: string;
  action: JobAction;
  status: JobStatus;
  source_url: string;
  page_id: string | null;
  /** The watch a `watch_run` belongs to. */
  watch_id?: string | null;
  counts: JobCounts;
  problems: JobProblem[];
  problem_count: number;
  error: Schemas['Job']['error'];
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  /** Refreshed while the job runs; a running job whose heartbeat stops was orphaned by a stopped instance. */
  heartbeat_at: Date;
  /** Set by a cancel request on any instance; the running instance stops at its next heartbeat. */
  cancel_requested: boolean;
}

/** How many problems a job keeps (the count covers all of them). */
export const MAX_JOB_PROBLEMS = 20;
/** Finished jobs are kept this long. */
const JOB_RETENTION_SECONDS = 30 * 24 * 3600;

/** The caller has no capture job with that id (another user's job looks the same). */
export class JobNotFound extends Error {
  /** What an MCP tool result says instead. */
  readonly toolMessage = 'Job not found. Use outpost_list_jobs to see your capture jobs.';

  constructor() {
    super('Job not found. Use GET /api/jobs to see your capture jobs.');
  }
}

export class JobFinished extends Error {}

export const ACTIVE: JobStatus[] = ['pending', 'running'];

const jobs = (db: Db) => db.collection<JobDoc>(JOBS);

export async function ensureJobIndexes(db: Db): Promise<void> {
  await Promise.all([
    jobs(db).createIndex({ owner_id: 1, created_at: -1, _id: -1 }, { name: 'owner_newest_first' }),
    jobs(db).createIndex({ finished_at: 1 }, { name: 'finished_expiry', expireAfterSeconds: JOB_RETENTION_SECONDS }),
  ]);
}

export const emptyCounts = (): JobCounts => ({ assets_found: 0, assets_fetched: 0, assets_skipped: 0, assets_failed: 0, assets_external: 0, bytes: 0 });

export async function insertJob(
  db: Db,
  ownerId: string,
  action: JobAction,
  sourceUrl: string,
  pageId: string | null,
  watchId: string | null = null,
): Promise<JobDoc> {
  const now = new Date();
  const job: JobDoc = {
    _id: randomId('', 12),
    owner_id: ownerId,
    action,
    status: 'pending',
    source_url: sourceUrl,
    page_id: pageId,
    watch_id: watchId,
    counts: emptyCounts(),
    problems: [],
    problem_count: 0,
    error: null,
    created_at: now,
    started_at: null,
    finished_at: null,
    heartbeat_at: now,
    cancel_requested: false,
  };
  await jobs(db).insertOne(job);
  return job;
}

export async function countActiveJobs(db: Db, ownerId: string): Promise<number> {
  return jobs(db).countDocuments({ owner_id: ownerId, status: { $in: ACTIVE } });
}

export async function getJob(db: Db, ownerId: string, jobId: string): Promise<JobDoc> {
  const job = await jobs(db).findOne({ _id: jobId, owner_id: ownerId });
  if (!job) throw new JobNotFound();
  return job;
}

/** Progress of a running job; answers whether a cancel was requested meanwhile. */
export async function recordProgress(db: Db, jobId: string, set: Partial<JobDoc>): Promise<{ cancelRequested: boolean }> {
  const job = await jobs(db).findOneAndUpdate(
    { _id: jobId, status: { $in: ACTIVE } },
    { $set: { ...set, heartbeat_at: new Date() } },
    { returnDocument: 'after', projection: { cancel_requested: 1 } },
  );
  return { cancelRequested: job?.cancel_requested ?? true };
}

/** The job's final state; a job that already ended (e.g. cancelled meanwhile) keeps its own. */
export async function finishJob(db: Db, jobId: string, set: Partial<JobDoc> & { status: JobStatus }): Promise<JobDoc | null> {
  const now = new Date();
  return jobs(db).findOneAndUpdate(
    { _id: jobId, status: { $in: ACTIVE } },
    { $set: { ...set, finished_at: now, heartbeat_at: now } },
    { returnDocument: 'after' },
  );
}

/** Asks the instance running the job to stop it; a job that already ended is a JobFinished. */
export async function requestCancel(db: Db, ownerId: string, jobId: string): Promise<JobDoc> {
  const job = await jobs(db).findOneAndUpdate(
    { _id: jobId, owner_id: ownerId, status: { $in: ACTIVE } },
    { $set: { cancel_requested: true } },
    { returnDocument: 'after' },
  );
  if (job) return job;
  const ended = await getJob(db, ownerId, jobId);
  throw new JobFinished(`The job already ended (${ended.status}).`);
}

/** Jobs whose instance stopped without finishing them end as failed. */
export async function failOrphanedJobs(db: Db, staleBefore: Date): Promise<number> {
  const now = new Date();
  const res = await jobs(db).updateMany(
    { status: { $in: ACTIVE }, heartbeat_at: { $lt: staleBefore } },
    {
      $set: {
        status: 'failed',
        error: { reason: 'interrupted', message: 'The server running this capture stopped before it finished; start it again.' },
        finished_at: now,
      },
    },
  );
  return res.modifiedCount;
}

export async function listJobs(
  db: Db,
  ownerId: string,
  options: { limit: number; cursor?: string; status?: JobStatus },
): Promise<{ jobs: JobDoc[]; nextCursor: string | null }> {
  const filter: Filter<JobDoc> = { owner_id: ownerId };
  if (options.status) filter.status = options.status;
  const { items, nextCursor } = await newestFirst(jobs(db), filter, options.limit, options.cursor);
  return { jobs: items, nextCursor };
}
