import { shownUsedBytes } from '../pages/storage-quota.ts';
import { defineHandler } from '../rest/operation.ts';
import { userView } from '../rest/views.ts';

export default defineHandler('getMe', async ({ caller, app }) => ({
  status: 200,
  body: {
    user: userView(caller.user),
    auth: { kind: caller.kind, scopes: caller.scopes, ...(caller.tokenId ? { token_id: caller.tokenId } : {}) },
    storage: { used_bytes: await shownUsedBytes(app.db, caller.user.id), limit_bytes: app.pageLimits.quotaBytes },
  },
}));
