import Boom from '@hapi/boom';
import { revokeConnectedApp } from '../oauth/connected-apps.ts';
import { defineHandler } from '../rest/operation.ts';

export default defineHandler('revokeConnectedApp', async ({ params, caller, app }) => {
  if (!(await revokeConnectedApp(await app.oauth.provider(), app.db, caller.user.id, params.app_id))) {
    throw Boom.notFound('Connected app not found. Use GET /api/connected-apps to see yours.');
  }
  app.credentials.forgetCredential(`grant:${params.app_id}`);
  return { status: 204 };
});
