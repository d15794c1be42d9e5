// Capture jobs end to end (loopback fixtures only): the job's counters and problems for assets that fail in
// known ways (404, oversized with and without Content-Length, slow head, slow body, redirect loop, HTML at an
// image URL), the asset cap on a 10 000-asset page, the jobs API (list, get, isolation), `wait=0` → 202 and
// polling, cancelling (a create leaves no page, a replace leaves the old files), the source page failing
// (422 with the reason), URLs refused on their face (400), and replacing a page's files from a URL.
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureApi, getBytes, kitchenSink, sha256, startFixtureServer, unusedPort, type CaptureApi } from '../support/capture-fixtures.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

const MAX_ASSET_BYTES = 64 * 1024;
const ASSET_TIMEOUT_MS = 1000;
const MAX_ASSETS = 100;

const fixture = await startFixtureServer();
const cross = await startFixtureServer({ host: '127.0.0.2' });
const site = kitchenSink(fixture, { crossOrigin: cross, manyCount: 10_000 });
const closedPort = await unusedPort();

let outpost: TestOutpost;
let capped: TestOutpost;
let token: string;
let api: CaptureApi;
let other: CaptureApi;
let cappedApi: CaptureApi;

async function tokenFor(server: TestOutpost, email: string): Promise<string> {
  const session = await signupAndLogin(server, email);
  return (await server.api('/api/tokens', { token: session.token, body: { name: email } })).body.token as string;
}

beforeAll(async () => {
  const env = {
    SIGNUP_MODE: 'open',
    RATE_LIMIT_REQUESTS: '100000',
    CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8',
    CAPTURE_ALLOWED_PORTS: `${fixture.port},${cross.port},${closedPort}`,
  };
  [outpost, capped] = await Promise.all([
    startTestOutpost({ ...env, CAPTURE_MAX_ASSET_BYTES: String(MAX_ASSET_BYTES), CAPTURE_ASSET_TIMEOUT_MS: String(ASSET_TIMEOUT_MS) }),
    startTestOutpost({ ...env, CAPTURE_MAX_ASSETS: String(MAX_ASSETS) }),
  ]);
  token = await tokenFor(outpost, 'jobs@example.com');
  api = captureApi(outpost, token);
  other = captureApi(outpost, await tokenFor(outpost, 'other@example.com'));
  cappedApi = captureApi(capped, await tokenFor(capped, 'capped@example.com'));
});

afterAll(async () => {
  await Promise.all([outpost?.stop(), capped?.stop()]);
  await fixture.close();
  await cross.close();
});

const ELSEWHERE = 'https://outpost.invalid/p/XXXXXXXX/index.html';

