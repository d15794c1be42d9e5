import { deletePage } from '../pages/pages.ts';
import { defineHandler } from '../rest/operation.ts';

export default defineHandler('deletePage', async ({ params, caller, app }) => {
  await deletePage(app.db, caller.user.id, params.page_id);
  return { status: 204 };
});
