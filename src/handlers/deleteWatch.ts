import { defineHandler } from '../rest/operation.ts';

export default defineHandler('deleteWatch', async ({ params, caller, app }) => {
  await app.watches.delete(caller.user.id, params.watch_id);
  return { status: 204 };
});
