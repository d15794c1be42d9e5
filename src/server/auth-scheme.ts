// The `outpost` hapi auth scheme: `Authorization: Bearer <session JWT | op_ API token>`.
import type { Server } from '@hapi/hapi';
import { authenticateHeader, type CredentialServices } from '../auth/credentials.ts';

export function registerAuth(server: Server, app: CredentialServices): void {
  server.auth.scheme('outpost-bearer', () => ({
    authenticate: async (request, h) => {
      const caller = await authenticateHeader(app, request.headers.authorization as string | undefined);
      return h.authenticated({ credentials: { caller, user: { id: caller.user.id } } });
    },
  }));
  server.auth.strategy('outpost', 'outpost-bearer');
}
