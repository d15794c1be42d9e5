import { defineHandler } from '../rest/operation.ts';
import { signalView } from '../rest/watch-views.ts';

export default defineHandler('listSignals', async ({ query, caller, app }) => {
  const { signals, nextCursor } = await app.watches.signals(caller.user.id, { watchId: query.watch_id, limit: query.limit ?? 20, cursor: query.cursor });
  return { status: 200, body: { signals: signals.map(signalView), count: signals.length, next_cursor: nextCursor } };
});
