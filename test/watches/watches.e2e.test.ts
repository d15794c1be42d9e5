// Watches end to end against a loopback site that changes between runs, driven by a test clock: signals for
// no change, a text change, an asset change, a 404 and an unreachable source; the webhook's HMAC checked by
// its receiver; schedules refused with the reason; pause; a run whose instance died is retried; another user
// sees none of it; the per-user limit.
import { createHmac } from 'node:crypto';
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, unusedPort, type FixtureServer } from '../support/capture-fixtures.ts';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startMailCatcher, type MailCatcher } from '../support/mail-catcher.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { runOnce, signalsOf, TestClock, waitForSignals } from './watch-helpers.ts';

const page = (price: string) =>
  `<!doctype html><html><head><title>Prices</title><link rel="stylesheet" href="style.css"></head>` +
  `<body><h1>Prices</h1><p>Plan A: ${price}</p><p>Plan B: 25 €</p><script>var hidden = 'not text'</script></body></html>`;

let site: FixtureServer;
let receiver: FixtureServer;
let outpost: TestOutpost;
let alice: string;
let bob: string;
let closedPort: number;
let mail: MailCatcher;
const clock = new TestClock();
const deliveries: { path: string | undefined; body: string; signature: string | undefined }[] = [];

function collect(req: http.IncomingMessage, res: http.ServerResponse) {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    deliveries.push({ path: req.url, body: Buffer.concat(chunks).toString('utf8'), signature: req.headers['x-outpost-signature'] as string | undefined });
    res.writeHead(204).end();
  });
}

async function tokenFor(email: string): Promise<string> {
  const { token } = await signupAndLogin(outpost, email);
  return (await outpost.api('/api/tokens', { token, body: { name: email } })).body.token;
}

beforeAll(async () => {
  [site, receiver, closedPort, mail] = await Promise.all([startFixtureServer(), startFixtureServer(), unusedPort(), startMailCatcher()]);
  site.routes({
    '/pricing': { type: 'text/html', body: page('10 €') },
    '/style.css': { type: 'text/css', body: 'h1 { color: navy }' },
  });
  receiver.route('/hook', { handler: collect });
  outpost = await startTestOutpost(
    {
      SIGNUP_MODE: 'open',
      RATE_LIMIT_REQUESTS: '100000',
      CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8',
      CAPTURE_ALLOWED_PORTS: `${site.port},${receiver.port},${closedPort}`,
      WATCHES_PER_USER: '4',
      SMTP_URL: mail.url,
    },
    {
      watches: { now: clock.now, pollMs: 60_000, webhookRetryDelaysMs: [20, 20] },
      // One name resolves to a private address: the guard refuses it when the run connects.
      captureLookup: async (hostname) => [{ address: hostname === 'intranet.example' ? '10.1.2.3' : '127.0.0.1', family: 4 }],
    },
  );
  [alice, bob] = [await tokenFor('alice@example.com'), await tokenFor('bob@example.com')];
});

afterAll(async () => {
  await outpost?.stop();
  await Promise.all([site?.close(), receiver?.close(), mail?.close()]);
});

