// The /p/ latency probe of `npm run bench:capture`, run as a child process (bench/fork-client.ts) so it shares
// no event loop with Outpost. Between `start` and `stop` it GETs one small public page every `intervalMs`,
// on schedule whatever the answers do (open loop: a server that stalls for 50 ms shows it in every request
// sent meanwhile, instead of the probe slowing down with it), over keep-alive connections. Each latency is
// request sent → last body byte.
import http from 'node:http';

export type ProbeJob = { type: 'start'; url: string; intervalMs: number } | { type: 'stop' };

export interface ProbeResult {
  latenciesMs: number[];
  /** Answers other than 200, and failed requests. */
  errors: number;
  /** The first few of them. */
  failures: string[];
}

let timer: NodeJS.Timeout | undefined;
let inFlight = new Set<Promise<void>>();
let result: ProbeResult = { latenciesMs: [], errors: 0, failures: [] };
const fail = (what: string) => {
  result.errors++;
  if (result.failures.length < 3) result.failures.push(what);
};
// Below the server's MAX_CONNECTIONS_PER_CLIENT (64); a request waiting for a socket is timed from its call all the same.
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

function probe(url: string): Promise<void> {
  const started = performance.now();
  return new Promise<void>((resolve) => {
    const req = http.get(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode === 200) result.latenciesMs.push(performance.now() - started);
        else fail(`${res.statusCode} ${res.headers['content-type'] ?? ''}`);
        resolve();
      });
      res.on('error', (e) => {
        fail(e.message);
        resolve();
      });
    });
    req.on('error', (e) => {
      fail(e.message);
      resolve();
    });
  });
}

function start(url: string, intervalMs: number): void {
  result = { latenciesMs: [], errors: 0, failures: [] };
  inFlight = new Set();
  const first = performance.now();
  let sent = 0;
  // Catches up on schedule after a late timer, so the rate holds.
  const tick = () => {
    const due = Math.floor((performance.now() - first) / intervalMs) + 1;
    for (; sent < due; sent++) {
      const p = probe(url);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
    timer = setTimeout(tick, intervalMs - ((performance.now() - first) % intervalMs));
  };
  tick();
}

async function stop(): Promise<ProbeResult> {
  clearTimeout(timer);
  await Promise.all(inFlight);
  return result;
}

process.on('disconnect', () => {
  clearTimeout(timer);
  agent.destroy();
});

process.on('message', (job: ProbeJob) => {
  if (job.type === 'start') {
    start(job.url, job.intervalMs);
    process.send!({ latenciesMs: [], errors: 0, failures: [] } satisfies ProbeResult);
  } else {
    void stop().then((r) => process.send!(r));
  }
});
