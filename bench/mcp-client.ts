// The load generator of `npm run bench:mcp`, run by bench/mcp.ts as its child process so it does not
// share the servers' event loop. Per job: a fixed number of identical POSTs at a fixed concurrency over
// keep-alive sockets (node:http, one Agent per job); each latency is send → last response byte.
import http from 'node:http';
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

function post(agent: http.Agent, url: URL, headers: Record<string, string>, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { ...headers, 'content-length': String(body.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
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
  const body = Buffer.from(job.body);
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const result: LoadResult = { latenciesMs: new Float64Array(job.requests), wallMs: 0, errorCount: 0, errors: [], sample: '' };

  const phase = async (count: number, record: boolean) => {
    let issued = 0;
    await Promise.all(
      Array.from({ length: Math.min(job.concurrency, count) }, async () => {
        while (issued < count) {
          const i = issued++;
          const start = performance.now();
          let failure: string | null;
          try {
            const res = await post(agent, url, job.headers, body);
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
    agent.destroy();
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
