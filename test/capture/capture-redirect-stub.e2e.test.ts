// Redirect stubs end to end: a page that is only a head meta refresh (soon, to the same site) is captured as
// the page it leads to, as an HTTP redirect would be; a later refresh, one to another site, and a loop are not
// followed (the loop fails like an HTTP redirect loop). Asserted on the stored copy and the fixtures' logs.
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureApi, getBytes, redirectStubs, startFixtureServer, type CaptureApi } from '../support/capture-fixtures.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

const fixture = await startFixtureServer();
const other = await startFixtureServer({ host: '127.0.0.2' });
const stubs = redirectStubs(fixture, other);

let outpost: TestOutpost;
let api: CaptureApi;

beforeAll(async () => {
  outpost = await startTestOutpost({
    SIGNUP_MODE: 'open',
    RATE_LIMIT_REQUESTS: '100000',
    CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8',
    CAPTURE_ALLOWED_PORTS: `${fixture.port},${other.port}`,
  });
  const session = await signupAndLogin(outpost, 'stubs@example.com');
  api = captureApi(outpost, (await outpost.api('/api/tokens', { token: session.token, body: { name: 'stubs' } })).body.token as string);
});

afterAll(async () => {
  await Promise.all([outpost?.stop(), fixture.close(), other.close()]);
});

/** Captures `url` into a new page: the page's id, its job and its stored document, opened from the page's root. */
async function capture(url: string) {
  const res = await api.create({ source_url: url });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  // The document is stored at its own path: the target's for a followed stub, else the source's.
  const { url: docUrl, doc } = await api.opened(res.body.id as string, res.body.default_file as string);
  expect(doc.status).toBe(200);
  return { page: res.body, job: res.body.job, docUrl, html: doc.body.toString('utf8'), $: cheerio.load(doc.body.toString('utf8')) };
}

async function expectTargetCaptured(url: string) {
  const { page, job, docUrl, $ } = await capture(url);
  expect(page.name).toBe('Stub target');
  expect(page.default_file).toBe('stubs/en/index.html');
  expect($('h1').text()).toBe('The real page');
  expect(job.problem_count).toBe(0);
  // The target's own assets are captured, relative to where the document is stored.
  const img = $('img').attr('src')!;
  const css = $('link[rel=stylesheet]').attr('href')!;
  expect(img).not.toMatch(/^https?:/);
  expect((await getBytes(new URL(img, docUrl))).body.equals(stubs.logo)).toBe(true);
  expect((await getBytes(new URL(css, docUrl))).body.toString()).toContain('#2a5d8f');
}

describe('redirect stubs', () => {
  it('a meta refresh stub is captured as its target, with the target’s assets', async () => {
    await expectTargetCaptured(stubs.metaStub);
  });

  it('a stub with a 2-s refresh and a script going to the same target is followed too', async () => {
    await expectTargetCaptured(stubs.jsStub);
  });

  it('a page with a 10-s refresh is captured as itself; its target is never fetched', async () => {
    const { page, $, html } = await capture(stubs.laterRefresh);
    expect(page.name).toBe('Later');
    expect(page.default_file).toBe('stubs/later.html');
    expect($('p').text()).toBe('Real content that refreshes later.');
    expect(html).not.toMatch(/http-equiv/i);
    expect(fixture.requests(new URL(stubs.laterTarget).pathname)).toEqual([]);
  });

  it('a stub to another site is captured as the stub; the other site sees nothing', async () => {
    const { page, html } = await capture(stubs.awayStub);
    expect(page.name).toBe('Moved');
    expect(page.default_file).toBe('stubs/away.html');
    expect(html).not.toMatch(/http-equiv/i);
    expect(other.log).toEqual([]);
  });

  it('stubs refreshing to each other end as "too-many-redirects" after 5 hops', async () => {
    fixture.clearLog();
    const res = await api.create({ source_url: stubs.loop });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    const job = (await api.jobs('?status=failed&limit=1')).body.jobs[0];
    expect(job.error.reason).toBe('too-many-redirects');
    // The stub, then five refreshes.
    expect(fixture.log.map((e) => e.url)).toEqual([
      '/stubs/loop-a.html',
      '/stubs/loop-b.html',
      '/stubs/loop-a.html',
      '/stubs/loop-b.html',
      '/stubs/loop-a.html',
      '/stubs/loop-b.html',
    ]);
  });

  it('HTTP redirects and refreshes share the limit', async () => {
    fixture.clearLog();
    const res = await api.create({ source_url: stubs.redirectToLoop });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect((await api.jobs('?status=failed&limit=1')).body.jobs[0].error.reason).toBe('too-many-redirects');
    expect(fixture.log.map((e) => e.url)).toEqual([
      '/stubs/moved',
      '/stubs/loop-a.html',
      '/stubs/loop-b.html',
      '/stubs/loop-a.html',
      '/stubs/loop-b.html',
      '/stubs/loop-a.html',
    ]);
  });
});
