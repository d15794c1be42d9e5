// A small multi-file site for the browser tests of protected pages: a document whose stylesheet, image,
// script (which fetch()es a JSON file), web font and iframe are all relative files of the page, and a check, in
// the browser, that every one of them loaded. Behind a gate, each of those is a request the opaque-origin
// document makes without the page's cookie: they load only through the access grant in the URL path.
import fs from 'node:fs';
import { expect } from 'vitest';
import type { Page, Response } from 'playwright-core';
import { png } from '../support/png.ts';

export const SITE_TEXT = 'the multi-file secret 81d4';

/** A page's address behind an access grant (src/serve/grant.ts): `<server>/p/<id>/<grant>/<rest>`. */
export function grantUrl(server: string, id: string, rest = ''): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escape(server)}/p/${id}/~g[0-9a-z]+\\.[A-Za-z0-9_-]{22}/${escape(rest)}$`);
}

/** A valid PNG of `width`×`height` pixels of one colour. */
export function solidPng(width: number, height: number, rgba: [number, number, number, number]): Buffer {
  return png(width, height, () => rgba);
}

const FONT_FILE = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf'].find((f) =>
  fs.existsSync(f),
);

/** A TrueType font of the system, when one is installed (the web-font check is left out otherwise). */
function systemFont(): Buffer | null {
  return FONT_FILE === undefined ? null : fs.readFileSync(FONT_FILE);
}

/** The site's files, as `files` of POST /api/pages. */
export function multiFileSite(): { path: string; content: string; encoding?: 'base64' }[] {
  const font = systemFont();
  return [
    {
      path: 'index.html',
      content:
        '<!doctype html><html><head><meta charset="utf-8"><title>Site</title><link rel="stylesheet" href="css/site.css"></head><body>' +
        `<h1 class="title">Site</h1><p id="content">${SITE_TEXT}</p><img id="pic" src="img/pic.png" alt="">` +
        '<iframe id="frame" src="frame/"></iframe><script src="js/app.js"></script></body></html>',
    },
    {
      path: 'css/site.css',
      content:
        (font ? '@font-face{font-family:"SiteFont";src:url("../fonts/site.ttf") format("truetype")}.title{font-family:"SiteFont",monospace}' : '') +
        'body{background-color:rgb(1, 2, 3);color:rgb(250, 250, 250)}#content{margin-left:17px}',
    },
    { path: 'img/pic.png', content: solidPng(12, 7, [200, 30, 30, 255]).toString('base64'), encoding: 'base64' },
    {
      path: 'js/app.js',
      content:
        "document.body.dataset.script = 'ran';\n" +
        "fetch('data/info.json').then((r) => r.json()).then((j) => { document.body.dataset.fetched = j.value; }, (e) => { document.body.dataset.fetched = 'error ' + e; });\n",
    },
    { path: 'data/info.json', content: JSON.stringify({ value: 'json loaded' }) },
    {
      path: 'frame/index.html',
      content: '<!doctype html><html><head><link rel="stylesheet" href="frame.css"></head><body><p id="inner">inside the frame</p></body></html>',
    },
    { path: 'frame/frame.css', content: 'body{background-color:rgb(4, 5, 6)}' },
    ...(font ? [{ path: 'fonts/site.ttf', content: font.toString('base64'), encoding: 'base64' as const }] : []),
  ];
}

/**
 * Records the responses of a page that failed (status ≥ 400 or no answer), except `allowed` (the gate's own
 * 401 before the visitor is let in).
 */
export function recordFailures(page: Page, allowed: (r: Response) => boolean = () => false): string[] {
  const failures: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400 && !allowed(r)) failures.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  page.on('requestfailed', (r) => failures.push(`${r.failure()?.errorText} ${new URL(r.url()).pathname}`));
  return failures;
}

/** Expects the site's document (on the page now) to have loaded its stylesheet, image, script, JSON, font and frame. */
export async function expectSiteLoaded(page: Page, failures: string[]): Promise<void> {
  await page.locator('#content').waitFor();
  await page.waitForLoadState('load');
  expect(await page.locator('#content').textContent()).toBe(SITE_TEXT);
  await page.waitForFunction(() => document.body.dataset.fetched !== undefined);
  const state = await page.evaluate(async () => {
    await document.fonts.ready;
    const img = document.getElementById('pic') as HTMLImageElement;
    if (!img.complete)
      await new Promise((r) => {
        img.onload = img.onerror = r;
      });
    const style = getComputedStyle(document.body);
    return {
      image: { complete: img.complete, naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight },
      background: style.backgroundColor,
      margin: getComputedStyle(document.getElementById('content')!).marginLeft,
      script: document.body.dataset.script,
      fetched: document.body.dataset.fetched,
      fonts: [...document.fonts].map((f) => ({ family: f.family.replace(/"/g, ''), status: f.status })),
      origin: self.origin,
    };
  });
  expect(state.origin, 'the page runs in its sandbox').toBe('null');
  expect(state.image, `the image; failed requests: ${JSON.stringify(failures)}`).toEqual({ complete: true, naturalWidth: 12, naturalHeight: 7 });
  expect(state.background, 'the stylesheet').toBe('rgb(1, 2, 3)');
  expect(state.margin).toBe('17px');
  expect(state.script, 'the script').toBe('ran');
  expect(state.fetched, 'fetch() of a file of the page from its opaque origin').toBe('json loaded');
  expect(state.fonts, 'the web font (a CORS load from the opaque origin)').toEqual(FONT_FILE === undefined ? [] : [{ family: 'SiteFont', status: 'loaded' }]);

  const frame = page.frames().find((f) => f !== page.mainFrame());
  expect(frame, 'the iframe').toBeDefined();
  await frame!.locator('#inner').waitFor();
  expect(await frame!.locator('#inner').textContent()).toBe('inside the frame');
  expect(await frame!.evaluate(() => getComputedStyle(document.body).backgroundColor), 'the frame’s own stylesheet').toBe('rgb(4, 5, 6)');
  expect(failures, 'requests that failed').toEqual([]);
}
