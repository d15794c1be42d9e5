import { defineHandler } from '../rest/operation.ts';
import { watchView } from '../rest/watch-views.ts';

export default defineHandler('listWatches', async ({ query, caller, app }) => {
  const { watches, nextCursor } = await app.watches.list(caller.user.id, query.limit ?? 20, query.cursor);
  return { status: 200, body: { watches: watches.map(watchView), count: watches.length, next_cursor: nextCursor } };
});
