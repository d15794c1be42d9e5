// Three Outpost processes on one database (the standalone engine over TCP with its password, standing in
// for a replica set) behind nginx round-robin, the README's production layout. A burst over one user's
// budget, spread over the three, admits no more than the budget; then a mixed load (an MCP client of
// every revision, uploads, passcode-gated visits, captures) runs while one instance is killed with
// SIGKILL. Nothing acknowledged is lost, sessions go on on the survivors (legacy SSE reconnects, its
// session lived in the dead process), and the capture the dead instance ran ends as failed.
// Needs nginx (Debian's package; NGINX=/path to point at another): without one the file is skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaseSizeFor } from '../../src/auth/rate-limit.ts';
import { startFixtureServer, type FixtureServer } from '../support/capture-fixtures.ts';
import { startCluster, upstreamOf, type Cluster, type Instance } from '../support/cluster.ts';
import {
  legacySseClient,
  modernClient,
  SESSION_REVISIONS,
  sessionClient,
  statelessClient,
  type CallOutcome,
  type RevisionClient,
} from '../support/mcp-revisions.ts';
import { findNginx, NGINX_CANDIDATES } from '../support/nginx.ts';
import { attachLoad, type LoadRecord } from './load.ts';

const NGINX = findNginx();
if (!NGINX) {
  const tried = process.env.NGINX ? `NGINX=${process.env.NGINX}` : `${NGINX_CANDIDATES.join(', ')}; NGINX=/path names another`;
  console.warn(`cluster.e2e.test.ts SKIPPED: no nginx found (tried ${tried}). Install Debian's nginx (no service needs to run).`);
}

const BUDGET = 300;
const LEASE = leaseSizeFor(BUDGET);
const BURST_CLIENTS = 24;
const ORPHAN_TIMEOUT_SECONDS = 10;
interface Account {
  email: string;
  token: string;
}

const SECRET = '<!doctype html><title>Gated</title><p>secret plans</p>';

