// A loopback reverse proxy for tests that drive Outpost with a client that cannot send credentials
// (the MCP conformance suite): it adds `Authorization: Bearer <token>` and forwards everything else
// as received — method, path, body, and the Host and Origin headers (so the server, not the proxy,
// judges them) — and streams responses back chunk by chunk (SSE is never buffered). When either
// side goes away the other is closed too, so the server sees a client that drops an SSE stream.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AuthProxy {
  /** The proxy's origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  close(): Promise<void>;
}

// Connection-level headers belong to one hop; Node frames each side itself.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'proxy-authorization',
  'proxy-authenticate',
]);

/** Raw header list (name, value, name, value, …) less the hop-by-hop ones and any named in `drop`. */
function forwardable(raw: string[], drop: ReadonlySet<string> = new Set()): string[] {
  const connectionTokens = new Set<string>();
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].toLowerCase() === 'connection') raw[i + 1].split(',').forEach((t) => connectionTokens.add(t.trim().toLowerCase()));
  }
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (HOP_BY_HOP.has(name) || connectionTokens.has(name) || drop.has(name)) continue;
    out.push(raw[i], raw[i + 1]);
  }
  return out;
}

export async function startAuthProxy(target: string, token: string): Promise<AuthProxy> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: false });
  const server = http.createServer({ noDelay: true }, (req, res) => {
    const headers = [...forwardable(req.rawHeaders, new Set(['authorization'])), 'Authorization', `Bearer ${token}`];
    const out = http.request({
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers, // raw list: the client's Host header goes upstream as it came
      setHost: false,
      agent,
    });
    out.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, forwardable(answer.rawHeaders));
      res.flushHeaders();
      answer.pipe(res); // chunk by chunk, as each arrives
      // The server dropped the stream mid-answer: drop it for the client too (no clean end).
      answer.on('close', () => {
        if (!answer.complete) res.destroy();
      });
    });
    out.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end(`auth-proxy: ${error.message}`);
      else res.destroy();
    });
    // The client hung up (e.g. cancelled an SSE reader) before the answer ended: hang up upstream.
    res.on('close', () => {
      if (!res.writableFinished) out.destroy();
    });
    req.pipe(out);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
