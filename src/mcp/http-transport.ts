// MCP over Streamable HTTP on the hapi server (POST, GET and DELETE /mcp). This module,
// exchange-transport.ts and the legacy-*.ts modules are the only ones that know how messages travel, so a move to the SDK's
// next major stays a contained swap.
//
// - Without a session header, POST /mcp answers each JSON-RPC message on its own (the
//   single round-trip endpoint of Outpost's MCP contract): no initialize is needed, and JSON-only clients get JSON.
// - `initialize` opens a session: its id (Mcp-Session-Id) is signed and bound to the user, and its
//   state is in MongoDB, so it survives restarts and works on every instance.
// - Responses are JSON unless the request asks for progress and the client accepts SSE; SSE
//   events carry ids (`<stream>_<seq>`) stored in MongoDB, so a client resumes with Last-Event-ID.
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import Boom from '@hapi/boom';
import { JSONRPCMessageSchema, type JSONRPCMessage, type RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { Services } from '../services.ts';
import type { Caller } from '../auth/caller.ts';
import { clientAddress } from '../shared/client-address.ts';
import { eventsAfter, newStreamId, parseEventId, storeEvent } from './events.ts';
import { ExchangeTransport } from './exchange-transport.ts';
import { flightKey, inFlight } from './in-flight.ts';
import { mcpServerModule } from './mcp-server-on-demand.ts';
import type { ModernMcp } from './modern-transport.ts';
import { modernMcpOnDemand } from './modern-on-demand.ts';
import type { StandaloneStreams } from './notify.ts';
import { checkOriginAndHost } from './origin.ts';
import { createSession, deleteSession, findSession, sessionIsLive, type McpSession } from './sessions.ts';
import { SseStream } from './sse.ts';
import { jsonRpcError, PARSE_ERROR, protocolVersionRefusal, refusal } from './transport-refusals.ts';
import type { LoadedTool } from './tools-registry.ts';
import { installToolCallLane, laneBudgetRefusal } from './tool-call-lane.ts';
import { insufficientScope } from './step-up.ts';

const RESUME_POLL_MS = 200;
/** A GET stream re-checks that its session still exists this often (a DELETE ends it). */
const SESSION_RECHECK_MS = 5_000;
/** JSON-RPC messages in one POST, on this transport and the legacy one. */
export const MAX_BATCH = 50;
/** Long-lived streams (GET /mcp, and legacy GET /sse) one user may hold open in this process. */
export const MAX_STREAMS_PER_USER = 10;
/** Every open SSE response in this process, ended when the server stops. */
const openStreams = new Set<SseStream>();
const streamsPerUser = new Map<string, number>();

/**
 * Takes one of `userId`'s stream slots: returns the function that gives it back (call it once, when
 * the stream ends), or undefined when all slots are taken.
 */
export function claimStreamSlot(userId: string): (() => void) | undefined {
  const open = streamsPerUser.get(userId) ?? 0;
  if (open >= MAX_STREAMS_PER_USER) return undefined;
  streamsPerUser.set(userId, open + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const n = (streamsPerUser.get(userId) ?? 1) - 1;
    if (n > 0) streamsPerUser.set(userId, n);
    else streamsPerUser.delete(userId);
  };
}

export const TOO_MANY_STREAMS = `Too many open streams: at most ${MAX_STREAMS_PER_USER} per user. Close one of your open streams and retry.`;

/** The JSON-RPC error for a POST with no message or more than {@link MAX_BATCH}; undefined when the size is fine. */
export function batchSizeError(count: number): ReturnType<typeof jsonRpcError> | undefined {
  return count === 0 || count > MAX_BATCH ? jsonRpcError(-32600, `Invalid Request: send 1 to ${MAX_BATCH} JSON-RPC messages`) : undefined;
}

export interface McpHttpDeps {
  app: Services;
  tools: () => readonly LoadedTool[];
  /** Sessions with a GET stream open in this process (for server-initiated notifications). */
  streams: StandaloneStreams;
  /** Opens a legacy (2024-11-05) HTTP+SSE stream for a GET /mcp without session or version headers. */
  openLegacyStream?: (request: Request, h: ResponseToolkit) => Promise<symbol>;
}

type Message = JSONRPCMessage & {
  id?: RequestId;
  method?: string;
  params?: { requestId?: RequestId; _meta?: { progressToken?: unknown }; [key: string]: unknown };
};

/** What the server wiring may tell the MCP endpoint. */
export interface McpEndpoint {
  /** The tool list changed: tell the clients that listen. */
  toolsChanged(): void;
}

export function registerMcpRoutes(server: Server, deps: McpHttpDeps): McpEndpoint {
  const cors = {
    origin: ['*'],
    additionalHeaders: ['mcp-session-id', 'mcp-protocol-version', 'last-event-id', 'mcp-method', 'mcp-name'],
    additionalExposedHeaders: ['mcp-session-id', 'www-authenticate'],
  };
  const modern = modernMcpOnDemand(deps.app.config.publicUrl, (error) => server.log(['mcp', 'error'], error.message));
  server.ext('onPreStop', () => modern.endStreams());
  server.ext('onPostStop', () => modern.close());
  const common = { auth: 'outpost' as const, tags: ['mcp'], cors };

  server.route({
    method: 'POST',
    path: '/mcp',
    options: {
      ...common,
      payload: {
        allow: ['application/json'],
        // A body hapi could not parse as JSON; a wrong type (415) or size (413) stays what it is.
        failAction: (_request, _h, err) => {
          throw Boom.isBoom(err) && err.output.statusCode === 400 ? refusal(400, PARSE_ERROR, 'Parse error: Invalid JSON') : err;
        },
      },
      handler: (request, h) => handlePost(server, deps, modern, request, h),
    },
  });
  server.route({ method: 'GET', path: '/mcp', options: { ...common, handler: (request, h) => handleGet(deps, request, h) } });
  server.route({ method: 'DELETE', path: '/mcp', options: { ...common, handler: (request, h) => handleDelete(deps, request, h) } });
  installToolCallLane(server, deps);
  return { toolsChanged: () => modern.toolsChanged() };
}

function callerOf(request: Request): Caller {
  return (request.auth.credentials as { caller: Caller }).caller;
}

function header(request: Request, name: string): string | undefined {
  const v = request.headers[name];
  return typeof v === 'string' && v ? v : undefined;
}

async function sessionFor(deps: McpHttpDeps, request: Request): Promise<McpSession | null | undefined> {
  const id = header(request, 'mcp-session-id');
  if (!id) return undefined;
  return findSession(deps.app.db, deps.app.keys.signing, id, callerOf(request).user.id);
}

function sessionNotFound(h: ResponseToolkit) {
  return h.response(jsonRpcError(-32001, 'Session not found: it was deleted or never existed. Initialize a new session.')).code(404);
}

function checkVersionHeader(request: Request): void {
  const payload = request.payload as { id?: unknown } | undefined;
  const id = payload && !Array.isArray(payload) && (typeof payload.id === 'string' || typeof payload.id === 'number') ? payload.id : null;
  const refused = protocolVersionRefusal(header(request, 'mcp-protocol-version'), id);
  if (refused) throw refused;
}

async function handlePost(server: Server, deps: McpHttpDeps, modern: ModernMcp, request: Request, h: ResponseToolkit) {
  checkOriginAndHost(deps.app.config, request);
  // A request with the revision's envelope gets the SDK's answer to a version it does not serve.
  if (!hasEnvelope(request.payload)) checkVersionHeader(request);
  if (await modern.claims(request)) return serveModern(server, deps, modern, request, h);
  const { createMcpServer } = await mcpServerModule();
  const payload = lenientInitialize(request.payload);
  const messages = (Array.isArray(payload) ? payload : [payload]) as Message[];
  const sizeError = batchSizeError(messages.length);
  if (sizeError) return h.response(sizeError).code(400);
  const invalid = messages.find((m) => !JSONRPCMessageSchema.safeParse(m).success);
  if (invalid !== undefined) {
    const id = (invalid as { id?: unknown })?.id;
    return h
      .response(jsonRpcError(-32600, 'Invalid Request: not a JSON-RPC 2.0 message', typeof id === 'string' || typeof id === 'number' ? id : null))
      .code(400);
  }
  const ids = messages.filter((m) => m.method !== undefined && m.id !== undefined).map((m) => `${typeof m.id}:${m.id}`);
  if (new Set(ids).size !== ids.length) return h.response(jsonRpcError(-32600, 'Invalid Request: request ids in a batch must differ')).code(400);
  const initializing = messages.some((m) => m.method === 'initialize');
  if (initializing && messages.length > 1) return h.response(jsonRpcError(-32600, 'Invalid Request: initialize must be sent alone')).code(400);

  const caller = callerOf(request);
  const stepUp = insufficientScope(messages, deps.tools(), caller, deps.app.config.publicUrl);
  if (stepUp) throw stepUp;
  // Tool calls spend the budget on the REST route they run through; everything else spends it here.
  if (!messages.some((m) => m.method === 'tools/call')) await deps.app.limits.consumeRequest(caller.user.id);
  const session = initializing ? undefined : await sessionFor(deps, request);
  if (session === null) return sessionNotFound(h);
  const flightScope = session?._id ?? caller.user.id;

  const requests = messages.filter((m) => m.method !== undefined && m.id !== undefined);
  const pending = new Set(requests.map((m) => m.id as RequestId));
  const responses: JSONRPCMessage[] = [];
  let stream: SseStream | undefined;
  let streamId: string | undefined;
  let seq = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));

  const settle = (id: RequestId) => {
    pending.delete(id);
    if (pending.size === 0) done();
  };
  const deliver = async (message: JSONRPCMessage, related: RequestId | undefined) => {
    const m = message as Message;
    const answers = m.method === undefined && m.id !== undefined && pending.has(m.id);
    if (stream) {
      const id = session && streamId ? await storeEvent(deps.app.db, session._id, streamId, ++seq, message) : undefined;
      stream.send({ id, event: 'message', data: JSON.stringify(message) });
    } else if (answers) {
      responses.push(message);
    } else if (related === undefined || !pending.has(related)) {
      return; // Unrelated server-to-client messages have no channel in a JSON reply.
    }
    if (answers) settle(m.id!);
  };

  const transport = new ExchangeTransport(deliver, session?._id);
  // A cancelled request gets no response (the spec says so); stop waiting for it.
  transport.onCancelled = (id) => {
    if (pending.has(id)) settle(id);
  };
  const mcp = createMcpServer({
    hapi: server,
    app: deps.app,
    tools: deps.tools(),
    caller,
    session: session ?? undefined,
    protocolVersion: session?.protocol_version ?? header(request, 'mcp-protocol-version'),
    remoteAddress: clientAddress(request, deps.app.config),
  });
  await mcp.connect(transport);
  // A client that goes away gets no answer: stop waiting, so nothing is held for it.
  request.raw.res.once('close', () => {
    pending.clear();
    done();
  });
  const extra = { requestInfo: { headers: request.headers as Record<string, string> } };

  if (requests.length === 0) {
    for (const m of messages) {
      const target = m.method === 'notifications/cancelled' ? inFlight.get(flightKey(flightScope, m.params?.requestId)) : undefined;
      (target ?? transport).receive(m, extra);
    }
    await mcp.close();
    return h.response().code(202);
  }
  const keys = requests.map((m) => flightKey(flightScope, m.id as RequestId));
  for (const key of keys) inFlight.set(key, transport);
  void finished.finally(() => keys.forEach((key) => inFlight.get(key) === transport && inFlight.delete(key)));

  const accept = header(request, 'accept') ?? '';
  const wantsProgress = requests.some((m) => m.params?._meta?.progressToken !== undefined);
  if (wantsProgress && accept.includes('text/event-stream')) {
    // Streamed: progress notifications go out as they happen, the response last.
    stream = track(new SseStream(request.raw.res, corsHeaders(request)));
    if (session) {
      streamId = newStreamId();
      stream.send({ id: await storeEvent(deps.app.db, session._id, streamId, 0, null), retry: 1000, data: '' });
    }
    stream.onClose(() => void mcp.close());
    for (const m of messages) transport.receive(m, extra);
    await finished;
    stream.end();
    await mcp.close();
    return h.abandon;
  }

  for (const m of messages) transport.receive(m, extra);
  await finished;
  // Closing after the reply is on its way keeps the abort bookkeeping off the response path.
  setImmediate(() => void mcp.close());
  // Every request was cancelled: there is nothing to answer.
  if (responses.length === 0) return h.response().code(202);
  const body = Array.isArray(payload) ? responses : responses[0];
  const response = h
    .response(body as object)
    .code(200)
    .type('application/json');
  if (initializing) {
    const result = (responses[0] as { result?: { protocolVersion?: string } }).result;
    if (result?.protocolVersion) {
      response.header('Mcp-Session-Id', await createSession(deps.app.db, deps.app.keys.signing, caller.user.id, result.protocolVersion));
    }
  }
  return response;
}

