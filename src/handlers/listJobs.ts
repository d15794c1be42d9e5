import { listJobs } from '../capture/jobs.ts';
import { defineHandler } from '../rest/operation.ts';
import { jobView } from '../rest/views.ts';

export default defineHandler('listJobs', async ({ query, caller, app }) => {
  const { jobs, nextCursor } = await listJobs(app.db, caller.user.id, { limit: query.limit ?? 20, cursor: query.cursor, status: query.status });
  return { status: 200, body: { jobs: jobs.map(jobView), count: jobs.length, next_cursor: nextCursor } };
});