describe('a watch of a changing page', () => {
  let pageId: string;
  let watchId: string;
  let secret: string;
  let documentPath: string;

  beforeAll(async () => {
    const created = await outpost.api('/api/pages', { token: alice, body: { source_url: site.url('/pricing') } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    pageId = created.body.id;
    documentPath = created.body.default_file;
    const jobId = (await outpost.api('/api/jobs', { token: alice })).body.jobs[0].id;
    const res = await outpost.api('/api/watches', {
      token: alice,
      body: { job_id: jobId, schedule: { interval_minutes: 15 }, webhook_url: receiver.url('/hook') },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.watch).toMatchObject({ page_id: pageId, source_url: site.url('/pricing'), state: 'active', run_count: 0, last_signal: null });
    expect(res.body.watch.next_run_at).toBe(new Date(clock.now().getTime() + 15 * 60_000).toISOString().replace('.000Z', 'Z'));
    expect(res.body.webhook_secret).toMatch(/^whsec_/);
    watchId = res.body.watch.id;
    secret = res.body.webhook_secret;
  });

  it('no change: an unchanged signal, and no new version', async () => {
    const before = (await outpost.api(`/api/pages/${pageId}`, { token: alice })).body;
    const signal = await runOnce(outpost, clock, alice, watchId);
    expect(signal).toMatchObject({ outcome: 'unchanged', changed: false, score: 0, summary: 'No change', failure: null });
    const after = (await outpost.api(`/api/pages/${pageId}`, { token: alice })).body;
    expect(after.updated_at).toBe(before.updated_at);
    const job = (await outpost.api(`/api/jobs/${signal.job_id}`, { token: alice })).body;
    expect(job).toMatchObject({ action: 'watch_run', watch_id: watchId, status: 'done', page_id: pageId });
  });

  it('a text change: lines added and removed, the page shows the new text, the webhook is signed', async () => {
    site.route('/pricing', { type: 'text/html', body: page('12 €') });
    const signal = await runOnce(outpost, clock, alice, watchId);
    expect(signal).toMatchObject({ outcome: 'changed', changed: true });
    expect(signal.changes.text_added).toEqual(['Plan A: 12 €']);
    expect(signal.changes.text_removed).toEqual(['Plan A: 10 €']);
    expect(documentPath).toBe('pricing.html');
    expect(signal.changes.assets_changed).toEqual([documentPath]);
    expect(signal.score).toBeGreaterThan(0);
    expect(signal.score).toBeLessThan(1);
    const served = await (await fetch(new URL(`/p/${pageId}/`, outpost.url))).text();
    expect(served).toContain('Plan A: 12 €');

    await expect.poll(() => deliveries.find((d) => d.body.includes(signal.id)), { timeout: 15_000 }).toBeDefined();
    const delivery = deliveries.find((d) => d.body.includes(signal.id))!;
    expect(delivery.signature).toBe(`sha256=${createHmac('sha256', secret).update(delivery.body).digest('hex')}`);
    expect(JSON.parse(delivery.body)).toMatchObject({ event: 'watch.signal', watch_id: watchId, signal: { id: signal.id, outcome: 'changed' } });
  });

  it('an asset change: the stylesheet is named, no text changed', async () => {
    site.route('/style.css', { type: 'text/css', body: 'h1 { color: crimson }' });
    const signal = await runOnce(outpost, clock, alice, watchId);
    expect(signal.outcome).toBe('changed');
    expect(signal.changes.assets_changed).toEqual([expect.stringMatching(/style.*\.css$/)]);
    expect(signal.changes.text_added).toEqual([]);
    expect(signal.changes.text_removed).toEqual([]);
  });

  it('a 404: a failed signal with the status, and the page keeps its content', async () => {
    site.route('/pricing', { status: 404, type: 'text/plain', body: 'gone' });
    const signal = await runOnce(outpost, clock, alice, watchId);
    expect(signal).toMatchObject({ outcome: 'failed', changed: false, score: 0, changes: null });
    expect(signal.failure).toMatchObject({ reason: 'status', http_status: 404 });
    expect(signal.failure.message).toContain('404');
    const served = await (await fetch(new URL(`/p/${pageId}/`, outpost.url))).text();
    expect(served).toContain('Plan A: 12 €');
    const watch = (await outpost.api(`/api/watches/${watchId}`, { token: alice })).body;
    expect(watch).toMatchObject({ run_count: 4, last_signal: { id: signal.id, outcome: 'failed' }, webhook: { state: 'active', failures: 0 } });
    // Changes and failures are delivered; runs that found nothing new are not.
    await expect.poll(() => deliveries.length, { timeout: 15_000 }).toBe(3);
    expect(deliveries.map((d) => JSON.parse(d.body).signal.outcome)).toEqual(['changed', 'changed', 'failed']);
  });

  it('signals come newest first, with a cursor, for one watch or all of them', async () => {
    const first = await outpost.api(`/api/signals?watch_id=${watchId}&limit=3`, { token: alice });
    expect(first.body.signals.map((s: any) => s.outcome)).toEqual(['failed', 'changed', 'changed']);
    const rest = await outpost.api(`/api/signals?limit=3&cursor=${first.body.next_cursor}`, { token: alice });
    expect(rest.body).toMatchObject({ count: 1, next_cursor: null, signals: [{ outcome: 'unchanged' }] });
  });

  it('another user sees none of it: 404 for the watch and its signals', async () => {
    for (const [method, path, body] of [
      ['GET', `/api/watches/${watchId}`],
      ['PATCH', `/api/watches/${watchId}`, { state: 'paused' }],
      ['DELETE', `/api/watches/${watchId}`],
      ['GET', `/api/signals?watch_id=${watchId}`],
    ] as const) {
      const res = await outpost.api(path, { method, token: bob, body });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await outpost.api('/api/watches', { token: bob })).body.watches).toEqual([]);
    expect((await outpost.api('/api/signals', { token: bob })).body.signals).toEqual([]);
    const byPage = await outpost.api('/api/watches', {
      token: bob,
      body: { page_id: pageId, source_url: site.url('/pricing'), schedule: { interval_minutes: 15 } },
    });
    expect(byPage.status).toBe(404);
    // Bob's PATCH and DELETE changed nothing.
    expect((await outpost.api(`/api/watches/${watchId}`, { token: alice })).body).toMatchObject({ id: watchId, state: 'active' });
  });

  it('every watch operation needs pages:write: a read-only token gets 403, reads included, before any lookup', async () => {
    const { token: session } = await signupAndLogin(outpost, 'carol@example.com');
    const created = await outpost.api('/api/tokens', { token: session, body: { name: 'read only', scopes: ['pages:read'] } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const readOnly = created.body.token as string;
    for (const [method, path] of [
      ['GET', '/api/watches'],
      ['GET', `/api/watches/${watchId}`],
      ['GET', `/api/signals?watch_id=${watchId}`],
      ['DELETE', `/api/watches/${watchId}`],
    ] as const) {
      const res = await outpost.api(path, { method, token: readOnly });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect((await outpost.api('/api/pages', { token: readOnly })).status).toBe(200);
  });

  it('paused, it does not run; resumed, its next run is one interval away', async () => {
    const paused = await outpost.api(`/api/watches/${watchId}`, { method: 'PATCH', token: alice, body: { state: 'paused' } });
    expect(paused.body.watch).toMatchObject({ state: 'paused', next_run_at: null });
    const count = (await signalsOf(outpost, alice, watchId)).length;
    clock.advanceMinutes(60);
    await outpost.app.watches.poll();
    // Not claimed by the poll: no lease taken and no run counted (a claimed run holds one or the other).
    const doc = await outpost.app.db.collection('watches').findOne({ _id: watchId as never });
    expect(doc).toMatchObject({ lease_owner: null, run_count: paused.body.watch.run_count });
    expect((await signalsOf(outpost, alice, watchId)).length).toBe(count);
    const resumed = await outpost.api(`/api/watches/${watchId}`, { method: 'PATCH', token: alice, body: { state: 'active' } });
    expect(resumed.body.watch.next_run_at).toBe(new Date(clock.now().getTime() + 15 * 60_000).toISOString().replace('.000Z', 'Z'));
    // Paused again, so the runs of the tests below are theirs alone.
    await outpost.api(`/api/watches/${watchId}`, { method: 'PATCH', token: alice, body: { state: 'paused' } });
  });
});

describe('runs that fail or were interrupted', () => {
  let pageId: string;

  beforeAll(async () => {
    pageId = (await outpost.api('/api/pages', { token: alice, body: { html: '<p>placeholder</p>' } })).body.id;
  });

  it('the first run compares with the text of the live version', async () => {
    site.route('/news', { type: 'text/html', body: '<title>News</title><p>Old headline</p>' });
    const created = await outpost.api('/api/pages', { token: alice, body: { source_url: site.url('/news') } });
    const res = await outpost.api('/api/watches', {
      token: alice,
      body: { page_id: created.body.id, source_url: site.url('/news'), schedule: { interval_minutes: 15 } },
    });
    site.route('/news', { type: 'text/html', body: '<title>News!</title><p>New headline</p>' });
    const signal = await runOnce(outpost, clock, alice, res.body.watch.id);
    expect(signal.changes).toMatchObject({ title: { before: 'News', after: 'News!' }, text_added: ['New headline'], text_removed: ['Old headline'] });
    await outpost.api(`/api/watches/${res.body.watch.id}`, { method: 'DELETE', token: alice });
  });

  it('a live version too deep to read: the first run compares no text, and still runs', async () => {
    const deep = `<title>Deep</title>${'<div>'.repeat(600)}old${'</div>'.repeat(600)}`;
    const live = await outpost.api('/api/pages', { token: alice, body: { html: deep } });
    site.route('/shallow', { type: 'text/html', body: '<title>Shallow</title><p>Now readable</p>' });
    const res = await outpost.api('/api/watches', {
      token: alice,
      body: { page_id: live.body.id, source_url: site.url('/shallow'), schedule: { interval_minutes: 15 } },
    });
    const signal = await runOnce(outpost, clock, alice, res.body.watch.id);
    expect(signal).toMatchObject({ outcome: 'changed', failure: null });
    expect(signal.changes.text_removed).toEqual([]);
    await outpost.api(`/api/watches/${res.body.watch.id}`, { method: 'DELETE', token: alice });
  });

  it('an unreachable source: a failed signal saying the connection was refused', async () => {
    const res = await outpost.api('/api/watches', {
      token: alice,
      body: { page_id: pageId, source_url: `http://127.0.0.1:${closedPort}/`, schedule: { cron: '0 * * * *' } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const signal = await runOnce(outpost, clock, alice, res.body.watch.id, 60);
    expect(signal).toMatchObject({ outcome: 'failed', failure: { reason: 'refused', http_status: null } });
    await outpost.api(`/api/watches/${res.body.watch.id}`, { method: 'DELETE', token: alice });
  });

  it('a source whose name resolves to a private address: refused by the SSRF guard at run time', async () => {
    const res = await outpost.api('/api/watches', {
      token: alice,
      body: { page_id: pageId, source_url: `http://intranet.example:${site.port}/`, schedule: { interval_minutes: 15 } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const signal = await runOnce(outpost, clock, alice, res.body.watch.id);
    expect(signal.failure.reason).toBe('blocked-address');
    expect(signal.failure.message).not.toContain('10.1.2.3');
    await outpost.api(`/api/watches/${res.body.watch.id}`, { method: 'DELETE', token: alice });
  });

  it('a run while its owner already runs the most captures allowed is postponed, without a job or a signal', async () => {
    const held: http.ServerResponse[] = [];
    site.route('/slow', { handler: (_req, res) => void held.push(res) });
    let id = '';
    try {
      for (let i = 0; i < 4; i++) {
        const started = await outpost.api('/api/pages?wait=0', { token: alice, body: { source_url: site.url('/slow') } });
        expect(started.status).toBe(202);
      }
      const res = await outpost.api('/api/watches', {
        token: alice,
        body: { page_id: pageId, source_url: site.url('/pricing'), schedule: { interval_minutes: 15 } },
      });
      id = res.body.watch.id;
      clock.advanceMinutes(15);
      const dueAt = clock.now().getTime();
      await outpost.app.watches.poll();
      // The postponed run gave its lease back with a later time.
      await expect.poll(async () => (await outpost.app.db.collection('watches').findOne({ _id: id as never }))?.lease_owner, { timeout: 15_000 }).toBeNull();
      const watch = (await outpost.api(`/api/watches/${id}`, { token: alice })).body;
      expect(Date.parse(watch.next_run_at)).toBe(dueAt + 60_000);
      expect(watch.run_count).toBe(0);
      expect(await signalsOf(outpost, alice, id)).toEqual([]);
    } finally {
      site.route('/slow', { type: 'text/html', body: '<p>slow</p>' });
      for (const r of held) r.writeHead(200, { 'content-type': 'text/html' }).end('<p>slow</p>');
    }
    await expect.poll(async () => (await outpost.api('/api/jobs?status=running', { token: alice })).body.count, { timeout: 15_000 }).toBe(0);
    await outpost.api(`/api/watches/${id}`, { method: 'DELETE', token: alice });
  });

  it('a schedule changed during a run: the next run follows the new schedule', async () => {
    const held: http.ServerResponse[] = [];
    site.route('/held-schedule', { handler: (_req, res) => void held.push(res) });
    const res = await outpost.api('/api/watches', {
      token: alice,
      body: { page_id: pageId, source_url: site.url('/held-schedule'), schedule: { interval_minutes: 15 } },
    });
    const id = res.body.watch.id;
    clock.advanceMinutes(15);
    await outpost.app.watches.poll();
    await expect.poll(() => held.length, { timeout: 15_000 }).toBe(1);
    const changed = await outpost.api(`/api/watches/${id}`, { method: 'PATCH', token: alice, body: { schedule: { interval_minutes: 120 } } });
    expect(changed.status).toBe(200);
    held[0].writeHead(200, { 'content-type': 'text/html' }).end('<p>scheduled</p>');
    await waitForSignals(outpost, alice, id, 1);
    const nextRun = async () => Date.parse((await outpost.api(`/api/watches/${id}`, { token: alice })).body.next_run_at);
    await expect.poll(nextRun, { timeout: 15_000 }).toBe(clock.now().getTime() + 120 * 60_000);
    await outpost.api(`/api/watches/${id}`, { method: 'DELETE', token: alice });
  });

  it('a run into a deleted page pauses the watch, saying why', async () => {
    const doomed = (await outpost.api('/api/pages', { token: alice, body: { html: '<p>doomed</p>' } })).body.id;
    const res = await outpost.api('/api/watches', {
      token: alice,
      body: { page_id: doomed, source_url: site.url('/style.css'), schedule: { interval_minutes: 15 } },
    });
    await outpost.api(`/api/pages/${doomed}`, { method: 'DELETE', token: alice });
    site.route('/gone-page', { type: 'text/html', body: '<p>still here</p>' });
    await outpost.app.db.collection('watches').updateOne({ _id: res.body.watch.id }, { $set: { source_url: site.url('/gone-page') } });
    const signal = await runOnce(outpost, clock, alice, res.body.watch.id);
    expect(signal).toMatchObject({ outcome: 'failed', failure: { reason: 'page-gone' } });
    expect((await outpost.api(`/api/watches/${res.body.watch.id}`, { token: alice })).body).toMatchObject({ state: 'paused', next_run_at: null });
    await outpost.api(`/api/watches/${res.body.watch.id}`, { method: 'DELETE', token: alice });
  });

  it('a run whose instance died (its lease ran out) is run again; a live lease is left alone', async () => {
    const res = await outpost.api('/api/watches', {
      token: alice,
      body: { page_id: pageId, source_url: site.url('/style.css'), schedule: { interval_minutes: 30 } },
    });
    const id = res.body.watch.id;
    const watches = outpost.app.db.collection('watches');
    const due = new Date(clock.now().getTime() - 1000);
    await watches.updateOne({ _id: id }, { $set: { next_run_at: due, lease_owner: 'elsewhere', lease_until: new Date(clock.now().getTime() + 60_000) } });
    await outpost.app.watches.poll();
    expect(await signalsOf(outpost, alice, id)).toEqual([]);
    // The other instance stopped: its lease runs out.
    clock.advanceMinutes(2);
    await outpost.app.watches.poll();
    const signal = await waitForSignals(outpost, alice, id, 1);
    // The stylesheet is not HTML: the run fails with that reason.
    expect(signal.failure.reason).toBe('type');
    await outpost.api(`/api/watches/${id}`, { method: 'DELETE', token: alice });
    expect(await signalsOf(outpost, alice, id).catch((e: Error) => e.message)).toContain('404');
  });
});

describe('notices', () => {
  it('a webhook that keeps failing is disabled with the reason; the e-mail tells of each failure', async () => {
    const pageId = (await outpost.api('/api/pages', { token: alice, body: { html: '<p>notices</p>' } })).body.id;
    site.route('/missing', { status: 404, type: 'text/plain', body: 'no' });
    const res = await outpost.api('/api/watches', {
      token: alice,
      body: {
        page_id: pageId,
        source_url: site.url('/missing'),
        schedule: { interval_minutes: 15 },
        webhook_url: `http://127.0.0.1:${closedPort}/hook`,
        email: 'Alice@Example.com',
      },
    });
    const id = res.body.watch.id;
    expect(res.body.watch.email).toBe('alice@example.com');
    const webhook = async () => (await outpost.api(`/api/watches/${id}`, { token: alice })).body.webhook;
    for (let run = 1; run <= 5; run++) {
      await runOnce(outpost, clock, alice, id);
      await expect.poll(async () => (await webhook()).failures, { timeout: 15_000 }).toBe(run);
    }
    expect(await webhook()).toMatchObject({ state: 'disabled', failures: 5, disabled_reason: expect.stringContaining('refused the connection') });
    const first = await mail.waitForMail('alice@example.com');
    expect(first.subject).toBe(`Watch failed: ${site.url('/missing')}`);
    expect(first.text).toContain('404');
    // Setting the same URL again re-enables it, with its secret kept.
    const again = await outpost.api(`/api/watches/${id}`, { method: 'PATCH', token: alice, body: { webhook_url: `http://127.0.0.1:${closedPort}/hook` } });
    expect(again.body).toMatchObject({ webhook_secret: null, watch: { webhook: { state: 'active', failures: 0, disabled_reason: null } } });
    await outpost.api(`/api/watches/${id}`, { method: 'DELETE', token: alice });
  });

  it('a webhook changed during a run: the notice goes to the new URL, signed with the new secret', async () => {
    const pageId = (await outpost.api('/api/pages', { token: alice, body: { html: '<p>before</p>' } })).body.id;
    const held: http.ServerResponse[] = [];
    site.route('/held', { handler: (_req, res) => void held.push(res) });
    receiver.route('/hook-new', { handler: collect });
    const res = await outpost.api('/api/watches', {
      token: alice,
      body: { page_id: pageId, source_url: site.url('/held'), schedule: { interval_minutes: 15 }, webhook_url: receiver.url('/hook') },
    });
    const id = res.body.watch.id;
    clock.advanceMinutes(15);
    await outpost.app.watches.poll();
    await expect.poll(() => held.length, { timeout: 15_000 }).toBe(1);
    const changed = await outpost.api(`/api/watches/${id}`, { method: 'PATCH', token: alice, body: { webhook_url: receiver.url('/hook-new') } });
    held[0].writeHead(200, { 'content-type': 'text/html' }).end('<p>after</p>');
    const ofWatch = () => deliveries.filter((d) => JSON.parse(d.body).watch_id === id);
    await expect.poll(() => ofWatch().length, { timeout: 15_000 }).toBe(1);
    const [delivery] = ofWatch();
    expect(delivery.path).toBe('/hook-new');
    expect(delivery.signature).toBe(`sha256=${createHmac('sha256', changed.body.webhook_secret).update(delivery.body).digest('hex')}`);
    await outpost.api(`/api/watches/${id}`, { method: 'DELETE', token: alice });
  });

  it("the MCP tools: signals as a tool result; another user's watch is a recoverable not-found", async () => {
    const connect = async (token: string) => {
      const client = new Client({ name: 'watches', version: '1' });
      await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', outpost.url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
      return client;
    };
    const [mine, theirs] = await Promise.all([connect(alice), connect(bob)]);
    try {
      const watches = (await mine.callTool({ name: 'outpost_list_watches', arguments: {} })).structuredContent as any;
      const id = watches.watches.find((w: any) => w.run_count > 1).id;
      const signals = (await mine.callTool({ name: 'outpost_get_signals', arguments: { watch_id: id, limit: 2 } })).structuredContent as any;
      expect(signals.signals).toHaveLength(2);
      expect(signals.next_cursor).toEqual(expect.any(String));
      const refused = await theirs.callTool({ name: 'outpost_get_watch', arguments: { watch_id: id } });
      expect(refused.isError).toBe(true);
      expect(JSON.parse((refused.content as { text: string }[])[0].text)).toEqual({ error: 'Watch not found. Use outpost_list_watches to see your watches.' });
      const before = (await mine.callTool({ name: 'outpost_get_watch', arguments: { watch_id: id } })).structuredContent;
      for (const [name, args] of [
        ['outpost_update_watch', { watch_id: id, state: 'paused' }],
        ['outpost_delete_watch', { watch_id: id }],
        ['outpost_get_signals', { watch_id: id }],
      ] as const) {
        const result = await theirs.callTool({ name, arguments: args });
        expect(result.isError, name).toBe(true);
        expect((result.content as { text: string }[])[0].text, name).toContain('Watch not found');
      }
      expect((await mine.callTool({ name: 'outpost_get_watch', arguments: { watch_id: id } })).structuredContent).toEqual(before);
    } finally {
      await Promise.all([mine.close(), theirs.close()]);
    }
  });
});

describe('what a watch may be', () => {
  let pageId: string;
  beforeAll(async () => {
    pageId = (await outpost.api('/api/pages', { token: alice, body: { html: '<p>limits</p>' } })).body.id;
  });
  const create = (body: Record<string, unknown>) =>
    outpost.api('/api/watches', { token: alice, body: { page_id: pageId, source_url: site.url('/pricing'), ...body } });

  it('refuses schedules and sources with a 400 naming the problem', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ schedule: { interval_minutes: 5 } }, /interval_minutes/],
      [{ schedule: { cron: '* * * * *' } }, /more often than every 15 minutes/],
      [{ schedule: { cron: 'every day' } }, /5 fields/],
      [{ schedule: { cron: '0 25 * * *' } }, /not valid/],
      [{ schedule: { cron: '0 9 * * *', timezone: 'Mars/Olympus' } }, /not valid/],
      [{ schedule: { interval_minutes: 60, cron: '0 * * * *' } }, /exactly one/],
      [{ schedule: { interval_minutes: 60 }, job_id: 'AAAAAAAAAAAA' }, /either job_id/],
      [{ schedule: { interval_minutes: 60 }, source_url: 'http://10.0.0.1/' }, /cannot be captured/],
      [{ schedule: { interval_minutes: 60 }, webhook_url: 'ftp://example.com/' }, /webhook_url/],
    ];
    for (const [body, message] of cases) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.message, JSON.stringify(body)).toMatch(message);
    }
  });

  it(`stops at WATCHES_PER_USER, saying so, also for creates at once`, async () => {
    const count = async () => (await outpost.api('/api/watches', { token: alice })).body.count;
    const existing = await count();
    const results = await Promise.all(Array.from({ length: 4 - existing + 3 }, () => create({ schedule: { interval_minutes: 60 } })));
    const accepted = results.filter((r) => r.status === 201).length;
    expect(accepted).toBeLessThanOrEqual(4 - existing);
    expect(await count()).toBe(existing + accepted);
    for (const r of results.filter((r) => r.status !== 201)) {
      expect(r.status).toBe(400);
      expect(r.body.message).toContain('WATCHES_PER_USER = 4');
    }
    for (let i = existing + accepted; i < 4; i++) expect((await create({ schedule: { interval_minutes: 60 } })).status).toBe(201);
    expect((await create({ schedule: { interval_minutes: 60 } })).status).toBe(400);
    expect(await count()).toBe(4);
  });
});
