import { decryptAll, getPage } from '../pages/pages.ts';
import { defineHandler } from '../server/operation.ts';
import { pageView } from '../server/views.ts';
import { previewUrl } from '../pages/preview.ts';

export default defineHandler('getPage', async ({ params, caller, app }) => {
  const page = await getPage(app.db, caller.user.id, params.page_id);
  return { status: 200, body: pageView(page, app.config.publicUrl, decryptAll(app.keyring, page), previewUrl(app.keys.jwt, app.config.publicUrl, page)) };
});
