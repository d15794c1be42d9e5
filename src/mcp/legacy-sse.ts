// MCP's legacy HTTP+SSE transport (spec 2024-11-05), as the seed documents it under
// "GET /mcp + POST /mcp/message (SSE)".
//
// A client opens a long-lived event stream (GET /mcp without session or protocol-version header,
// dispatched here by the Streamable HTTP route; or GET /sse). Each stream is one session, keyed by a
// random UUID and bound to the authenticated user; its first event is `endpoint`, the absolute URL
// to POST messages to. A POST is answered 202 {"status":"accepted"} and the JSON-RPC response
// arrives on the stream as `event: message`. A quiet stream gets `event: ping` keep-alives. A
// session lives in the process that holds its stream and ends with it.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import Boom from '@hapi/boom';
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { JSONRPCMessageSchema, type JSONRPCMessage, type MessageExtraInfo } from '@modelcontextprotocol/sdk/types.js';
import type { App } from '../app-context.ts';
import { authenticateHeader, type Caller } from '../server/auth.ts';
import { clientAddress } from '../server/client-address.ts';
import { lenientInitialize } from './http-transport.ts';
import { createMcpServer } from './mcp-server.ts';
import { checkOriginAndHost } from './origin.ts';
import { SSE_HEADERS } from './sse.ts';
import type { LoadedTool } from './tools-registry.ts';

export interface LegacyDeps {
  app: App;
  tools: () => readonly LoadedTool[];
  /** Base of the absolute `endpoint` URL (read when a stream opens), without a trailing slash. */
  publicUrl: string;
  /** Quiet time after which a stream gets `event: ping`; default {@link KEEP_ALIVE_MS}. */
  keepAliveMs?: number;
}

export const KEEP_ALIVE_MS = 30_000;
/** Same limit as the SDK's own SSE server transport. */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

interface Session {
  app: App;
  userId: string;
  /** The credential that opened the stream (an API token id, or "session" for a JWT): only it may post. */
  credential: string;
  transport: LegacySseTransport;
}

/** Open sessions of every Outpost in this process; a lookup also checks the session's App. */
const sessions = new Map<string, Session>();

/**
 * One SSE stream as an SDK transport: `send` writes `event: message`, POSTed messages come in
 * through `deliver`. Closing either side ends both.
 */
export class LegacySseTransport implements Transport {
  readonly sessionId = randomUUID();
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport['onmessage'];

  readonly #res: ServerResponse;
  readonly #endpoint: string;
  readonly #keepAliveMs: number;
  readonly #headers: Record<string, string>;
  readonly #closed: (() => void)[] = [];
  #timer: NodeJS.Timeout | undefined;
  #started = false;
  #ended = false;