describe('problems: failing assets are skipped or failed with a reason, never fatal', () => {
  let res: Awaited<ReturnType<CaptureApi['create']>>;
  let slowAnsweredBeforeJobEnded: boolean;
  beforeAll(async () => {
    fixture.clearLog();
    cross.clearLog();
    res = await api.create({ source_url: site.problems.url });
    slowAnsweredBeforeJobEnded = fixture.requests(new URL(site.problems.slow).pathname).some((e) => e.finished);
  }, 60_000);

  const problemFor = (url: string) => (res.body.job.problems as { url: string; reason: string; message: string }[]).find((p) => p.url === url);

  it('the page is created; only the good assets are stored (and the HTML at an image URL at most as an inert file)', async () => {
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.job.status).toBe('done');
    const entries = await api.exportZip(res.body.id);
    const names = Object.keys(entries).sort();
    const htmlAtImage = names.filter((n) => n.startsWith('problems/not-an-image'));
    expect(names.filter((n) => !htmlAtImage.includes(n))).toEqual(['problems/index.html', 'problems/ok-1.png', 'problems/ok-2.png', 'problems/ok-3.png']);
    expect(res.body.job.counts.assets_fetched).toBe(site.problems.ok.length + htmlAtImage.length);
    for (const name of htmlAtImage) {
      // Kept as the bytes it was, but never served as a browsable HTML document.
      const served = await getBytes(api.served(res.body.id, name));
      expect(served.type ?? '', `${name} served as`).not.toMatch(/html/);
    }
  });

  it('404 → failed, reason "status", message with the status', () => {
    expect(problemFor(site.problems.notFound), JSON.stringify(res.body.job.problems, null, 1)).toMatchObject({
      reason: 'status',
      message: expect.stringMatching(/404/),
    });
  });

  it(`over CAPTURE_MAX_ASSET_BYTES (${MAX_ASSET_BYTES}) → skipped "too-large", with Content-Length and without (counted while streaming)`, () => {
    expect(problemFor(site.problems.oversized)).toMatchObject({ reason: 'too-large' });
    expect(problemFor(site.problems.oversizedChunked)).toMatchObject({ reason: 'too-large' });
  });

  it(`a slow answer and a slow body → failed "timeout" after CAPTURE_ASSET_TIMEOUT_MS (${ASSET_TIMEOUT_MS} ms), without waiting for them`, () => {
    expect(problemFor(site.problems.slow)).toMatchObject({ reason: 'timeout', message: expect.stringMatching(/1000 ms/) });
    expect(problemFor(site.problems.drip)).toMatchObject({ reason: 'timeout' });
    const slowRequests = fixture.requests(new URL(site.problems.slow).pathname);
    expect(slowRequests.length).toBeGreaterThan(0);
    expect(slowAnsweredBeforeJobEnded, 'the capture did not wait for the 4 s asset').toBe(false);
  });

  it('a redirect loop → "too-many-redirects" after 5 hops', () => {
    expect(problemFor(site.problems.redirectLoop)).toMatchObject({ reason: 'too-many-redirects' });
    const hops = fixture.log.filter((e) => e.key.startsWith('/problems/loop-')).map((e) => e.key);
    expect(hops).toEqual([
      '/problems/loop-0.png',
      '/problems/loop-1.png',
      '/problems/loop-2.png',
      '/problems/loop-3.png',
      '/problems/loop-4.png',
      '/problems/loop-5.png',
    ]);
  });

  it('HTML served at an image URL is not followed as a document (its links are never requested)', () => {
    const requested = fixture.log.map((e) => e.key);
    expect(requested).toContain('/problems/not-an-image.png');
    expect(requested).not.toContain('/problems/never-followed.png');
    expect(requested).not.toContain('/problems/never.css');
    // Either reported, or kept as the bytes it was (an <img> can't run it): never rewritten as a page.
    const p = problemFor(site.problems.htmlAtImage);
    if (p) expect(p.reason).toMatch(/type/);
  });

  it('counters add up: found = fetched + skipped + failed; problem_count = every problem; cross-origin counted as external, never fetched', () => {
    const { job } = res.body;
    const c = job.counts;
    expect(c.assets_found).toBe(c.assets_fetched + c.assets_skipped + c.assets_failed);
    expect(job.problem_count).toBe(c.assets_skipped + c.assets_failed);
    expect(job.problems.length).toBe(job.problem_count);
    expect(c.assets_skipped, 'the two oversized').toBe(2);
    expect(c.assets_failed, '404, slow, drip, loop (+ HTML at an image URL if reported)').toBeGreaterThanOrEqual(4);
    expect(c.assets_external).toBe(1);
    expect(cross.log).toEqual([]);
    for (const p of job.problems) expect(p.message.length).toBeGreaterThan(10);
  });

  it('the references of failed or skipped assets are local paths that answer 404 (the copy never asks the original); an external one stays absolute', async () => {
    const { url: served, doc } = await api.opened(res.body.id, res.body.default_file);
    const $ = cheerio.load(doc.body.toString());
    for (const [id, url] of [
      ['not-found', site.problems.notFound],
      ['big', site.problems.oversized],
      ['big-chunked', site.problems.oversizedChunked],
      ['slow', site.problems.slow],
      ['drip', site.problems.drip],
      ['loop', site.problems.redirectLoop],
    ] as const) {
      const ref = $(`#${id}`).attr('src')!;
      // Relative to the document, stored at /problems/index.html as on the source.
      expect(ref, `#${id}`).toBe(new URL(url).pathname.replace('/problems/', ''));
      expect((await getBytes(new URL(ref, served))).status, `#${id}`).toBe(404);
    }
    expect(new URL($('#external').attr('src')!, ELSEWHERE).href).toBe(site.problems.external);
  });
});

