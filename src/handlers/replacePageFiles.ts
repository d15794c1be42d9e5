import { decryptAll, replacePageFiles } from '../pages/pages.ts';
import { defineHandler } from '../server/operation.ts';
import { inlineFiles } from '../server/page-content.ts';
import { pageView } from '../server/views.ts';

export default defineHandler('replacePageFiles', async ({ params, body, caller, app }) => {
  const page = await replacePageFiles(app.db, caller.user.id, params.page_id, inlineFiles(body), app.config.uploadLimitBytes);
  return { status: 200, body: pageView(page, app.config.publicUrl, decryptAll(app.keyring, page)) };
});
