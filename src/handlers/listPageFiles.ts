import { listFiles } from '../pages/file-reader.ts';
import { getPage } from '../pages/pages.ts';
import { defineHandler } from '../rest/operation.ts';

export default defineHandler('listPageFiles', async ({ params, caller, app }) => {
  const page = await getPage(app.db, caller.user.id, params.page_id);
  const files = page.current_version ? await listFiles(app.db, page._id, page.current_version) : [];
  return {
    status: 200,
    body: { files: files.map((f) => ({ path: f.path, size: f.size, content_type: f.contentType })), count: files.length },
  };
});
