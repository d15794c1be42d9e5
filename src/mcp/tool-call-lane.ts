// The tool-call lane of POST /mcp: a lone stateless `tools/call` is answered straight from Node's HTTP server,
// without hapi's request lifecycle and without an SDK server built for one message. Tool calls are what MCP
// clients send most, and on them that machinery cost several times the work of the call (bench/mcp).
//
// The lane takes a request only when its headers already show it is the plain case, without any I/O:
// POST /mcp with a JSON body of known length (≤ 64 KiB), no session, no Origin, an allowed Host, no protocol
// version or one Outpost speaks, and a bearer credential the credential cache holds (hapi's auth would take the
// same cached caller). It then reads the body and answers only a single JSON-RPC `tools/call` with a name and
// arguments and nothing else (no progress token, no task), that needs no scope step-up, while the credential
// is still cached and no stop has begun. For 2026-07-28 that call carries the revision's envelope and nothing
// more: its three `_meta` fields (protocol version, client capabilities without extensions, client name and
// version) and the Mcp-Method and Mcp-Name headers matching it; the other revisions' calls carry no `_meta`.
// Anything else is given back to hapi unchanged, the body put back into the request stream before hapi reads it.
//
// The call itself is surface.ts's callTool, which the SDK servers also run: the REST operation, its validation,
// scopes, per-user isolation and the rate budget are the same (a 2026-07-28 call pays its request first, as
// http-transport.ts's serveModern does; a budget already spent leaves the call to hapi, which refuses it). The
// answer is what the transports send (the SDK's result check and JSON-RPC framing, for 2026-07-28 with the
// result type and server info the SDK 2.x stamps; hapi's headers and compression, the access-log line,
// cancellation by `notifications/cancelled`); test/mcp/tool-call-lane.test.ts compares them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import Accept from '@hapi/accept';
import Bourne from '@hapi/bourne';
import type { Server } from '@hapi/hapi';
import { ClientCapabilitiesSchema, SUPPORTED_PROTOCOL_VERSIONS, type RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { Services } from '../services.ts';
import type { Caller } from '../auth/caller.ts';
import { bearerCredential } from '../auth/credentials.ts';
import { logAccess } from '../shared/access-log.ts';
import { clientAddressOf } from '../shared/client-address.ts';
import { INTERNAL_ERROR, INVALID_PARAMS } from './call-context.ts';
import { flightKey, inFlight } from './in-flight.ts';
import { checkOriginAndHost } from './origin.ts';
import { insufficientScope } from './step-up.ts';
import { callTool, SERVER_INFO } from './surface.ts';
import { checkToolResult, isPlainObject } from './tool-result-check.ts';
import { MODERN_PROTOCOL_VERSION } from './transport-refusals.ts';
import type { LoadedTool } from './tools-registry.ts';
import { requestIds } from '../shared/request-ids.ts';

const MAX_BODY_BYTES = 64 * 1024;
/** hapi compresses answers from this size (its `compression.minBytes`), in the codings it has by default. */
const COMPRESS_FROM_BYTES = 1024;
const CODINGS = ['identity', 'gzip', 'deflate'];

/** The headers hapi sends with a POST /mcp JSON answer (its security defaults and the route's CORS settings). */
const ANSWER_HEADERS: Readonly<Record<string, string>> = {
  'access-control-expose-headers': 'WWW-Authenticate,Server-Authorization,mcp-session-id,www-authenticate',
  'cache-control': 'no-cache',
  'referrer-policy': 'no-referrer',
  vary: 'origin',
  'x-content-type-options': 'nosniff',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-xss-protection': '0',
};

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

interface ToolCallMessage {
  id: RequestId;
  name: string;
  args: Record<string, unknown>;
  /** A 2026-07-28 call (with the revision's envelope). */
  modern: boolean;
}

export interface ToolCallLaneDeps {
  app: Services;
  tools: () => readonly LoadedTool[];
}

export interface ToolCallLaneStats {
  /** Requests answered by the lane. */
  answered: number;
}

const statsOf = new WeakMap<Server, ToolCallLaneStats>();

/** How many requests this server's lane answered (tests, diagnostics). */
export function toolCallLaneStats(server: Server): ToolCallLaneStats | undefined {
  return statsOf.get(server);
}

/** Puts the lane in front of the listener's request handlers (hapi's, and any lane before this one). */
export function installToolCallLane(server: Server, deps: ToolCallLaneDeps): void {
  const listener = server.listener;
  const next = listener.listeners('request') as Listener[];
  const pass = (req: IncomingMessage, res: ServerResponse) => {
    for (const handle of next) handle.call(listener, req, res);
  };
  const stats: ToolCallLaneStats = { answered: 0 };
  statsOf.set(server, stats);
  // A graceful stop waits for the calls the lane is answering, as hapi waits for its own requests.
  const running = new Set<Promise<void>>();
  let stopping = false;
  server.ext('onPreStop', async () => {
    // From now on hapi takes every request, so its stop accounts for them.
    stopping = true;
    await Promise.allSettled([...running]);
  });
  const nextId = requestIds(server);

  listener.removeAllListeners('request');
  listener.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const length = stopping ? undefined : plainRequestLength(req, deps.app);
    const caller = length === undefined ? undefined : cachedCaller(req, deps.app);
    if (caller === undefined) return pass(req, res);
    const received = Date.now();
    readBody(
      req,
      length!,
      (body) => {
        const message = toolCallIn(body, req.headers);
        // A stop begun or a credential revoked while the body arrived: hapi's to handle.
        if (!message || stopping || cachedCaller(req, deps.app) !== caller) return false;
        const tools = deps.tools();
        if (insufficientScope([{ method: 'tools/call', params: { name: message.name } }], tools, caller, deps.app.config.publicUrl)) return false;
        // The call counts as running from its payment on, so a stop begun meanwhile waits for its answer.
        let settle!: () => void;
        const held = new Promise<void>((resolve) => (settle = resolve));
        running.add(held);
        void held.finally(() => running.delete(held));
        return paid(message, caller, deps.app, req).then(
          (ok) => {
            if (!ok) {
              settle();
              return false;
            }
            const answering = answer({
              server,
              app: deps.app,
              tools,
              caller,
              message,
              req,
              res,
              received,
              id: nextId(received),
              client: clientOf(req, deps.app),
            }).then(
              () => void stats.answered++,
              (error: Error) => {
                server.log(['mcp', 'error'], error.message);
                if (!res.headersSent) res.writeHead(500).end();
                else res.destroy();
              },
            );
            void answering.finally(settle);
            return true;
          },
          (error: unknown) => {
            settle();
            throw error;
          },
        );
      },
      () => pass(req, res),
    );
  });
}

