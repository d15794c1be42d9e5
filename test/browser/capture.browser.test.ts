// A captured page renders like its source: Debian's Chromium (playwright-core) opens the fixture page and the
// copy Outpost captured from it (served under /p/<id>/ in its CSP sandbox, an opaque origin), at the same
// viewport, and the two screenshots are compared pixel by pixel in the browser itself (both PNGs drawn into a
// canvas, read back with getImageData). The fixture page is visual: CSS backgrounds through a nested @import
// and style="", <img>, <picture>/srcset, an SVG <image>, a same-origin iframe, and a web font (a system TTF
// served by the fixture) whose fallback looks different. Loopback only: the fixture on 127.0.0.1.
// Skipped when /usr/bin/chromium is absent.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  captureApi,
  shiftJis,
  startFixtureServer,
  visualFontFile,
  visualSite,
  type CaptureApi,
  type FixtureServer,
  type VisualSite,
} from '../support/capture-fixtures.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { HAVE_CHROMIUM, launchChromium, suiteTitle } from './chromium.ts';
import { diffScreenshots, TOLERANCE, type Diff, ScreenshotTabs } from './screenshots.ts';

const VIEWPORT = { width: 800, height: 600 };
/** Screenshots, for looking at by hand when a comparison fails (not asserted, not committed). */
const SHOTS = path.join(os.tmpdir(), 'outpost-capture-shots');

const title = suiteTitle('captured pages in Chromium');

