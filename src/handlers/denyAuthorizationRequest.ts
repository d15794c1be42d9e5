import Boom from '@hapi/boom';
import { denyRequest, InteractionNotFound } from '../oauth/interactions.ts';
import { defineHandler } from '../rest/operation.ts';
import { NOT_STARTED_HERE } from '../oauth/consent-binding.ts';

export default defineHandler(
  'denyAuthorizationRequest',
  async ({ params, app, request }) => {
    if (!app.oauth.consent.holds(request.raw.req.headers.cookie, String(params.uid))) throw Boom.forbidden(NOT_STARTED_HERE);
    try {
      return { status: 200, body: { redirect_to: await denyRequest(await app.oauth.provider(), params.uid) } };
    } catch (err) {
      if (err instanceof InteractionNotFound) throw Boom.notFound(err.message);
      throw err;
    }
  },
  { readsHttpExchange: true },
);
