import { decryptAll, getPage } from '../pages/pages.ts';
import { defineHandler } from '../rest/operation.ts';
import { pageView } from '../rest/views.ts';
import { previewUrl } from '../serve/preview.ts';

export default defineHandler('getPage', async ({ params, caller, app }) => {
  const page = await getPage(app.db, caller.user.id, params.page_id);
  return { status: 200, body: pageView(page, app.config.publicUrl, decryptAll(app.keyring, page), previewUrl(app.keys.jwt, app.config.publicUrl, page)) };
});
