// POST /api/uploads/{upload_token}: the upload a one-time link was made for, as its owner.
import { checkUploadLink, claimUploadLink, finishUploadLink, releaseUploadLink } from '../pages/upload-links.ts';
import { defineHandler } from '../rest/operation.ts';
import { createPageFrom, replacePageFrom } from '../rest/page-writes.ts';

export default defineHandler(
  'uploadWithLink',
  async ({ params, body, query, app, request }) => {
    const link = await claimUploadLink(app, params.upload_token);
    let reply;
    try {
      reply =
        link.target.action === 'create'
          ? await createPageFrom(app, request, link.userId, link.target.page, body, query.wait)
          : await replacePageFrom(app, request, link.userId, link.target.pageId, body, query.wait);
    } catch (e) {
      await releaseUploadLink(app, link.id);
      throw e;
    }
    // The content is stored (or its capture started): the link is used up, even if answering fails.
    await finishUploadLink(app, link.id);
    return reply;
  },
  {
    // Before the upload is read: a bad link costs no body, and a good one a request of its owner's budget.
    async beforeBody(request, app) {
      const { userId } = await checkUploadLink(app, request.params.upload_token);
      await app.limits.consumeRequest(userId);
    },
  },
);
