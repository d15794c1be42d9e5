import { defineHandler } from '../server/operation.ts';
import { userView } from '../server/views.ts';

export default defineHandler('getMe', async ({ caller }) => ({
  status: 200,
  body: {
    user: userView(caller.user),
    auth: { kind: caller.kind, scopes: caller.scopes, ...(caller.tokenId ? { token_id: caller.tokenId } : {}) },
  },
}));