function hasEnvelope(payload: unknown): boolean {
  const meta = (payload as { params?: { _meta?: Record<string, unknown> } } | null)?.params?._meta;
  return Boolean(meta && typeof meta === 'object' && 'io.modelcontextprotocol/protocolVersion' in meta);
}

/**
 * A 2026-07-28 request: the same refusals as the 2025 transports (scope step-up, budget, stream slots), then
 * the SDK. Every message pays one request of the budget here, a refused one too; the REST routes it runs
 * through don't pay again.
 */
async function serveModern(server: Server, deps: McpHttpDeps, modern: ModernMcp, request: Request, h: ResponseToolkit) {
  const caller = callerOf(request);
  const message = request.payload as Message;
  const stepUp = insufficientScope([message], deps.tools(), caller, deps.app.config.publicUrl);
  if (stepUp) throw stepUp;
  const refused = laneBudgetRefusal(request.raw.req);
  if (refused) throw refused.error;
  await deps.app.limits.consumeRequest(caller.user.id);
  let release: (() => void) | undefined;
  if (message.method === 'subscriptions/listen') {
    release = claimStreamSlot(caller.user.id);
    if (!release) return h.response(jsonRpcError(-32000, TOO_MANY_STREAMS, message.id ?? null)).code(429);
  }
  const ctx = { hapi: server, app: deps.app, tools: deps.tools(), caller, remoteAddress: clientAddress(request, deps.app.config), prepaid: true };
  return modern.serve(request, h, ctx, { cors: corsHeaders(request), onEnd: release });
}

