import { decryptAll, replacePageFiles } from '../pages/pages.ts';
import { defineHandler } from '../server/operation.ts';
import { pageContent } from '../server/page-content.ts';
import { pageView } from '../server/views.ts';
import { previewUrl } from '../pages/preview.ts';

export default defineHandler('replacePageFiles', async ({ params, body, caller, app }) => {
  const page = await replacePageFiles(app.db, caller.user.id, params.page_id, pageContent(body), app.config.uploadLimitBytes);
  return { status: 200, body: pageView(page, app.config.publicUrl, decryptAll(app.keyring, page), previewUrl(app.keys.jwt, app.config.publicUrl, page._id)) };
});