describe(`asset cap: a page of 10 000 assets with CAPTURE_MAX_ASSETS=${MAX_ASSETS}`, () => {
  let res: Awaited<ReturnType<CaptureApi['create']>>;
  let imageRequests: number;
  beforeAll(async () => {
    fixture.clearLog();
    res = await cappedApi.create({ source_url: site.many.url });
    imageRequests = fixture.log.filter((e) => e.key.startsWith('/many/img/')).length;
  }, 60_000);

  it(`fetches ${MAX_ASSETS}, skips the rest with reason "asset-limit", and reports them (a sample, with the full count)`, () => {
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(201);
    const { job } = res.body;
    expect(job.status).toBe('done');
    expect(job.counts).toMatchObject({
      assets_found: site.many.count,
      assets_fetched: MAX_ASSETS,
      assets_skipped: site.many.count - MAX_ASSETS,
      assets_failed: 0,
    });
    expect(job.problem_count).toBe(site.many.count - MAX_ASSETS);
    expect(job.problems.length).toBeGreaterThan(0);
    expect(job.problems.length).toBeLessThanOrEqual(100);
    for (const p of job.problems) expect(p).toMatchObject({ reason: 'asset-limit', message: expect.stringContaining(String(MAX_ASSETS)) });
    expect(res.body.file_count).toBe(MAX_ASSETS + 1);
  });

  it(`the fixture saw at most ${MAX_ASSETS} image requests`, () => {
    expect(imageRequests).toBe(MAX_ASSETS);
  });

  it('stored assets are local; skipped ones are local paths that answer 404 (never the original)', async () => {
    const { url: served, doc } = await cappedApi.opened(res.body.id, res.body.default_file);
    const $ = cheerio.load(doc.body.toString());
    const srcs = $('img')
      .map((_, el) => $(el).attr('src')!)
      .get();
    expect(srcs.length).toBe(site.many.count);
    expect(srcs.filter((s) => /^[a-z]+:/.test(s))).toEqual([]);
    expect(new Set(srcs).size).toBe(site.many.count);
    // The first MAX_ASSETS in document order are the stored ones.
    const sample = await getBytes(new URL(srcs[0]!, served));
    expect(sha256(sample.body)).toBe(sha256(site.bytes(site.many.imageUrl(0))!));
    for (const skipped of [srcs[MAX_ASSETS]!, srcs.at(-1)!]) expect((await getBytes(new URL(skipped, served))).status, skipped).toBe(404);
  });
});

describe('the jobs API', () => {
  let jobId: string;
  beforeAll(async () => {
    const res = await api.create({ source_url: site.replace.first });
    expect(res.status).toBe(201);
    jobId = res.body.job.id;
  });

  it("GET /api/jobs lists the caller's jobs newest first, with a count and a cursor", async () => {
    const res = await api.jobs();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ jobs: expect.any(Array), count: res.body.jobs.length });
    expect(res.body.jobs[0].id).toBe(jobId);
    const times = res.body.jobs.map((j: any) => Date.parse(j.created_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const one = await api.jobs('?limit=1');
    expect(one.body.jobs.length).toBe(1);
    expect(one.body.next_cursor).toBeTypeOf('string');
    const next = await api.jobs(`?limit=1&cursor=${encodeURIComponent(one.body.next_cursor)}`);
    expect(next.body.jobs[0].id).not.toBe(one.body.jobs[0].id);
    const done = await api.jobs('?status=done');
    expect(done.body.jobs.every((j: any) => j.status === 'done')).toBe(true);
  });

  it('GET /api/jobs/{id} answers the job; another user gets 404 and an empty list', async () => {
    const mine = await api.job(jobId);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id: jobId, action: 'create', status: 'done', source_url: site.replace.first, problem_count: 0, error: null });
    const theirs = await other.job(jobId);
    expect(theirs.status).toBe(404);
    expect((await other.jobs()).body.jobs).toEqual([]);
    expect((await other.cancel(jobId)).status).toBe(404);
  });

  it('cancelling a job that already ended answers 409', async () => {
    expect((await api.cancel(jobId)).status).toBe(409);
  });
});

