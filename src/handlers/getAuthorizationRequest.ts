import Boom from '@hapi/boom';
import { describeRequest, InteractionNotFound } from '../oauth/interactions.ts';
import { defineHandler } from '../rest/operation.ts';

export default defineHandler('getAuthorizationRequest', async ({ params, caller, app }) => {
  try {
    return { status: 200, body: await describeRequest(await app.oauth.provider(), app.db, params.uid, caller.user.id) };
  } catch (err) {
    if (err instanceof InteractionNotFound) throw Boom.notFound(err.message);
    throw err;
  }
});
