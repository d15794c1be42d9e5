// `npm run bench:storage [-- --quick]`: memory and restart time of stored content, and GridFS throughput.
//  - Engine (bench/storage-child.ts, each phase in its own process, the engine opened by src/db.ts as Outpost
//    opens it, on its own thread; BENCH_ENGINE_THREAD=same runs it on the driver's thread instead): fill a data directory with 5 MiB GridFS
//    files (2 GiB; --quick: 100 MiB, and 45 MiB through Outpost), restart on it (time, RSS after GC, peak RSS while 8 clients download a
//    mix), and GridFS 5 MiB upload/download against a plain fs stream of the same bytes (median of 3, alternating).
//  - Outpost (`src/main.ts` as its own process, with the node flags `npm start` gives it): RSS with an empty data directory, then the
//    same amount of page files uploaded as zips through the API, kill -9, restart: time from spawn to a 200 on
//    /healthz, RSS (VmRSS) once idle, and peak RSS while 8 clients fetch a mix of the files.
// Targets: RSS ≤ 300 MB after restart and ≤ 400 MB while serving (with 2 GiB stored), restart to /healthz
// ≤ 2 s, GridFS download ≥ 0.5× and upload ≥ 0.3× the fs stream. Absolute figures vary between machines.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { freePort } from '../test/support/free-port.ts';
import os from 'node:os';
import path from 'node:path';
import yazl from 'yazl';

const quick = process.argv.includes('--quick');
const STORED_MB = quick ? 100 : 2048;
const APP_STORED_MB = quick ? 45 : 2048;
const FILE_BYTES = 5 * 1024 * 1024;
const FILES_PER_PAGE = 9; // 45 MiB pages, as in the report that started this
const node = process.execPath;
const root = path.resolve(import.meta.dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-storage-'));

function runChild(args: string[]): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, ['--expose-gc', path.join(root, 'bench/storage-child.ts'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`${args[0]} exited ${code}`))));
  });
}

/** CPU time (user + system) the process has used so far; on a loaded machine a steadier measure of a start than its wall time. */
const cpuMs = (pid: number) => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Math.round(((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
};
const vmRssMb = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The node flags package.json's start script gives `src/main.ts`, so the server runs here as `npm start` runs it. */
function npmStartFlags(): string[] {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  return scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
}

/** Starts `src/main.ts` on `dataDir`; resolves once /healthz answers 200, with the time that took. */
async function startApp(dataDir: string, port: number): Promise<{ child: ChildProcess; readyMs: number; readyCpuMs: number }> {
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SIGNUP_MODE: 'open',
    RATE_LIMIT_REQUESTS: '1000000',
    UPLOAD_LIMIT_MB: '100',
    USER_QUOTA_MB: '100000',
    DISK_FREE_FLOOR_MB: '0',
  };
  const start = performance.now();
  const child = spawn(node, [...npmStartFlags(), path.join(root, 'src/main.ts')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Outpost exited ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) {
        return { child, readyMs: Math.round(performance.now() - start), readyCpuMs: cpuMs(child.pid!) };
      }
    } catch {
      /* not listening yet */
    }
    await sleep(20);
  }
}

async function stopApp(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

/** The highest VmRSS seen every 100 ms for `ms`. */
async function idleRss(pid: number, ms: number): Promise<number> {
  let peak = 0;
  for (let t = 0; t < ms; t += 100) {
    peak = Math.max(peak, vmRssMb(pid));
    await sleep(100);
  }
  return peak;
}

async function zipOf(files: Array<[string, Buffer]>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of files) zip.addBuffer(bytes, name, { compress: false });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * POST /api/pages. Building the next 45 MiB zip can outlast the server's keep-alive timeout on a loaded machine;
 * a request then written to the connection the server is just closing fails before the server reads it
 * (EPIPE, ECONNRESET) and is sent again on a new connection.
 */
async function uploadOnce(url: string, token: string, form: FormData): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    } catch (err) {
      const code = ((err as Error).cause as { code?: string } | undefined)?.code;
      if (attempt === 3 || (code !== 'EPIPE' && code !== 'ECONNRESET')) throw err;
    }
  }
}