  constructor(res: ServerResponse, options: { endpointBase: string; keepAliveMs: number; headers?: Record<string, string> }) {
    this.#res = res;
    this.#endpoint = `${options.endpointBase}/mcp/message?session_id=${this.sessionId}`;
    this.#keepAliveMs = options.keepAliveMs;
    this.#headers = options.headers ?? {};
    res.on('close', () => this.#teardown());
    if (res.destroyed) this.#teardown();
  }

  get closed(): boolean {
    return this.#ended;
  }

  /** Runs once when the stream ends, whichever side ends it. */
  onClosed(listener: () => void): void {
    if (this.#ended) listener();
    else this.#closed.push(listener);
  }

  async start(): Promise<void> {
    if (this.#started) throw new Error('LegacySseTransport already started');
    this.#started = true;
    if (this.#ended) return;
    this.#res.writeHead(200, { ...SSE_HEADERS, ...this.#headers });
    this.#write('endpoint', this.#endpoint);
    this.#timer = setInterval(() => this.#write('ping', ''), this.#keepAliveMs);
    this.#timer.unref();
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.#ended || !this.#started) throw new Error('Not connected');
    this.#write('message', JSON.stringify(message));
  }

  /** Hands a POSTed message to the MCP server. */
  deliver(message: JSONRPCMessage, extra?: MessageExtraInfo): void {
    this.onmessage?.(message, extra);
  }

  async close(): Promise<void> {
    this.#teardown();
  }

  #write(event: string, data: string): void {
    const lines = data === '' ? 'data:\n' : data.split(/\r\n|\r|\n/).map((line) => `data: ${line}\n`).join('');
    this.#res.write(`event: ${event}\n${lines}\n`);
    // Any event counts as traffic: the next ping is due a full interval after it.
    this.#timer?.refresh();
  }

  #teardown(): void {
    if (this.#ended) return;
    this.#ended = true;
    clearInterval(this.#timer);
    if (!this.#res.writableEnded) this.#res.end();
    for (const listener of this.#closed.splice(0)) listener();
    this.onclose?.();
  }
}

function authenticatedCaller(request: Request): Caller | undefined {
  if (!request.auth.isAuthenticated) return undefined;
  return (request.auth.credentials as { caller?: Caller } | null)?.caller;
}

const CORS = { origin: ['*'], additionalExposedHeaders: ['www-authenticate'] };

/**
 * Opens a legacy SSE session on `request`'s response and returns `h.abandon`. On a route without
 * the `outpost` auth strategy the Authorization header is checked here. Refusals (401, 403 for a
 * foreign Origin/Host) are thrown as Boom errors before anything is written.
 */
export async function openLegacyStream(request: Request, h: ResponseToolkit, deps: LegacyDeps): Promise<symbol> {
  checkOriginAndHost(deps.app.config, request);
  const caller = authenticatedCaller(request) ?? (await authenticateHeader(deps.app, request.headers.authorization as string | undefined));
  const { req, res } = request.raw;
  const origin = request.headers.origin;
  const headers: Record<string, string> = { 'X-Request-Id': request.info.id };
  if (typeof origin === 'string' && origin) Object.assign(headers, { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' });
  if (request.method === 'head') {
    res.writeHead(200, { ...SSE_HEADERS, ...headers });
    res.end();
    return h.abandon;
  }
  req.socket.setTimeout(0);
  req.socket.setNoDelay(true);

  const transport = new LegacySseTransport(res, {
    endpointBase: deps.publicUrl.replace(/\/+$/, ''),
    keepAliveMs: deps.keepAliveMs ?? KEEP_ALIVE_MS,
    headers,
  });
  const mcp = createMcpServer({
    hapi: request.server,
    app: deps.app,
    tools: deps.tools(),
    caller,
    remoteAddress: clientAddress(request, deps.app.config),
  });
  sessions.set(transport.sessionId, { app: deps.app, userId: caller.user.id, credential: credentialOf(caller), transport });
  transport.onClosed(() => {
    sessions.delete(transport.sessionId);
    void mcp.close();
  });
  await mcp.connect(transport);
  return h.abandon;
}

/** POST /mcp/message and GET /sse (an alias of the legacy GET /mcp); needs the `outpost` auth strategy. */
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

  server.route({
    method: 'POST',
    path: '/mcp/message',
    options: {
      auth: 'outpost',
      tags: ['mcp'],
      cors: CORS,
      // Auth runs before the body is read; the body is parsed here so its errors are ours.
      payload: { parse: false, output: 'data', maxBytes: MAX_MESSAGE_BYTES },
      handler: (request, h) => {
        checkOriginAndHost(deps.app.config, request);
        const caller = authenticatedCaller(request)!;
        const session = sessions.get(queryParam(request, 'session_id') ?? queryParam(request, 'sessionId') ?? '');
        // Another user's session is indistinguishable from an unknown one.
        if (!session || session.app !== deps.app || session.userId !== caller.user.id || session.credential !== credentialOf(caller) || session.transport.closed) {
          throw Boom.notFound('Session not found');
        }
        let body: unknown;
        try {
          body = JSON.parse(Buffer.isBuffer(request.payload) ? request.payload.toString('utf8') : String(request.payload ?? ''));
        } catch {
          throw Boom.badRequest('Invalid JSON');
        }
        const filled = lenientInitialize(body);
        const parsed = (Array.isArray(filled) ? filled : [filled]).map((m) => JSONRPCMessageSchema.safeParse(m));
        if (!parsed.length || parsed.some((p) => !p.success)) throw Boom.badRequest('Invalid JSON-RPC message');
        const extra = { requestInfo: { headers: request.headers as Record<string, string> } };
        for (const p of parsed) session.transport.deliver(p.data!, extra);
        return h.response({ status: 'accepted' }).code(202);
      },
    },
  });

  // Open streams would hold server.stop() until its timeout.
  server.ext('onPreStop', async () => {
    await Promise.all([...sessions.values()].filter((s) => s.app === deps.app).map((s) => s.transport.close()));
  });
}

function queryParam(request: Request, name: string): string | undefined {
  const value = request.query[name] as string | string[] | undefined;
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Tool calls run as the caller that opened the stream, so posts must come with that same
 * credential: a revoked token then fails at authentication instead of living on in its session.
 */
function credentialOf(caller: Caller): string {
  return caller.tokenId ?? `session:${caller.user.id}`;
}
