import { createToken } from '../accounts/tokens.ts';
import { defineHandler } from '../rest/operation.ts';
import { tokenView } from '../rest/views.ts';

export default defineHandler('createToken', async ({ body, caller, app }) => {
  const { token, record } = await createToken(app.db, caller.user.id, { name: body.name, scopes: body.scopes });
  return { status: 201, body: { ...tokenView(record), token } };
});
