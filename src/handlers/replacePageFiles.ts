import { getPage, replacePageFiles } from '../pages/pages.ts';
import { captureInto } from '../rest/capture-reply.ts';
import { defineHandler } from '../rest/operation.ts';
import { pageContent } from '../rest/page-content.ts';
import { pageReply } from '../rest/page-reply.ts';

export default defineHandler('replacePageFiles', async ({ params, body, query, caller, app, request }) => {
  const content = pageContent(body);
  if (content.sourceUrl !== undefined) {
    await getPage(app.db, caller.user.id, params.page_id); // another user's page: 404 before any fetch
    await app.pageLimits.disk?.check();
    const outcome = await captureInto(app, request, { action: 'replace', pageId: params.page_id }, caller.user.id, content.sourceUrl, query.wait);
    return outcome.status === 'done' ? { status: 200, body: outcome.page } : { status: 202, body: outcome.body, headers: outcome.headers };
  }
  const page = await replacePageFiles(app.db, caller.user.id, params.page_id, content.files, app.pageLimits);
  return { status: 200, body: pageReply(app, page) };
});
