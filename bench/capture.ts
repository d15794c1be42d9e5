// `npm run bench:capture` (`-- --quick` for fewer rounds, `-- --only=wget` for the comparison with wget alone,
// `-- --only=latency` for only serving while a big page is captured, below): capturing a 200-asset site, Outpost
// against `wget -p -k -nH` (Debian's GNU Wget), in one run.
//
//  - The site: generateBenchSite(200) from test/support/capture-fixtures.ts: index.html plus 200 assets
//    (stylesheets with nested @imports, @font-face fonts, PNG images from <img> and from CSS), deterministic
//    bytes, served by a fixture server on 127.0.0.1 in a child process (so it competes with neither tool for
//    an event loop), every response delayed by 5 ms, as a nearby real server would be.
//  - Outpost: startBenchOutpost() (in this process, in-memory database), CAPTURE_ALLOWED_NETWORKS=127.0.0.0/8
//    and the fixture's port allowed; one `POST /api/pages {source_url}` per round, timed from the request to
//    the 201 (fetching, rewriting and storing the page's files in GridFS), default concurrency (16, 8 per host).
//  - wget: `wget -p -k -nH -q -P <fresh tmpdir> <url>` plus --no-config and --no-proxy (this machine's
//    wgetrc and proxy variables stay out of it; loopback only) and `-e robots=off` (no robots.txt request,
//    which Outpost doesn't make either), run as an async child process, timed from spawn to exit
//    (downloading, writing, converting links).
// Rounds alternate Outpost / wget after one unmeasured warm-up each; the medians are compared (with this
// thread's CPU time per capture, which others' load moves less). Both must fetch
// the same 200 assets (checked each round on the fixture's access log and the stored files). For scale, each
// round also times a bare client (undici, Outpost's 8 connections per host, kept alive) fetching the same 201
// URLs in a fixed order: the floor of the fetching part at that concurrency on this machine.
//
// The browser pass (with `-- --browser`, or CAPTURE_BROWSER set to Chromium's path): the server gets
// CAPTURE_BROWSER, the rounds above pass `render: false` (the figure without the pass), and as many rounds
// again with `render: true` give the figure with it (the page loaded in Chromium after the static pass). The
// parts below keep `render: false`.
//
// Serving while a big page is captured: the p99 latency of GET /p/<id>/ (a 10 KiB public page, one request
// every PROBE_INTERVAL_MS on schedule from a child process, bench/latency-probe.ts) while Outpost captures
// bigPage() (5 MB of HTML: ~12 000 references to rewrite, ~9 500 links to make absolute, 41 assets), against
// the same probe on the idle server for as long; rounds alternate captured / idle after one unmeasured
// capture. Target: ≤ 2×.
//
// With it, the server's event-loop delay (p99 and largest) in each capture and each idle stretch, and the
// most CPU time its main thread used between two ticks of a 1 ms timer: time spent waiting for a core is
// not CPU time, so others' load moves it far less than the latencies (though not to zero: a late tick
// lets more work in between, and a shared cache slows the work itself). And the time the main thread was ready
// to run but waited for a core (Linux): what the main thread's own work does not explain of the latencies.
//
// Also the largest event-loop delay (perf_hooks.monitorEventLoopDelay) of the process Outpost runs in, during
// its rounds, and during captures of pages that are costly to parse: 4.4 MB of <div> nested 400 000 deep
// (refused: deeper than 512 levels) and 4.5 MB of 500-deep blocks (parsed in a worker thread until
// CAPTURE_PARSE_TIMEOUT_MS). Reading either on the event loop held the server for seconds to minutes.
import { fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { forkLoadClient } from './fork-client.ts';
import type { ProbeJob, ProbeResult } from './latency-probe.ts';
import type { BenchOutpost } from './outpost.ts';
import { bigPage, deepBlocks, deepNesting, generateBenchSite, mountSite, startFixtureServer } from '../test/support/capture-fixtures.ts';

const ASSETS = 200;
const LATENCY_MS = 5;
const TARGET_RATIO = 6;
const PROBE_INTERVAL_MS = 4;
const TARGET_P99_RATIO = 2;
const BIG_PAGE = '/big/index.html'; // bigPage().entry

// process.threadCpuUsage came with Node 22.19; on 22.18 the whole process's CPU time stands in for it (it
// also counts the parse workers and V8's helper threads, so its figures read higher).
const threadCpuUsage = (process as { threadCpuUsage?: typeof process.cpuUsage }).threadCpuUsage?.bind(process);
const CPU_SCOPE = threadCpuUsage
  ? "this thread (Outpost's main thread, its in-memory engine and the bench's client; not the parse workers)"
  : 'the whole process (this Node has no per-thread CPU time)';

/** CPU time used so far, ms: this thread's (see CPU_SCOPE). */
function cpuMs(): number {
  const { user, system } = threadCpuUsage ? threadCpuUsage() : process.cpuUsage();
  return (user + system) / 1000;
}

// ---- the fixture server (child process) ----------------------------------------------------------------

type ToChild = { type: 'count' } | { type: 'reset' } | { type: 'stop' };
type FromChild = { type: 'ready'; url: string; port: number; assets: number } | { type: 'count'; requests: number; distinct: number; lastAt: number };

function startFixtureChild() {
  const child = fork(fileURLToPath(import.meta.url), ['--fixture-server'], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let waiting: ((m: FromChild) => void) | undefined;
  const ready = new Promise<Extract<FromChild, { type: 'ready' }>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the fixture server exited (${code})`)));
    child.on('message', (m: FromChild) => {
      if (m.type === 'ready') resolve(m);
      else waiting?.(m);
    });
  });
  const ask = (m: ToChild) =>
    new Promise<Extract<FromChild, { type: 'count' }>>((resolve) => {
      waiting = (r) => resolve(r as Extract<FromChild, { type: 'count' }>);
      child.send(m);
    });
  return {
    ready,
    count: () => ask({ type: 'count' }),
    reset: () => ask({ type: 'reset' }),
    async stop() {
      if (!child.connected) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.send({ type: 'stop' } satisfies ToChild);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
    kill: () => child.kill('SIGKILL'),
  };
}

// ---- the two tools --------------------------------------------------------------------------------------

function wgetVersion(): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn('wget', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', () => resolve(null));
    child.on('exit', (code) => resolve(code === 0 ? out.split('\n')[0]!.trim() : null));
  });
}

const WGET_ARGS = (dir: string, url: string) => ['--no-config', '--no-proxy', '-e', 'robots=off', '-p', '-k', '-nH', '-q', '-P', dir, url];

/** Runs wget (async: this process keeps answering meanwhile); the wall time and the files it wrote. */
async function runWget(url: string, dir: string): Promise<{ ms: number; files: string[] }> {
  const started = performance.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('wget', WGET_ARGS(dir, url), { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (c) => (c === 0 ? resolve(c) : reject(new Error(`wget exited ${c}: ${stderr}`))));
  });
  const ms = performance.now() - started;
  void code;
  const files = (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
  return { ms, files };
}

/** The bare client: `urls` over `agent`'s connections, each connection taking the next URL when free. */
async function fetchAll(agent: Agent, urls: string[], connections: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  const connection = async () => {
    while (next < urls.length) {
      const res = await request(urls[next++]!, { dispatcher: agent });
      await res.body.arrayBuffer();
      if (res.statusCode !== 200) throw new Error(`bare client: ${res.statusCode}`);
    }
  };
  await Promise.all(Array.from({ length: connections }, connection));
  return performance.now() - started;
}

// ---- main -------------------------------------------------------------------------------------------------

async function main() {
  const quick = process.argv.includes('--quick');
  // `--only=wget`: the comparison with wget alone; `--only=latency`: only serving while a big page is captured.
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  if (only !== undefined && only !== 'wget' && only !== 'latency') {
    console.error(`bench:capture: --only=${only} is not a part of this bench (--only=wget and --only=latency are)`);
    process.exit(2);
  }
  const ROUNDS = quick ? 3 : 7;
  const browserPath = process.env.CAPTURE_BROWSER || (process.argv.includes('--browser') ? '/usr/bin/chromium' : undefined);
  const exitGuard = () =>
    setTimeout(() => {
      console.error('bench:capture: a handle kept the process alive after the run; exiting');
      process.exit(process.exitCode ?? 0);
    }, 10_000).unref();

  const wget = await wgetVersion();
  if (!wget) {
    console.error(`bench:capture compares Outpost with GNU Wget, and no wget was found on PATH.
Install it, e.g. on Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y wget`);
    process.exit(2);
  }

  // Imported here, not at the top: the fixture-server child needs none of Outpost.
  const { startBenchOutpost } = await import('./outpost.ts');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-capture-'));
  const fixture = startFixtureChild();
  let outpost: Awaited<ReturnType<typeof startBenchOutpost>> | undefined;
  const onSignal = () => {
    fixture.kill();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const { url, port, assets } = await fixture.ready;
    outpost = await startBenchOutpost({
      DATA_DIR: path.join(tmp, 'data'),
      CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8',
      CAPTURE_ALLOWED_PORTS: String(port),
      ...(browserPath ? { CAPTURE_BROWSER: browserPath } : {}),
    });
    const { outpost: server, apiToken } = outpost;
    /** The rest of the bench measures the static capture: with the pass on the server (its default), it is turned off. */
    const withoutPass: { render?: false } = browserPath ? { render: false } : {};
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    /** Runs `work` with the event loop watched; maxDelayMs() then tells the largest delay seen meanwhile. */
    const watchingLoop = async <T>(work: () => Promise<T>): Promise<T> => {
      loopDelay.reset();
      loopDelay.enable();
      try {
        return await work();
      } finally {
        loopDelay.disable();
      }
    };
    const maxDelayMs = () => loopDelay.max / 1e6;

    /** `render` is sent only when the server has the browser pass (whose default is on). */
    const runOutpost = async (render = false) => {
      const startedAt = Date.now();
      const started = performance.now();
      const cpuBefore = cpuMs();
      const body = { source_url: url, name: 'bench:capture', ...(browserPath ? { render } : {}) };
      const res = await server.api('/api/pages', { token: apiToken, body });
      const ms = performance.now() - started;
      const cpu = cpuMs() - cpuBefore;
      if (res.status !== 201) throw new Error(`Outpost capture: ${res.status} ${JSON.stringify(res.body)}`);
      const { job } = res.body;
      if (job.problem_count) throw new Error(`Outpost capture had problems: ${JSON.stringify(job.problems)}`);
      return {
        ms,
        startedAt,
        endedAt: Date.now(),
        cpuMs: cpu,
        assets: job.counts.assets_fetched as number,
        files: res.body.file_count as number,
        pageId: res.body.id as string,
      };
    };

    const cpus = os.cpus();
    console.log(
      `Capturing a ${assets}-asset site (HTML, CSS with nested @imports, fonts, images) over loopback, ${LATENCY_MS} ms added to every response${quick ? ' (quick)' : ''}`,
    );
    console.log(`node ${process.version}, ${wget}, ${cpus.length} CPU × ${cpus[0]?.model.trim() ?? '?'}, load average ${loadAverage()} at the start`);
    console.log('Outpost in this process (in-memory MongoDB, default capture concurrency: 16, 8 per host); the fixture server in a child process');
    const f = (n: number) => n.toFixed(0);
    if (only !== 'latency') {
      console.log(`wget ${WGET_ARGS('<tmpdir>', '<url>').join(' ')}`);
      console.log(`1 unmeasured warm-up each, then ${ROUNDS} alternating rounds\n`);

      const site = generateBenchSite(ASSETS);
      const siteUrls = [site.entry, ...[...site.files.keys()].filter((p) => p !== site.entry)].map((p) => new URL(p, url).href);
      const bareAgent = new Agent({ connections: 8, pipelining: 1 });
      const bareRuns: number[] = [];
      const outpostRuns: number[] = [];
      const fetchPhase: number[] = []; // from the request to the fixture's last answer (+ its 5 ms)
      const outpostCpu: number[] = []; // this thread's CPU time meanwhile (Outpost's main thread runs in it)
      const afterFetch: number[] = []; // from there to the 201: rewriting and storing the files
      const wgetRuns: number[] = [];
      const loopDelays: number[] = [];
      let outpostAssets = 0;
      let wgetAssets = 0;
      let sameFiles = true;
      for (let round = -1; round < ROUNDS; round++) {
        await fixture.reset();
        const o = await watchingLoop(() => runOutpost());
        if (round >= 0) loopDelays.push(maxDelayMs());
        const seenByOutpost = await fixture.count();
        await fixture.reset();
        const dir = fs.mkdtempSync(path.join(tmp, 'wget-'));
        const w = await runWget(url, dir);
        const seenByWget = await fixture.count();
        const bare = await fetchAll(bareAgent, siteUrls, 8);
        if (round >= 0) bareRuns.push(bare);
        if (round < 0) {
          // Warm-up: check both fetched the whole site, and the same files.
          const names = Object.keys(await exportNames(server.url, apiToken, o.pageId)).sort();
          sameFiles = names.length === w.files.length && names.every((n, i) => n === w.files[i]);
          if (!sameFiles) {
            const a = new Set(names);
            const b = new Set(w.files);
            console.log(
              `stored files differ: only Outpost ${JSON.stringify(names.filter((n) => !b.has(n)).slice(0, 5))}, only wget ${JSON.stringify(w.files.filter((n) => !a.has(n)).slice(0, 5))}`,
            );
          }
        } else {
          outpostRuns.push(o.ms);
          outpostCpu.push(o.cpuMs);
          fetchPhase.push(seenByOutpost.lastAt + LATENCY_MS - o.startedAt);
          afterFetch.push(o.endedAt - seenByOutpost.lastAt - LATENCY_MS);
          wgetRuns.push(w.ms);
        }
        outpostAssets = o.assets;
        wgetAssets = w.files.filter((f) => f !== 'index.html').length;
        if (o.assets !== assets || o.files !== assets + 1) throw new Error(`Outpost captured ${o.assets} assets (${o.files} files), not ${assets}`);
        if (seenByOutpost.requests !== assets + 1) throw new Error(`Outpost made ${seenByOutpost.requests} requests for ${assets + 1} files`);
        if (seenByWget.distinct !== assets + 1) throw new Error(`wget fetched ${seenByWget.distinct} distinct URLs, not ${assets + 1}`);
        fs.rmSync(dir, { recursive: true, force: true });
      }

      const median = (xs: number[]) => {
        const s = [...xs].sort((a, b) => a - b);
        return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
      };
      const row = (label: string, runs: number[], count: number) =>
        `${label.padEnd(10)}${f(median(runs)).padStart(10)}${f(Math.min(...runs)).padStart(9)}${f(Math.max(...runs)).padStart(9)}${String(count).padStart(9)}   ${runs.map(f).join(' / ')}`;
      console.log(`${''.padEnd(10)}${'median ms'.padStart(10)}${'min'.padStart(9)}${'max'.padStart(9)}${'assets'.padStart(9)}   ms per round`);
      console.log(row('Outpost', outpostRuns, outpostAssets));
      console.log(row('wget', wgetRuns, wgetAssets));
      console.log(row('bare 8', bareRuns, assets));
      await bareAgent.close();
      const ratio = median(wgetRuns) / median(outpostRuns);
      console.log(`${'wget/Outpost'.padEnd(10)}${`${ratio.toFixed(2)}×`.padStart(10)}\n`);
      console.log(
        `Outpost's time, medians: ${f(median(fetchPhase))} ms until the fixture's last answer (fetching), ${f(median(afterFetch))} ms after it (rewriting, storing the files, answering)`,
      );
      console.log(
        `CPU time of ${CPU_SCOPE} per Outpost capture: median ${f(median(outpostCpu))} ms (per round: ${outpostCpu.map(f).join(' / ')}); others' load moves it less than the times`,
      );
      console.log(`Both fetched ${assets} assets + the page each round${sameFiles ? ', and stored the same file names' : ' (file names differ, see above)'}.`);
      console.log(`Outpost is ${ratio.toFixed(2)}× faster than wget (target ≥ ${TARGET_RATIO}×): ${verdict(ratio >= TARGET_RATIO)}`);
      console.log(`Largest event-loop delay during Outpost's rounds: ${f(Math.max(...loopDelays))} ms (per round: ${loopDelays.map(f).join(' / ')})\n`);

      if (browserPath) {
        // The same site with the browser pass, after one unmeasured round (Chromium's launch).
        const rendered: number[] = [];
        let requests = 0;
        for (let round = -1; round < ROUNDS; round++) {
          await fixture.reset();
          const o = await runOutpost(true);
          requests = (await fixture.count()).requests;
          if (o.assets !== assets || o.files !== assets + 1)
            throw new Error(`Outpost with the browser pass captured ${o.assets} assets (${o.files} files), not ${assets}`);
          if (round >= 0) rendered.push(o.ms);
        }
        console.log(`${''.padEnd(34)}${'median ms'.padStart(10)}${'min'.padStart(9)}${'max'.padStart(9)}   ms per round`);
        console.log(
          `${'Outpost with the browser pass'.padEnd(34)}${f(median(rendered)).padStart(10)}${f(Math.min(...rendered)).padStart(9)}${f(Math.max(...rendered)).padStart(9)}   ${rendered.map(f).join(' / ')}`,
        );
        console.log(
          `With the browser pass (${browserPath}, render: true): ${f(median(rendered))} ms median, ${f(median(rendered) - median(outpostRuns))} ms more than without it; the fixture got ${requests} requests per capture (the browser is served what the static pass fetched)\n`,
        );
      }
    }

    if (only === 'wget') return;
    const origin = new URL(url).origin;
    await serveWhileCapturing(outpost, origin + BIG_PAGE, quick ? 3 : 6, withoutPass);
    if (only === 'latency') return;

    // Pages costly to parse: one capture each, the server's event loop watched meanwhile.
    console.log('Pages costly to parse (one capture each, CAPTURE_PARSE_TIMEOUT_MS at its default):');
    for (const [label, page] of [
      ['4.4 MB nested 400 000 deep', '/heavy/deep.html'],
      ['4.5 MB of 500-deep blocks', '/heavy/slow.html'],
    ] as const) {
      const started = performance.now();
      const res = await watchingLoop(() =>
        server.api('/api/pages', { token: apiToken, body: { source_url: origin + page, name: 'bench:capture heavy', ...withoutPass } }),
      );
      const ms = performance.now() - started;
      const outcome = res.status === 201 ? 'captured' : `${res.status}, ${JSON.stringify(res.body?.message ?? res.body)}`;
      console.log(`  ${label.padEnd(28)} ${f(ms).padStart(6)} ms, largest event-loop delay ${f(maxDelayMs()).padStart(4)} ms: ${outcome}`);
    }
    console.log(`\nLoad average at the end: ${loadAverage()} (others' work on this machine moves every figure above)`);
  } catch (e) {
    console.error(e);
    process.exitCode = 1;
  } finally {
    await outpost?.outpost.stop();
    await fixture.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    exitGuard();
  }
}

