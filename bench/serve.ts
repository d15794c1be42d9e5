// `npm run bench:serve` (`npm run bench:serve -- --quick` for a short run, `-- --only=10k|1m|8m` for one size, `-- --no-refs`
// without the reference servers, `-- --log` with both servers keeping an access log): serving a public page's files at /p/<id>/…, Outpost against nginx serving the same
// bytes from disk, in one run.
//
//  - Outpost: startBenchOutpost() (the embedded engine, in memory), one public page made through the REST API
//    (POST /api/pages with inline `files`): `index.html`, 10 KiB of HTML, `blob.bin`, 1 MiB, and `large.bin`, 8 MiB
//    of random bytes (base64 in the JSON). 10 KiB and 1 MiB are under the content cache's per-file limit (caches.ts),
//    so after the first request they come from memory on the fast path (fast-path.ts: page, file record and bytes
//    all cached, no hapi); 8 MiB is over it: it is streamed from GridFS until the body cache (body-cache.ts) has
//    its copy under DATA_DIR, then sent from that file on the fast path (the warm-up covers the copy).
//  - nginx (the distribution's build, e.g. Debian's): the same two files written to a temp dir under the
//    same paths (/p/<id>/index.html, /p/<id>/blob.bin), a minimal config in a temp prefix: 127.0.0.1 only,
//    `worker_processes 1` (Outpost is one Node process with one JS thread; on a 2-core machine a second
//    worker would also fight the load client for the cores), `sendfile on`, `access_log off`,
//    `keepalive_requests` raised so nginx doesn't close the bench's connections every 1000 requests.
//    `daemon off` and `master_process on`: the bench starts the master as its child and stops it with SIGQUIT.
//
//  - References (leave them out with `--no-refs`), in this process like Outpost, serving the same bytes from a
//    constant buffer with no lookups at all: a bare hapi server (one route, default settings), and two bare
//    node:http servers: one sending what nginx sends (6 headers, besides node's Date/Connection/Keep-Alive), one
//    sending exactly the headers of Outpost's fast-path answer for the file (copied from one of its answers at
//    warm-up, with a fresh request id per request; about 13 headers and 400 B more per answer, the sandbox and
//    CORS headers). They show the ceiling of each layer on this machine: Outpost's hot files are answered by
//    node:http before hapi sees them, so "node:http (Outpost's headers)" is what Outpost's 10 KiB row can
//    approach, the gap to "node:http (nginx's headers)" is what the extra headers cost, and the hapi column is
//    what Outpost could do without the fast path. The bench prints each one's bytes per answer. The references use
//    node:http's default options; Outpost's listener sets `optimizeEmptyRequests` (connection-limits.ts), which
//    spares each bodiless request its request stream's events (about a fifth of a bare 10 KiB answer's CPU here).
//
// All are asked for identity bytes (no Accept-Encoding), so all send exactly the file. The load comes
// from a child process (bench/serve-client.ts): 64 keep-alive connections, each sending its next GET as
// soon as its previous answer has arrived. Measured runs alternate between the targets (Outpost, nginx,
// references, then again) per size so drift hits all alike. Absolute numbers vary between machines; the
// ratios to nginx are the point. Each target's server CPU time per answer is measured too (this process's for
// Outpost and the references, nginx's worker processes' from /proc): on a loaded machine the throughput of each
// round swings with what else runs, while CPU per answer stays put.
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import Hapi from '@hapi/hapi';
import pino from 'pino';
import { fastPathStats } from '../src/serve/fast-path.ts';
import { freePort } from '../test/support/free-port.ts';
import { findNginx, NGINX_CANDIDATES, startNginx } from '../test/support/nginx.ts';
import { forkLoadClient } from './fork-client.ts';
import { startBenchOutpost } from './outpost.ts';
import type { LoadJob, LoadResult } from './serve-client.ts';

const quick = process.argv.includes('--quick');
const refs = !process.argv.includes('--no-refs');
// `--log`: both keep an access log in a file, as a production host would: Outpost at LOG_LEVEL=info through an
// asynchronous pino destination (what it writes to stdout with), nginx with `access_log … buffer=64k`.
const accessLog = process.argv.includes('--log');
const CONCURRENCY = 64;
const ROUNDS = quick ? 2 : 4; // per target and size, alternating between the targets
const ROUND_WARMUP = 2 * CONCURRENCY; // unmeasured, at the start of every round (fresh connections)
const TARGET_10K_RATIO = 0.75;
const TARGET_8M_RATIO = 0.9;

