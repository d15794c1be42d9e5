// `npm run bench:serve` (`npm run bench:serve -- --quick` for a short run, `-- --only=10k|1m` for one size): serving a public page's files
// at /p/<id>/…, Outpost against nginx serving the same bytes from disk, in one run.
//
//  - Outpost: startBenchOutpost() (the embedded engine, in memory), one public page made through the REST API
//    (POST /api/pages with inline `files`): `index.html`, 10 KiB of HTML, and `blob.bin`, 1 MiB of random
//    bytes (base64 in the JSON). 10 KiB is under serve.ts's cache limit (256 KiB), so after the first request
//    it comes from the in-memory content cache (plus the per-request page and file lookups); 1 MiB is
//    streamed from GridFS on every request.
//  - nginx (the distribution's build, e.g. Debian's): the same two files written to a temp dir under the
//    same paths (/p/<id>/index.html, /p/<id>/blob.bin), a minimal config in a temp prefix: 127.0.0.1 only,
//    `worker_processes 1` (Outpost is one Node process with one JS thread; on a 2-core machine a second
//    worker would also fight the load client for the cores), `sendfile on`, `access_log off`,
//    `keepalive_requests` raised so nginx doesn't close the bench's connections every 1000 requests.
//    `daemon off` and `master_process on`: the bench starts the master as its child and stops it with SIGQUIT.
//
// Both are asked for identity bytes (no Accept-Encoding), so both send exactly the file. The load comes
// from a child process (bench/serve-client.ts): 64 keep-alive connections, each sending its next GET as
// soon as its previous answer has arrived. Measured runs alternate Outpost/nginx/Outpost/nginx per size so
// drift hits both alike. Absolute numbers vary between machines; the Outpost/nginx ratios are the point.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { forkLoadClient } from './fork-client.ts';
import { startBenchOutpost } from './outpost.ts';
import type { LoadJob, LoadResult } from './serve-client.ts';

const quick = process.argv.includes('--quick');
const CONCURRENCY = 64;
const ROUNDS = quick ? 2 : 4; // per target and size, alternating Outpost/nginx
const ROUND_WARMUP = 2 * CONCURRENCY; // unmeasured, at the start of every round (fresh connections)
const TARGET_10K_RATIO = 0.4;

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
];

// `--only=10k` or `--only=1m`: one size (e.g. to profile it alone with `node --cpu-prof bench/serve.ts`).
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const SIZES = only ? ALL_SIZES.filter((s) => s.file === (only === '1m' ? 'blob.bin' : 'index.html')) : ALL_SIZES;

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

type Target = { label: string; host: string; port: number; prefix: string };

// ---- Outpost -------------------------------------------------------------------------------------

async function startOutpostTarget(dataDir: string) {
  // 1 MiB as base64 in a JSON body is ~1.4 MB; the default limit (50) would do, but say what is needed.
  const { outpost, post } = await startBenchOutpost({ DATA_DIR: dataDir, UPLOAD_LIMIT_MB: '16' });
  const page = await post('/api/pages', {
    name: 'bench:serve',
    visibility: 'public',
    files: SIZES.map((s) => ({ path: s.file, content: s.bytes.toString('base64'), encoding: 'base64' })),
  });
  const id = page.id as string;
  const { port } = new URL(outpost.url);
  const target: Target = { label: 'Outpost', host: '127.0.0.1', port: Number(port), prefix: `/p/${id}/` };
  return { id, target, stop: () => outpost.stop() };
}

// ---- nginx ---------------------------------------------------------------------------------------

