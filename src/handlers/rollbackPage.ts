import { rollbackPage } from '../pages/pages.ts';
import { defineHandler } from '../rest/operation.ts';
import { pageReply } from '../rest/page-reply.ts';

export default defineHandler('rollbackPage', async ({ params, caller, app }) => {
  const page = await rollbackPage(app.db, caller.user.id, params.page_id, params.number, app.pageLimits);
  return { status: 200, body: pageReply(app, page) };
});
