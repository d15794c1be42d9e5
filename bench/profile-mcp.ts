// Throwaway: profiles the measured window of bench:mcp's Outpost targets (node:inspector), writes .cpuprofile files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import inspector from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';
import { forkLoadClient } from './fork-client.ts';
import { startBenchOutpost } from './outpost.ts';
import type { LoadJob, LoadResult } from './mcp-client.ts';

const TOOLS_DIR = fileURLToPath(new URL('./fixtures/tools/', import.meta.url));
const out = process.argv[2] ?? '/tmp/prof';
const N = Number(process.argv[3] ?? 3000);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-prof-'));
const { outpost, apiToken } = await startBenchOutpost({ DATA_DIR: dataDir }, { toolsDir: TOOLS_DIR });
const url = new URL('/mcp', outpost.url).href;
const headers = { accept: 'application/json', 'content-type': 'application/json', authorization: `Bearer ${apiToken}` };
const plain = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'bench_whoami', arguments: {} } });
const modern = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'bench_whoami', arguments: {}, _meta: {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {}, 'io.modelcontextprotocol/clientInfo': { name: 'bench', version: '1' } } } });
const modernHeaders = { ...headers, accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'bench_whoami' };
const client = forkLoadClient<LoadJob, LoadResult>(new URL('./mcp-client.ts', import.meta.url));
const session = new inspector.Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
for (const [label, h, body] of [['2025', headers, plain], ['2026', modernHeaders, modern]] as const) {
  if (process.argv[4] && process.argv[4] !== label) continue;
  await client.run({ url, headers: h, body, requests: 500, concurrency: 16, warmup: 0 });
  await session.post('Profiler.start');
  const cpu = process.cpuUsage();
  const r = await client.run({ url, headers: h, body, requests: N, concurrency: 16, warmup: 0 });
  const { user, system } = process.cpuUsage(cpu);
  const { profile } = await session.post('Profiler.stop');
  fs.writeFileSync(path.join(out, `${label}.cpuprofile`), JSON.stringify(profile));
  console.log(label, 'errors', r.errorCount, 'cpu µs/call', Math.round((user + system) / N), 'rps', Math.round(N / (r.wallMs / 1000)));
}
client.close();
await outpost.stop();
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