interface Size {
  label: string;
  file: string;
  bytes: Buffer;
  warmup: number; // per target, once, before the measured rounds
  requests: number; // measured per target, split over ROUNDS
}

const ALL_SIZES: Size[] = [
  { label: '10 KiB', file: 'index.html', bytes: html(10 * 1024), warmup: quick ? 1000 : 4000, requests: quick ? 8000 : 40_000 },
  { label: '1 MiB', file: 'blob.bin', bytes: crypto.randomBytes(1024 * 1024), warmup: quick ? 100 : 300, requests: quick ? 800 : 3200 },
  { label: '8 MiB', file: 'large.bin', bytes: crypto.randomBytes(8 * 1024 * 1024), warmup: quick ? 64 : 128, requests: quick ? 256 : 1024 },
];

// `--only=10k`, `--only=1m` or `--only=8m`: one size (e.g. to profile it alone with `node --cpu-prof bench/serve.ts`).
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const ONLY_FILES: Record<string, string> = { '10k': 'index.html', '1m': 'blob.bin', '8m': 'large.bin' };
if (only !== undefined && !(only in ONLY_FILES)) throw new Error(`--only=${only}: expected one of ${Object.keys(ONLY_FILES).join(', ')}`);
const SIZES = only ? ALL_SIZES.filter((s) => s.file === ONLY_FILES[only]) : ALL_SIZES;

/** An HTML document of exactly `size` bytes (ASCII). */
function html(size: number): Buffer {
  const head = '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Outpost bench</title></head>\n<body>\n';
  const tail = '</body>\n</html>\n';
  let body = '';
  for (let i = 0; head.length + body.length + tail.length < size; i++) {
    body += `<p id="p${i}">Paragraph ${i}: the quick brown fox jumps over the lazy dog, again and again.</p>\n`;
  }
  const text = head + body.slice(0, size - head.length - tail.length) + tail;
  return Buffer.from(text, 'ascii');
}

type Target = {
  label: string;
  host: string;
  port: number;
  prefix: string;
  /** CPU time (µs) its server process(es) have used so far: the targets run one at a time, so a difference is theirs. */
  cpu: () => number;
};

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** This process's CPU time: Outpost and the references run here (and nothing else runs while one is measured). */
const ownCpu = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** The CPU time of nginx's worker processes (children of the master in `pidFile`), from /proc; NaN without it. */
function nginxCpu(pidFile: string): () => number {
  const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
  const statOf = (pid: string) => {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' '); // [state, ppid, …, utime (11), stime (12)]
  };
  return () => {
    try {
      const master = fs.readFileSync(pidFile, 'utf8').trim();
      let total = 0;
      for (const pid of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(pid)) continue;
        try {
          const fields = statOf(pid);
          if (fields[1] === master || pid === master) total += Number(fields[11]) + Number(fields[12]);
        } catch {
          // gone meanwhile
        }
      }
      return (total * 1e6) / ticks;
    } catch {
      return Number.NaN;
    }
  };
}

// ---- Outpost -------------------------------------------------------------------------------------

async function startOutpostTarget(dataDir: string) {
  // 9 MiB as base64 in a JSON body is ~12.6 MB; the default limit (50) would do, but say what is needed.
  const { outpost, post } = await startBenchOutpost(
    {
      DATA_DIR: dataDir,
      UPLOAD_LIMIT_MB: '16',
      // The client opens 64 new connections per round while the last round's may still be closing on the server's
      // side. Outpost's default cap (64 per client address) refused those and the client reconnected, hundreds of
      // times per round; nginx here has no such cap. The cap is for many clients, not one load generator.
      MAX_CONNECTIONS_PER_CLIENT: String(4 * CONCURRENCY),
      ...(accessLog ? { LOG_LEVEL: 'info' } : {}),
    },
    accessLog ? { logStream: pino.destination({ dest: path.join(dataDir, '..', 'outpost-access.log'), sync: false }) as unknown as NodeJS.WritableStream } : {},
  );
  const page = await post('/api/pages', {
    name: 'bench:serve',
    visibility: 'public',
    // Both files whatever --only says: a page needs its HTML file.
    files: ALL_SIZES.map((s) => ({ path: s.file, content: s.bytes.toString('base64'), encoding: 'base64' })),
  });
  const id = page.id as string;
  const { port } = new URL(outpost.url);
  const target: Target = { label: 'Outpost', host: '127.0.0.1', port: Number(port), prefix: `/p/${id}/`, cpu: ownCpu };
  return { id, target, fastPath: () => fastPathStats(outpost.server)?.served ?? 0, stop: () => outpost.stop() };
}

