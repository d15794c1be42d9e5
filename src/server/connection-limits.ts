// The HTTP listener with limits on its connections, so idle or slow clients cannot hold every file
// descriptor: a cap on open connections in all and per client address, and deadlines for a request to
// arrive and for an idle keep-alive connection. Responses are never cut short (SSE and MCP streams stay open).
import http from 'node:http';
import type { Server as NetServer, Socket } from 'node:net';
import type { ConnectionLimits } from '../config/config.ts';
import { connectionKey } from '../shared/client-address.ts';

/** How often Node looks for requests past their deadline: a fraction of the headers deadline, at most Node's 30 s. */
function checkingInterval(limits: ConnectionLimits): number {
  return Math.min(30_000, Math.max(100, (limits.headersTimeoutSeconds * 1000) / 4));
}

/** An http.Server (for hapi's `listener` option) that enforces `limits`. */
export function createLimitedListener(limits: ConnectionLimits, config: { trustProxy: readonly string[] }): http.Server {
  const listener = http.createServer({
    // Time to receive the request (headers, then body); what is sent back is not limited.
    headersTimeout: limits.headersTimeoutSeconds * 1000,
    requestTimeout: limits.requestTimeoutSeconds * 1000,
    keepAliveTimeout: limits.keepAliveTimeoutSeconds * 1000,
    connectionsCheckingInterval: checkingInterval(limits),
    // A request without Content-Length or Transfer-Encoding has no body (RFC 9112 §6.3): Node then skips the request
    // stream's events altogether (Node 24.12+; ignored before), which is most of what a small GET costs beyond the
    // answer itself. Payload readers (hapi's, the provider's) see an empty, ended body.
    optimizeEmptyRequests: true,
  });
  listener.maxConnections = limits.max;
  capConnectionsPerClient(listener, limits.perClient, (peer) => connectionKey(peer, config));
  return listener;
}

/**
 * Closes a new connection at once when its client already holds `max` open ones. `keyOf` names the client of a
 * peer address, or null for a peer that is not capped.
 */
function capConnectionsPerClient(listener: NetServer, max: number, keyOf: (peer: string) => string | null): void {
  const open = new Map<string, number>();
  listener.on('connection', (socket: Socket) => {
    const peer = socket.remoteAddress;
    const key = peer === undefined ? null : keyOf(peer);
    if (key === null) return;
    const count = open.get(key) ?? 0;
    if (count >= max) {
      socket.destroy();
      return;
    }
    open.set(key, count + 1);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left === 0) open.delete(key);
      else open.set(key, left);
    });
  });
}

const REQUEST_TIMEOUT_BODY = 'The request did not arrive in time (see HEADERS_TIMEOUT_SECONDS and REQUEST_TIMEOUT_SECONDS); send it again.\n';
const REQUEST_TIMEOUT_RESPONSE =
  'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
  `Content-Length: ${Buffer.byteLength(REQUEST_TIMEOUT_BODY)}\r\n\r\n${REQUEST_TIMEOUT_BODY}`;

/**
 * Answers a request that missed its deadline with 408 and closes the connection. hapi's own clientError
 * handler (installed on `listener` before this is called) would answer 400; it still handles every other error.
 */
export function answerRequestTimeouts(listener: http.Server): void {
  const others = listener.listeners('clientError') as ((err: Error, socket: Socket) => void)[];
  listener.removeAllListeners('clientError');
  listener.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code !== 'ERR_HTTP_REQUEST_TIMEOUT') {
      for (const handle of others) handle.call(listener, err, socket);
      return;
    }
    if (socket.writable && socket.bytesWritten === 0) socket.end(REQUEST_TIMEOUT_RESPONSE);
    socket.destroySoon();
  });
}
