// The `outpost` hapi auth scheme: `Authorization: Bearer <session JWT | op_ API token>`, and on /api routes
// only, the web app's browser session cookie (auth/browser-session.ts) when no Authorization header is sent.
// The MCP routes (/mcp, /sse, /mcp/message) use this strategy too and never take the cookie.
// `outpost-optional` is the same check for routes with auth mode 'optional': a request without an
// Authorization header goes on unauthenticated, one with a bad header is still a 401.
import Boom from '@hapi/boom';
import type { Server } from '@hapi/hapi';
import { authenticateHeader, type CredentialServices } from '../auth/credentials.ts';
import { authenticateBrowserSession, type BrowserSessionArtifacts, type BrowserSessionServices } from '../auth/browser-session.ts';

const takesBrowserSession = (path: string) => path.startsWith('/api/');

export function registerAuth(server: Server, app: CredentialServices & BrowserSessionServices): void {
  server.auth.scheme('outpost-bearer', (_server, options) => ({
    authenticate: async (request, h) => {
      const header = request.headers.authorization as string | undefined;
      if (header === undefined && takesBrowserSession(request.path)) {
        const browser = await authenticateBrowserSession(app, request);
        if (browser) {
          const artifacts: BrowserSessionArtifacts = { browserSession: browser };
          return h.authenticated({ credentials: { caller: browser.caller, user: { id: browser.caller.user.id } }, artifacts });
        }
      }
      // A message-less 401 is what hapi's 'optional' mode takes for "no credentials".
      if (header === undefined && (options as { absentIsMissing?: boolean } | undefined)?.absentIsMissing) throw Boom.unauthorized(null, 'Bearer');
      const caller = await authenticateHeader(app, header);
      return h.authenticated({ credentials: { caller, user: { id: caller.user.id } } });
    },
  }));
  server.auth.strategy('outpost', 'outpost-bearer');
  server.auth.strategy('outpost-optional', 'outpost-bearer', { absentIsMissing: true });
}