describe.skipIf(!NGINX)('three instances on one database behind nginx', () => {
  let cluster: Cluster;
  let fixture: FixtureServer;
  const held: (() => void)[] = [];
  let released = false;

  async function account(name: string): Promise<Account> {
    const email = `${name}@example.com`;
    const signup = await post('/api/auth/signup', { email, password: 'correct horse battery' });
    const token = await post('/api/tokens', { name }, signup.token as string);
    return { email, token: token.token as string };
  }

  async function post(pathname: string, body: unknown, token?: string, base = cluster.url): Promise<Record<string, any>> {
    const res = await fetch(new URL(pathname, base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, any>;
    if (res.status >= 300 && res.status !== 202) throw new Error(`POST ${pathname}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  beforeAll(async () => {
    fixture = await startFixtureServer();
    // A site whose stylesheet answers only when the test says so: its captures stay running until then.
    fixture.route('/site/', { type: 'text/html', body: '<!doctype html><title>Site</title><link rel="stylesheet" href="held.css"><p>captured</p>' });
    fixture.route('/site/held.css', {
      handler: (_req, res) => {
        const answer = () => res.writeHead(200, { 'content-type': 'text/css' }).end('p { color: teal }');
        if (released) answer();
        else held.push(answer);
      },
    });
    cluster = await startCluster({
      nginx: NGINX!,
      env: {
        SIGNUP_MODE: 'open',
        RATE_LIMIT_REQUESTS: String(BUDGET),
        // One window for the whole test: a burst never straddles two.
        RATE_LIMIT_WINDOW_SECONDS: '3600',
        CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8',
        CAPTURE_ALLOWED_PORTS: String(fixture.port),
        CAPTURE_ASSET_TIMEOUT_MS: '600000',
        CAPTURE_TOTAL_TIMEOUT_MS: '600000',
        CAPTURE_ORPHAN_TIMEOUT_SECONDS: String(ORPHAN_TIMEOUT_SECONDS),
      },
    });
  }, 120_000);

  afterAll(async () => {
    released = true;
    held.splice(0).forEach((answer) => answer());
    await cluster?.stop();
    await fixture?.close();
  });

  let burstToken = '';

  it(`a burst of 1.5 × the budget (${BUDGET}) spread over the instances admits at most the budget`, async () => {
    const { token } = await account('burst');
    burstToken = token;
    const statuses: number[] = [];
    const admittedBy = new Map<string, number>();
    let next = 0;
    const total = (BUDGET * 3) / 2;
    await Promise.all(
      Array.from({ length: BURST_CLIENTS }, async () => {
        while (next < total) {
          next++;
          const res = await fetch(new URL('/api/me', cluster.url), { headers: { authorization: `Bearer ${token}` } });
          await res.body?.cancel();
          statuses.push(res.status);
          if (res.status === 200) admittedBy.set(upstreamOf(res.headers)!, (admittedBy.get(upstreamOf(res.headers)!) ?? 0) + 1);
          if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        }
      }),
    );
    expect(new Set(statuses)).toEqual(new Set([200, 429]));
    const admitted = statuses.filter((s) => s === 200).length;
    // No slack over the budget: every point an instance leases is already counted in the shared store.
    expect(admitted).toBeLessThanOrEqual(BUDGET);
    // Under it by at most what leasing may leave unspent: a lease per instance.
    expect(admitted).toBeGreaterThanOrEqual(BUDGET - cluster.instances.length * LEASE);
    expect([...admittedBy.keys()].sort()).toEqual(cluster.instances.map((i) => i.address).sort());
  }, 60_000);

  let victim: Instance;
  let captures: { instance: Instance; jobId: string }[] = [];
  let capturerToken = '';

  it('a mixed load goes on when one instance is killed with SIGKILL; nothing acknowledged is lost', async () => {
    const roles = ['stateless', 'modern', 'legacy', 'uploads', 'gate', 'captures', 'raw', ...SESSION_REVISIONS] as const;
    const user = Object.fromEntries(await Promise.all(roles.map(async (role) => [role, await account(`load-${role}`)]))) as Record<
      (typeof roles)[number],
      Account
    >;
    const legacyClient = await legacySseClient(cluster.url, user.legacy.token, user.legacy.email);
    // The instance holding the legacy stream dies, so its client has to reconnect.
    victim = cluster.instances.find((i) => i.address === legacyClient.streamUpstream)!;
    expect(victim, `the legacy stream was served by ${legacyClient.streamUpstream}`).toBeDefined();
    const survivors = cluster.instances.filter((i) => i !== victim);

    // One capture on each instance, each waiting for its held stylesheet.
    capturerToken = user.captures.token;
    captures = await Promise.all(
      cluster.instances.map(async (instance) => {
        const accepted = await post('/api/pages?wait=0', { source_url: fixture.url('/site/') }, user.captures.token, instance.url);
        return { instance, jobId: accepted.job.id as string };
      }),
    );
    await until(() => held.length === cluster.instances.length, 'every capture to fetch the held stylesheet');

    // Sessions of every revision initialized on the instance that will die.
    const rawSessions = await Promise.all(SESSION_REVISIONS.map((version) => initializeAt(victim.url, user.raw.token, version)));

    // A shared page and a visitor who passed its passcode gate.
    const gated = await post(
      '/api/pages',
      { name: 'gated', visibility: 'shared', passcodes: ['open sesame'], files: [{ path: 'index.html', content: SECRET }] },
      user.gate.token,
    );
    const gateCookie = await passGate(gated.id as string);

    const clients: RevisionClient[] = [
      ...(await Promise.all(SESSION_REVISIONS.map((version) => sessionClient(cluster.url, user[version].token, user[version].email, version)))),
      statelessClient(cluster.url, user.stateless.token, user.stateless.email),
      await modernClient(cluster.url, user.modern.token, user.modern.email),
    ];
    const load = attachLoad();
    for (const client of clients) load.worker(client.label, () => client.call());
    let legacyNow = legacyClient;
    const legacyOld = { session: undefined as string | undefined };
    load.worker('legacy SSE', async (phase) => {
      if (phase === 'after' && legacyNow === legacyClient) {
        // The old client's session died with its instance: connect again (on GET /mcp this time).
        legacyNow = await legacySseClient(cluster.url, user.legacy.token, user.legacy.email, '/mcp');
      }
      const outcome = await legacyNow.call();
      if (legacyNow === legacyClient) legacyOld.session ??= outcome.session;
      return outcome;
    });
    // Uploads as a file (multipart) and as inline JSON; an upload is acknowledged by its 201.
    const acknowledged: { id: string; html: string }[] = [];
    const upload = async (as: 'multipart' | 'json'): Promise<CallOutcome> => {
      const html = `<!doctype html><title>Upload</title><p>${crypto.randomUUID()}</p>`;
      const form = new FormData();
      form.set('file', new Blob([html], { type: 'text/html' }), 'index.html');
      const res = await fetch(new URL('/api/pages', cluster.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${user.uploads.token}`, ...(as === 'json' ? { 'content-type': 'application/json' } : {}) },
        body: as === 'json' ? JSON.stringify({ files: [{ path: 'index.html', content: html }] }) : form,
      });
      const body = (await res.json().catch(() => ({}))) as { id?: string };
      if (res.status !== 201 || !body.id) return { ok: false, upstream: upstreamOf(res.headers), error: `${res.status}` };
      acknowledged.push({ id: body.id, html });
      return { ok: true, upstream: upstreamOf(res.headers) };
    };
    load.worker('uploads (multipart)', () => upload('multipart'));
    load.worker('uploads (JSON)', () => upload('json'));
    load.worker('gated visits', () => visitGated(gated.id as string, gateCookie));

    await load.runUntilKilled(async () => {
      await victim.kill();
      // What a client does when its stream ends; a call in flight on the old session fails.
      await legacyClient.close();
    });
    await load.finished;
    const records = load.records;

    // Everything that ran wholly before the kill, and everything sent after it, worked; only requests in
    // flight at the kill may have failed. After it, no answer came from the dead instance.
    const failed = (r: LoadRecord) => `${r.worker} (${r.phase}→${r.endedIn}): ${r.error} from ${r.upstream}`;
    expect(records.filter((r) => r.endedIn === 'before' && !r.ok).map(failed)).toEqual([]);
    expect(records.filter((r) => r.phase === 'after' && !r.ok).map(failed)).toEqual([]);
    const after = records.filter((r) => r.phase === 'after');
    expect(after.filter((r) => r.upstream === victim.address).map(failed)).toEqual([]);
    for (const worker of load.workers) expect(after.filter((r) => r.worker === worker).length, worker).toBeGreaterThanOrEqual(load.opsAfterKill);

    // Sessions kept their ids across the kill, and their GET streams (sticky, so on the dead instance) were
    // reopened on a survivor; the legacy client had to take a new session.
    for (const client of clients.filter((c) => c.label.startsWith('session'))) {
      const sessions = new Set(records.filter((r) => r.worker === client.label && r.ok).map((r) => r.session));
      expect(sessions.size, client.label).toBe(1);
      await until(() => survivors.some((i) => i.address === client.streamUpstream), `the GET stream of ${client.label} to reopen on a survivor`);
    }
    const legacyAfter = new Set(after.filter((r) => r.worker === 'legacy SSE').map((r) => r.session));
    expect(legacyOld.session).toBeDefined();
    expect(legacyAfter.has(legacyOld.session)).toBe(false);
    expect(survivors.map((i) => i.address)).toContain(legacyNow.streamUpstream);
    const oldPost = await fetch(new URL(`/mcp/message?session_id=${legacyOld.session}`, cluster.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"jsonrpc":"2.0","id":9,"method":"tools/list"}',
    });
    expect(oldPost.status).toBe(404);

    // Sessions initialized on the dead instance answer on each survivor.
    for (const session of rawSessions) {
      for (const survivor of survivors) {
        const res = await mcpPost(
          survivor.url,
          user.raw.token,
          { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'outpost_whoami', arguments: {} } },
          session,
        );
        expect(res.status, `${session.version} on ${survivor.address}`).toBe(200);
        expect((await res.json()).result.structuredContent.user.email).toBe(user.raw.email);
      }
    }

    // The budget the burst spent is still spent on the survivors (it lives in the database, not in the dead process).
    for (const survivor of survivors) {
      const res = await fetch(new URL('/api/me', survivor.url), { headers: { authorization: `Bearer ${burstToken}` } });
      await res.body?.cancel();
      expect(res.status, survivor.address).toBe(429);
    }

    // Every acknowledged upload is there, byte for byte, whichever instance took it.
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const { id, html } of acknowledged) {
      const res = await fetch(new URL(`/p/${id}/`, cluster.url));
      expect(res.status, id).toBe(200);
      expect(await res.text()).toBe(html);
    }
    await Promise.all([...clients, legacyNow].map((c) => c.close().catch(() => {})));
  }, 120_000);

  it(`the capture of the killed instance ends as failed (within CAPTURE_ORPHAN_TIMEOUT_SECONDS = ${ORPHAN_TIMEOUT_SECONDS} and one sweep); the others finish`, async () => {
    expect(captures.length).toBe(3);
    released = true;
    held.splice(0).forEach((answer) => answer());
    const ended = await Promise.all(captures.map(async ({ instance, jobId }) => ({ instance, job: await untilJobEnds(jobId, capturerToken) })));
    for (const { instance, job } of ended) {
      if (instance === victim) {
        expect(job.status).toBe('failed');
        expect(job.error).toEqual({ reason: 'interrupted', message: 'The server running this capture stopped before it finished; start it again.' });
      } else {
        expect(job.status, JSON.stringify(job.error)).toBe('done');
        const page = await fetch(new URL(`/p/${job.page_id}/`, cluster.url));
        expect(await page.text()).toContain('captured');
      }
    }
  }, 120_000);

  // ---- helpers -------------------------------------------------------------------------------------

  async function untilJobEnds(jobId: string, token: string): Promise<Record<string, any>> {
    let job: Record<string, any> = {};
    await until(async () => {
      const res = await fetch(new URL(`/api/jobs/${jobId}`, cluster.url), { headers: { authorization: `Bearer ${token}` } });
      job = (await res.json()) as Record<string, any>;
      return Boolean(job.finished_at);
    }, `job ${jobId} to end`);
    return job;
  }

  async function passGate(id: string): Promise<string> {
    const res = await fetch(new URL(`/p/${id}/__gate`, cluster.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ passcode: 'open sesame' }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    return res.headers.getSetCookie()[0]!.split(';')[0]!;
  }

  async function visitGated(id: string, cookie: string): Promise<CallOutcome> {
    const first = await fetch(new URL(`/p/${id}/`, cluster.url), { headers: { cookie }, redirect: 'manual' });
    await first.body?.cancel();
    const location = first.headers.get('location');
    if (first.status !== 302 || !location) return { ok: false, upstream: upstreamOf(first.headers), error: `gate answered ${first.status}` };
    const granted = await fetch(new URL(location, cluster.url), { redirect: 'manual' });
    const body = await granted.text();
    return granted.status === 200 && body === SECRET
      ? { ok: true, upstream: upstreamOf(granted.headers) }
      : { ok: false, upstream: upstreamOf(granted.headers), error: `grant answered ${granted.status}` };
  }
});

interface RawSession {
  version: string;
  id: string;
}

function mcpPost(base: string, token: string, body: unknown, session?: RawSession): Promise<Response> {
  return fetch(new URL('/mcp', base), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...(session ? { 'mcp-session-id': session.id, 'mcp-protocol-version': session.version } : {}),
    },
    body: JSON.stringify(body),
  });
}

async function initializeAt(base: string, token: string, version: string): Promise<RawSession> {
  const init = await mcpPost(base, token, {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: version, capabilities: {}, clientInfo: { name: 'cluster-raw', version: '1' } },
  });
  expect(init.status).toBe(200);
  expect((await init.json()).result.protocolVersion).toBe(version);
  const session = { version, id: init.headers.get('mcp-session-id')! };
  expect((await mcpPost(base, token, { jsonrpc: '2.0', method: 'notifications/initialized' }, session)).status).toBe(202);
  return session;
}

/** Polls `ready` every 100 ms, for up to 90 s (a condition, not a timing: the limit only ends a hung test). */
async function until(ready: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
