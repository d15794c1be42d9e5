import { defineHandler } from '../rest/operation.ts';
import { watchView } from '../rest/watch-views.ts';

export default defineHandler('getWatch', async ({ params, caller, app }) => {
  return { status: 200, body: watchView(await app.watches.get(caller.user.id, params.watch_id)) };
});