// ---- references: hapi and node:http serving a constant buffer -------------------------------------

const TYPES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'blob.bin': 'application/octet-stream',
  'large.bin': 'application/octet-stream',
};

async function startHapiReference(pageId: string) {
  const server = Hapi.server({ port: 0, host: '127.0.0.1' });
  const files = new Map(ALL_SIZES.map((s) => [s.file, s.bytes]));
  server.route({
    method: 'GET',
    path: '/p/{id}/{path*}',
    handler: (request, h) => {
      const bytes = files.get((request.params as { path: string }).path);
      return bytes ? h.response(bytes).type(TYPES[(request.params as { path: string }).path]!) : h.response().code(404);
    },
  });
  await server.start();
  const target: Target = { label: 'hapi (bare)', host: '127.0.0.1', port: server.info.port as number, prefix: `/p/${pageId}/`, cpu: ownCpu };
  return { target, stop: () => server.stop() };
}

/** A file as the node:http references serve it, and the headers each sends with it (Date, Connection and Keep-Alive are node's). */
interface ReferenceFile {
  bytes: Buffer;
  /** Flat [name, value, …]; built once per file, except what `perRequest` fills in. */
  headers: string[];
  /** Fills in what changes per request (the request id), on a copy of `headers`. */
  perRequest?: (headers: string[]) => void;
}

async function startNodeReference(label: string, pageId: string, fileFor: (file: string) => ReferenceFile | undefined) {
  const prefix = `/p/${pageId}/`;
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    const file = url.startsWith(prefix) ? fileFor(url.slice(prefix.length)) : undefined;
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    let headers = file.headers;
    if (file.perRequest) {
      headers = headers.slice();
      file.perRequest(headers);
    }
    res.writeHead(200, headers);
    res.end(file.bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const target: Target = { label, host: '127.0.0.1', port: (server.address() as net.AddressInfo).port, prefix, cpu: ownCpu };
  return {
    target,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** node:http sending what nginx sends (Server, Content-Type, Content-Length, Last-Modified, ETag, Accept-Ranges). */
function startNodeWithNginxHeaders(pageId: string) {
  const lastModified = new Date().toUTCString();
  const files = new Map<string, ReferenceFile>(
    ALL_SIZES.map((s) => [
      s.file,
      {
        bytes: s.bytes,
        headers: [
          'Server',
          'node',
          'Content-Type',
          TYPES[s.file]!.split(';')[0]!,
          'Content-Length',
          String(s.bytes.length),
          'Last-Modified',
          lastModified,
          'ETag',
          `"${Math.floor(Date.now() / 1000).toString(16)}-${s.bytes.length.toString(16)}"`,
          'Accept-Ranges',
          'bytes',
        ],
      },
    ]),
  );
  return startNodeReference("node:http (nginx's headers)", pageId, (file) => files.get(file));
}

/**
 * node:http sending exactly the headers Outpost's fast path sent for the file (names, values and order, taken
 * from one of its answers), with a fresh request id of the same form per request.
 */
function startNodeWithOutpostHeaders(pageId: string, outpostHeaders: Map<string, string[]>) {
  const bytes = new Map(ALL_SIZES.map((s) => [s.file, s.bytes]));
  const files = new Map<string, ReferenceFile>();
  let counter = 100_000;
  const fileFor = (file: string) => {
    let entry = files.get(file);
    const headers = outpostHeaders.get(file);
    if (entry === undefined && headers !== undefined && bytes.has(file)) {
      const idAt = headers.findIndex((name, i) => i % 2 === 0 && name.toLowerCase() === 'x-request-id') + 1;
      // Outpost's ids are `<ms>:<server id>:<counter>`: the same server id, so the same length.
      const serverId = idAt > 0 ? headers[idAt]!.slice(headers[idAt]!.indexOf(':'), headers[idAt]!.lastIndexOf(':') + 1) : '';
      const perRequest =
        idAt > 0
          ? (out: string[]) => {
              out[idAt] = `${Date.now()}${serverId}${counter}`;
              counter = counter === 999_999 ? 100_000 : counter + 1;
            }
          : undefined;
      entry = { bytes: bytes.get(file)!, headers, perRequest };
      files.set(file, entry);
    }
    return entry;
  };
  return startNodeReference("node:http (Outpost's headers)", pageId, fileFor);
}

/** Headers node:http writes itself, left out of what a reference copies. */
const NODE_OWN_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** The headers (flat list) of an answer Outpost's fast path gave for `file`; asks until the fast path answers. */
async function fastPathHeaders(target: Target, file: string, fastPath: () => number): Promise<string[]> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const before = fastPath();
    const raw = await new Promise<string[]>((resolve, reject) => {
      http
        .get({ host: target.host, port: target.port, path: target.prefix + file, agent: false }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.rawHeaders));
          res.on('error', reject);
        })
        .on('error', reject);
    });
    if (fastPath() !== before + 1) {
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    const headers: string[] = [];
    for (let i = 0; i < raw.length; i += 2) if (!NODE_OWN_HEADERS.has(raw[i]!.toLowerCase())) headers.push(raw[i]!, raw[i + 1]!);
    return headers;
  }
  throw new Error(`Outpost's fast path did not answer ${file}`);
}

