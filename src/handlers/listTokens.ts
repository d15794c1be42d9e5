import { listTokens } from '../accounts/tokens.ts';
import { defineHandler } from '../server/operation.ts';
import { tokenView } from '../server/views.ts';

export default defineHandler('listTokens', async ({ caller, app }) => ({
  status: 200,
  body: { tokens: (await listTokens(app.db, caller.user.id)).map(tokenView) },
}));
