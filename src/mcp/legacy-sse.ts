// MCP's legacy HTTP+SSE transport (spec 2024-11-05): GET /mcp opens the event stream, POST
// /mcp/message carries the client's messages (legacy-message.ts).
//
// A client opens a long-lived event stream (GET /mcp without session or protocol-version header,
// dispatched here by the Streamable HTTP route; or GET /sse) with its credential. Each stream is one
// session, keyed by a random UUID and bound to that credential (legacy-sessions.ts); its first event
// is `endpoint`, the absolute URL to POST messages to, whose session id is the capability to post.
// The JSON-RPC answers arrive on the stream as `event: message` (legacy-transport.ts). A session
// lives in the process that holds its stream and ends with it.
//
// Limits, as on Streamable HTTP: MAX_STREAMS_PER_USER open streams per user, each opening one
// request of the user's budget; a stream whose client does not read it is closed once
// MAX_BUFFERED_BYTES of answers wait for it, which ends its session.
import Boom from '@hapi/boom';
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import type { Services } from '../services.ts';
import type { Caller } from '../auth/caller.ts';
import { authenticateHeader, bearerCredential } from '../auth/credentials.ts';
import { clientAddress } from '../shared/client-address.ts';
import { claimStreamSlot, TOO_MANY_STREAMS } from './http-transport.ts';
import { registerLegacyMessages } from './legacy-message.ts';
import { addLegacySession, legacySessionsOf, maskSessionId } from './legacy-sessions.ts';
import { KEEP_ALIVE_MS, LegacySseTransport } from './legacy-transport.ts';
import { mcpServerModule } from './mcp-server-on-demand.ts';
import { checkOriginAndHost } from './origin.ts';
import { SSE_HEADERS } from './sse.ts';
import type { LoadedTool } from './tools-registry.ts';

export interface LegacyDeps {
  app: Services;
  tools: () => readonly LoadedTool[];
  /** Base of the absolute `endpoint` URL (read when a stream opens), without a trailing slash. */
  publicUrl: string;
  /** Quiet time after which a stream gets `event: ping`; default {@link KEEP_ALIVE_MS}. */
  keepAliveMs?: number;
  /** Unsent bytes a stream may hold before it is closed; default MAX_BUFFERED_BYTES. */
  maxBufferedBytes?: number;
}

function authenticatedCaller(request: Request): Caller | undefined {
  if (!request.auth.isAuthenticated) return undefined;
  return (request.auth.credentials as { caller?: Caller } | null)?.caller;
}

const CORS = { origin: ['*'], additionalExposedHeaders: ['www-authenticate'] };

/**
 * Opens a legacy SSE session on `request`'s response and returns `h.abandon`. On a route without
 * the `outpost` auth strategy the Authorization header is checked here. Refusals (401, 403 for a
 * foreign Origin/Host, 429 past the user's open streams or request budget) are thrown as Boom
 * errors before anything is written.
 */
export async function openLegacyStream(request: Request, h: ResponseToolkit, deps: LegacyDeps): Promise<symbol> {
  checkOriginAndHost(deps.app.config, request);
  const header = request.headers.authorization as string | undefined;
  const caller = authenticatedCaller(request) ?? (await authenticateHeader(deps.app, header));
  // Only credentials injected without a header (server.inject) lack one; posts could not re-check them.
  const bearer = bearerCredential(header);
  if (!bearer) throw Boom.unauthorized('A stream needs an Authorization header');
  const { req, res } = request.raw;
  const origin = request.headers.origin;
  const headers: Record<string, string> = { 'X-Request-Id': request.info.id };
  if (typeof origin === 'string' && origin) Object.assign(headers, { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' });
  if (request.method === 'head') {
    res.writeHead(200, { ...SSE_HEADERS, ...headers });
    res.end();
    return h.abandon;
  }
  const release = claimStreamSlot(caller.user.id);
  if (!release) throw Boom.tooManyRequests(TOO_MANY_STREAMS);
  let createMcpServer: Awaited<ReturnType<typeof mcpServerModule>>['createMcpServer'];
  try {
    // Opening a stream is a request, as a Streamable HTTP GET stream is.
    await deps.app.limits.consumeRequest(caller.user.id);
    ({ createMcpServer } = await mcpServerModule());
  } catch (e) {
    release();
    throw e;
  }
  req.socket.setTimeout(0);
  req.socket.setNoDelay(true);

  const transport = new LegacySseTransport(res, {
    endpointBase: deps.publicUrl.replace(/\/+$/, ''),
    keepAliveMs: deps.keepAliveMs ?? KEEP_ALIVE_MS,
    maxBufferedBytes: deps.maxBufferedBytes,
    headers,
  });
  transport.onClosed(release);
  const mcp = createMcpServer({
    hapi: request.server,
    app: deps.app,
    tools: deps.tools(),
    caller,
    // The HTTP+SSE transport is 2024-11-05's.
    protocolVersion: '2024-11-05',
    remoteAddress: clientAddress(request, deps.app.config),
  });
  addLegacySession({ app: deps.app, opener: caller, bearer, transport });
  transport.onClosed(() => void mcp.close());
  request.log(['mcp', 'legacy'], `legacy SSE session ${maskSessionId(transport.sessionId)} opened`);
  await mcp.connect(transport);
  return h.abandon;
}

/** GET /sse (an alias of the legacy GET /mcp) and POST /mcp/message; needs the `outpost` and `outpost-optional` auth strategies. */
export function registerLegacySse(server: Server, deps: LegacyDeps): void {
  server.route({
    method: 'GET',
    path: '/sse',
    options: {
      auth: 'outpost',
      tags: ['mcp'],
      cors: CORS,
      timeout: { socket: false },
      handler: (request, h) => openLegacyStream(request, h, deps),
    },
  });
  registerLegacyMessages(server, deps.app, CORS);

  // Open streams would hold server.stop() until its timeout.
  server.ext('onPreStop', async () => {
    await Promise.all(legacySessionsOf(deps.app).map((s) => s.transport.close()));
  });
}
