// SSRF end to end: capture requests aimed at this machine are refused with a reason, and nothing reaches the
// target (asserted on the fixture servers' access logs). Every target here is a loopback address, in all the
// notations a URL may spell it; address classes that are not loopback (private, link-local, NAT64 …) are
// never used as targets here, since a guard bug would then send traffic off the machine: those are the
// address classifier's unit tests.
//  - default networks (CAPTURE_ALLOWED_NETWORKS unset): the fixture's address in every form, a DNS name
//    resolving to it (localhost from /etc/hosts, and names answered by a lookup hook), all refused;
//  - a fully default config: refused as well;
//  - CAPTURE_ALLOWED_NETWORKS=127.0.0.1/32: an allowed page whose assets, stylesheet imports or own redirect
//    lead to 127.0.0.2 (or another port, or file:) gets those skipped with a reason, and 127.0.0.2 sees nothing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOutpost, type Outpost } from '../../src/app.ts';
import { loadConfig } from '../../src/config/config.ts';
import {
  captureApi,
  getBytes,
  seededPng,
  sha256,
  startFixtureServer,
  type ApiResult,
  type CaptureApi,
  type FixtureServer,
} from '../support/capture-fixtures.ts';

/** A real Outpost on 127.0.0.1 like startTestOutpost's, plus a capture lookup hook (which that helper does not take). */
async function startOutpostWithLookup(env: Record<string, string>, lookup?: (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-ssrf-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    SIGNUP_MODE: 'open',
    RATE_LIMIT_REQUESTS: '100000',
    SECRET_KEY: crypto.randomBytes(32).toString('base64url'),
    ...env,
  });
  const outpost: Outpost = await startOutpost(config, { inMemory: true, validateResponses: true, captureLookup: lookup });
  const server = {
    url: outpost.url,
    async api(pathname: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<ApiResult> {
      const headers: Record<string, string> = {};
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(new URL(pathname, outpost.url), {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        /* text */
      }
      return { status: res.status, headers: res.headers, body };
    },
    async stop() {
      await outpost.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  const signup = await server.api('/api/auth/signup', { body: { email: 'ssrf@example.com', password: 'correct horse battery' } });
  if (signup.status !== 201) throw new Error(`signup: ${signup.status} ${JSON.stringify(signup.body)}`);
  return { server, api: captureApi(server, signup.body.token as string) };
}

const PAGE = '<!doctype html><html><head><title>Target</title></head><body><p>internal</p><img src="/secret.png"></body></html>';

let target: FixtureServer; // 127.0.0.1: the "internal" service
let target6: FixtureServer | null; // ::1, when this machine has IPv6 loopback
let other: FixtureServer; // 127.0.0.2: never allowed below
let offPort: FixtureServer; // 127.0.0.1 on a port no config allows

beforeAll(async () => {
  [target, other, offPort] = await Promise.all([startFixtureServer(), startFixtureServer({ host: '127.0.0.2' }), startFixtureServer()]);
  target6 = await startFixtureServer({ host: '::1' }).catch(() => null);
  for (const s of [target, other, offPort, target6].filter(Boolean) as FixtureServer[]) {
    s.routes({
      '/': { type: 'text/html', body: PAGE },
      '/page.html': { type: 'text/html', body: PAGE },
      '/secret.png': { type: 'image/png', body: seededPng('secret') },
      '/secret.css': { type: 'text/css', body: '.s{color:red}' },
    });
  }
});

afterAll(async () => {
  await Promise.all([target, other, offPort, target6].filter(Boolean).map((s) => s!.close()));
});

const nothingReached = (...servers: (FixtureServer | null)[]) => {
  for (const s of servers)
    if (s)
      expect(
        s.log.map((e) => `${s.origin}${e.url}`),
        `${s?.origin} must see nothing`,
      ).toEqual([]);
};

describe('default networks (CAPTURE_ALLOWED_NETWORKS unset, the fixture ports allowed so the address is what refuses)', () => {
  let api: CaptureApi;
  let stop: () => Promise<void>;
  const lookups: string[] = [];
  beforeAll(async () => {
    const started = await startOutpostWithLookup(
      { CAPTURE_ALLOWED_PORTS: [target.port, other.port, target6?.port].filter(Boolean).join(',') },
      async (hostname) => {
        lookups.push(hostname);
        if (hostname === 'intranet.test') return [{ address: '127.0.0.1', family: 4 }];
        if (hostname === 'v6.intranet.test') return [{ address: '::1', family: 6 }];
        if (hostname === 'mapped.intranet.test') return [{ address: '::ffff:127.0.0.1', family: 6 }];
        if (hostname === 'localhost') return [{ address: '127.0.0.1', family: 4 }];
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      },
    );
    api = started.api;
    stop = () => started.server.stop();
  });
  afterAll(() => stop?.());

  const literal = () =>
    [
      ['dotted', `http://127.0.0.1:${target.port}/page.html`],
      ['short (127.1)', `http://127.1:${target.port}/page.html`],
      ['decimal', `http://2130706433:${target.port}/page.html`],
      ['hex', `http://0x7f000001:${target.port}/page.html`],
      ['octal', `http://0177.0.0.1:${target.port}/page.html`],
      ['mixed hex/dotted', `http://0x7f.0.0.1:${target.port}/page.html`],
      ['trailing dot', `http://127.0.0.1.:${target.port}/page.html`],
      ['IPv4-mapped IPv6', `http://[::ffff:127.0.0.1]:${target.port}/page.html`],
      ['IPv4-mapped IPv6, hex', `http://[::ffff:7f00:1]:${target.port}/page.html`],
      ['0.0.0.0', `http://0.0.0.0:${target.port}/page.html`],
      ['127.0.0.2', `http://127.0.0.2:${other.port}/page.html`],
      ...(target6
        ? [
            ['IPv6 loopback [::1]', `http://[::1]:${target6.port}/page.html`],
            ['IPv6 unspecified [::]', `http://[::]:${target6.port}/page.html`],
          ]
        : []),
    ] as [string, string][];

  it('every literal form of a loopback address: 400 with the reason, no job, nothing reached', async () => {
    target.clearLog();
    other.clearLog();
    target6?.clearLog();
    const jobsBefore = (await api.jobs('?limit=100')).body.jobs.length;
    for (const [name, url] of literal()) {
      const res = await api.create({ source_url: url });
      expect(res.status, `${name} ${url}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.message, name).toMatch(/loopback|blocked|not allowed|not public|reserved|this host|unspecified/i);
    }
    expect((await api.jobs('?limit=100')).body.jobs.length).toBe(jobsBefore);
    nothingReached(target, other, target6);
  });

  it('host names resolving to loopback (localhost, a lookup-hook name, IPv6 and IPv4-mapped answers): 422 "blocked" without naming the address, nothing reached', async () => {
    target.clearLog();
    target6?.clearLog();
    const names: [string, string][] = [
      ['localhost', `http://localhost:${target.port}/page.html`],
      ['intranet.test → 127.0.0.1', `http://intranet.test:${target.port}/page.html`],
      ['mapped.intranet.test → ::ffff:127.0.0.1', `http://mapped.intranet.test:${target.port}/page.html`],
      ...(target6 ? [['v6.intranet.test → ::1', `http://v6.intranet.test:${target6.port}/page.html`] as [string, string]] : []),
    ];
    for (const [name, url] of names) {
      const res = await api.create({ source_url: url });
      expect([400, 422], `${name}: ${res.status} ${JSON.stringify(res.body)}`).toContain(res.status);
      expect(res.body.message, name).toMatch(/blocked/i);
      expect(res.body.message, name).toMatch(/resolves to an address that is not public/);
      // What the server's DNS says about a name is not the user's to see: no address, no class, no setting.
      expect(res.body.message, `${name}: the message names no address`).not.toMatch(/127\.0\.0\.1|::1\b|::ffff|loopback|CAPTURE_ALLOWED_NETWORKS/i);
    }
    expect(lookups).toEqual(expect.arrayContaining(['intranet.test', 'mapped.intranet.test']));
    const failed = (await api.jobs('?status=failed&limit=100')).body.jobs;
    expect(failed.map((j: any) => j.error?.reason)).toEqual(expect.arrayContaining(['blocked-address']));
    nothingReached(target, target6);
  });

  it('a name that does not resolve: 422 with reason "dns"', async () => {
    const res = await api.create({ source_url: `http://nowhere.test:${target.port}/` });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    const job = (await api.jobs('?status=failed&limit=1')).body.jobs[0];
    expect(job.error.reason).toBe('dns');
  });
});

describe('a fully default config (no CAPTURE_* at all)', () => {
  it('refuses the fixture (its address and its port), nothing reached', async () => {
    const { server, api } = await startOutpostWithLookup({}, async () => [{ address: '127.0.0.1', family: 4 }]);
    try {
      target.clearLog();
      for (const url of [
        `http://127.0.0.1:${target.port}/page.html`,
        `http://localhost:${target.port}/page.html`,
        'http://127.0.0.1/page.html',
        'http://intranet.test/page.html',
      ]) {
        const res = await api.create({ source_url: url });
        expect([400, 422], `${url}: ${res.status} ${JSON.stringify(res.body)}`).toContain(res.status);
        expect(res.body.message).toMatch(/blocked|not allowed|port|loopback/i);
      }
      nothingReached(target);
    } finally {
      await server.stop();
    }
  });
});

describe('CAPTURE_ALLOWED_NETWORKS=127.0.0.1/32: hops out of the allowed network are skipped, never followed', () => {
  let api: CaptureApi;
  let stop: () => Promise<void>;
  const o = () => other.origin;
  beforeAll(async () => {
    const started = await startOutpostWithLookup(
      { CAPTURE_ALLOWED_NETWORKS: '127.0.0.1/32', CAPTURE_ALLOWED_PORTS: `${target.port},${other.port}` },
      async (hostname) =>
        hostname === 'other.test' ? [{ address: '127.0.0.2', family: 4 }] : hostname === 'localhost' ? [{ address: '127.0.0.1', family: 4 }] : [],
    );
    api = started.api;
    stop = () => started.server.stop();
    const ok = seededPng('/ssrf/ok.png');
    target.routes({
      '/ssrf/ok.png': { type: 'image/png', body: ok },
      '/ssrf/to-other.png': { status: 302, redirect: `${o()}/secret.png` },
      '/ssrf/to-other-decimal.png': { status: 302, redirect: `http://2130706434:${other.port}/secret.png` },
      '/ssrf/to-other-name.png': { status: 302, redirect: `http://other.test:${other.port}/secret.png` },
      '/ssrf/to-off-port.png': { status: 302, redirect: `${offPort.origin}/secret.png` },
      '/ssrf/to-file.png': { status: 302, redirect: 'file:///etc/passwd' },
      '/ssrf/to-gopher.png': { status: 302, redirect: `gopher://127.0.0.1:${target.port}/_x` },
      '/ssrf/style.css': {
        type: 'text/css',
        body: '@import url(/ssrf/import-to-other.css);\n.b { background: url(/ssrf/bg-to-other.png) }\n.c { background: url(/ssrf/ok.png) }\n',
      },
      '/ssrf/import-to-other.css': { status: 307, redirect: `${o()}/secret.css` },
      '/ssrf/bg-to-other.png': { status: 301, redirect: `${o()}/secret.png` },
      '/ssrf/page.html': {
        type: 'text/html; charset=utf-8',
        body: `<!doctype html><html><head><title>Allowed</title><link rel="stylesheet" id="css" href="/ssrf/style.css"></head><body>
<img id="ok" src="/ssrf/ok.png">
<img id="to-other" src="/ssrf/to-other.png">
<img id="to-other-decimal" src="/ssrf/to-other-decimal.png">
<img id="to-other-name" src="/ssrf/to-other-name.png">
<img id="to-off-port" src="/ssrf/to-off-port.png">
<img id="to-file" src="/ssrf/to-file.png">
<img id="to-gopher" src="/ssrf/to-gopher.png">
<img id="direct-other" src="${o()}/secret.png">
</body></html>
`,
      },
      '/ssrf/base.html': {
        type: 'text/html; charset=utf-8',
        body: `<!doctype html><html><head><base href="${o()}/"><title>Base elsewhere</title><link rel="stylesheet" href="secret.css"></head><body><img id="img" src="secret.png"></body></html>\n`,
      },
      '/ssrf/redirect-source': { status: 302, redirect: `${o()}/page.html` },
      '/ssrf/redirect-source-port': { status: 302, redirect: `${offPort.origin}/page.html` },
      '/ssrf/redirect-source-name': { status: 302, redirect: `http://other.test:${other.port}/page.html` },
    });
  });
  afterAll(() => stop?.());

  it('the page is captured; redirects to 127.0.0.2 (any spelling), another port, file: and gopher: are skipped with reasons; 127.0.0.2 sees nothing', async () => {
    target.clearLog();
    other.clearLog();
    offPort.clearLog();
    const res = await api.create({ source_url: target.url('/ssrf/page.html') });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const problems = new Map((res.body.job.problems as { url: string; reason: string; message: string }[]).map((p) => [new URL(p.url).pathname, p]));
    const detail = JSON.stringify(res.body.job.problems, null, 1);
    for (const p of ['/ssrf/to-other.png', '/ssrf/to-other-decimal.png', '/ssrf/to-other-name.png', '/ssrf/bg-to-other.png', '/ssrf/import-to-other.css']) {
      expect(problems.get(p), `${p}\n${detail}`).toMatchObject({ reason: 'blocked-address', message: expect.stringMatching(/blocked/) });
    }
    expect(problems.get('/ssrf/to-off-port.png'), detail).toMatchObject({ reason: 'blocked-port' });
    expect(problems.get('/ssrf/to-file.png')?.reason, detail).toMatch(/bad-redirect|blocked/);
    expect(problems.get('/ssrf/to-gopher.png')?.reason, detail).toMatch(/bad-redirect|blocked/);
    nothingReached(other, offPort);
    // The good asset is there; a blocked same-site one is a local path that answers 404 (never the original).
    expect(res.body.default_file).toBe('ssrf/page.html');
    const html = (await api.opened(res.body.id, res.body.default_file)).doc.body.toString();
    expect(html).toContain(`src="to-other.png"`);
    expect((await getBytes(api.served(res.body.id, 'ssrf/to-other.png'))).status).toBe(404);
    expect(html).toContain(`src="${o()}/secret.png"`);
    const ok = await getBytes(api.served(res.body.id, 'ssrf/ok.png'));
    expect(sha256(ok.body)).toBe(sha256(seededPng('/ssrf/ok.png')));
  });

  it('a <base href> on 127.0.0.2 makes the assets cross-origin: left absolute, never fetched', async () => {
    other.clearLog();
    const res = await api.create({ source_url: target.url('/ssrf/base.html') });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.file_count).toBe(1);
    const html = (await api.opened(res.body.id, 'ssrf/base.html')).doc.body.toString();
    expect(html).toContain(`src="${o()}/secret.png"`);
    expect(html).toContain(`href="${o()}/secret.css"`);
    nothingReached(other);
  });

  it('the source page redirecting to 127.0.0.2, to another port or to a name resolving to 127.0.0.2: 422 with the reason, nothing reached', async () => {
    other.clearLog();
    offPort.clearLog();
    for (const [from, reason] of [
      ['/ssrf/redirect-source', /blocked/],
      ['/ssrf/redirect-source-port', /blocked|port/],
      ['/ssrf/redirect-source-name', /blocked/],
    ] as const) {
      const res = await api.create({ source_url: target.url(from) });
      expect(res.status, `${from}: ${JSON.stringify(res.body)}`).toBe(422);
      expect(res.body.message, from).toMatch(reason);
    }
    nothingReached(other, offPort);
  });

  it('127.0.0.2 itself as source_url: 400', async () => {
    const res = await api.create({ source_url: `${o()}/page.html` });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    nothingReached(other);
  });
});