// ---- nginx ---------------------------------------------------------------------------------------

async function startNginxTarget(bin: string, dir: string, pageId: string) {
  // The served tree: same paths as Outpost's. Readable by nginx's worker, which drops root to its `user`.
  const root = path.join(dir, 'root');
  const pageDir = path.join(root, 'p', pageId);
  fs.mkdirSync(pageDir, { recursive: true });
  for (const s of ALL_SIZES) fs.writeFileSync(path.join(pageDir, s.file), s.bytes, { mode: 0o644 });
  for (let d = pageDir; d.startsWith(dir); d = path.dirname(d)) fs.chmodSync(d, 0o755);
  const port = await freePort();
  const nginx = await startNginx({
    bin,
    prefix: path.join(dir, 'prefix'),
    port,
    http: `  access_log ${accessLog ? `${path.join(dir, 'nginx-access.log')} combined buffer=64k` : 'off'};
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  keepalive_timeout 65;
  types { text/html html; application/octet-stream bin; }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:${port};
    server_name localhost;
    root ${root};
  }`,
  });
  const target: Target = { label: 'nginx', host: '127.0.0.1', port, prefix: `/p/${pageId}/`, cpu: nginxCpu(path.join(dir, 'prefix', 'nginx.pid')) };
  return { target, version: nginx.version, stop: () => nginx.stop(), kill: () => nginx.kill() };
}

// ---- the load generator (child process) --------------------------------------------------------

function startClient() {
  return forkLoadClient<LoadJob, LoadResult>(new URL('./serve-client.ts', import.meta.url));
}

// ---- statistics ----------------------------------------------------------------------------------

type Run = LoadResult & { cpuMicros: number; answered: number };

function summarize(runs: Run[]) {
  const all = Float64Array.from(runs.flatMap((r) => Array.from(r.latenciesMs))).sort();
  const pct = (p: number) => all[Math.min(all.length - 1, Math.max(0, Math.ceil(p * all.length) - 1))]!;
  const wallSeconds = runs.reduce((s, r) => s + r.wallMs, 0) / 1000;
  return {
    rps: all.length / wallSeconds,
    p50: pct(0.5),
    p99: pct(0.99),
    rounds: runs.map((r) => r.latenciesMs.length / (r.wallMs / 1000)),
    reconnects: runs.reduce((s, r) => s + r.reconnects, 0),
    /** Server CPU per answer (warm-up answers included), µs. */
    cpu: runs.reduce((s, r) => s + r.cpuMicros, 0) / runs.reduce((s, r) => s + r.answered, 0),
  };
}

// ---- main ------------------------------------------------------------------------------------------

// Whatever happens, the bench ends: this fires only if something still holds the event loop.
const exitGuard = () =>
  setTimeout(() => {
    console.error('bench:serve: a handle kept the process alive after the run; exiting');
    process.exit(process.exitCode ?? 0);
  }, 10_000).unref();

