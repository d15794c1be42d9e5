// MCP's legacy HTTP+SSE transport (spec 2024-11-05): GET /mcp opens the event stream, POST
// /mcp/message carries the client's messages.
//
// A client opens a long-lived event stream (GET /mcp without session or protocol-version header,
// dispatched here by the Streamable HTTP route; or GET /sse). Each stream is one session, keyed by a
// random UUID and bound to the authenticated user; its first event is `endpoint`, the absolute URL
// to POST messages to. A POST is answered 202 {"status":"accepted"} and the JSON-RPC response
// arrives on the stream as `event: message`. A quiet stream gets `event: ping` keep-alives. A
// session lives in the process that holds its stream and ends with it.
//
// Limits, as on Streamable HTTP: at most MAX_BATCH messages per POST, each message one request
// of the user's budget (a tools/call pays at the REST route it runs through), MAX_STREAMS_PER_USER
// open streams per user, and a stream whose client does not read it is closed once
// MAX_BUFFERED_BYTES of answers wait for it, which ends its session.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import Boom from '@hapi/boom';
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { JSONRPCMessageSchema, type JSONRPCMessage, type MessageExtraInfo } from '@modelcontextprotocol/sdk/types.js';
import type { Services } from '../services.ts';
import { RateLimitExceeded } from '../auth/rate-limit.ts';
import type { Caller } from '../auth/caller.ts';
import { authenticateHeader } from '../auth/credentials.ts';
import { clientAddress } from '../shared/client-address.ts';
import { batchSizeError, claimStreamSlot, lenientInitialize, TOO_MANY_STREAMS } from './http-transport.ts';
import { createMcpServer } from './mcp-server.ts';
import { checkOriginAndHost } from './origin.ts';
import { INVALID_REQUEST, PARSE_ERROR, refusal, SESSION_NOT_FOUND } from './transport-refusals.ts';
import { rateLimitedError } from './rate-limited.ts';
import { SSE_HEADERS } from './sse.ts';
import type { LoadedTool } from './tools-registry.ts';

export interface LegacyDeps {
  app: Services;
  tools: () => readonly LoadedTool[];
  /** Base of the absolute `endpoint` URL (read when a stream opens), without a trailing slash. */
  publicUrl: string;
  /** Quiet time after which a stream gets `event: ping`; default {@link KEEP_ALIVE_MS}. */
  keepAliveMs?: number;
  /** Unsent bytes a stream may hold before it is closed; default {@link MAX_BUFFERED_BYTES}. */
  maxBufferedBytes?: number;
}

export const KEEP_ALIVE_MS = 30_000;
/** Same limit as the SDK's own SSE server transport. */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
/** Answers waiting in memory for a client that does not read its stream; past this the stream is closed. */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

interface Session {
  app: Services;
  userId: string;
  /** The credential that opened the stream (an API token id, or "session" for a JWT): only it may post. */
  credential: string;
  transport: LegacySseTransport;
}