describe.skipIf(!HAVE_CHROMIUM)(title, () => {
  let fixture: FixtureServer;
  let visual: VisualSite;
  let outpost: TestOutpost;
  let api: CaptureApi;
  let browser: Browser;
  let server: string;
  const tabs = new ScreenshotTabs(() => browser, VIEWPORT);

  beforeAll(async () => {
    fixture = await startFixtureServer();
    visual = visualSite(fixture);
    fixture.route('/charset/sjis.html', {
      type: 'text/html',
      body: Buffer.concat([
        Buffer.from('<!doctype html><html><head><meta charset="shift_jis"><title>'),
        shiftJis('日本語'),
        Buffer.from('</title></head><body><p id="text">'),
        shiftJis('日本語のページ'),
        Buffer.from('</p></body></html>'),
      ]),
    });
    [outpost, browser] = await Promise.all([
      startTestOutpost({ RATE_LIMIT_REQUESTS: '100000', CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8', CAPTURE_ALLOWED_PORTS: String(fixture.port) }),
      launchChromium(),
    ]);
    server = new URL(outpost.url).origin;
    expect(new URL(server).hostname).toBe('127.0.0.1');
    const session = await signupAndLogin(outpost, 'visual@example.com');
    api = captureApi(outpost, (await outpost.api('/api/tokens', { token: session.token, body: { name: 'browser' } })).body.token);
    fs.mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await tabs.close();
    await browser?.close();
    await outpost?.stop();
    await fixture?.close();
  });

  const newPage = (): Promise<Page> => tabs.open();

  async function capture(sourceUrl: string): Promise<string> {
    const res = await api.create({ source_url: sourceUrl });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.job.problem_count, JSON.stringify(res.body.job.problems)).toBe(0);
    return res.body.id as string;
  }

  /** Opens a URL, waits for images, fonts and frames, and describes what loaded. */
  async function render(url: string, name: string, css?: string) {
    const page = await newPage();
    const response = await page.goto(url, { waitUntil: 'load' });
    expect(response?.status(), url).toBe(200);
    if (css) await page.addStyleTag({ content: css });
    const state = await page.evaluate(async () => {
      await document.fonts.ready;
      await Promise.all(
        [...document.images].map((img) =>
          img.complete
            ? null
            : new Promise((r) => {
                img.onload = img.onerror = r;
              }),
        ),
      );
      return {
        images: [...document.images].map((img) => ({ src: img.currentSrc, ok: img.complete && img.naturalWidth > 0, width: img.naturalWidth })),
        fonts: [...document.fonts].map((f) => ({ family: f.family.replace(/"/g, ''), status: f.status })),
      };
    });
    const frameStates = await Promise.all(
      page
        .frames()
        .filter((f) => f !== page.mainFrame())
        .map((f) => f.evaluate(() => getComputedStyle(document.body).backgroundImage)),
    );
    await page.waitForTimeout(100);
    const shot = await page.screenshot({ type: 'png' });
    fs.writeFileSync(path.join(SHOTS, `${name}.png`), shot);
    return { page, shot, ...state, frameStates, csp: response?.headers()['content-security-policy'] };
  }

  /** Compares two PNG screenshots in the browser: both drawn into a canvas, pixels read back. */
  async function diff(a: Buffer, b: Buffer): Promise<Diff> {
    return diffScreenshots(await newPage(), a, b);
  }

  it('the comparison itself: identical renders match, and a render missing its images does not', async () => {
    const one = await render(visual.url, 'source-a');
    const two = await render(visual.url, 'source-b');
    const same = await diff(one.shot, two.shot);
    expect(same.differing, JSON.stringify(same)).toBe(0);
    const broken = await render(visual.url, 'source-broken', 'img, .hero, .stripes, iframe { visibility: hidden !important }');
    const worse = await diff(one.shot, broken.shot);
    expect(worse.ratio, JSON.stringify(worse)).toBeGreaterThan(TOLERANCE * 4);
    if (visual.font) {
      const noFont = await render(visual.url, 'source-no-font', `.title { font-family: monospace !important }`);
      const fontDiff = await diff(one.shot, noFont.shot);
      expect(fontDiff.ratio, `the web font must make a visible difference: ${JSON.stringify(fontDiff)}`).toBeGreaterThan(TOLERANCE);
    }
  });

  let captured: { id: string; source: Awaited<ReturnType<typeof render>>; copy: Awaited<ReturnType<typeof render>> } | undefined;
  async function captureVisual() {
    if (!captured) {
      const id = await capture(visual.url);
      captured = { id, source: await render(visual.url, 'source'), copy: await render(`${server}/p/${id}/`, 'captured') };
    }
    return captured;
  }

  it('the captured page loads every image, frame and background, in its sandbox', async () => {
    const { source, copy } = await captureVisual();
    expect(copy.csp).toMatch(/^sandbox /);
    expect(
      copy.images.filter((i) => !i.ok),
      JSON.stringify(copy.images),
    ).toEqual([]);
    expect(copy.images.map((i) => i.width)).toEqual(source.images.map((i) => i.width));
    expect(copy.frameStates.length).toBe(source.frameStates.length);
    for (const bg of copy.frameStates) expect(bg).toMatch(/url\(/);
  });

  it.skipIf(!visualFontFile())('the captured page loads its web font (served from /p/ to an opaque-origin document)', async () => {
    const { source, copy } = await captureVisual();
    expect(visual.font).toBeTruthy();
    expect(source.fonts.find((f) => f.family === visual.fontFamily)?.status, 'fixture sanity: the web font loads from the fixture').toBe('loaded');
    expect(copy.fonts.find((f) => f.family === visual.fontFamily)?.status, `font faces in the captured page: ${JSON.stringify(copy.fonts)}`).toBe('loaded');
  });

  it(`the captured page renders like the source (< ${TOLERANCE * 100}% of pixels differ)`, async () => {
    const { source, copy } = await captureVisual();
    const result = await diff(source.shot, copy.shot);
    expect(result.sizeMismatch).toBeUndefined();
    expect(
      result.ratio,
      `${result.differing} of ${result.width}×${result.height} pixels differ, in box ${JSON.stringify(result.box)}; screenshots in ${SHOTS}`,
    ).toBeLessThan(TOLERANCE);
  });

  it(`apart from the web font, the captured page renders like the source (both with the fallback font)`, async () => {
    const { id } = await captureVisual();
    const fallback = '.title { font-family: monospace !important }';
    const source = await render(visual.url, 'source-fallback', fallback);
    const copy = await render(`${server}/p/${id}/`, 'captured-fallback', fallback);
    const result = await diff(source.shot, copy.shot);
    expect(
      result.ratio,
      `${result.differing} of ${result.width}×${result.height} pixels differ, in box ${JSON.stringify(result.box)}; screenshots in ${SHOTS}`,
    ).toBeLessThan(TOLERANCE);
  });

  it('a passcode-protected capture renders with its assets once the visitor is through the gate', async () => {
    const res = await api.create({ source_url: visual.url, visibility: 'shared', passcodes: ['open sesame'] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const page = await newPage();
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400 && r.url() !== `${server}/p/${res.body.id}/`) refused.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    page.on('requestfailed', (r) => refused.push(`${r.failure()?.errorText} ${new URL(r.url()).pathname}`));
    expect((await page.goto(`${server}/p/${res.body.id}/`))?.status()).toBe(401);
    await page.getByLabel('Passcode').fill('open sesame');
    await page.getByRole('button', { name: 'View page' }).click();
    await page.locator('.title').waitFor();
    await page.waitForLoadState('load');
    const images = await page.evaluate(async () => {
      await Promise.all(
        [...document.images].map((img) =>
          img.complete
            ? null
            : new Promise((r) => {
                img.onload = img.onerror = r;
              }),
        ),
      );
      return [...document.images].map((img) => ({ src: img.currentSrc, ok: img.complete && img.naturalWidth > 0 }));
    });
    expect(
      images.filter((i) => !i.ok),
      `images that did not load behind the gate; refused requests: ${JSON.stringify(refused)}`,
    ).toEqual([]);
    expect(
      refused.filter((r) => !/fonts\//.test(r)),
      'subresources refused behind the gate',
    ).toEqual([]);
  });

  it('a Shift_JIS page renders its Japanese text from the captured UTF-8 copy', async () => {
    const id = await capture(fixture.url('/charset/sjis.html'));
    const page = await newPage();
    await page.goto(`${server}/p/${id}/`);
    expect(await page.locator('#text').textContent()).toBe('日本語のページ');
    expect(await page.title()).toBe('日本語');
    expect(await page.evaluate(() => document.characterSet)).toBe('UTF-8');
  });
});
