import { listVersions } from '../pages/file-store.ts';
import { getPage } from '../pages/pages.ts';
import { defineHandler } from '../rest/operation.ts';
import { versionViews } from '../rest/version-view.ts';

export default defineHandler('listPageVersions', async ({ params, caller, app }) => {
  const page = await getPage(app.db, caller.user.id, params.page_id);
  const versions = await versionViews(app, page, await listVersions(app.db, page._id));
  return { status: 200, body: { versions, count: versions.length } };
});