/** Open sessions of every Outpost in this process; a lookup also checks the session's app. */
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
  readonly #maxBufferedBytes: number;
  readonly #headers: Record<string, string>;
  readonly #closed: (() => void)[] = [];
  #timer: NodeJS.Timeout | undefined;
  #backlogCheck: NodeJS.Immediate | undefined;
  #started = false;
  #ended = false;
  #overflowed = false;

  constructor(res: ServerResponse, options: { endpointBase: string; keepAliveMs: number; maxBufferedBytes?: number; headers?: Record<string, string> }) {
    this.#res = res;
    this.#endpoint = `${options.endpointBase}/mcp/message?session_id=${this.sessionId}`;
    this.#keepAliveMs = options.keepAliveMs;
    this.#maxBufferedBytes = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
    this.#headers = options.headers ?? {};
    res.on('close', () => this.#teardown());
    if (res.destroyed) this.#teardown();
  }

  get closed(): boolean {
    return this.#ended;
  }

  /** True when the stream was closed because its client left too much of it unread. */
  get overflowed(): boolean {
    return this.#overflowed;
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
    if (this.#ended) return;
    const lines =
      data === ''
        ? 'data:\n'
        : data
            .split(/\r\n|\r|\n/)
            .map((line) => `data: ${line}\n`)
            .join('');
    this.#res.write(`event: ${event}\n${lines}\n`);
    this.#checkBacklogSoon();
    // Any event counts as traffic: the next ping is due a full interval after it.
    this.#timer?.refresh();
  }

  /**
   * Node holds a tick's writes until the next tick and then hands them to the socket: what is
   * still unsent after that is what the client has not taken. Past the bound the client is not
   * reading; the stream is destroyed (end() would keep the backlog until sent) and the session ends.
   */
  #checkBacklogSoon(): void {
    if (this.#backlogCheck) return;
    this.#backlogCheck = setImmediate(() => {
      this.#backlogCheck = undefined;
      if (this.#ended || this.#res.writableLength <= this.#maxBufferedBytes) return;
      this.#overflowed = true;
      this.#res.destroy();
      this.#teardown();
    });
  }

  #teardown(): void {
    if (this.#ended) return;
    this.#ended = true;
    clearInterval(this.#timer);
    clearImmediate(this.#backlogCheck);
    if (!this.#res.writableEnded && !this.#res.destroyed) this.#res.end();
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
 * foreign Origin/Host, 429 past the user's open streams or request budget) are thrown as Boom
 * errors before anything is written.
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
  const release = claimStreamSlot(caller.user.id);
  if (!release) throw Boom.tooManyRequests(TOO_MANY_STREAMS);
  try {
    // Opening a stream is a request, as a Streamable HTTP GET stream is.
    await deps.app.limits.consumeRequest(caller.user.id);
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
      handler: async (request, h) => {
        checkOriginAndHost(deps.app.config, request);
        const caller = authenticatedCaller(request)!;
        const session = sessions.get(queryParam(request, 'session_id') ?? queryParam(request, 'sessionId') ?? '');
        // Another user's session is indistinguishable from an unknown one.
        if (
          !session ||
          session.app !== deps.app ||
          session.userId !== caller.user.id ||
          session.credential !== credentialOf(caller) ||
          session.transport.closed
        ) {
          throw refusal(404, SESSION_NOT_FOUND, 'Session not found');
        }
        let body: unknown;
        try {
          body = JSON.parse(Buffer.isBuffer(request.payload) ? request.payload.toString('utf8') : String(request.payload ?? ''));
        } catch {
          throw refusal(400, PARSE_ERROR, 'Invalid JSON');
        }
        const filled = lenientInitialize(body);
        const batch = Array.isArray(filled) ? filled : [filled];
        const sizeError = batchSizeError(batch.length);
        if (sizeError) return h.response(sizeError).code(400);
        const parsed = batch.map((m) => JSONRPCMessageSchema.safeParse(m));
        if (parsed.some((p) => !p.success)) throw refusal(400, INVALID_REQUEST, 'Invalid JSON-RPC message');
        const extra = { requestInfo: { headers: request.headers as Record<string, string> } };
        for (const p of parsed) {
          const spent = await spendBudget(deps.app, caller, p.data!);
          if (session.transport.closed) break;
          if (spent.allowed) session.transport.deliver(p.data!, extra);
          else if (spent.answer) await session.transport.send(spent.answer);
        }
        return h.response({ status: 'accepted' }).code(202);
      },
    },
  });

  // Open streams would hold server.stop() until its timeout.
  server.ext('onPreStop', async () => {
    await Promise.all([...sessions.values()].filter((s) => s.app === deps.app).map((s) => s.transport.close()));
  });
}

/**
 * Charges one message to the user's request budget. A refused request gets `answer`, a JSON-RPC
 * error that says when to retry; a refused notification or response is dropped (nothing answers it).
 */
async function spendBudget(app: Services, caller: Caller, message: JSONRPCMessage): Promise<{ allowed: true } | { allowed: false; answer?: JSONRPCMessage }> {
  const m = message as { method?: string; id?: string | number };
  // A tool call pays at the REST route it runs through, as on Streamable HTTP.
  if (m.method === 'tools/call') return { allowed: true };
  try {
    await app.limits.consumeRequest(caller.user.id);
    return { allowed: true };
  } catch (e) {
    if (!(e instanceof RateLimitExceeded)) throw e;
    if (m.method === undefined || m.id === undefined) return { allowed: false };
    return { allowed: false, answer: { jsonrpc: '2.0', id: m.id, error: rateLimitedError(e) } };
  }
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