async function handleGet(deps: McpHttpDeps, request: Request, h: ResponseToolkit) {
  checkOriginAndHost(deps.app.config, request);
  const sessionHeader = header(request, 'mcp-session-id');
  if (!sessionHeader && !header(request, 'mcp-protocol-version') && deps.openLegacyStream) {
    return deps.openLegacyStream(request, h);
  }
  checkVersionHeader(request);
  if (!sessionHeader) {
    return h
      .response(jsonRpcError(-32000, 'Method not allowed: a GET stream needs an Mcp-Session-Id (initialize first)'))
      .code(405)
      .header('Allow', 'POST, DELETE');
  }
  const session = await sessionFor(deps, request);
  if (!session) return sessionNotFound(h);
  const accept = header(request, 'accept') ?? '';
  if (!accept.includes('text/event-stream')) {
    return h.response(jsonRpcError(-32000, 'Not Acceptable: a GET stream is text/event-stream')).code(406);
  }

  const release = claimStreamSlot(session.user_id);
  if (!release) return h.response(jsonRpcError(-32000, TOO_MANY_STREAMS)).code(429);
  try {
    await deps.app.limits.consumeRequest(session.user_id);
  } catch (e) {
    release();
    throw e;
  }

  const lastEventId = header(request, 'last-event-id');
  const resumeFrom = lastEventId ? parseEventId(lastEventId) : null;
  // A new standalone stream, or the rest of an earlier stream after Last-Event-ID.
  const streamId = resumeFrom?.streamId ?? standaloneStreamId(session._id);
  let seq = resumeFrom?.seq ?? Number.MAX_SAFE_INTEGER;
  if (request.raw.res.destroyed) {
    release();
    return h.abandon;
  }
  const stream = track(new SseStream(request.raw.res, corsHeaders(request)));
  const forget = resumeFrom ? () => {} : deps.streams.add(session._id);
  stream.onClose(() => {
    forget();
    release();
  });
  const earlier = await eventsAfter(deps.app.db, session._id, streamId, -1);
  if (!resumeFrom) {
    // Only messages from now on: start after the newest stored event.
    seq = earlier.length ? earlier[earlier.length - 1].seq : 0;
  } else if (earlier.some((e) => e.seq <= seq && isResponse(e.message))) {
    // The client already has the response that ended this stream: nothing more will come.
    stream.end();
    return h.abandon;
  }
  let recheckAt = Date.now() + SESSION_RECHECK_MS;
  while (stream.isOpen) {
    for (const event of await eventsAfter(deps.app.db, session._id, streamId, seq)) {
      seq = event.seq;
      if (event.message === null) continue;
      stream.send({ id: event._id, event: 'message', data: JSON.stringify(event.message) });
      // A resumed request stream ends once its response is replayed.
      if (resumeFrom && isResponse(event.message)) {
        stream.end();
        return h.abandon;
      }
    }
    if (Date.now() >= recheckAt) {
      recheckAt = Date.now() + SESSION_RECHECK_MS;
      if (!(await sessionIsLive(deps.app.db, session._id))) break;
    }
    await new Promise((resolve) => setTimeout(resolve, RESUME_POLL_MS));
  }
  stream.end();
  return h.abandon;
}