/** The body length of a request whose headers fit the lane, else undefined. */
function plainRequestLength(req: IncomingMessage, app: Services): number | undefined {
  if (req.method !== 'POST' || req.url !== '/mcp') return undefined;
  const headers = req.headers;
  if (headers['mcp-session-id'] !== undefined || headers.origin !== undefined || headers['transfer-encoding'] !== undefined) return undefined;
  const type = headers['content-type'];
  if (type !== 'application/json' && type?.toLowerCase().replace(/\s+/g, '') !== 'application/json;charset=utf-8') return undefined;
  const length = Number(headers['content-length']);
  if (!Number.isInteger(length) || length <= 0 || length > MAX_BODY_BYTES) return undefined;
  const version = headers['mcp-protocol-version'];
  if (version !== undefined && version !== MODERN_PROTOCOL_VERSION && !SUPPORTED_PROTOCOL_VERSIONS.includes(version as string)) return undefined;
  try {
    checkOriginAndHost(app.config, req);
  } catch {
    return undefined;
  }
  return length;
}

/** The client of a connection's requests without X-Forwarded-For, resolved once per connection (keep-alive). */
const peerClients = new WeakMap<object, string>();

/** The client's address, as hapi's requests see it (client-address.ts). */
function clientOf(req: IncomingMessage, app: Services): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (forwarded !== undefined) return clientAddressOf(req.socket.remoteAddress, forwarded, app.config);
  let client = peerClients.get(req.socket);
  if (client === undefined) peerClients.set(req.socket, (client = clientAddressOf(req.socket.remoteAddress, undefined, app.config)));
  return client;
}

