// MCP 2026-07-28 on POST /mcp: the SDK 2.x handler (createMcpHandler, modern requests only) behind hapi.
// http-transport.ts sends here every POST the SDK classifies as modern (one carrying the revision's
// per-request `_meta` envelope, or naming the revision in MCP-Protocol-Version); everything else stays
// with the 2025 transports. hapi has already authenticated the caller, checked Origin and Host, and
// parsed the body; the SDK checks the envelope against the headers and answers in JSON or SSE.
//
// subscriptions/listen streams are served by the SDK from a change bus; each stream hears only its own
// user's changes (the bus keeps the user of the request that subscribed).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Request, ResponseToolkit } from '@hapi/hapi';
import { createMcpHandler, isLegacyRequest, type McpHttpHandler, type ServerEvent, type ServerEventBus } from '@modelcontextprotocol/server';
import { onPageChange } from '../pages/page-changes.ts';
import { authInfoFor, createModernServer } from './modern-server.ts';
import { pageUri } from './resources.ts';
import type { McpCallContext } from './call-context.ts';

type Listener = (event: ServerEvent) => void;

/** Change events for subscriptions/listen streams, delivered to the streams of the user they concern. */
class UserEventBus implements ServerEventBus {
  readonly #subscriber = new AsyncLocalStorage<string>();
  readonly #listeners = new Map<string, Set<Listener>>();

  /** Runs `serve` so that a listen stream it opens belongs to `userId`. */
  as<T>(userId: string, serve: () => T): T {
    return this.#subscriber.run(userId, serve);
  }

  subscribe(listener: Listener): () => void {
    const userId = this.#subscriber.getStore();
    // A stream opened outside a request would hear nobody: it gets no events.
    if (!userId) return () => {};
    let set = this.#listeners.get(userId);
    if (!set) this.#listeners.set(userId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size && this.#listeners.get(userId) === set) this.#listeners.delete(userId);
    };
  }

  /** Every user's streams (tool list changes concern everyone). */
  publish(event: ServerEvent): void {
    for (const set of this.#listeners.values()) for (const listener of [...set]) listener(event);
  }

  publishTo(userId: string, event: ServerEvent): void {
    for (const listener of [...(this.#listeners.get(userId) ?? [])]) listener(event);
  }
}

export interface ServeOptions {
  /** The CORS headers of an abandoned (streamed) response, which hapi does not add. */
  cors: Record<string, string>;
  /** Called once when the response ends, however it ends. */
  onEnd?: () => void;
}

export interface ModernMcp {
  /** Whether this POST to /mcp is a 2026-07-28 request; the others are the 2025 transports'. */
  claims(request: Request): Promise<boolean>;
  serve(request: Request, h: ResponseToolkit, ctx: McpCallContext, options: ServeOptions): Promise<unknown>;
  /** Tells open listen streams that the tool list changed. */
  toolsChanged(): void;
  /** Ends the open listen streams with their final result (a graceful stop); requests in flight go on. */
  endStreams(): void;
  /** Releases the handler, once no request is in flight. */
  close(): Promise<void>;
}

/** A subscriptions/listen response being written. */
interface ListenStream {
  id: unknown;
  body: Readable;
  res: ServerResponse;
}

export function createModernMcp(publicUrl: string, onError: (error: Error) => void): ModernMcp {
  const bus = new UserEventBus();
  const handler: McpHttpHandler = createMcpHandler(({ authInfo }) => createModernServer(authInfo), { legacy: 'reject', bus, onerror: onError });
  // Any change to a page changes its list entry (name, size, updated time) as well as the page.
  const stopListening = onPageChange((pageId, change) => {
    bus.publishTo(change.ownerId, { kind: 'resources_list_changed' });
    bus.publishTo(change.ownerId, { kind: 'resource_updated', uri: pageUri(pageId) });
  });
  const listening = new Set<ListenStream>();

  // The body goes to the SDK already parsed (`parsedBody`): the Request carries only the headers.
  const webRequest = (request: Request, signal?: AbortSignal) =>
    new globalThis.Request(`${publicUrl}/mcp`, {
      method: 'POST',
      headers: Object.entries(request.headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      signal,
    });

  return {
    async claims(request) {
      const payload = request.payload;
      // Nothing, or not a JSON-RPC object or batch: the 2025 transport's validation answers it.
      if (payload === null || typeof payload !== 'object') return false;
      return !(await isLegacyRequest(webRequest(request), payload));
    },

    async serve(request, h, ctx, options) {
      const abort = new AbortController();
      const res = request.raw.res;
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        res.off('close', onClose);
        options.onEnd?.();
      };
      const onClose = () => {
        abort.abort();
        end();
      };
      res.once('close', onClose);
      let response: Response;
      try {
        response = await bus.as(ctx.caller.user.id, () =>
          handler.fetch(webRequest(request, abort.signal), { parsedBody: request.payload, authInfo: authInfoFor(ctx) }),
        );
      } catch (e) {
        end();
        throw e;
      }
      const headers = Object.fromEntries(response.headers);
      if (!headers['content-type']?.startsWith('text/event-stream') || !response.body) {
        end();
        const reply = h.response(await response.text()).code(response.status);
        for (const [name, value] of Object.entries(headers)) reply.header(name, value);
        return reply;
      }
      const body = Readable.fromWeb(response.body as never);
      if (abort.signal.aborted) {
        body.destroy();
        return h.abandon;
      }
      // A stream: written as it comes.
      res.writeHead(response.status, { ...headers, ...options.cors, 'x-accel-buffering': 'no', 'cache-control': 'no-cache' });
      const payload = request.payload as { id?: unknown; method?: string };
      const stream: ListenStream | undefined = payload.method === 'subscriptions/listen' ? { id: payload.id, body, res } : undefined;
      if (stream) listening.add(stream);
      body.on('error', () => res.destroy());
      body.on('close', () => {
        if (stream) listening.delete(stream);
        end();
      });
      abort.signal.addEventListener('abort', () => body.destroy(), { once: true });
      body.pipe(res);
      return h.abandon;
    },

    toolsChanged() {
      bus.publish({ kind: 'tools_list_changed' });
    },

    endStreams() {
      stopListening();
      // The revision's graceful end of a subscription: its request's result, then the end of the stream.
      for (const { id, body, res } of listening) {
        body.unpipe(res);
        body.destroy();
        const result = { jsonrpc: '2.0', id, result: { resultType: 'complete', _meta: { 'io.modelcontextprotocol/subscriptionId': id } } };
        res.end(`event: message\ndata: ${JSON.stringify(result)}\n\n`);
      }
      listening.clear();
    },

    close: () => handler.close(),
  };
}