const nginxBin = findNginx();
if (!nginxBin) {
  console.error(`bench:serve compares Outpost with nginx, and no nginx was found (tried ${process.env.NGINX ? `NGINX=${process.env.NGINX}` : NGINX_CANDIDATES.join(', ')}).
Install it, e.g. on Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y nginx
(on Alpine: apk add nginx; on macOS: brew install nginx), or point NGINX=/path/to/nginx at a binary.
The bench starts its own nginx on 127.0.0.1 with a config in a temp dir; the system's nginx service isn't used.`);
  process.exit(2);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-serve-'));
const client = startClient();
let outpostServer: Awaited<ReturnType<typeof startOutpostTarget>> | undefined;
let nginxServer: Awaited<ReturnType<typeof startNginxTarget>> | undefined;
const references: { target: Target; stop(): Promise<unknown> }[] = [];
/** Per file, the headers of Outpost's fast-path answer, which one reference copies. */
const outpostHeaders = new Map<string, string[]>();
// Ctrl-C: don't leave an nginx behind.
const onSignal = () => {
  nginxServer?.kill();
  process.exit(130);
};
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);
try {
  fs.mkdirSync(path.join(tmp, 'data'));
  outpostServer = await startOutpostTarget(path.join(tmp, 'data'));
  nginxServer = await startNginxTarget(nginxBin, tmp, outpostServer.id);
  if (refs) {
    references.push(await startHapiReference(outpostServer.id));
    references.push(await startNodeWithNginxHeaders(outpostServer.id));
    references.push(await startNodeWithOutpostHeaders(outpostServer.id, outpostHeaders));
  }
  const outpostTarget = outpostServer.target;
  const nginxTarget = nginxServer.target;
  const targets = [outpostTarget, nginxTarget, ...references.map((r) => r.target)];

  const run = async (target: Target, size: Size, requests: number, warmup: number): Promise<Run> => {
    // Each round starts on a collected heap, so none pays for garbage left by the set-up or by another target.
    collectGarbage();
    const cpuBefore = target.cpu();
    const result = await client.run({
      host: target.host,
      port: target.port,
      path: target.prefix + size.file,
      requests,
      concurrency: CONCURRENCY,
      warmup,
      expectedBytes: size.bytes.length,
    });
    if (result.errorCount) {
      throw new Error(`${target.label} ${size.label}: ${result.errorCount} of ${requests + warmup} requests failed, e.g.\n  ${result.errors.join('\n  ')}`);
    }
    return { ...result, cpuMicros: target.cpu() - cpuBefore, answered: requests + warmup };
  };

  const cpus = os.cpus();
  console.log(`Serving a public page's files over loopback HTTP/1.1${quick ? ' (quick)' : ''}`);
  console.log(`node ${process.version}, ${nginxServer.version}, ${cpus.length} CPU × ${cpus[0]?.model.trim() ?? '?'}`);
  console.log(
    `Outpost in this process (in-memory MongoDB${accessLog ? ', access log to a file' : ''}); nginx: 1 worker, sendfile on, ${accessLog ? 'access_log to a file (buffer=64k)' : 'access_log off'}; client in a child process`,
  );
  if (refs) {
    console.log(
      "References in this process, serving a constant buffer: hapi (one route, defaults), node:http with nginx's headers, and node:http with Outpost's (copied from a fast-path answer)",
    );
  }
  console.log(
    `${CONCURRENCY} keep-alive connections, identity encoding; per target and size: warm-up, then ${ROUNDS} alternating rounds (each after ${ROUND_WARMUP} unmeasured requests on fresh connections)\n`,
  );

  const width = 40;
  type Summary = ReturnType<typeof summarize>;
  const rows: { size: Size; results: Map<Target, Summary>; fastPath: number; outpostRequests: number }[] = [];
  for (const size of SIZES) {
    // Warm up all, and check they send the same bytes.
    const expected = crypto.createHash('sha256').update(size.bytes).digest('hex');
    const heads = new Map<Target, string>();
    for (const target of targets) {
      const warm = await run(target, size, size.warmup, 0);
      if (warm.bodySha256 !== expected) throw new Error(`${target.label} ${size.label}: the body differs from the file (sha256 ${warm.bodySha256})`);
      heads.set(target, warm.head);
      if (target === outpostTarget) outpostHeaders.set(size.file, await fastPathHeaders(outpostTarget, size.file, outpostServer.fastPath));
      if (size === SIZES[0] && (target === outpostTarget || target === nginxTarget)) {
        console.log(`${target.label} answers (${Buffer.byteLength(warm.head) + 4} B of head):\n  ${warm.head.split('\r\n').join('\n  ')}`);
      }
    }
    console.log(`Bytes per ${size.label} answer on the wire (head + body; the last answer of each warm-up):`);
    for (const [target, head] of heads) {
      const headBytes = Buffer.byteLength(head) + 4;
      const count = head.split('\r\n').length - 1;
      console.log(
        `  ${target.label.padEnd(width)}${String(count).padStart(3)} headers, ${String(headBytes).padStart(4)} B head + ${size.bytes.length} B body = ${headBytes + size.bytes.length} B`,
      );
    }
    console.log('');
    const results = new Map<Target, Run[]>(targets.map((t) => [t, []]));
    const fastBefore = outpostServer.fastPath();
    for (let round = 0; round < ROUNDS; round++) {
      for (const target of targets) results.get(target)!.push(await run(target, size, size.requests / ROUNDS, ROUND_WARMUP));
    }
    rows.push({
      size,
      results: new Map([...results].map(([t, r]) => [t, summarize(r)])),
      fastPath: outpostServer.fastPath() - fastBefore,
      outpostRequests: ROUNDS * (size.requests / ROUNDS + ROUND_WARMUP),
    });
  }

  const f = (n: number, digits: number) => n.toFixed(digits);
  const header = `${''.padEnd(width)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'MB/s'.padStart(8)}${'CPU µs'.padStart(9)}   req/s per round`;
  const line = (label: string, size: Size, s: Summary) =>
    `${label.padEnd(width)}${f(s.rps, 0).padStart(9)}${f(s.p50, 2).padStart(9)}${f(s.p99, 2).padStart(9)}${f((s.rps * size.bytes.length) / 1e6, 0).padStart(8)}${f(s.cpu, 1).padStart(9)}   ${s.rounds.map((r) => f(r, 0)).join(' / ')}${s.reconnects ? `   (${s.reconnects} reconnects)` : ''}`;
  const ratio = (label: string, a: Summary, b: Summary) =>
    `${label.padEnd(width)}${`${f(a.rps / b.rps, 2)}×`.padStart(9)}${`${f(a.p50 / b.p50, 2)}×`.padStart(9)}${`${f(a.p99 / b.p99, 2)}×`.padStart(9)}${''.padStart(8)}${`${f(a.cpu / b.cpu, 2)}×`.padStart(9)}`;
  console.log(`\n${header}`);
  for (const { size, results, fastPath, outpostRequests } of rows) {
    for (const target of targets) console.log(line(`${target.label} ${size.label}`, size, results.get(target)!));
    const ngx = results.get(nginxTarget)!;
    console.log(`${ratio('Outpost/nginx', results.get(outpostTarget)!, ngx)}   (${size.label}, ${size.requests} measured requests each)`);
    for (const ref of references) console.log(ratio(`${ref.target.label}/nginx`, results.get(ref.target)!, ngx));
    for (const ref of references.filter((r) => r.target.label.startsWith('node:http'))) {
      console.log(ratio(`Outpost/${ref.target.label}`, results.get(outpostTarget)!, results.get(ref.target)!));
    }
    console.log(`(Outpost answered ${fastPath} of its ${outpostRequests} ${size.label} requests in the rounds on the fast path)\n`);
  }
  const small = rows.find((r) => r.size.file === 'index.html');
  if (small) {
    const value = small.results.get(outpostTarget)!.rps / small.results.get(nginxTarget)!.rps;
    console.log(`10 KiB throughput ratio ${f(value, 2)} (target ≥ ${TARGET_10K_RATIO}): ${value >= TARGET_10K_RATIO ? 'met' : 'NOT met'}`);
  }
  if (small) {
    const cpu = small.results.get(nginxTarget)!.cpu / small.results.get(outpostTarget)!.cpu;
    const bare = small.results.get(nginxTarget)!.cpu / small.results.get(references.at(-1)?.target ?? outpostTarget)!.cpu;
    console.log(
      `10 KiB by server CPU per answer (nginx's ÷ the other's, i.e. the rate on equal CPU): Outpost ${f(cpu, 2)}×${refs ? `, node:http with Outpost's headers ${f(bare, 2)}×` : ''}`,
    );
  }
  const large = rows.find((r) => r.size.file === 'large.bin');
  if (large) {
    const value = large.results.get(outpostTarget)!.rps / large.results.get(nginxTarget)!.rps;
    console.log(`8 MiB throughput ratio ${f(value, 2)} (target ≥ ${TARGET_8M_RATIO}): ${value >= TARGET_8M_RATIO ? 'met' : 'NOT met'}`);
  }
  console.log("(req/s ratio < 1 and latency ratios > 1 mean slower than nginx; CPU µs: the server's CPU time per answer, in the ratios > 1 means more)");
} catch (e) {
  console.error(e);
  process.exitCode = 1;
} finally {
  client.close();
  await nginxServer?.stop();
  for (const ref of references) await ref.stop();
  await outpostServer?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  exitGuard();
}