/** The caller of the request's bearer credential when the credential cache holds it, as hapi's auth would find it. */
function cachedCaller(req: IncomingMessage, app: Services): Caller | undefined {
  const credential = bearerCredential(req.headers.authorization);
  return credential === undefined ? undefined : app.credentials.get(credential);
}

/**
 * Reads the whole body, then asks `take` whether the lane answers it (at once, or after a budget payment). When it
 * doesn't, the bytes go back into the request stream (before its end is signalled, so the next reader sees the body
 * whole) and `giveBack` runs.
 */
function readBody(req: IncomingMessage, length: number, take: (body: Buffer) => boolean | Promise<boolean>, giveBack: () => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const onReadable = () => {
    let chunk: Buffer | null;
    while (size < length && (chunk = req.read() as Buffer | null) !== null) {
      chunks.push(chunk);
      size += chunk.length;
    }
    if (size < length) return;
    req.off('readable', onReadable);
    const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
    const back = () => {
      req.unshift(body);
      giveBack();
    };
    const taken = take(body);
    // The stream is not read again until the body is given back, so its end cannot be signalled before.
    if (taken instanceof Promise) void taken.then((yes) => yes || back(), back);
    else if (!taken) back();
  };
  req.on('readable', onReadable);
}

const MESSAGE_KEYS = new Set(['jsonrpc', 'id', 'method', 'params']);
const PARAM_KEYS = new Set(['name', 'arguments']);
const MODERN_PARAM_KEYS = new Set(['name', 'arguments', '_meta']);
const ENVELOPE = {
  protocolVersion: 'io.modelcontextprotocol/protocolVersion',
  clientCapabilities: 'io.modelcontextprotocol/clientCapabilities',
  clientInfo: 'io.modelcontextprotocol/clientInfo',
} as const;
const ENVELOPE_KEYS = new Set<string>(Object.values(ENVELOPE));
const CLIENT_INFO_KEYS = new Set(['name', 'version']);
const SERVER_INFO_KEY = 'io.modelcontextprotocol/serverInfo';
/** The `_meta` of every 2026-07-28 result, made once (only ever serialized). */
const SERVER_INFO_META: Readonly<Record<string, unknown>> = Object.freeze({ [SERVER_INFO_KEY]: SERVER_INFO });

/** The body as a lone tools/call the lane answers, else undefined. */
function toolCallIn(body: Buffer, headers: IncomingMessage['headers']): ToolCallMessage | undefined {
  let message: unknown;
  try {
    // As hapi parses payloads: a `__proto__` or `constructor.prototype` key is refused (hapi answers it).
    message = Bourne.parse(body.toString('utf8'), { protoAction: 'error' });
  } catch {
    return undefined;
  }
  if (!isPlainObject(message) || message.jsonrpc !== '2.0' || message.method !== 'tools/call') return undefined;
  for (const key in message) if (!MESSAGE_KEYS.has(key)) return undefined;
  const { id, params } = message;
  if (!(typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id)))) return undefined;
  if (!isPlainObject(params) || typeof params.name !== 'string') return undefined;
  const modern = headers['mcp-protocol-version'] === MODERN_PROTOCOL_VERSION;
  if (modern ? !plainEnvelope(params, headers) : params._meta !== undefined) return undefined;
  const keys = modern ? MODERN_PARAM_KEYS : PARAM_KEYS;
  for (const key in params) if (!keys.has(key)) return undefined;
  // The SDK refuses `arguments: null` (optional means absent): hapi answers it.
  const args = params.arguments === undefined ? {} : params.arguments;
  if (!isPlainObject(args)) return undefined;
  return { id, name: params.name, args, modern };
}

