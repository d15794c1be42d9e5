// MCP 2026-07-28 on POST /mcp: the SDK 2.x handler (createMcpHandler, modern requests only) behind hapi.
// http-transport.ts sends here every POST the SDK classifies as modern (one carrying the revision's
// per-request `_meta` envelope, or naming the revision in MCP-Protocol-Version); everything else stays
// with the 2025 transports. hapi has already authenticated the caller, checked Origin and Host, and
// parsed the body; the SDK checks the envelope against the headers and answers in JSON or SSE.
//
// subscriptions/listen streams are served by the SDK from a change bus; each stream hears only its own
// user's changes (the bus keeps the user of the request that subscribed).
import { AsyncLocalStorage } from 'node:async_hooks';
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

export interface ModernMcp {
  /** Whether `payload` (a POST to /mcp) is a 2026-07-28 request; the others are the 2025 transports'. */
  claims(request: Request): Promise<boolean>;
  serve(request: Request, h: ResponseToolkit, ctx: McpCallContext): Promise<unknown>;
  /** Tells open listen streams that the tool list changed. */
  toolsChanged(): void;
  /** Ends open streams and in-flight requests (a graceful stop). */
  close(): Promise<void>;
}

export function createModernMcp(publicUrl: string, exposedHeaders: string): ModernMcp {
  const bus = new UserEventBus();
  const handler: McpHttpHandler = createMcpHandler(({ authInfo }) => createModernServer(authInfo), { legacy: 'reject', bus });
  const stopListening = onPageChange((pageId, change) => {
    if (change.kind !== 'updated') bus.publishTo(change.ownerId, { kind: 'resources_list_changed' });
    bus.publishTo(change.ownerId, { kind: 'resource_updated', uri: pageUri(pageId) });
  });
  const inFlight = new Set<AbortController>();

  // The body goes to the SDK already parsed (`parsedBody`): the Request carries only the headers.
  const webRequest = (request: Request, signal?: AbortSignal) =>
    new globalThis.Request(`${publicUrl}/mcp`, {
      method: 'POST',
      headers: Object.entries(request.headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      signal,
    });

  return {
    async claims(request) {
      return !(await isLegacyRequest(webRequest(request), request.payload ?? null));
    },

    async serve(request, h, ctx) {
      const abort = new AbortController();
      inFlight.add(abort);
      const res = request.raw.res;
      const onClose = () => abort.abort();
      res.once('close', onClose);
      const forget = () => {
        inFlight.delete(abort);
        res.off('close', onClose);
      };
      let response: Response;
      try {
        response = await bus.as(ctx.caller.user.id, () =>
          handler.fetch(webRequest(request, abort.signal), { parsedBody: request.payload ?? null, authInfo: authInfoFor(ctx) }),
        );
      } catch (e) {
        forget();
        throw e;
      }
      const headers = Object.fromEntries(response.headers);
      if (!headers['content-type']?.startsWith('text/event-stream') || !response.body) {
        forget();
        const reply = h.response(await response.text()).code(response.status);
        for (const [name, value] of Object.entries(headers)) reply.header(name, value);
        return reply;
      }
      // A stream: written as it comes, with the CORS headers hapi would have added.
      const origin = request.headers.origin as string | undefined;
      const cors: Record<string, string> = origin
        ? { 'access-control-allow-origin': origin, 'access-control-expose-headers': exposedHeaders, vary: 'Origin' }
        : {};
      res.writeHead(response.status, { ...headers, ...cors, 'x-accel-buffering': 'no', 'cache-control': 'no-cache' });
      const body = Readable.fromWeb(response.body as never);
      body.on('error', () => res.destroy());
      body.on('close', forget);
      abort.signal.addEventListener('abort', () => body.destroy(), { once: true });
      body.pipe(res);
      return h.abandon;
    },

    toolsChanged() {
      bus.publish({ kind: 'tools_list_changed' });
    },

    async close() {
      stopListening();
      for (const abort of inFlight) abort.abort();
      inFlight.clear();
      await handler.close();
    },
  };
}