describe('wait and cancel', () => {
  it('wait=0 answers 202 with the running job (and its Location); polling finds it done with the page', async () => {
    const res = await api.create({ source_url: site.slow.url }, 0);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.job.status).toMatch(/^(pending|running)$/);
    expect(res.body.job.page_id).toBeNull();
    expect(res.body.message).toMatch(/GET \/api\/jobs\//);
    expect(res.headers.get('location')).toMatch(new RegExp(`/api/jobs/${res.body.job.id}$`));
    const job = await api.settle(res.body.job.id);
    expect(job.status).toBe('done');
    expect(job.counts.assets_fetched).toBe(site.slow.assets.length);
    const page = await outpost.api(`/api/pages/${job.page_id}`, { token });
    expect(page.status).toBe(200);
    expect(page.body.file_count).toBe(site.slow.assets.length + 1);
    expect(page.body.default_file).toBe('slow/index.html');
    expect((await api.opened(job.page_id, page.body.default_file)).doc.status).toBe(200);
  });

  it('a user runs at most 4 captures at once, even when the requests arrive together (the rest: 429)', async () => {
    const user = captureApi(outpost, await tokenFor(outpost, 'parallel@example.com'));
    const answers = await Promise.all(Array.from({ length: 10 }, () => user.create({ source_url: site.slow.url }, 0)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([...Array(4).fill(202), ...Array(6).fill(429)]);
    for (const refused of answers.filter((a) => a.status === 429)) expect(refused.body.message).toMatch(/4 captures running/);
    const accepted = answers.filter((a) => a.status === 202);
    for (const a of accepted) expect((await user.settle(a.body.job.id)).status).toBe('done');
    expect((await user.jobs('?limit=100')).body.count).toBe(4);
  });

  it('cancelling a running create: the job ends cancelled and no page is created', async () => {
    const before = (await api.jobs('?status=done&limit=100')).body.jobs.length;
    const res = await api.create({ source_url: site.slow.url }, 0);
    expect(res.status).toBe(202);
    await new Promise((r) => setTimeout(r, 150));
    const cancelled = await api.cancel(res.body.job.id);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const job = await api.settle(res.body.job.id);
    expect(job).toMatchObject({ status: 'cancelled', page_id: null });
    expect(job.error).toMatchObject({ reason: 'cancelled' });
    expect((await api.jobs('?status=done&limit=100')).body.jobs.length).toBe(before);
  });

  it('cancelling a running replace: the page keeps its old files', async () => {
    const created = await api.create({ source_url: site.replace.first });
    const id = created.body.id;
    const before = await api.exportZip(id);
    const res = await api.replace(id, { source_url: site.slow.url }, 0);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.job).toMatchObject({ action: 'replace', page_id: id });
    await new Promise((r) => setTimeout(r, 150));
    expect((await api.cancel(res.body.job.id)).status).toBe(200);
    expect((await api.settle(res.body.job.id)).status).toBe('cancelled');
    const after = await api.exportZip(id);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    expect(after['replace/first.html']!.equals(before['replace/first.html']!)).toBe(true);
    expect((await outpost.api(`/api/pages/${id}`, { token })).body.default_file).toBe('replace/first.html');
  });
});

describe('the source page failing: 422 with the reason, nothing created', () => {
  const cases: [string, () => string, RegExp][] = [
    ['status 404', () => site.replace.notFound, /404/],
    ['status 500', () => site.replace.failing, /500/],
    ['connection refused', () => `http://127.0.0.1:${closedPort}/`, /refused/i],
    ['not HTML (image/png)', () => site.replace.notHtml, /image\/png.*not an HTML page|not an HTML page/i],
  ];
  for (const [name, url, message] of cases) {
    it(name, async () => {
      const pagesBefore = (await outpost.api('/api/pages?limit=100', { token: token })).body.count;
      const res = await api.create({ source_url: url() });
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body).toMatchObject({ statusCode: 422, error: expect.any(String), message: expect.stringMatching(message) });
      expect(res.body.message).toMatch(/no page was created/);
      expect((await outpost.api('/api/pages?limit=100', { token: token })).body.count).toBe(pagesBefore);
      // The failed job is kept, with its error.
      const failed = (await api.jobs('?status=failed&limit=100')).body.jobs.find((j: any) => j.source_url === url());
      expect(failed, 'a failed job is listed').toBeTruthy();
      expect(failed.error).toMatchObject({ reason: expect.any(String), message: expect.stringMatching(message) });
    });
  }
});

