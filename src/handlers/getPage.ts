import { getPage } from '../pages/pages.ts';
import { defineHandler } from '../rest/operation.ts';
import { pageReply } from '../rest/page-reply.ts';

export default defineHandler('getPage', async ({ params, caller, app }) => {
  const page = await getPage(app.db, caller.user.id, params.page_id);
  return { status: 200, body: pageReply(app, page) };
});
