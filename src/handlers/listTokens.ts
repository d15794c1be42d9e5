import { listTokens } from '../accounts/tokens.ts';
import { defineHandler } from '../rest/operation.ts';
import { tokenView } from '../rest/views.ts';

export default defineHandler('listTokens', async ({ caller, app }) => ({
  status: 200,
  body: { tokens: (await listTokens(app.db, caller.user.id)).map(tokenView) },
}));
