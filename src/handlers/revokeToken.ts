import Boom from '@hapi/boom';
import { revokeToken } from '../accounts/tokens.ts';
import { defineHandler } from '../rest/operation.ts';

export default defineHandler('revokeToken', async ({ params, caller, app }) => {
  if (!(await revokeToken(app.db, caller.user.id, params.token_id))) {
    throw Boom.notFound('Token not found. Use GET /api/tokens to see your tokens.');
  }
  app.credentials.forgetToken(params.token_id);
  return { status: 204 };
});