/**
 * Whether a 2026-07-28 call carries the revision's envelope and nothing more, matching its headers: the SDK would
 * serve it as a plain call. Client capabilities must be valid and declare no extension (tasks change the answer).
 */
function plainEnvelope(params: Record<string, unknown>, headers: IncomingMessage['headers']): boolean {
  const meta = params._meta;
  if (!isPlainObject(meta) || headers['mcp-method'] !== 'tools/call' || headers['mcp-name'] !== params.name) return false;
  for (const key in meta) if (!ENVELOPE_KEYS.has(key)) return false;
  if (meta[ENVELOPE.protocolVersion] !== MODERN_PROTOCOL_VERSION) return false;
  const capabilities = meta[ENVELOPE.clientCapabilities];
  if (!isPlainObject(capabilities) || capabilities.extensions !== undefined || !validCapabilities(capabilities)) return false;
  const info = meta[ENVELOPE.clientInfo];
  if (!isPlainObject(info) || typeof info.name !== 'string' || typeof info.version !== 'string') return false;
  for (const key in info) if (!CLIENT_INFO_KEYS.has(key)) return false;
  return true;
}

/** Capabilities already checked, by their JSON text (up to 1 KiB): a client sends the same ones with every call. */
const checkedCapabilities = new Map<string, boolean>();
const MAX_CHECKED_CAPABILITIES = 256;
const MAX_CHECKED_TEXT = 1024;

function validCapabilities(capabilities: Record<string, unknown>): boolean {
  let empty = true;
  for (const _ in capabilities) {
    empty = false;
    break;
  }
  if (empty) return true;
  const text = JSON.stringify(capabilities);
  let valid = checkedCapabilities.get(text);
  if (valid === undefined) {
    valid = ClientCapabilitiesSchema.safeParse(capabilities).success;
    if (text.length > MAX_CHECKED_TEXT) return valid;
    if (checkedCapabilities.size >= MAX_CHECKED_CAPABILITIES) checkedCapabilities.clear();
    checkedCapabilities.set(text, valid);
  }
  return valid;
}

/** The refusal of a 2026-07-28 call the lane charged and handed back to hapi, which answers it without charging again. */
const refusedPayments = new WeakMap<IncomingMessage, unknown>();

/** The budget's refusal of this request, when the lane already charged it (see `paid`). */
export function laneBudgetRefusal(req: IncomingMessage): { error: unknown } | undefined {
  return refusedPayments.has(req) ? { error: refusedPayments.get(req) } : undefined;
}

/**
 * A 2026-07-28 call pays one request of the budget before it runs, as serveModern does: false when the budget is
 * spent or the store failed, and hapi refuses it with the same error, as the transport does, without charging again.
 * The other revisions' calls pay on their REST operation.
 */
async function paid(message: ToolCallMessage, caller: Caller, app: Services, req: IncomingMessage): Promise<boolean> {
  if (!message.modern) return true;
  try {
    await app.limits.consumeRequest(caller.user.id);
    return true;
  } catch (error) {
    refusedPayments.set(req, error);
    return false;
  }
}

interface Exchange {
  server: Server;
  app: Services;
  tools: readonly LoadedTool[];
  caller: Caller;
  message: ToolCallMessage;
  req: IncomingMessage;
  res: ServerResponse;
  received: number;
  id: string;
  /** The client's address, as hapi's requests see it. */
  client: string;
}

