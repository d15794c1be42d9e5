// Two Outpost instances on one database (an engine on a Unix socket), both polling for due watches at once:
// each due watch runs exactly once (the source site counts the fetches of each watch's URL).
import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEngine, type RunningEngine } from '../../src/engine/index.ts';
import { startFixtureServer, type FixtureServer } from '../support/capture-fixtures.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { TestClock, waitForSignals } from './watch-helpers.ts';

const WATCHES = 4;
let engine: RunningEngine;
let site: FixtureServer;
let instances: TestOutpost[];
const clock = new TestClock();

beforeAll(async () => {
  [engine, site] = await Promise.all([startEngine({ inMemory: true }), startFixtureServer()]);
  for (let i = 0; i < WATCHES; i++) site.route(`/w${i}`, { type: 'text/html', body: `<title>W${i}</title><p>watch ${i}</p>` });
  const env = {
    SIGNUP_MODE: 'open',
    RATE_LIMIT_REQUESTS: '100000',
    SECRET_KEY: crypto.randomBytes(32).toString('base64url'),
    MONGODB_URI: engine.uri.replace('/?', '/outpost?'),
    CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8',
    CAPTURE_ALLOWED_PORTS: String(site.port),
  };
  instances = await Promise.all([0, 1].map(() => startTestOutpost(env, { watches: { now: clock.now, pollMs: 20 } })));
});

afterAll(async () => {
  await Promise.all((instances ?? []).map((o) => o.stop()));
  await Promise.all([engine?.close(), site?.close()]);
});

it('each due watch is run once by one of the two instances', async () => {
  const [a, b] = instances;
  const { token } = await signupAndLogin(a, 'owner@example.com');
  const pageId = (await a.api('/api/pages', { token, body: { html: '<p>first</p>' } })).body.id;
  const ids: string[] = [];
  for (let i = 0; i < WATCHES; i++) {
    const res = await (i % 2 ? b : a).api('/api/watches', {
      token,
      body: { page_id: pageId, source_url: site.url(`/w${i}`), schedule: { interval_minutes: 15 } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids.push(res.body.watch.id);
  }
  clock.advanceMinutes(16);
  // Both poll now, besides their timers, so claims race.
  await Promise.all([a.app.watches.poll(), b.app.watches.poll(), a.app.watches.poll(), b.app.watches.poll()]);
  for (const id of ids) await waitForSignals(a, token, id, 1);
  for (let i = 0; i < WATCHES; i++) expect(site.requests(`/w${i}`), `/w${i}`).toHaveLength(1);
  const jobs = (await b.api('/api/jobs?limit=100', { token })).body.jobs.filter((j: any) => j.action === 'watch_run');
  expect(jobs).toHaveLength(WATCHES);
  for (const id of ids) expect((await b.api(`/api/watches/${id}`, { token })).body.run_count).toBe(1);
});
