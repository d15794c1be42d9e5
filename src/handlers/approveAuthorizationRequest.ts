import Boom from '@hapi/boom';
import { approveRequest, InteractionNotFound, NothingChosen } from '../oauth/interactions.ts';
import { defineHandler } from '../rest/operation.ts';
import { NOT_STARTED_HERE } from '../oauth/consent-binding.ts';

export default defineHandler(
  'approveAuthorizationRequest',
  async ({ params, body, caller, app, request }) => {
    if (!app.oauth.consent.holds(request.raw.req.headers.cookie, String(params.uid))) throw Boom.forbidden(NOT_STARTED_HERE);
    try {
      return { status: 200, body: { redirect_to: await approveRequest(await app.oauth.provider(), app.db, params.uid, caller.user.id, body.scopes) } };
    } catch (err) {
      if (err instanceof InteractionNotFound) throw Boom.notFound(err.message);
      if (err instanceof NothingChosen) throw Boom.badRequest(err.message);
      throw err;
    }
  },
  { readsHttpExchange: true },
);
