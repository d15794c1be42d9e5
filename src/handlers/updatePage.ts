import { defineHandler } from '../rest/operation.ts';
import { updatePageFrom } from '../rest/page-writes.ts';

export default defineHandler('updatePage', async ({ params, body, caller, app }) => updatePageFrom(app, caller.user.id, params.page_id, body));