describe('source URLs refused on their face: 400 before any job, nothing fetched', () => {
  const cases: [string, () => string][] = [
    ['file:', () => 'file:///etc/passwd'],
    ['ftp:', () => `ftp://127.0.0.1:${fixture.port}/`],
    ['gopher:', () => `gopher://127.0.0.1:${fixture.port}/_GET%20/`],
    ['credentials in the URL', () => `http://user:secret@127.0.0.1:${fixture.port}/ks/index.html`],
    ['a port not allowed (1)', () => 'http://127.0.0.1:1/'],
    ['a port not allowed (22, on the allowed fixture host)', () => `http://127.0.0.1:22/ks/index.html`],
    ['not a URL', () => 'not a url'],
  ];
  for (const [name, url] of cases) {
    it(name, async () => {
      fixture.clearLog();
      const jobsBefore = (await api.jobs('?limit=100')).body.jobs.length;
      const res = await api.create({ source_url: url() });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.message).toMatch(/source_url/);
      expect(res.body.message).not.toMatch(/secret/);
      expect(fixture.log).toEqual([]);
      expect((await api.jobs('?limit=100')).body.jobs.length).toBe(jobsBefore);
    });
  }
});

describe("replace a page's files from a URL", () => {
  it("keeps the id, URL and settings; the files are the new capture's", async () => {
    const created = await api.create({ source_url: site.replace.first, name: 'Mine', visibility: 'shared', passcodes: ['open sesame'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Mine', visibility: 'shared', has_passcode: true });
    const res = await api.replace(created.body.id, { source_url: site.replace.second });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ id: created.body.id, url: created.body.url, name: 'Mine', visibility: 'shared', has_passcode: true });
    expect(res.body.job).toMatchObject({ action: 'replace', status: 'done', page_id: created.body.id, source_url: site.replace.second });
    // The default file moves with the document: the root now leads to the second page, the first is gone.
    expect(created.body.default_file).toBe('replace/first.html');
    expect(res.body.default_file).toBe('replace/second.html');
    const files = await api.exportZip(created.body.id);
    expect(Object.keys(files).sort()).toEqual(['replace/second.html', 'replace/two.png']);
    expect(files['replace/second.html']!.toString()).toContain('second version');
    expect(sha256(files['replace/two.png']!)).toBe(sha256(site.bytes(fixture.url('/replace/two.png'))!));
  });

  it("the page's name defaults to the source's <title>", async () => {
    const created = await api.create({ source_url: site.replace.first });
    expect(created.body.name).toBe('First');
  });

  it('a failed replace (source answers 500) leaves the old files, and says so', async () => {
    const created = await api.create({ source_url: site.replace.first });
    const before = await api.exportZip(created.body.id);
    const res = await api.replace(created.body.id, { source_url: site.replace.failing });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.message).toMatch(/500/);
    expect(res.body.message).toMatch(/not changed/);
    const after = await api.exportZip(created.body.id);
    expect(Object.fromEntries(Object.entries(after).map(([k, v]) => [k, sha256(v)]))).toEqual(
      Object.fromEntries(Object.entries(before).map(([k, v]) => [k, sha256(v)])),
    );
    expect((await api.opened(created.body.id, 'replace/first.html')).doc.body.toString()).toContain('first version');
  });

  it("another user's page answers 404 and nothing is fetched", async () => {
    const created = await api.create({ source_url: site.replace.first });
    fixture.clearLog();
    const res = await other.replace(created.body.id, { source_url: site.replace.second });
    expect(res.status).toBe(404);
    expect(fixture.log).toEqual([]);
  });
});
