// Pages that are costly to parse (loopback fixtures): the server keeps answering while a capture reads them
// (in worker threads); a page nested deeper than 512 levels fails with reason "too-deep", one slower to read
// than CAPTURE_PARSE_TIMEOUT_MS with "parse-timeout"; as frames, both are stored as they came, with the
// problem noted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureApi, heavySite, sha256, startFixtureServer, type CaptureApi } from '../support/capture-fixtures.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

const PARSE_TIMEOUT_MS = 1000;

const fixture = await startFixtureServer();
let outpost: TestOutpost;
let api: CaptureApi;

beforeAll(async () => {
  outpost = await startTestOutpost({
    SIGNUP_MODE: 'open',
    CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8',
    CAPTURE_ALLOWED_PORTS: String(fixture.port),
    // One fetch at a time to the fixture: the held image is requested only once both frames were fetched.
    CAPTURE_HOST_CONCURRENCY: '1',
    CAPTURE_PARSE_TIMEOUT_MS: String(PARSE_TIMEOUT_MS),
  });
  const session = await signupAndLogin(outpost, 'heavy@example.com');
  api = captureApi(outpost, (await outpost.api('/api/tokens', { token: session.token, body: { name: 'heavy' } })).body.token);
});

afterAll(async () => {
  await outpost?.stop();
  await fixture.close();
});

describe('frames costly to read', () => {
  it('/healthz answers while the capture runs; the deep frame and the slow one are stored as they came, with their reasons', async () => {
    const site = heavySite(fixture, '/frames');
    const started = await api.create({ source_url: site.index }, 0);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const jobId = started.body.job.id as string;

    // Both frames have been fetched (and handed to the parser) by now; the job can't end before the release.
    const ended = api.settle(jobId, 170_000);
    await Promise.race([
      site.heldRequested,
      ended.then((j) => {
        throw new Error(`the job ended before the held image was requested: ${JSON.stringify(j)}`);
      }),
    ]);
    const health = await outpost.api('/healthz');
    expect(health.status).toBe(200);
    const during = await api.job(jobId);
    expect(during.body.status).toMatch(/^(pending|running)$/);
    expect(during.body.finished_at ?? null).toBeNull();

    site.release();
    const job = await ended;
    expect(job.status, JSON.stringify(job)).toBe('done');
    const problems = job.problems as { url: string; reason: string; message: string }[];
    expect(problems.find((p) => p.url === site.deep)).toMatchObject({ reason: 'too-deep', message: expect.stringMatching(/more than 512 levels deep/) });
    expect(problems.find((p) => p.url === site.slow)).toMatchObject({
      reason: 'parse-timeout',
      message: expect.stringMatching(new RegExp(`longer than ${PARSE_TIMEOUT_MS} ms \\(CAPTURE_PARSE_TIMEOUT_MS\\)`)),
    });
    expect(job.counts).toMatchObject({ assets_fetched: 3, assets_failed: 0, assets_skipped: 0 });

    // Stored byte for byte as they came; the page itself is rewritten.
    const files = await api.exportZip(job.page_id);
    const stored = new Set(Object.values(files).map(sha256));
    expect(stored.has(sha256(fixture.resolve(site.deep)!.body)), 'the deep frame, as it came').toBe(true);
    expect(stored.has(sha256(fixture.resolve(site.slow)!.body)), 'the slow frame, as it came').toBe(true);
    expect(files['frames/index.html']!.toString()).toMatch(/<img src="held\.png">/);
  }, 180_000);
});

describe('a source page costly to read: 422 with the reason, nothing created', () => {
  it('nested deeper than 512 levels: reason "too-deep"', async () => {
    const site = heavySite(fixture, '/deep-source');
    const res = await api.create({ source_url: site.deep });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.message).toMatch(/more than 512 levels deep/);
    const failed = (await api.jobs('?status=failed')).body.jobs.find((j: any) => j.source_url === site.deep);
    expect(failed.error).toMatchObject({ reason: 'too-deep', message: expect.stringMatching(/more than 512 levels deep/) });
  }, 180_000);

  it(`slower to read than CAPTURE_PARSE_TIMEOUT_MS (${PARSE_TIMEOUT_MS} ms): reason "parse-timeout"`, async () => {
    const site = heavySite(fixture, '/slow-source');
    const res = await api.create({ source_url: site.slow });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.message).toMatch(/CAPTURE_PARSE_TIMEOUT_MS/);
    const failed = (await api.jobs('?status=failed')).body.jobs.find((j: any) => j.source_url === site.slow);
    expect(failed.error).toMatchObject({ reason: 'parse-timeout' });
  }, 180_000);
});