/** The nginx binary (NGINX=/path overrides), or null. /usr/sbin is often not on a non-root PATH. */
function findNginx(): string | null {
  const candidates = process.env.NGINX ? [process.env.NGINX] : ['nginx', '/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'];
  for (const bin of candidates) {
    const r = spawnSync(bin, ['-v'], { encoding: 'utf8' });
    if (!r.error && r.status === 0) return bin;
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startNginxTarget(bin: string, dir: string, pageId: string) {
  // The served tree: same paths as Outpost's. Readable by nginx's worker, which drops root to its `user`.
  const root = path.join(dir, 'root');
  const pageDir = path.join(root, 'p', pageId);
  fs.mkdirSync(pageDir, { recursive: true });
  for (const s of SIZES) fs.writeFileSync(path.join(pageDir, s.file), s.bytes, { mode: 0o644 });
  for (let d = pageDir; d.startsWith(dir); d = path.dirname(d)) fs.chmodSync(d, 0o755);
  const prefix = path.join(dir, 'prefix');
  fs.mkdirSync(path.join(prefix, 'logs'), { recursive: true });
  const port = await freePort();
  const conf = path.join(prefix, 'nginx.conf');
  fs.writeFileSync(conf, `# bench:serve — written by bench/serve.ts
daemon off;
master_process on;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  keepalive_timeout 65;
  types { text/html html; application/octet-stream bin; }
  default_type application/octet-stream;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${port};
    server_name localhost;
    root ${root};
  }
}
`);
  const child: ChildProcess = spawn(bin, ['-p', prefix, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let alive = true;
  void exited.then(() => (alive = false));
  // Ready when it accepts a connection; give up if it exits or takes more than 10 s.
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (!alive) throw new Error(`nginx exited at start-up (${await exited}):\n${stderr}${readLog(prefix)}`);
    if (await canConnect(port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not listen on 127.0.0.1:${port} within 10 s:\n${stderr}${readLog(prefix)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const target: Target = { label: 'nginx', host: '127.0.0.1', port, prefix: `/p/${pageId}/` };
  return {
    target,
    version: spawnSync(bin, ['-v'], { encoding: 'utf8' }).stderr.trim(),
    async stop() {
      if (!alive) return;
      child.kill('SIGQUIT'); // graceful: the master stops its worker and exits
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
    kill() {
      if (alive) child.kill('SIGKILL');
    },
  };
}

function readLog(prefix: string): string {
  try {
    return fs.readFileSync(path.join(prefix, 'logs', 'error.log'), 'utf8');
  } catch {
    return '';
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

// ---- the load generator (child process) --------------------------------------------------------

function startClient() {
  return forkLoadClient<LoadJob, LoadResult>(new URL('./serve-client.ts', import.meta.url));
}

// ---- statistics ----------------------------------------------------------------------------------

function summarize(runs: LoadResult[]) {
  const all = Float64Array.from(runs.flatMap((r) => Array.from(r.latenciesMs))).sort();
  const pct = (p: number) => all[Math.min(all.length - 1, Math.max(0, Math.ceil(p * all.length) - 1))]!;
  const wallSeconds = runs.reduce((s, r) => s + r.wallMs, 0) / 1000;
  return {
    rps: all.length / wallSeconds,
    p50: pct(0.5),
    p99: pct(0.99),
    rounds: runs.map((r) => r.latenciesMs.length / (r.wallMs / 1000)),
  };
}

// ---- main ------------------------------------------------------------------------------------------

// Whatever happens, the bench ends: this fires only if something still holds the event loop.
const exitGuard = () => setTimeout(() => {
  console.error('bench:serve: a handle kept the process alive after the run; exiting');
  process.exit(process.exitCode ?? 0);
}, 10_000).unref();

const nginxBin = findNginx();
if (!nginxBin) {
  console.error(`bench:serve compares Outpost with nginx, and no nginx was found (tried ${process.env.NGINX ? `NGINX=${process.env.NGINX}` : 'nginx on PATH, /usr/sbin, /usr/local/sbin, /usr/local/nginx/sbin'}).
Install it, e.g. on Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y nginx
(on Alpine: apk add nginx; on macOS: brew install nginx), or point NGINX=/path/to/nginx at a binary.
The bench starts its own nginx on 127.0.0.1 with a config in a temp dir; the system's nginx service isn't used.`);
  process.exit(2);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-serve-'));
const client = startClient();
let outpostServer: Awaited<ReturnType<typeof startOutpostTarget>> | undefined;
let nginxServer: Awaited<ReturnType<typeof startNginxTarget>> | undefined;
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
  const targets = [outpostServer.target, nginxServer.target];

  const run = async (target: Target, size: Size, requests: number, warmup: number) => {
    const result = await client.run({
      host: target.host, port: target.port, path: target.prefix + size.file, requests, concurrency: CONCURRENCY, warmup, expectedBytes: size.bytes.length,
    });
    if (result.errorCount) {
      throw new Error(`${target.label} ${size.label}: ${result.errorCount} of ${requests + warmup} requests failed, e.g.\n  ${result.errors.join('\n  ')}`);
    }
    return result;
  };

  const cpus = os.cpus();
  console.log(`Serving a public page's files over loopback HTTP/1.1${quick ? ' (quick)' : ''}`);
  console.log(`node ${process.version}, ${nginxServer.version}, ${cpus.length} CPU × ${cpus[0]?.model.trim() ?? '?'}`);
  console.log('Outpost in this process (in-memory MongoDB); nginx: 1 worker, sendfile on, access_log off; client in a child process');
  console.log(`${CONCURRENCY} keep-alive connections, identity encoding; per target and size: warm-up, then ${ROUNDS} alternating rounds (each after ${ROUND_WARMUP} unmeasured requests on fresh connections)\n`);

  const rows: { size: Size; out: ReturnType<typeof summarize>; ngx: ReturnType<typeof summarize> }[] = [];
  for (const size of SIZES) {
    // Warm up both, and check they send the same bytes.
    const expected = crypto.createHash('sha256').update(size.bytes).digest('hex');
    for (const target of targets) {
      const warm = await run(target, size, size.warmup, 0);
      if (warm.bodySha256 !== expected) throw new Error(`${target.label} ${size.label}: the body differs from the file (sha256 ${warm.bodySha256})`);
      if (size === SIZES[0] && !only) console.log(`${target.label} answers (${Buffer.byteLength(warm.head) + 4} B of head):\n  ${warm.head.split('\r\n').join('\n  ')}`);
    }
    const results = new Map<Target, LoadResult[]>(targets.map((t) => [t, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const target of targets) results.get(target)!.push(await run(target, size, size.requests / ROUNDS, ROUND_WARMUP));
    }
    rows.push({ size, out: summarize(results.get(targets[0]!)!), ngx: summarize(results.get(targets[1]!)!) });
  }

  const f = (n: number, digits: number) => n.toFixed(digits);
  const header = `${''.padEnd(18)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'MB/s'.padStart(8)}   req/s per round`;
  const line = (label: string, size: Size, s: ReturnType<typeof summarize>) =>
    `${label.padEnd(18)}${f(s.rps, 0).padStart(9)}${f(s.p50, 2).padStart(9)}${f(s.p99, 2).padStart(9)}${f((s.rps * size.bytes.length) / 1e6, 0).padStart(8)}   ${s.rounds.map((r) => f(r, 0)).join(' / ')}`;
  console.log(`\n${header}`);
  for (const { size, out, ngx } of rows) {
    console.log(line(`Outpost ${size.label}`, size, out));
    console.log(line(`nginx ${size.label}`, size, ngx));
    console.log(`${`Outpost/nginx`.padEnd(18)}${`${f(out.rps / ngx.rps, 2)}×`.padStart(9)}${`${f(out.p50 / ngx.p50, 2)}×`.padStart(9)}${`${f(out.p99 / ngx.p99, 2)}×`.padStart(9)}   (${size.label}, ${size.requests} measured requests each)\n`);
  }
  const small = rows.find((r) => r.size.file === 'index.html');
  if (small) {
    const ratio = small.out.rps / small.ngx.rps;
    console.log(`10 KiB throughput ratio ${f(ratio, 2)} (target ≥ ${TARGET_10K_RATIO}): ${ratio >= TARGET_10K_RATIO ? 'met' : 'NOT met'}`);
  }
  console.log('(req/s ratio < 1 and latency ratios > 1 mean Outpost is slower)');
} catch (e) {
  console.error(e);
  process.exitCode = 1;
} finally {
  client.close();
  await nginxServer?.stop();
  await outpostServer?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  exitGuard();
}
