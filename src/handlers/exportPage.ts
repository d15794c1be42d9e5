import { exportZip } from '../pages/export.ts';
import { getPage } from '../pages/pages.ts';
import { defineHandler } from '../rest/operation.ts';

export default defineHandler(
  'exportPage',
  async ({ params, caller, app }) => {
    const page = await getPage(app.db, caller.user.id, params.page_id);
    return {
      status: 200,
      stream: exportZip(app.db, page),
      headers: { 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="${page._id}.zip"` },
    };
  },
  { readsHttpExchange: true },
);
