// PUT /api/pages/{page_id}: updatePage's change, also taking form fields (`curl -X PUT -F passcodes=…`).
import { uploadOf } from '../rest/multipart.ts';
import { defineHandler } from '../rest/operation.ts';
import { updatePageFrom } from '../rest/page-writes.ts';
import { validationError } from '../rest/validation.ts';

export default defineHandler('updatePageSettings', async ({ params, body, caller, app }) => {
  if (uploadOf(body)) throw validationError('payload', "This changes a page's settings; replace its files with POST /api/pages/{page_id}/files", ['file']);
  return updatePageFrom(app, caller.user.id, params.page_id, body);
});
