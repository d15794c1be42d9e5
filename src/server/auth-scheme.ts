// The `outpost` hapi auth scheme: `Authorization: Bearer <session JWT | op_ API token>`.
// `outpost-optional` is the same check for routes with auth mode 'optional': a request without an
// Authorization header goes on unauthenticated, one with a bad header is still a 401.
import Boom from '@hapi/boom';
import type { Server } from '@hapi/hapi';
import { authenticateHeader, type CredentialServices } from '../auth/credentials.ts';

export function registerAuth(server: Server, app: CredentialServices): void {
  server.auth.scheme('outpost-bearer', (_server, options) => ({
    authenticate: async (request, h) => {
      const header = request.headers.authorization as string | undefined;
      // A message-less 401 is what hapi's 'optional' mode takes for "no credentials".
      if (header === undefined && (options as { absentIsMissing?: boolean } | undefined)?.absentIsMissing) throw Boom.unauthorized(null, 'Bearer');
      const caller = await authenticateHeader(app, header);
      return h.authenticated({ credentials: { caller, user: { id: caller.user.id } } });
    },
  }));
  server.auth.strategy('outpost', 'outpost-bearer');
  server.auth.strategy('outpost-optional', 'outpost-bearer', { absentIsMissing: true });
}
