import { defineHandler } from '../rest/operation.ts';
import { watchWithSecretView } from '../rest/watch-views.ts';

export default defineHandler('createWatch', async ({ body, caller, app }) => {
  return { status: 201, body: watchWithSecretView(await app.watches.create(caller.user.id, body)) };
});
