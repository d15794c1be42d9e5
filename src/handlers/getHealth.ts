import Boom from '@hapi/boom';
import { defineHandler } from '../rest/operation.ts';

export default defineHandler('getHealth', async ({ app }) => {
  try {
    await app.db.command({ ping: 1 });
  } catch {
    throw Boom.serverUnavailable('The database does not answer');
  }
  return { status: 200, body: { status: 'ok' as const } };
});
