import { defineHandler } from '../rest/operation.ts';
import { jobView } from '../rest/views.ts';

export default defineHandler('cancelJob', async ({ params, caller, app }) => {
  return { status: 200, body: jobView(await app.capture.cancel(caller.user.id, params.job_id)) };
});