async function appPhase(): Promise<Record<string, number>> {
  const dataDir = path.join(tmp, 'app');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const first = await startApp(dataDir, port);
  const emptyRssMb = await idleRss(first.child.pid!, 3000);
  const json = async (pathname: string, body: unknown, token?: string) => {
    const res = await fetch(base + pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`POST ${pathname}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const { token: session } = (await json('/api/auth/signup', { email: 'bench@example.com', password: 'correct horse battery' })) as { token: string };
  const token = (await json('/api/tokens', { name: 'bench' }, session)).token as string;
  const data = randomBytes(FILE_BYTES);
  const urls: string[] = [];
  const pages = Math.ceil((APP_STORED_MB * 1048576) / (FILE_BYTES * FILES_PER_PAGE));
  const fillStart = performance.now();
  for (let p = 0; p < pages; p++) {
    const files: Array<[string, Buffer]> = [['index.html', Buffer.from(`<!doctype html><title>page ${p}</title>`)]];
    for (let f = 0; f < FILES_PER_PAGE; f++) {
      const bytes = Buffer.from(data);
      bytes.writeUInt32LE(p * 1000 + f, 0);
      files.push([`data/f${f}.bin`, bytes]);
    }
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await zipOf(files))]), 'site.zip');
    form.append('visibility', 'public');
    const res = await uploadOnce(`${base}/api/pages`, token, form);
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
    const id = ((await res.json()) as { id: string }).id;
    for (let f = 0; f < FILES_PER_PAGE; f++) urls.push(`${base}/p/${id}/data/f${f}.bin`);
  }
  const fillS = (performance.now() - fillStart) / 1000;
  const rssAfterUploadsMb = vmRssMb(first.child.pid!);
  await stopApp(first.child, 'SIGKILL');

  const second = await startApp(dataDir, port);
  const pid = second.child.pid!;
  const rssAfterRestartMb = await idleRss(pid, 5000);
  let servingPeakMb = 0;
  let stop = false;
  const sampler = (async () => {
    while (!stop) {
      servingPeakMb = Math.max(servingPeakMb, vmRssMb(pid));
      await sleep(50);
    }
  })();
  const perClient = quick ? 10 : 40;
  const start = performance.now();
  let bytes = 0;
  await Promise.all(
    Array.from({ length: 8 }, async (_, c) => {
      for (let i = 0; i < perClient; i++) {
        const res = await fetch(urls[(c * 7919 + i * 104729) % urls.length]);
        if (res.status !== 200) throw new Error(`GET: ${res.status}`);
        bytes += (await res.arrayBuffer()).byteLength;
      }
    }),
  );
  const mixMiBps = Math.round(bytes / 1048576 / ((performance.now() - start) / 1000));
  stop = true;
  await sampler;
  await stopApp(second.child, 'SIGTERM');
  return {
    pages,
    uploadMiBps: Math.round((pages * FILES_PER_PAGE * FILE_BYTES) / 1048576 / fillS),
    emptyRssMb,
    firstReadyMs: first.readyMs,
    rssAfterUploadsMb,
    restartToHealthzMs: second.readyMs,
    restartCpuMs: second.readyCpuMs,
    firstReadyCpuMs: first.readyCpuMs,
    rssAfterRestartMb,
    rssServingPeakMb: servingPeakMb,
    mixMiBps,
  };
}

const ok = (pass: boolean) => (pass ? 'ok' : 'MISSED');
try {
  console.log(`bench:storage${quick ? ' --quick' : ''}: ${STORED_MB} MiB stored, node ${process.version}`);
  const engineDir = path.join(tmp, 'engine');
  const filled = await runChild(['fill', engineDir, String(STORED_MB)]);
  console.log(`engine fill: ${filled.files} × 5 MiB at ${filled.fillMiBps} MiB/s, RSS ${filled.rssAfterFillMb} MB`);
  const restarted = await runChild(['restart', engineDir]);
  console.log(
    `engine restart: ${restarted.startMs} ms, RSS ${restarted.rssAfterRestartMb} MB; serving a mix (8 clients): peak RSS ${restarted.rssServingPeakMb} MB, ${restarted.mixMiBps} MiB/s`,
  );
  const s = await runChild(['speed', path.join(tmp, 'speed')]);
  console.log(`GridFS 5 MiB vs fs stream (MiB/s, median of 3): upload ${s.gridUp} vs ${s.fsUp} = ${s.upRatio}× [${ok(s.upRatio >= 0.3)} ≥ 0.3]`);
  console.log(`                                          download ${s.gridDown} vs ${s.fsDown} = ${s.downRatio}× [${ok(s.downRatio >= 0.5)} ≥ 0.5]`);
  const app = await appPhase();
  console.log(
    `Outpost: empty data dir RSS ${app.emptyRssMb} MB (ready in ${app.firstReadyMs} ms, ${app.firstReadyCpuMs} ms CPU); ${app.pages} pages uploaded at ${app.uploadMiBps} MiB/s, RSS ${app.rssAfterUploadsMb} MB`,
  );
  console.log(
    `Outpost after kill -9: restart to /healthz ${app.restartToHealthzMs} ms (${app.restartCpuMs} ms CPU) [${ok(app.restartToHealthzMs <= 2000)} ≤ 2000]`,
  );
  console.log(`  RSS after restart ${app.rssAfterRestartMb} MB [${ok(app.rssAfterRestartMb <= 300)} ≤ 300]`);
  console.log(`  peak RSS serving a mix (8 clients) ${app.rssServingPeakMb} MB [${ok(app.rssServingPeakMb <= 400)} ≤ 400], ${app.mixMiBps} MiB/s`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