async function answer(exchange: Exchange): Promise<void> {
  const { message, req, res } = exchange;
  const abort = new AbortController();
  let cancel!: () => void;
  const cancelled = new Promise<undefined>((resolve) => (cancel = () => resolve(undefined)));
  const key = flightKey(exchange.caller.user.id, message.id);
  const cancellable = {
    receive(m: { method?: string; params?: { requestId?: unknown; reason?: unknown } }) {
      if (m.method !== 'notifications/cancelled' || m.params?.requestId !== message.id) return;
      abort.abort(m.params.reason);
      cancel();
    },
  };
  inFlight.set(key, cancellable as never);
  // A client gone before the answer aborts the call. Only until then: an abort makes an AbortError (with its
  // stack), which a response's ordinary close after the answer should not cost.
  const gone = () => abort.abort();
  res.once('close', gone);
  if (res.destroyed) abort.abort();
  const call = run(exchange, abort.signal);
  // A cancelled request gets no response (the spec says so): the exchange ends at once, empty, as on the SDK path.
  const reply = await Promise.race([call, cancelled]).finally(() => {
    if (inFlight.get(key) === (cancellable as never)) inFlight.delete(key);
  });
  res.off('close', gone);
  if (res.destroyed) return;
  // The text goes out as it is (Node writes it with the head in one go), unless it is compressed.
  const text = reply === undefined ? undefined : JSON.stringify(reply);
  const length = text === undefined ? 0 : Buffer.byteLength(text);
  let body: string | Buffer | undefined = text;
  const status = text !== undefined ? 200 : 202;
  const headers: Record<string, string> = { ...ANSWER_HEADERS };
  if (text !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
  if (text !== undefined && length >= COMPRESS_FROM_BYTES) {
    headers.vary = 'origin,accept-encoding';
    const coding = acceptedCoding(req.headers['accept-encoding']);
    if (coding !== 'identity') {
      headers['content-encoding'] = coding;
      body = coding === 'gzip' ? zlib.gzipSync(text) : zlib.deflateSync(text);
    }
  }
  headers['x-request-id'] = exchange.id;
  // hapi streams a compressed answer (chunked, no length); an identity one it sends with its length.
  if (headers['content-encoding'] === undefined) headers['content-length'] = String(length);
  res.writeHead(status, headers);
  res.end(body);
  logAccess(exchange.server.logger, {
    id: exchange.id,
    method: 'post',
    path: '/mcp',
    client: exchange.client,
    statusCode: status,
    getHeaders: () => headers,
    received: exchange.received,
  });
  // A cancelled call still finishes in the background; a graceful stop waits for it too.
  await call;
}

/** The call, answered as the SDK server answers it: the checked result, or the error as JSON-RPC's. */
async function run(exchange: Exchange, signal: AbortSignal): Promise<object> {
  const { server, app, tools, caller, message, req } = exchange;
  const ctx = {
    hapi: server,
    app,
    tools,
    caller,
    protocolVersion: req.headers['mcp-protocol-version'] as string | undefined,
    remoteAddress: exchange.client,
    // A 2026-07-28 call paid its request on arrival (see `paid`).
    prepaid: message.modern,
  };
  try {
    const result = await callTool(ctx, { name: message.name, args: message.args, signal, notify: () => Promise.resolve() });
    const checked = checkToolResult(result);
    // SDK 2.x stamps every result of the revision with its type and the server's name and version.
    const stamped = checked.success && message.modern ? { ...checked.data, resultType: 'complete', _meta: SERVER_INFO_META } : checked.data;
    return checked.success
      ? { result: stamped, jsonrpc: '2.0', id: message.id }
      : errorReply(message.id, { code: INVALID_PARAMS, message: `Invalid tools/call result: ${checked.error.message}` });
  } catch (e) {
    return errorReply(message.id, e as { code?: unknown; message?: string; data?: unknown });
  }
}

/** The coding hapi would answer in (identity, gzip or deflate). */
function acceptedCoding(header: string | undefined): string {
  if (!header) return 'identity';
  try {
    return Accept.encoding(header, CODINGS) || 'identity';
  } catch {
    return 'identity';
  }
}

/** The JSON-RPC error the SDK sends for a handler's error, with the message plain (as mcp-server.ts sends it). */
function errorReply(id: RequestId, error: { code?: unknown; message?: string; data?: unknown }): object {
  const code = Number.isSafeInteger(error.code) ? (error.code as number) : INTERNAL_ERROR;
  const prefix = `MCP error ${code}: `;
  const text = error.message ?? 'Internal error';
  return {
    jsonrpc: '2.0',
    id,
    error: { code, message: text.startsWith(prefix) ? text.slice(prefix.length) : text, ...(error.data !== undefined && { data: error.data }) },
  };
}