/** Latency of /p/ on the idle server and while it captures `bigUrl`, alternating, after one unmeasured capture. */
async function serveWhileCapturing(
  { outpost: server, apiToken, post }: BenchOutpost,
  bigUrl: string,
  rounds: number,
  withoutPass: { render?: false },
): Promise<void> {
  const small = Buffer.from(`<!doctype html><title>probe</title>${'<p>The probe page, served while a big page is captured.</p>\n'.repeat(170)}`);
  const page = await post('/api/pages', {
    name: 'probe',
    visibility: 'public',
    files: [{ path: 'index.html', content: small.toString('base64'), encoding: 'base64' }],
  });
  const probeUrl = new URL(`/p/${page.id as string}/`, server.url).href;
  const probe = forkLoadClient<ProbeJob, ProbeResult>(new URL('./latency-probe.ts', import.meta.url));
  const capture = async () => {
    const res = await server.api('/api/pages', { token: apiToken, body: { source_url: bigUrl, name: 'bench:capture big', ...withoutPass } });
    if (res.status !== 201 || res.body.job.problem_count) throw new Error(`big page capture: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
    return res.body.file_count as number;
  };
  const probed = async (work: () => Promise<unknown>) => {
    await probe.run({ type: 'start', url: probeUrl, intervalMs: PROBE_INTERVAL_MS });
    const started = performance.now();
    await work();
    const ms = performance.now() - started;
    const result = await probe.run({ type: 'stop' });
    if (result.errors) throw new Error(`the probe got ${result.errors} failed answers: ${result.failures.join('; ')}`);
    return { ms, latencies: result.latenciesMs };
  };
  try {
    const files = await capture(); // warm-up
    const idle: number[] = [];
    const loaded: number[] = [];
    const captureMs: number[] = [];
    // The server's own view, which the probe's scheduling does not blur: its event-loop delay in each
    // capture and each idle stretch (a monitor is reset for each: re-enabled without a reset, it would count
    // the time it was off as one long delay).
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    const loops = { busy: [] as LoopFigures[], idle: [] as LoopFigures[] };
    const watched = async <T>(into: LoopFigures[], work: () => Promise<T>): Promise<T> => {
      loopDelay.reset();
      loopDelay.enable();
      const blocks = watchBlocks();
      const waitedBefore = runQueueWaitMs();
      try {
        return await work();
      } finally {
        loopDelay.disable();
        into.push({ p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6, block: blocks.stop(), waited: runQueueWaitMs() - waitedBefore });
      }
    };
    for (let round = 0; round < rounds; round++) {
      const busy = await watched(loops.busy, () => probed(capture));
      loaded.push(...busy.latencies);
      captureMs.push(busy.ms);
      const rest = await watched(loops.idle, () => probed(() => new Promise((resolve) => setTimeout(resolve, busy.ms))));
      idle.push(...rest.latencies);
    }
    const f1 = (n: number) => n.toFixed(1);
    const line = (label: string, xs: number[]) =>
      `  ${label.padEnd(34)}${f1(percentile(xs, 0.5)).padStart(7)}${f1(percentile(xs, 0.99)).padStart(8)}${f1(Math.max(...xs)).padStart(8)}${String(xs.length).padStart(9)}`;
    const ratio = percentile(loaded, 0.99) / percentile(idle, 0.99);
    console.log(`Serving while a 5 MB page is captured: GET /p/<id>/ (10 KiB) every ${PROBE_INTERVAL_MS} ms from a child process, ${rounds} rounds`);
    console.log(`  (the page: ${files} files; capture ${captureMs.map((ms) => ms.toFixed(0)).join(' / ')} ms)`);
    console.log(`  ${''.padEnd(34)}${'p50 ms'.padStart(7)}${'p99'.padStart(8)}${'max'.padStart(8)}${'requests'.padStart(9)}`);
    console.log(line('idle', idle));
    console.log(line('while capturing the 5 MB page', loaded));
    const perRound = (xs: LoopFigures[], key: keyof LoopFigures) => xs.map((x) => x[key].toFixed(0)).join(' / ');
    console.log(`  event-loop delay p99 per round (ms): idle ${perRound(loops.idle, 'p99')}, capturing ${perRound(loops.busy, 'p99')}`);
    console.log(`  largest event-loop delay per round (ms): idle ${perRound(loops.idle, 'max')}, capturing ${perRound(loops.busy, 'max')}`);
    console.log(
      `  largest main-thread CPU time between two 1 ms ticks per round (ms; time spent waiting for a core is not counted): idle ${perRound(loops.idle, 'block')}, capturing ${perRound(loops.busy, 'block')}`,
    );
    console.log(
      `  time the main thread waited for a core per round (ms; others' threads and processes, this one's workers and their garbage collection): idle ${perRound(loops.idle, 'waited')}, capturing ${perRound(loops.busy, 'waited')}`,
    );
    console.log(`  p99 while capturing / idle: ${ratio.toFixed(2)}× (target ≤ ${TARGET_P99_RATIO}×): ${verdict(ratio <= TARGET_P99_RATIO)}\n`);
  } finally {
    probe.close();
  }
}

interface LoopFigures {
  /** Event-loop delay, ms. */
  p99: number;
  max: number;
  /** The most CPU time this thread used between two ticks of a 1 ms timer, ms. */
  block: number;
  /** How long this thread was ready to run but waited for a core, ms (NaN where the kernel does not tell). */
  waited: number;
}

/**
 * Watches how long this thread holds the CPU at a stretch: the thread's CPU time used between two ticks of
 * a 1 ms timer. Unlike wall-clock delays, time the thread spent waiting for a core (others' load) does not
 * count; work of several tasks between two ticks does, so this is an upper bound on the longest task.
 */
function watchBlocks(): { stop(): number } {
  let last = cpuMs();
  let longest = 0;
  const timer = setInterval(() => {
    const now = cpuMs();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(longest, cpuMs() - last);
    },
  };
}

/** The time this thread has spent runnable but waiting for a CPU (Linux's schedstat), ms; NaN elsewhere. */
function runQueueWaitMs(): number {
  try {
    return Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return NaN;
  }
}

/** The 1-minute load average when the bench started, before its own processes added to it. */
const LOAD_AT_START = os.loadavg()[0];

/**
 * Met or not, unless the machine was busy with other work: a 1-minute load average above its CPU count
 * when the bench started, or above twice that now (the bench's own processes count too). Then the ratios
 * mostly measure that work, and the verdict says so instead.
 */
function verdict(met: boolean): string {
  const [start, now] = [LOAD_AT_START, os.loadavg()[0]];
  const cpus = os.availableParallelism();
  if (start > cpus || now > 2 * cpus) {
    return `no verdict: the machine is busy with other work (load ${start.toFixed(1)} at the start, ${now.toFixed(1)} now, on ${cpus} CPUs); run again when it is quiet`;
  }
  return met ? 'met' : 'NOT met';
}

/** The 1, 5 and 15-minute load averages. */
function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');
}

/** The p-quantile (0…1) of `xs`, nearest rank. */
function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** The page's stored file names, from its export ZIP. */
async function exportNames(base: string, token: string, pageId: string): Promise<Record<string, Buffer>> {
  const { readZip } = await import('../test/support/capture-fixtures.ts');
  const res = await fetch(new URL(`/api/pages/${pageId}/export`, base), { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`export: ${res.status}`);
  return readZip(Buffer.from(await res.arrayBuffer()));
}

async function serveFixture() {
  const server = await startFixtureServer({ latencyMs: LATENCY_MS });
  const site = generateBenchSite(ASSETS);
  const url = mountSite(server, site);
  mountSite(server, bigPage());
  server.route('/heavy/deep.html', { type: 'text/html; charset=utf-8', body: deepNesting() });
  server.route('/heavy/slow.html', { type: 'text/html; charset=utf-8', body: deepBlocks() });
  const send = (m: FromChild) => process.send!(m);
  process.on('message', async (m: ToChild) => {
    if (m.type === 'count')
      send({ type: 'count', requests: server.log.length, distinct: new Set(server.log.map((e) => e.key)).size, lastAt: server.log.at(-1)?.at ?? 0 });
    else if (m.type === 'reset') {
      server.clearLog();
      send({ type: 'count', requests: 0, distinct: 0, lastAt: 0 });
    } else if (m.type === 'stop') {
      await server.close();
      process.disconnect();
    }
  });
  send({ type: 'ready', url, port: server.port, assets: site.assetCount });
}

// The same file is the fixture server's child process (started by startFixtureChild) and the bench.
if (process.argv.includes('--fixture-server')) await serveFixture();
else await main();
