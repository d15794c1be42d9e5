// The load generator of `npm run bench:serve`, run by bench/serve.ts as its child process so it shares
// no event loop with Outpost. Per job: a fixed number of identical GETs over `concurrency` keep-alive
// connections, each connection sending its next request as soon as the previous answer is complete (HTTP/1.1,
// no pipelining). Each latency is request written → last body byte.
//
// It speaks HTTP/1.1 over node:net itself rather than through node:http: node:http's client costs several
// times more CPU per request, and on this kind of loopback run it becomes the bottleneck before nginx does,
// which would flatter every Outpost/nginx ratio. The parser knows exactly what the bench needs (status line,
// Content-Length or chunked bodies, keep-alive); bodies are counted, not kept, except the first one of each
// job, which is hashed so the bench can check both servers send the same bytes.
import { createHash } from 'node:crypto';
import net from 'node:net';
import { performance } from 'node:perf_hooks';

export interface LoadJob {
  host: string;
  port: number;
  path: string;
  /** Measured requests. */
  requests: number;
  concurrency: number;
  /** Unmeasured requests first, on the same connections (open them, warm the paths). */
  warmup: number;
  /** Every 200 must have exactly this many body bytes. */
  expectedBytes: number;
}

export interface LoadResult {
  latenciesMs: Float64Array;
  wallMs: number;
  errorCount: number;
  /** The first few failures, for the report. */
  errors: string[];
  /** SHA-256 (hex) of the first complete body. */
  bodySha256: string;
  /** The last response's status line and headers (after warm-up: what the server answers on its hot path). */
  head: string;
  /** Connections the server closed between requests (the request was sent again on a new one). */
  reconnects: number;
}

const CRLF = Buffer.from('\r\n');
const CRLFCRLF = Buffer.from('\r\n\r\n');

type State = 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-crlf' | 'trailer';

