// An operation run directly for an MCP tool call, without hapi's request lifecycle (server.inject): the same
// budget and scope check (scope-check.ts), the same validators (route-validators.ts), the handler, the same
// response check in development, and the same domain-error mapping (http-errors.ts). A call that is not the plain
// case is declined before anything ran, and the caller sends it through hapi: a body over the route's size limit
// or one hapi's JSON parser would refuse, and any operation that reads the HTTP exchange itself (see
// `directlyCallable`).
import Boom from '@hapi/boom';
import Bourne from '@hapi/bourne';
import { escapeHtml } from '@hapi/hoek';
import type { Server } from '@hapi/hapi';
import type { Operations, OperationId } from '../generated/operations.ts';
import type { Services } from '../services.ts';
import type { Caller } from '../auth/caller.ts';
import { logAccess, type AccessLogger } from '../shared/access-log.ts';
import type { CallExtras } from './call-extras.ts';
import { toHttpError } from './http-errors.ts';
import type { AnyReply, HandlerModule, OperationContext } from './operation.ts';
import type { OperationValidators } from './route-validators.ts';
import { checkBudgetAndScopes } from './scope-check.ts';
import { requestIds } from '../shared/request-ids.ts';

type AnyHandler = HandlerModule<OperationId>;
type Operation = Operations[OperationId];

export interface DirectOperation {
  op: Operation;
  handler: AnyHandler;
  validators: OperationValidators;
  checkReply?: (status: number, body: unknown) => string[];
  /** The route's effective payload limit (a larger body goes through hapi, which answers 413). */
  maxBytes: number;
}

/** Operations whose handler needs only what a direct call gives it: an authenticated caller and a JSON body or none. */
export function directlyCallable(op: Operation, handler: AnyHandler): boolean {
  const jsonOnly = op.bodyContentTypes.length === 0 || (op.bodyContentTypes.length === 1 && op.bodyContentTypes[0] === 'application/json');
  return op.scopes !== null && jsonOnly && !op.headers && !handler.beforeBody && !handler.readsHttpExchange;
}

export interface DirectCall {
  operationId: OperationId;
  /** The request path as server.inject would send it (path values encoded), for the log. */
  path: string;
  /** Path values, decoded (as hapi's router hands them over). */
  params: Record<string, string>;
  /** Query values as hapi parses a query string: a string, or a list for a repeated name. */
  query: Record<string, string | string[]>;
  body: Record<string, unknown> | undefined;
  caller: Caller;
  remoteAddress: string;
  extras: CallExtras;
}

/** The answer as server.inject reports it: status, lower-case headers, the body as sent and parsed. */
export interface DirectReply {
  status: number;
  headers: Record<string, string>;
  raw: Buffer;
  body: unknown;
}

/** Runs after validation and before the handler, as a route's onPreHandler does (tests hold a call there). */
export type PreHandlerHook = (call: DirectCall) => Promise<void>;

export interface DirectCaller {
  /** The operation's answer, or undefined when the call must go through hapi (nothing ran). */
  call(call: DirectCall): Promise<DirectReply | undefined>;
  onPreHandler(hook: PreHandlerHook): void;
}

const callers = new WeakMap<Server, DirectCaller>();

/** The direct caller of this server's operations (registered with its routes). */
export function directCaller(server: Server): DirectCaller | undefined {
  return callers.get(server);
}

