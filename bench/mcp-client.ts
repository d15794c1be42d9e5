// The load generator of `npm run bench:mcp`, run by bench/mcp.ts as its child process so it does not
// share the servers' event loop. Per job: a fixed number of identical POSTs at a fixed concurrency, one request
// at a time on each of `concurrency` keep-alive connections; each latency is send → last response byte.
//
// The request is written as bytes made once, and the answer read by a small HTTP/1.1 reader (status, headers,
// a body by Content-Length or chunked): node:http's client (and undici's) cost about as much CPU per request as
// Outpost's server, so on a loaded machine the client, not the server, set Outpost's pace. Every target gets the
// same client, and every answer is still checked (status 200, a JSON-RPC tool result).
import net from 'node:net';
import { performance } from 'node:perf_hooks';

export interface LoadJob {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Measured requests. */
  requests: number;
  concurrency: number;
  /** Unmeasured requests first (open the sockets, warm the paths). */
  warmup: number;
}

export interface LoadResult {
  latenciesMs: Float64Array;
  wallMs: number;
  errorCount: number;
  /** The first few failures, for the report. */
  errors: string[];
  /** One response body, to show what the server answers. */
  sample: string;
}

interface Answer {
  status: number;
  text: string;
  /** The server closes the connection after this answer (`Connection: close`). */
  close: boolean;
}

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');

/** What of `buffer` is one whole HTTP/1.1 answer: its status, body and length, or undefined while incomplete. */
function parseAnswer(buffer: Buffer): { answer: Answer; used: number } | undefined {
  const headEnd = buffer.indexOf(HEAD_END);
  if (headEnd < 0) return undefined;
  const head = buffer.toString('latin1', 0, headEnd);
  const status = Number(head.slice(9, 12));
  let length = -1;
  let chunked = false;
  let close = false;
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-length') length = Number(value);
    else if (name === 'transfer-encoding') chunked = value.toLowerCase() === 'chunked';
    else if (name === 'connection') close = value.toLowerCase() === 'close';
  }
  let at = headEnd + HEAD_END.length;
  if (!chunked) {
    if (length < 0) throw new Error('an answer with neither Content-Length nor chunked encoding');
    if (buffer.length < at + length) return undefined;
    return { answer: { status, text: buffer.toString('utf8', at, at + length), close }, used: at + length };
  }
  const parts: Buffer[] = [];
  for (;;) {
    const lineEnd = buffer.indexOf(CRLF, at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(buffer.toString('latin1', at, lineEnd), 16);
    if (!Number.isInteger(size)) throw new Error('a bad chunk size');
    const dataStart = lineEnd + 2;
    if (size === 0) {
      // No trailers: the last chunk is followed by one empty line.
      if (buffer.length < dataStart + 2) return undefined;
      return { answer: { status, text: Buffer.concat(parts).toString('utf8'), close }, used: dataStart + 2 };
    }
    if (buffer.length < dataStart + size + 2) return undefined;
    parts.push(buffer.subarray(dataStart, dataStart + size));
    at = dataStart + size + 2;
  }
}

/** One keep-alive connection sending one request at a time. */
class Connection {
  private readonly url: URL;
  private readonly request: Buffer;
  private socket: net.Socket | undefined;
  private received: Buffer = Buffer.alloc(0);
  private waiting: { resolve(answer: Answer): void; reject(error: Error): void } | undefined;

  constructor(url: URL, request: Buffer) {
    this.url = url;
    this.request = request;
  }

  post(): Promise<Answer> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.connected().write(this.request);
    });
  }

  close(): void {
    this.socket?.destroy();
  }

  private connected(): net.Socket {
    if (this.socket && !this.socket.destroyed) return this.socket;
    const socket = net.connect({ host: this.url.hostname, port: Number(this.url.port), noDelay: true });
    this.received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      this.received = this.received.length ? Buffer.concat([this.received, chunk]) : chunk;
      let parsed: ReturnType<typeof parseAnswer>;
      try {
        parsed = parseAnswer(this.received);
      } catch (e) {
        socket.destroy(e as Error);
        return;
      }
      if (!parsed) return;
      this.received = this.received.subarray(parsed.used);
      if (parsed.answer.close) {
        // Not written to again: the next request opens a new connection.
        this.socket = undefined;
        socket.destroy();
      }
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.resolve(parsed.answer);
    });
    const fail = (error?: Error) => {
      // A replaced connection's late close is not the current request's failure.
      if (this.socket !== socket) return;
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.reject(error ?? new Error('the server closed the connection'));
    };
    socket.on('error', fail);
    socket.on('close', () => fail());
    this.socket = socket;
    return socket;
  }
}

/** The request as bytes: what node:http would send for these headers and body. */
function requestBytes(url: URL, headers: Record<string, string>, body: Buffer): Buffer {
  const lines = [`POST ${url.pathname} HTTP/1.1`, `host: ${url.host}`, 'connection: keep-alive'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  lines.push(`content-length: ${body.length}`, '', '');
  return Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), body]);
}

/** null when the answer is a successful JSON-RPC tool result, else what is wrong with it. */
function problem(status: number, text: string): string | null {
  if (status !== 200) return `HTTP ${status}: ${text.slice(0, 300)}`;
  try {
    const message = JSON.parse(text) as { result?: { isError?: boolean } };
    if (!message.result || message.result.isError) return `not a successful tool result: ${text.slice(0, 300)}`;
  } catch {
    return `not JSON: ${text.slice(0, 300)}`;
  }
  return null;
}

async function run(job: LoadJob): Promise<LoadResult> {
  const url = new URL(job.url);
  const request = requestBytes(url, job.headers, Buffer.from(job.body));
  const connections = Array.from({ length: job.concurrency }, () => new Connection(url, request));
  const result: LoadResult = { latenciesMs: new Float64Array(job.requests), wallMs: 0, errorCount: 0, errors: [], sample: '' };

  const phase = async (count: number, record: boolean) => {
    let issued = 0;
    await Promise.all(
      connections.slice(0, Math.min(job.concurrency, count)).map(async (connection) => {
        while (issued < count) {
          const i = issued++;
          const start = performance.now();
          let failure: string | null;
          try {
            const res = await connection.post();
            failure = problem(res.status, res.text);
            if (!result.sample) result.sample = res.text;
          } catch (e) {
            failure = (e as Error).message;
          }
          if (record) result.latenciesMs[i] = performance.now() - start;
          if (failure) {
            result.errorCount++;
            if (result.errors.length < 5) result.errors.push(failure);
          }
        }
      }),
    );
  };

  try {
    await phase(job.warmup, false);
    const start = performance.now();
    await phase(job.requests, true);
    result.wallMs = performance.now() - start;
  } finally {
    for (const connection of connections) connection.close();
  }
  return result;
}

process.on('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send!(result),
    (e: Error) =>
      process.send!({ latenciesMs: new Float64Array(0), wallMs: 0, errorCount: 1, errors: [e.stack ?? e.message], sample: '' } satisfies LoadResult),
  );
});
