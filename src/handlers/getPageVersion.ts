import { listFiles } from '../pages/file-reader.ts';
import { getPageVersion } from '../pages/pages.ts';
import { defineHandler } from '../rest/operation.ts';
import { versionDetailView } from '../rest/version-view.ts';

export default defineHandler('getPageVersion', async ({ params, caller, app }) => {
  const { page, version } = await getPageVersion(app.db, caller.user.id, params.page_id, params.number);
  const files = await listFiles(app.db, page._id, version._id);
  return { status: 200, body: await versionDetailView(app, page, version, files) };
});
