// The `outpost` hapi auth scheme: `Authorization: Bearer <session JWT | op_ API token>`, and on /api routes
// only, the web app's browser session cookie (auth/browser-session.ts) when no Authorization header is sent.
// The MCP routes (/mcp, /sse, /mcp/message) use this strategy too and never take the cookie.
import type { Server } from '@hapi/hapi';
import { authenticateHeader, type CredentialServices } from '../auth/credentials.ts';
import { authenticateBrowserSession, type BrowserSessionArtifacts, type BrowserSessionServices } from '../auth/browser-session.ts';

const takesBrowserSession = (path: string) => path.startsWith('/api/');

export function registerAuth(server: Server, app: CredentialServices & BrowserSessionServices): void {
  server.auth.scheme('outpost-bearer', () => ({
    authenticate: async (request, h) => {
      const header = request.headers.authorization as string | undefined;
      if (header === undefined && takesBrowserSession(request.path)) {
        const browser = await authenticateBrowserSession(app, request);
        if (browser) {
          const artifacts: BrowserSessionArtifacts = { browserSession: browser };
          return h.authenticated({ credentials: { caller: browser.caller, user: { id: browser.caller.user.id } }, artifacts });
        }
      }
      const caller = await authenticateHeader(app, header);
      return h.authenticated({ credentials: { caller, user: { id: caller.user.id } } });
    },
  }));
  server.auth.strategy('outpost', 'outpost-bearer');
}