/** A handler's reply, checked against the contract when `checkReply` is given. */
export async function runHandler(
  id: OperationId,
  handler: AnyHandler,
  /** The handler's context as the route layer builds it (its parts were validated against the operation's schemas). */
  ctx: { params: unknown; query: unknown; body: unknown; caller: Caller | null; app: Services; request: unknown; h: unknown },
  checkReply?: (status: number, body: unknown) => string[],
): Promise<AnyReply> {
  const reply = (await handler.handle(ctx as unknown as OperationContext<OperationId>)) as AnyReply;
  const problems = checkReply?.(reply.status, reply.body) ?? [];
  if (problems.length) throw Boom.badImplementation(`Response of ${id} (${reply.status}) breaks openapi.yaml: ${problems.join('; ')}`);
  return reply;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The request and toolkit a directly run handler gets: the request holds only `app.mcp` (the call's extras); reading
 * anything else throws, so a handler that reads the HTTP exchange and is not marked fails loudly instead of seeing
 * undefined (see directlyCallable).
 */
export function standIns(operationId: OperationId, extras: CallExtras): { request: object; h: object } {
  const app = { mcp: extras };
  const refuse = (): never => {
    throw new Error(`${operationId} reads the HTTP request: mark it readsHttpExchange`);
  };
  const request = new Proxy({ app }, { get: (target, key) => (key === 'app' ? target.app : refuse()), has: (_t, key) => key === 'app' || refuse() });
  const h = new Proxy({}, { get: refuse, has: refuse });
  return { request, h };
}

export function registerDirectCalls(server: Server, app: Services, operations: Map<OperationId, DirectOperation>): void {
  const hooks: PreHandlerHook[] = [];
  const logger = () => (server as { logger?: AccessLogger & { error(fields: object, message: string): void } }).logger;
  const nextId = requestIds(server);

  const run = async (
    direct: DirectOperation,
    call: DirectCall,
    body: unknown,
    sent: Record<string, string>,
  ): Promise<{ status: number; headers: Record<string, string>; value: unknown }> => {
    const { op, handler, validators } = direct;
    let stage = 'auth';
    try {
      await checkBudgetAndScopes(app, call.caller, op.scopes, call.extras.prepaid === true);
      stage = 'params';
      const params = validators.params ? validators.params(call.params) : call.params;
      stage = 'query';
      const query = validators.query(call.query);
      stage = 'payload';
      const payload = validators.payload ? await validators.payload(body ?? null, sent) : body;
      stage = 'handler';
      for (const hook of hooks) await hook(call);
      const { request, h } = standIns(handler.operationId, call.extras);
      const ctx = { params, query, body: payload ?? undefined, caller: call.caller, app, request, h };
      const reply = await runHandler(handler.operationId, handler, ctx, direct.checkReply);
      // A streamed answer would come back empty here (and its stream left open): such an operation goes through its route.
      if (reply.stream) throw new Error(`${handler.operationId} answers with a stream: mark it readsHttpExchange`);
      const headers: Record<string, string> = {};
      if (reply.body !== undefined) headers['content-type'] = JSON_TYPE;
      for (const [k, v] of Object.entries(reply.headers ?? {})) headers[k.toLowerCase()] = v;
      return { status: reply.status, headers, value: reply.body };
    } catch (e) {
      const internal = !Boom.isBoom(e);
      let err = internal ? Boom.boomify(e as Error) : e;
      if (stage !== 'auth' && stage !== 'handler' && !internal) {
        // As hapi's validation step rebuilds a failed check's keys from its details.
        const details = (err as { details?: { path: string[] }[] }).details ?? [];
        (err.output.payload as Record<string, unknown>).validation = { source: stage, keys: details.map((d) => escapeHtml(d.path.join('.'))) };
      }
      err = toHttpError(err, { allowedTypes: op.method === 'GET' ? undefined : ['application/json'], toolCall: true }) as Boom.Boom;
      if (err.output.statusCode >= 500) logger()?.error({ err: e }, 'request error');
      const headers: Record<string, string> = { 'content-type': JSON_TYPE };
      for (const [k, v] of Object.entries(err.output.headers)) if (v !== undefined) headers[k.toLowerCase()] = String(v);
      return { status: err.output.statusCode, headers, value: err.output.payload };
    }
  };

  callers.set(server, {
    onPreHandler: (hook) => void hooks.push(hook),
    async call(call) {
      const direct = operations.get(call.operationId);
      if (!direct) return undefined;
      let body: unknown;
      let sent: Record<string, string> = {};
      if (call.body !== undefined) {
        // As the body travels through hapi: JSON text within the route's limit, parsed as hapi parses it.
        const text = JSON.stringify(call.body);
        if (Buffer.byteLength(text) > direct.maxBytes) return undefined;
        try {
          body = Bourne.parse(text, { protoAction: 'error' });
          sent = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) };
        } catch {
          return undefined;
        }
      }
      const received = Date.now();
      let status: number;
      let headers: Record<string, string>;
      let text: string;
      try {
        const reply = await run(direct, call, body, sent);
        ({ status, headers } = reply);
        text = reply.value === undefined ? '' : JSON.stringify(reply.value);
      } catch (e) {
        // A failure while shaping the answer: hapi's generic 500, never the error's own message.
        logger()?.error({ err: e }, 'request error');
        const { output } = Boom.badImplementation();
        status = output.statusCode;
        headers = { 'content-type': JSON_TYPE };
        text = JSON.stringify(output.payload);
      }
      const id = nextId(received);
      headers['x-request-id'] = id;
      logAccess(logger(), {
        id,
        method: direct.op.method.toLowerCase(),
        path: call.path,
        // Already the resolved client address (the MCP request's), as hapi's log of an injected request shows it.
        client: call.remoteAddress,
        statusCode: status,
        getHeaders: () => headers,
        received,
      });
      return {
        status,
        headers,
        // Made only when read (page resources read it; tool calls use the parsed body).
        get raw() {
          return Buffer.from(text);
        },
        body: text ? JSON.parse(text) : undefined,
      };
    },
  });
}
