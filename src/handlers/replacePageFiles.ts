import { defineHandler } from '../rest/operation.ts';
import { replacePageFrom } from '../rest/page-writes.ts';

export default defineHandler('replacePageFiles', async ({ params, body, query, caller, app, request }) =>
  replacePageFrom(app, request, caller.user.id, params.page_id, body, query.wait),
);
