// The hapi server: logging, auth, the operation routes, the published contract, error shaping.
import Boom from '@hapi/boom';
import Hapi, { type Request, type Server } from '@hapi/hapi';
import hapiPino from 'hapi-pino';
import type { Services } from '../services.ts';
import { clientAddress } from '../shared/client-address.ts';
import { answerRequestTimeouts, createLimitedListener } from './connection-limits.ts';
import { logClientDisconnectsAsInfo } from './client-disconnects.ts';
import { logOutput } from './log-output.ts';
import { withoutUploadToken } from '../pages/upload-links.ts';
import { registerAuth } from './auth-scheme.ts';
import { methodNotAllowed } from './method-not-allowed.ts';
import { isToolCall } from '../rest/call-extras.ts';
import { toHttpError } from '../rest/http-errors.ts';
import { registerContractRoutes } from '../rest/contract.ts';
import { registerPageServing } from '../serve/routes.ts';
import { registerWebApp } from '../webapp/routes.ts';
import { withoutGrant } from '../serve/grant.ts';
import { registerMcpRoutes } from '../mcp/http-transport.ts';
import { openLegacyStream, registerLegacySse, type LegacyDeps } from '../mcp/legacy-sse.ts';
import { endOpenStreams, standaloneStreamId } from '../mcp/http-transport.ts';
import { StandaloneStreams } from '../mcp/notify.ts';
import { asJsonRpcRefusal } from '../mcp/transport-refusals.ts';
import { ToolRegistry, TOOLS_DIR } from '../mcp/tools-registry.ts';
import { loadHandlers, registerOperations, registerScopeAndBudgetCheck, type RouteOptions } from '../rest/routes.ts';
import { registerOAuthRoutes } from '../oauth/routes.ts';
import { withResourceMetadata } from '../oauth/resource.ts';

export interface ServerOptions extends RouteOptions {
  /** Where the MCP tool files live (tests use fixture folders). */
  toolsDir?: string;
  /** Development: reload tools/ on change and tell connected clients (notifications/tools/list_changed). */
  watchTools?: boolean;
  /** Bundle the web app as the server starts instead of on its first visit (npm start). */
  warmWebApp?: boolean;
  /** Where the log goes instead of stdout (tests read it). */
  logStream?: NodeJS.WritableStream;
}

/** A request path as logs show it: access grants and upload-link tokens (bearer credentials) masked. */
const loggedPath = (path: string) => withoutUploadToken(withoutGrant(path));

export async function createServer(app: Services, options: ServerOptions = {}): Promise<Server> {
  const server = Hapi.server({
    port: app.config.port,
    host: app.config.host,
    listener: createLimitedListener(app.config.connections, app.config),
    routes: {
      security: { hsts: false, xframe: 'deny', noSniff: true, referrer: 'no-referrer' },
      response: { emptyStatusCode: 204 },
      // The listener's REQUEST_TIMEOUT_SECONDS bounds how long a body may take; hapi's own 10 s would cut off
      // a large upload on a slow link.
      payload: { timeout: false },
    },
  });

  answerRequestTimeouts(server.listener);

  const logStream = options.logStream ?? logOutput(app.config.logFormat);

  await server.register({
    plugin: hapiPino,
    options: {
      level: app.config.logLevel,
      // hapi-pino types `stream` as a process stream; pino only needs write().
      stream: logStream as NodeJS.WriteStream,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'res.headers.location'],
        // A redirect's Location is worth logging, but not a page's access grant in it.
        censor: (value: unknown, path: string[]) => (path.at(-1) === 'location' && typeof value === 'string' ? withoutGrant(value) : '[Redacted]'),
      },
      ignorePaths: ['/healthz'],
      // hapi-pino's own line, with a page's access grant or an upload link masked.
      customRequestCompleteMessage: (request: Request, responseTime: number) =>
        `[response] ${request.method} ${loggedPath(request.path)} ${request.raw.res.headersSent ? request.raw.res.statusCode : '-'} (${responseTime}ms)`,
      // A few fields instead of the whole request: serializing it for every request's child logger
      // was a measurable share of each call (bench/mcp). The Authorization header is never logged.
      getChildBindings: (request: Request) => ({
        req: { id: request.info.id, method: request.method, url: loggedPath(request.path) },
        client: clientAddress(request, app.config),
      }),
    },
  });

  logClientDisconnectsAsInfo(server.listener, server.logger);
  registerOAuthRoutes(server, app.oauth, () => app.config);
  registerAuth(server, app);
  registerScopeAndBudgetCheck(server, app);
  registerOperations(server, app, await loadHandlers(), options);
  registerContractRoutes(server, () => app.config.publicUrl);
  registerPageServing(server, app);
  const webApp = registerWebApp(server, {
    publicUrl: () => app.config.publicUrl,
    publicUrlExplicit: app.config.publicUrlExplicit,
    consentCookie: async (request, uid) =>
      app.oauth.consent.cookieFor(await app.oauth.provider(), request.raw.req, request.raw.res, uid, app.config.publicUrl.startsWith('https:')),
    rebuildOnReload: options.watchTools,
  });
  if (options.warmWebApp) {
    server.ext('onPostStart', () => void webApp.warm().catch((error: Error) => server.logger.error(`web app not bundled: ${error.message}`)));
  }
  const registry = await ToolRegistry.load(options.toolsDir ?? TOOLS_DIR);
  const streams = new StandaloneStreams();
  const legacy: LegacyDeps = {
    app,
    tools: () => registry.current,
    get publicUrl() {
      return app.config.publicUrl;
    },
  };
  const mcp = registerMcpRoutes(server, {
    app,
    tools: () => registry.current,
    streams,
    openLegacyStream: (request, h) => openLegacyStream(request, h, legacy),
  });
  registerLegacySse(server, legacy);
  server.ext('onPreStop', () => endOpenStreams());
  if (options.watchTools) {
    registry.watch(
      (tools) => {
        server.logger.info(`tools/ changed: ${tools.length} tools (${tools.map((t) => t.name).join(', ')})`);
        void streams.broadcast(app.db, standaloneStreamId, { jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
        mcp.toolsChanged();
      },
      (error) => server.logger.error(`tools/ not reloaded: ${error.message}`),
    );
    server.events.on('stop', () => registry.close());
  }

  server.ext('onPreResponse', (request, h) => {
    const response = asJsonRpcRefusal(
      request,
      pointToAuthorization(
        request,
        methodNotAllowed(server, request) ??
          toHttpError(request.response, { allowedTypes: request.route.settings.payload?.allow, toolCall: isToolCall(request) }),
        app.config.publicUrl,
      ),
    );
    if (Boom.isBoom(response)) {
      response.output.headers['X-Request-Id'] = request.info.id;
      return response === request.response ? h.continue : response;
    }
    response.header('X-Request-Id', request.info.id);
    return h.continue;
  });

  return server;
}

const PROTECTED_PATHS = /^\/(mcp|sse|mcp\/message|api\/.*)$/;

/**
 * A 401 from the MCP endpoints or the API names the protected resource's metadata in its challenge, so an
 * OAuth client discovers where to sign in (RFC 9728).
 */
function pointToAuthorization<T>(request: Request, response: T, publicUrl: string): T {
  if (Boom.isBoom(response) && response.output.statusCode === 401 && PROTECTED_PATHS.test(request.path)) {
    const headers = response.output.headers as Record<string, string | undefined>;
    headers['WWW-Authenticate'] = withResourceMetadata(headers['WWW-Authenticate'], publicUrl);
  }
  return response;
}