function track(stream: SseStream): SseStream {
  openStreams.add(stream);
  stream.onClose(() => openStreams.delete(stream));
  return stream;
}

/** Ends this process's SSE responses, so a graceful stop does not wait for long-lived streams. */
export function endOpenStreams(): void {
  for (const stream of openStreams) stream.end();
  openStreams.clear();
}

async function handleDelete(deps: McpHttpDeps, request: Request, h: ResponseToolkit) {
  checkOriginAndHost(deps.app.config, request);
  if (!header(request, 'mcp-session-id')) return h.response(jsonRpcError(-32000, 'Bad Request: Mcp-Session-Id header is required')).code(400);
  const session = await sessionFor(deps, request);
  if (!session) return sessionNotFound(h);
  await deleteSession(deps.app.db, session._id);
  return h.response().code(204);
}

/** The stream id of a session's standalone GET stream (stable, so events can be addressed to it). */
export function standaloneStreamId(sessionId: string): string {
  return `${sessionId
    .replace(/[^A-Za-z0-9_-]/g, '')
    .padEnd(12, '0')
    .slice(0, 11)}g`;
}

function isResponse(message: unknown): boolean {
  const m = message as Message | null;
  return Boolean(m && m.method === undefined && m.id !== undefined);
}

function corsHeaders(request: Request): Record<string, string> {
  const origin = header(request, 'origin');
  return origin ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'Mcp-Session-Id, WWW-Authenticate', Vary: 'Origin' } : {};
}

/**
 * Outpost's MCP contract allows `initialize` with empty params; the SDK requires protocolVersion, capabilities
 * and clientInfo. Missing ones are filled in (a client that names no version gets 2024-11-05).
 */
export function lenientInitialize(payload: unknown): unknown {
  const fill = (message: unknown) => {
    if (!message || typeof message !== 'object' || (message as { method?: unknown }).method !== 'initialize') return message;
    const params = ((message as { params?: Record<string, unknown> }).params ?? {}) as Record<string, unknown>;
    return {
      ...message,
      params: {
        protocolVersion: '2024-11-05',
        capabilities: {},
        clientInfo: { name: 'unknown-client', version: '0' },
        ...params,
      },
    };
  };
  return Array.isArray(payload) ? payload.map(fill) : fill(payload);
}
