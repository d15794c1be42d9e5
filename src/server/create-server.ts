// The hapi server: logging, auth, the operation routes, the published contract, error shaping.
import Boom from '@hapi/boom';
import Hapi, { type Server } from '@hapi/hapi';
import hapiPino from 'hapi-pino';
import type { App } from '../app-context.ts';
import { InvalidInput, SignupRejected } from '../accounts/errors.ts';
import { RateLimitExceeded } from '../auth/rate-limit.ts';
import { registerAuth } from './auth.ts';
import { registerContractRoutes } from './contract.ts';
import { registerMcpRoutes } from '../mcp/http-transport.ts';
import { loadTools, TOOLS_DIR } from '../mcp/tools-registry.ts';
import { loadHandlers, registerOperations, type RouteOptions } from './routes.ts';

export interface ServerOptions extends RouteOptions {
  /** Where the MCP tool files live (tests use fixture folders). */
  toolsDir?: string;
}

export async function createServer(app: App, options: ServerOptions = {}): Promise<Server> {
  const server = Hapi.server({
    port: app.config.port,
    host: app.config.host,
    routes: {
      security: { hsts: false, xframe: 'deny', noSniff: true, referrer: 'no-referrer' },
      response: { emptyStatusCode: 204 },
    },
  });

  await server.register({
    plugin: hapiPino,
    options: {
      level: app.config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      ignorePaths: ['/healthz'],
    },
  });

  registerAuth(server, app);
  registerOperations(server, app, await loadHandlers(), options);
  registerContractRoutes(server, app.config.publicUrl);
  const tools = await loadTools(options.toolsDir ?? TOOLS_DIR);
  registerMcpRoutes(server, { app, tools: () => tools });

  server.ext('onPreResponse', (request, h) => {
    const response = request.response;
    if (response instanceof RateLimitExceeded) {
      const err = Boom.tooManyRequests(`Rate limit exceeded: ${response.limit} requests per window. Retry in ${response.retryAfterSeconds} s.`);
      err.output.headers['Retry-After'] = String(response.retryAfterSeconds);
      return err;
    }
    if (response instanceof InvalidInput) {
      const err = Boom.badRequest(response.message);
      (err.output.payload as Record<string, unknown>).validation = { source: 'payload', keys: [snakeCase(response.field)] };
      return err;
    }
    if (response instanceof SignupRejected) return Boom.badRequest(response.message);
    if (Boom.isBoom(response)) {
      response.output.headers['X-Request-Id'] = request.info.id;
      return h.continue;
    }
    response.header('X-Request-Id', request.info.id);
    return h.continue;
  });

  return server;
}

const snakeCase = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
