// The contract between the operations table and handler modules in src/handlers/:
// one file per operationId, `export default defineHandler('operationId', async (ctx) => …)`.
import type { Request, ResponseToolkit } from '@hapi/hapi';
import type { Static, TSchema } from 'typebox';
import type { OperationId, Operations } from '../generated/operations.ts';
import type { Services } from '../services.ts';
import type { Caller } from '../auth/caller.ts';

type SchemaOf<T> = T extends null ? undefined : T extends TSchema ? Static<T> : never;
type Op<Id extends OperationId> = Operations[Id];
type Responses<Id extends OperationId> = Op<Id>['responses'];
type SuccessStatus<Id extends OperationId> = Extract<keyof Responses<Id>, `2${string}`>;

/** What a handler returns: a declared 2xx status and its body (typed from openapi.yaml). */
export type Reply<Id extends OperationId> = {
  [S in SuccessStatus<Id>]: Responses<Id>[S] extends { schema: infer B }
    ? B extends null
      ? { status: S extends `${infer N extends number}` ? N : never; body?: undefined; stream?: NodeJS.ReadableStream; headers?: Record<string, string> }
      : { status: S extends `${infer N extends number}` ? N : never; body: B extends TSchema ? Static<B> : never; headers?: Record<string, string> }
    : never;
}[SuccessStatus<Id>];

export interface OperationContext<Id extends OperationId> {
  params: SchemaOf<Op<Id>['params']>;
  query: SchemaOf<Op<Id>['query']>;
  body: SchemaOf<Op<Id>['body']>;
  /** The authenticated caller; null only on public operations. */
  caller: Op<Id>['scopes'] extends null ? Caller | null : Caller;
  app: Services;
  request: Request;
  h: ResponseToolkit;
}

export interface HandlerModule<Id extends OperationId = OperationId> {
  operationId: Id;
  handle(ctx: OperationContext<Id>): Promise<Reply<Id>>;
  /**
   * Runs before the request body is read and before auth (hapi's onPreAuth; `request.params` are not
   * validated yet): to refuse a request its URL already rules out without reading its upload.
   */
  beforeBody?(request: Request, app: Services): Promise<void>;
  /**
   * The handler reads the HTTP exchange itself (cookies, the client's address, the browser session) or answers
   * with a stream: MCP tool calls run it through hapi (server.inject) instead of calling it directly
   * (direct-call.ts), where `request` carries only the call's extras.
   */
  readsHttpExchange?: boolean;
}

/** A reply as the route layer sees it, whatever the operation. */
export interface AnyReply {
  status: number;
  body?: unknown;
  /** A non-JSON body (e.g. a ZIP), streamed. */
  stream?: NodeJS.ReadableStream;
  headers?: Record<string, string>;
}

export function defineHandler<Id extends OperationId>(
  operationId: Id,
  handle: (ctx: OperationContext<Id>) => Promise<Reply<Id>>,
  options: Pick<HandlerModule<Id>, 'beforeBody' | 'readsHttpExchange'> = {},
): HandlerModule<Id> {
  return { operationId, handle, ...options };
}
