// `npm run bench:cluster` (`-- --quick` for a short run, `-- --instances=N`, `-- --seconds=S`): N Outpost
// processes (default 3) on one database (the standalone engine over TCP with its password) behind nginx
// round-robin (test/support/cluster.ts), under a mixed load from this process: public page visits, passcode-
// gated visits (gate cookie, then the signed grant), REST reads, small uploads, and MCP tool calls over a
// 2025-11-25 session (SDK 1.x), stateless JSON and 2026-07-28 (SDK 2.x). Halfway through, one instance is
// killed with SIGKILL. Printed: per instance, requests, req/s, p50 and p99 before and after the kill; the
// throughput second by second around it; what failed (only requests in flight on the killed instance
// should), and throughput after the kill as a ratio of before (the baseline: the same load on N instances).
import os from 'node:os';
import { startCluster, upstreamOf, type Cluster } from '../test/support/cluster.ts';
import { modernClient, sessionClient, statelessClient, type CallOutcome, type RevisionClient } from '../test/support/mcp-revisions.ts';
import { findNginx, NGINX_CANDIDATES } from '../test/support/nginx.ts';

const quick = process.argv.includes('--quick');
const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const INSTANCES = arg('instances', 3);
const SECONDS = arg('seconds', quick ? 12 : 30);
const CONCURRENCY = 32;
const WARMUP_SECONDS = 2;

interface Sample {
  at: number;
  ms: number;
  kind: string;
  ok: boolean;
  upstream?: string;
  error?: string;
}

const nginx = findNginx();
if (!nginx) {
  console.error(`bench:cluster balances Outpost instances with nginx, and no nginx was found (tried ${NGINX_CANDIDATES.join(', ')}).
Install it (Debian/Ubuntu: sudo apt-get install -y nginx; no service needs to run), or set NGINX=/path/to/nginx.`);
  process.exit(2);
}

async function json(cluster: Cluster, pathname: string, body: unknown, token?: string) {
  const res = await fetch(new URL(pathname, cluster.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const value = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300) throw new Error(`POST ${pathname}: ${res.status} ${JSON.stringify(value)}`);
  return value;
}

/** One HTTP exchange as a sample's outcome. */
async function exchange(url: URL, init: RequestInit, expect: number): Promise<CallOutcome> {
  const res = await fetch(url, { ...init, redirect: 'manual' });
  await res.arrayBuffer();
  return res.status === expect ? { ok: true, upstream: upstreamOf(res.headers) } : { ok: false, upstream: upstreamOf(res.headers), error: `${res.status}` };
}

const cluster = await startCluster({
  nginx,
  instances: INSTANCES,
  env: { SIGNUP_MODE: 'open', RATE_LIMIT_REQUESTS: '1000000', LOG_LEVEL: 'error' },
});
const stopAll = () => void cluster.stop().then(() => process.exit(130));
process.once('SIGINT', stopAll);
try {
  const email = 'bench@example.com';
  const jwt = (await json(cluster, '/api/auth/signup', { email, password: 'correct horse battery' })).token as string;
  const token = (await json(cluster, '/api/tokens', { name: 'bench' }, jwt)).token as string;
  const auth = { authorization: `Bearer ${token}` };
  const html = `<!doctype html><title>bench</title>${'<p>The quick brown fox jumps over the lazy dog.</p>\n'.repeat(200)}`;
  const publicPage = (await json(cluster, '/api/pages', { name: 'public', files: [{ path: 'index.html', content: html }] }, token)).id as string;
  const gated = (
    await json(cluster, '/api/pages', { name: 'gated', visibility: 'shared', passcodes: ['bench'], files: [{ path: 'index.html', content: html }] }, token)
  ).id as string;
  const gate = await fetch(new URL(`/p/${gated}/__gate`, cluster.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'passcode=bench',
    redirect: 'manual',
  });
  const cookie = gate.headers.getSetCookie()[0]!.split(';')[0]!;
  const mcp: RevisionClient[] = [
    await sessionClient(cluster.url, token, email, '2025-11-25'),
    statelessClient(cluster.url, token, email),
    await modernClient(cluster.url, token, email),
  ];

  const kinds: Record<string, () => Promise<CallOutcome>> = {
    'page visit': () => exchange(new URL(`/p/${publicPage}/`, cluster.url), {}, 200),
    'gated visit': async () => {
      const first = await fetch(new URL(`/p/${gated}/`, cluster.url), { headers: { cookie }, redirect: 'manual' });
      await first.arrayBuffer();
      const location = first.headers.get('location');
      if (first.status !== 302 || !location) return { ok: false, upstream: upstreamOf(first.headers), error: `${first.status}` };
      return exchange(new URL(location, cluster.url), {}, 200);
    },
    'REST list': () => exchange(new URL('/api/pages?limit=5', cluster.url), { headers: auth }, 200),
    upload: () =>
      exchange(
        new URL('/api/pages', cluster.url),
        { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ html: `<p>${crypto.randomUUID()}</p>` }) },
        201,
      ),
    ...Object.fromEntries(mcp.map((c) => [`MCP ${c.label}`, () => c.call()])),
  };
  const names = Object.keys(kinds);

  const samples: Sample[] = [];
  let start = performance.now();
  let measuring = false;
  let stop = false;
  const worker = async (w: number) => {
    for (let i = w; !stop; i++) {
      const kind = names[i % names.length]!;
      const t0 = performance.now();
      const outcome = await kinds[kind]!().catch((e: unknown) => ({ ok: false, error: (e as Error).message.slice(0, 80) }) as CallOutcome);
      if (measuring) samples.push({ at: t0 - start, ms: performance.now() - t0, kind, ok: outcome.ok, upstream: outcome.upstream, error: outcome.error });
    }
  };
  const workers = Array.from({ length: CONCURRENCY }, (_, w) => worker(w));
  await new Promise((r) => setTimeout(r, WARMUP_SECONDS * 1000));
  measuring = true;
  start = performance.now();
  const victim = cluster.instances[1]!;
  await new Promise((r) => setTimeout(r, (SECONDS * 1000) / 2));
  const killAt = performance.now() - start;
  await victim.kill();
  const goneAt = performance.now() - start;
  await new Promise((r) => setTimeout(r, (SECONDS * 1000) / 2));
  stop = true;
  await Promise.all(workers);
  const endAt = performance.now() - start;
  await Promise.all(mcp.map((c) => c.close().catch(() => {})));

  report(cluster, samples, { killAt, goneAt, endAt, victim: victim.address });
} catch (e) {
  console.error(e);
  process.exitCode = 1;
} finally {
  process.off('SIGINT', stopAll);
  await cluster.stop();
}

