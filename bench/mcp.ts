// `npm run bench:mcp` (`npm run bench:mcp -- --quick` for a short run): MCP `tools/call` over stateless
// JSON (POST /mcp, one JSON-RPC request per HTTP request), Outpost against the MCP SDK's own minimal
// stateless Streamable HTTP server on Express serving a trivial tool, in one run.
//
//  - Outpost: startBenchOutpost() (test/support's server, in memory) with bench/fixtures/tools/ (bench_whoami → getMe), called
//    with an `op_` API token made through the REST API, `Accept: application/json`; once as a 2025 stateless call
//    (no envelope), once as a 2026-07-28 call (the `_meta` envelope and its headers: the SDK 2.x path).
//  - Baseline: the SDK's stateless pattern (createMcpExpressApp, then per request a new McpServer and
//    StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true })) with a
//    `ping` tool answering {"status":"ok"} (Outpost's answer, the caller, is larger); no auth. The SDK transport insists on
//    `Accept: application/json, text/event-stream` (Outpost's route adds that for JSON-only clients).
//
// Both servers listen on 127.0.0.1 in this process; the load comes from a child process (bench/mcp-client.ts,
// the same lean client for every target). The measured rounds take the targets in a rotating order (each target
// first, second and last equally often) so drift hits all alike, and the heap is collected before every run so no
// target pays for the garbage the one before it left. Absolute numbers vary between machines; the ratios are the point.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { forkLoadClient } from './fork-client.ts';
import { startBenchOutpost } from './outpost.ts';
import type { LoadJob, LoadResult } from './mcp-client.ts';

const quick = process.argv.includes('--quick');
const WARMUP = quick ? 100 : 300; // per server, once, before the measured rounds
const N = quick ? 600 : 3000; // measured calls per server
const ROUNDS = quick ? 3 : 6; // per server; N / ROUNDS calls each; a multiple of the 3 targets (rotating order)
const CONCURRENCY = 16;
const ROUND_WARMUP = 2 * CONCURRENCY; // unmeasured, at the start of every round (fresh sockets)
const TOOLS_DIR = fileURLToPath(new URL('./fixtures/tools/', import.meta.url));

type Target = Pick<LoadJob, 'url' | 'headers' | 'body'> & { label: string };

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

const toolsCall = (name: string) => JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: {} } });

// ---- the servers -------------------------------------------------------------------------------

async function startOutpostTarget(dataDir: string) {
  const { outpost, apiToken } = await startBenchOutpost({ DATA_DIR: dataDir }, { toolsDir: TOOLS_DIR });
  const url = new URL('/mcp', outpost.url).href;
  const headers = { accept: 'application/json', 'content-type': 'application/json', authorization: `Bearer ${apiToken}` };
  const target: Target = { label: 'Outpost', url, headers, body: toolsCall('bench_whoami') };
  const modern: Target = {
    label: 'Outpost 2026-07-28',
    url,
    headers: {
      ...headers,
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': 'tools/call',
      'mcp-name': 'bench_whoami',
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: {
        name: 'bench_whoami',
        arguments: {},
        _meta: {
          'io.modelcontextprotocol/protocolVersion': '2026-07-28',
          'io.modelcontextprotocol/clientCapabilities': {},
          'io.modelcontextprotocol/clientInfo': { name: 'bench', version: '1' },
        },
      },
    }),
  };
  return { target, modern, stop: () => outpost.stop() };
}

const PONG = { status: 'ok' };

