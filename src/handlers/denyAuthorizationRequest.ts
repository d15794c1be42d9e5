import Boom from '@hapi/boom';
import { denyRequest, InteractionNotFound } from '../oauth/interactions.ts';
import { defineHandler } from '../rest/operation.ts';

export default defineHandler('denyAuthorizationRequest', async ({ params, app }) => {
  try {
    return { status: 200, body: { redirect_to: await denyRequest(app.oauth.provider, params.uid) } };
  } catch (err) {
    if (err instanceof InteractionNotFound) throw Boom.notFound(err.message);
    throw err;
  }
});
