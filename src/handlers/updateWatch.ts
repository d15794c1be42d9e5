import { defineHandler } from '../rest/operation.ts';
import { watchWithSecretView } from '../rest/watch-views.ts';

export default defineHandler('updateWatch', async ({ params, body, caller, app }) => {
  return { status: 200, body: watchWithSecretView(await app.watches.update(caller.user.id, params.watch_id, body)) };
});
