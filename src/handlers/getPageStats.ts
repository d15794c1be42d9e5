import { getPage } from '../pages/pages.ts';
import { expiresAtMs, maxViewsOf, pageStatus, viewsLeft } from '../pages/page-end.ts';
import { readViewStats } from '../pages/view-stats.ts';
import { defineHandler } from '../rest/operation.ts';
import { timestamp } from '../rest/views.ts';

export default defineHandler('getPageStats', async ({ params, caller, app }) => {
  // Another user's page is a 404 before anything counted for it is read.
  const page = await getPage(app.db, caller.user.id, params.page_id);
  const stats = await readViewStats(app.db, page._id);
  const expires = expiresAtMs(page);
  return {
    status: 200,
    body: {
      page_id: page._id,
      status: pageStatus(page),
      total_views: stats.totalViews,
      views_last_30_days: stats.viewsLast30Days,
      unique_visitors_last_30_days: stats.uniqueVisitorsLast30Days,
      days: stats.days,
      email_opens: stats.emailOpens.map((o) => ({
        email: o.email,
        opens: o.opens,
        first_opened_at: timestamp(o.firstOpenedAt),
        last_opened_at: timestamp(o.lastOpenedAt),
      })),
      max_views: maxViewsOf(page),
      views_left: viewsLeft(page),
      expires_at: expires === Infinity ? null : timestamp(new Date(expires)),
    },
  };
});
