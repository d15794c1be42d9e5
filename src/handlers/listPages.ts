import { listPages } from '../pages/pages.ts';
import { defineHandler } from '../rest/operation.ts';
import { pageSummaryView } from '../rest/views.ts';

export default defineHandler('listPages', async ({ query, caller, app }) => {
  const { pages, nextCursor } = await listPages(app.db, caller.user.id, query.limit ?? 50, query.cursor);
  return { status: 200, body: { pages: pages.map((p) => pageSummaryView(p, app.config.publicUrl)), count: pages.length, next_cursor: nextCursor } };
});