function report(cluster: Cluster, samples: Sample[], t: { killAt: number; goneAt: number; endAt: number; victim: string }) {
  const cpus = os.cpus();
  console.log(`${INSTANCES} Outpost instances behind nginx round-robin, one database (the engine over TCP); ${CONCURRENCY} concurrent clients in this process`);
  console.log(`node ${process.version}, ${cpus.length} CPU × ${cpus[0]?.model.trim() ?? '?'}; load: ${names(samples)}`);
  console.log(`measured ${f(t.endAt / 1000, 1)} s after ${WARMUP_SECONDS} s of warm-up; SIGKILL to ${t.victim} at ${f(t.killAt / 1000, 2)} s\n`);
  const before = samples.filter((s) => s.at + s.ms < t.killAt);
  const after = samples.filter((s) => s.at >= t.goneAt);
  const seconds = { before: t.killAt / 1000, after: (t.endAt - t.goneAt) / 1000 };
  console.log(
    `${'instance'.padEnd(22)}${'before: req/s'.padStart(14)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'after: req/s'.padStart(14)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}`,
  );
  for (const i of cluster.instances) {
    const label = `${i.address}${i.address === t.victim ? ' (killed)' : ''}`;
    const b = stats(
      before.filter((s) => s.ok && s.upstream === i.address),
      seconds.before,
    );
    const a = stats(
      after.filter((s) => s.ok && s.upstream === i.address),
      seconds.after,
    );
    console.log(`${label.padEnd(22)}${b}${a}`);
  }
  const all = { b: before.filter((s) => s.ok), a: after.filter((s) => s.ok) };
  console.log(`${'all'.padEnd(22)}${stats(all.b, seconds.before)}${stats(all.a, seconds.after)}`);
  console.log(
    `throughput after the kill / before: ${f(all.a.length / seconds.after / (all.b.length / seconds.before), 2)}× (${INSTANCES - 1} of ${INSTANCES} instances left)\n`,
  );
  console.log('second   ok req/s   failed');
  for (let s = 0; s * 1000 < t.endAt; s++) {
    const inSecond = samples.filter((x) => x.at >= s * 1000 && x.at < (s + 1) * 1000);
    const marker = t.killAt >= s * 1000 && t.killAt < (s + 1) * 1000 ? '  ← SIGKILL' : '';
    console.log(
      `${String(s).padStart(6)}${String(inSecond.filter((x) => x.ok).length).padStart(12)}${String(inSecond.filter((x) => !x.ok).length).padStart(9)}${marker}`,
    );
  }
  const failed = samples.filter((s) => !s.ok);
  const inFlight = failed.filter((s) => s.at < t.goneAt && s.at + s.ms >= t.killAt);
  console.log(
    `\nfailed: ${failed.length} of ${samples.length} requests; ${inFlight.length} of them were in flight at the kill, ${failed.length - inFlight.length} were not`,
  );
  for (const s of failed.slice(0, 10)) {
    console.log(
      `  at ${f(s.at / 1000, 2)} s, ${s.kind} on ${s.upstream ?? '?'}: ${s.error
        ?.replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .slice(0, 100)}`,
    );
  }
  if (failed.length - inFlight.length > 0) process.exitCode = 1;
}

function names(samples: Sample[]): string {
  return [...new Set(samples.map((s) => s.kind))].join(', ');
}

function stats(samples: Sample[], seconds: number): string {
  if (!samples.length) return `${'-'.padStart(14)}${'-'.padStart(8)}${'-'.padStart(8)}`;
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const pct = (p: number) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)]!;
  return `${f(samples.length / seconds, 0).padStart(14)}${f(pct(0.5), 1).padStart(8)}${f(pct(0.99), 1).padStart(8)}`;
}

function f(n: number, digits: number): string {
  return n.toFixed(digits);
}