async function run(job: LoadJob): Promise<LoadResult> {
  const request = Buffer.from(`GET ${job.path} HTTP/1.1\r\nHost: ${job.host}:${job.port}\r\nUser-Agent: outpost-bench\r\n\r\n`, 'latin1');
  const total = job.warmup + job.requests;
  const result: LoadResult = { latenciesMs: new Float64Array(job.requests), wallMs: 0, errorCount: 0, errors: [], bodySha256: '', head: '', reconnects: 0 };
  let issued = 0;
  let measuredStart = 0;
  let measuredDone = 0;
  const fail = (message: string) => {
    result.errorCount++;
    if (result.errors.length < 5) result.errors.push(message);
  };

  const connection = () =>
    new Promise<void>((resolve) => {
      let socket: net.Socket;
      let index = -1; // the request in flight (≥ 0), or -1 when idle
      let start = 0;
      let received = 0; // bytes of the current response so far
      let state: State = 'head';
      let pending: Buffer = Buffer.alloc(0); // unparsed bytes (head, chunk-size lines)
      let status = 0;
      let bodyBytes = 0;
      let remaining = 0;
      let hash: ReturnType<typeof createHash> | undefined;
      let keepAlive = true;
      let finished = false;

      const next = () => {
        if (issued >= total) {
          finished = true;
          socket.end();
          resolve();
          return;
        }
        index = issued++;
        if (index === job.warmup) measuredStart = performance.now();
        state = 'head';
        received = 0;
        bodyBytes = 0;
        hash = result.bodySha256 === '' ? createHash('sha256') : undefined;
        start = performance.now();
        socket.write(request);
      };

      const complete = () => {
        const elapsed = performance.now() - start;
        if (status !== 200) fail(`HTTP ${status}`);
        else if (bodyBytes !== job.expectedBytes) fail(`${bodyBytes} body bytes, expected ${job.expectedBytes}`);
        else if (hash && result.bodySha256 === '') result.bodySha256 = hash.digest('hex');
        if (index >= job.warmup) {
          result.latenciesMs[index - job.warmup] = elapsed;
          if (++measuredDone === job.requests) result.wallMs = performance.now() - measuredStart;
        }
        index = -1;
        if (!keepAlive) {
          socket.destroy();
          open();
          return;
        }
        next();
      };

      // A protocol error: count the request as failed and go on with a new connection.
      const abort = (message: string) => {
        fail(message);
        if (index >= job.warmup && ++measuredDone === job.requests) result.wallMs = performance.now() - measuredStart;
        index = -1;
        socket.destroy(); // 'close' opens the next connection
      };

      const body = (chunk: Buffer) => {
        bodyBytes += chunk.length;
        hash?.update(chunk);
      };

      const onData = (data: Buffer) => {
        received += data.length;
        let buf = pending.length ? Buffer.concat([pending, data]) : data;
        pending = Buffer.alloc(0);
        while (buf.length > 0 || state === 'length') {
          if (state === 'head') {
            const end = buf.indexOf(CRLFCRLF);
            if (end < 0) {
              pending = buf;
              return;
            }
            const head = buf.subarray(0, end).toString('latin1');
            buf = buf.subarray(end + 4);
            result.head = head;
            const lines = head.split('\r\n');
            status = Number(lines[0]!.split(' ')[1]);
            let length = -1;
            let chunked = false;
            keepAlive = true;
            for (let i = 1; i < lines.length; i++) {
              const line = lines[i]!;
              const colon = line.indexOf(':');
              const name = line.slice(0, colon).trim().toLowerCase();
              const value = line
                .slice(colon + 1)
                .trim()
                .toLowerCase();
              if (name === 'content-length') length = Number(value);
              else if (name === 'transfer-encoding') chunked = value.includes('chunked');
              else if (name === 'connection') keepAlive = !value.includes('close');
            }
            if (chunked) state = 'chunk-size';
            else if (length >= 0) {
              state = 'length';
              remaining = length;
            } else {
              abort('response without Content-Length or chunked encoding');
              return;
            }
          } else if (state === 'length') {
            const take = Math.min(remaining, buf.length);
            if (take) body(buf.subarray(0, take));
            remaining -= take;
            buf = buf.subarray(take);
            if (remaining > 0) return;
            if (buf.length) {
              abort('bytes after a complete response (pipelining?)');
              return;
            }
            complete();
            return;
          } else if (state === 'chunk-size' || state === 'trailer') {
            const end = buf.indexOf(CRLF);
            if (end < 0) {
              pending = buf;
              return;
            }
            const line = buf.subarray(0, end).toString('latin1');
            buf = buf.subarray(end + 2);
            if (state === 'trailer') {
              if (line === '') {
                if (buf.length) {
                  abort('bytes after a complete response (pipelining?)');
                  return;
                }
                complete();
                return;
              }
            } else {
              remaining = parseInt(line, 16);
              state = remaining === 0 ? 'trailer' : 'chunk-data';
            }
          } else if (state === 'chunk-data') {
            const take = Math.min(remaining, buf.length);
            body(buf.subarray(0, take));
            remaining -= take;
            buf = buf.subarray(take);
            if (remaining === 0) state = 'chunk-crlf';
          } else {
            if (buf.length < 2) {
              pending = buf;
              return;
            }
            buf = buf.subarray(2);
            state = 'chunk-size';
          }
        }
      };

      const open = () => {
        const s = net.connect({ host: job.host, port: job.port, noDelay: true });
        socket = s;
        pending = Buffer.alloc(0);
        socket.on('connect', () => {
          if (index >= 0) {
            start = performance.now();
            state = 'head';
            received = 0;
            socket.write(request);
          } else next();
        });
        socket.on('data', onData);
        socket.on('error', () => {}); // 'close' follows
        socket.on('close', () => {
          if (finished || s !== socket) return; // done, or an old connection replaced on purpose
          if (index >= 0 && received === 0) {
            // Closed while idle, as the request went out: send it again on a new connection.
            result.reconnects++;
            open();
            return;
          }
          if (index >= 0) {
            fail(`connection closed mid-response (${received} bytes in)`);
            if (index >= job.warmup && ++measuredDone === job.requests) result.wallMs = performance.now() - measuredStart;
            index = -1;
          }
          if (issued < total) open();
          else {
            finished = true;
            resolve();
          }
        });
      };
      open();
    });

  await Promise.all(Array.from({ length: Math.min(job.concurrency, total) }, connection));
  return result;
}

process.on('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send!(result),
    (e: Error) =>
      process.send!({
        latenciesMs: new Float64Array(0),
        wallMs: 0,
        errorCount: 1,
        errors: [e.stack ?? e.message],
        bodySha256: '',
        head: '',
        reconnects: 0,
      } satisfies LoadResult),
  );
});
