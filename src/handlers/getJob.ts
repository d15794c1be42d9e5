import { getJob } from '../capture/jobs.ts';
import { defineHandler } from '../rest/operation.ts';
import { jobView } from '../rest/views.ts';

export default defineHandler('getJob', async ({ params, caller, app }) => {
  return { status: 200, body: jobView(await getJob(app.db, caller.user.id, params.job_id)) };
});