async function startBaselineTarget() {
  const app = createMcpExpressApp(); // 127.0.0.1: the SDK's Host-header check, then express.json()
  app.post('/mcp', async (req: http.IncomingMessage & { body?: unknown }, res: http.ServerResponse) => {
    const server = new McpServer({ name: 'sdk-baseline', version: '1.0.0' });
    server.registerTool('ping', { title: 'Ping', description: 'Answers {"status":"ok"}.' }, async () => ({
      content: [{ type: 'text', text: JSON.stringify(PONG, null, 2) }],
      structuredContent: PONG,
    }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
    } catch {
      if (!res.headersSent) {
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32603, message: 'Internal server error' } }));
      }
    }
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  const target: Target = {
    label: 'SDK baseline',
    url: `http://127.0.0.1:${port}/mcp`,
    headers: { accept: 'application/json, text/event-stream', 'content-type': 'application/json' },
    body: toolsCall('ping'),
  };
  return {
    target,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// ---- the load generator (child process) --------------------------------------------------------

function startClient() {
  return forkLoadClient<LoadJob, LoadResult>(new URL('./mcp-client.ts', import.meta.url));
}

// ---- statistics ----------------------------------------------------------------------------------

function summarize(runs: (LoadResult & { cpuMicrosPerCall: number })[]) {
  const all = Float64Array.from(runs.flatMap((r) => Array.from(r.latenciesMs))).sort();
  const pct = (p: number) => all[Math.min(all.length - 1, Math.max(0, Math.ceil(p * all.length) - 1))];
  const wallSeconds = runs.reduce((s, r) => s + r.wallMs, 0) / 1000;
  return {
    rps: all.length / wallSeconds,
    p50: pct(0.5),
    p99: pct(0.99),
    mean: all.reduce((s, x) => s + x, 0) / all.length,
    cpu: runs.reduce((s, r) => s + r.cpuMicrosPerCall * r.latenciesMs.length, 0) / all.length,
    rounds: runs.map((r) => r.latenciesMs.length / (r.wallMs / 1000)),
  };
}

// ---- main ------------------------------------------------------------------------------------------

// Whatever happens, the bench ends: this fires only if something still holds the event loop.
const exitGuard = () =>
  setTimeout(() => {
    console.error('bench:mcp: a handle kept the process alive after the run; exiting');
    process.exit(process.exitCode ?? 0);
  }, 10_000).unref();

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-mcp-'));
const client = startClient();
let outpostServer: Awaited<ReturnType<typeof startOutpostTarget>> | undefined;
let baselineServer: Awaited<ReturnType<typeof startBaselineTarget>> | undefined;
try {
  outpostServer = await startOutpostTarget(dataDir);
  baselineServer = await startBaselineTarget();
  const targets = [outpostServer.target, outpostServer.modern, baselineServer.target];

  // The server side's CPU time (this process: both servers, only the loaded one busy), per call.
  const run = async (target: Target, requests: number, warmup: number) => {
    collectGarbage();
    const cpu = process.cpuUsage();
    const result = await client.run({ url: target.url, headers: target.headers, body: target.body, requests, concurrency: CONCURRENCY, warmup });
    const { user, system } = process.cpuUsage(cpu);
    if (result.errorCount) {
      throw new Error(`${target.label}: ${result.errorCount} of ${requests + warmup} calls failed, e.g.\n  ${result.errors.join('\n  ')}`);
    }
    return { ...result, cpuMicrosPerCall: (user + system) / (requests + warmup) };
  };

  const cpus = os.cpus();
  console.log(`MCP tools/call, stateless JSON over loopback HTTP${quick ? ' (quick)' : ''}`);
  console.log(`node ${process.version}, ${cpus.length} CPU × ${cpus[0]?.model.trim() ?? '?'}`);
  console.log(`servers in this process, client in a child process (raw keep-alive sockets, ${CONCURRENCY} concurrent: bench/mcp-client.ts)`);
  console.log(`${WARMUP} warm-up calls per server, then ${N} measured per server in ${ROUNDS} rounds of ${N / ROUNDS}`);
  console.log('targets in a rotating order (round r starts with target r mod 3); full GC in the server process before every run\n');

  const samples = new Map<Target, string>();
  for (const target of targets) samples.set(target, (await run(target, WARMUP, 0)).sample);
  for (const [target, sample] of samples)
    console.log(`${target.label.padEnd(13)} answers ${Buffer.byteLength(sample)} B: ${sample.length > 160 ? `${sample.slice(0, 160)}…` : sample}`);

  const results = new Map<Target, (LoadResult & { cpuMicrosPerCall: number })[]>(targets.map((t) => [t, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < targets.length; i++) {
      const target = targets[(round + i) % targets.length]!;
      results.get(target)!.push(await run(target, N / ROUNDS, ROUND_WARMUP));
    }
  }

  const [a, m, b] = targets.map((t) => summarize(results.get(t)!));
  const f = (n: number, digits: number) => n.toFixed(digits);
  const row = (label: string, s: typeof a) =>
    `${label.padEnd(30)}${f(s.rps, 0).padStart(9)}${f(s.p50, 2).padStart(10)}${f(s.p99, 2).padStart(10)}${f(s.mean, 2).padStart(10)}${f(s.cpu, 0).padStart(12)}   ${s.rounds.map((r) => f(r, 0)).join(' / ')}`;
  const ratio = (label: string, x: typeof a, y: typeof a) =>
    `${label.padEnd(30)}${`${f(x.rps / y.rps, 2)}×`.padStart(9)}${`${f(x.p50 / y.p50, 2)}×`.padStart(10)}${`${f(x.p99 / y.p99, 2)}×`.padStart(10)}${`${f(x.mean / y.mean, 2)}×`.padStart(10)}${`${f(x.cpu / y.cpu, 2)}×`.padStart(12)}`;
  console.log(
    `\n${''.padEnd(30)}${'req/s'.padStart(9)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'mean ms'.padStart(10)}${'server CPU'.padStart(12)}   req/s per round`,
  );
  console.log(row('Outpost (bench_whoami)', a));
  console.log(row('Outpost 2026-07-28', m));
  console.log(row('SDK baseline (Express ping)', b));
  console.log(ratio('Outpost / baseline', a, b));
  console.log(ratio('Outpost 2026-07-28 / baseline', m, b));
  console.log(ratio('2026-07-28 / 2025 stateless', m, a));
  console.log('(server CPU: µs of this process per call. Throughput ratio < 1 and the other ratios > 1 mean Outpost is slower)');
} catch (e) {
  console.error(e);
  process.exitCode = 1;
} finally {
  client.close();
  await baselineServer?.stop();
  await outpostServer?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  exitGuard();
}
