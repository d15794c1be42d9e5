// Capture end to end, rule by rule: a real Outpost captures the kitchen-sink fixture site (loopback only:
// the fixture on 127.0.0.1, a second origin on 127.0.0.2 that must never be contacted) through
// `POST /api/pages` with a `source_url`, and every reference of the captured copy is checked against the
// source: a rewritten reference is a relative path that, resolved against the served file's URL under
// /p/<id>/, answers exactly the bytes the fixture served for the original URL (stylesheets and frames are
// checked recursively, token by token); cross-origin, failed and navigational references are absolute URLs;
// javascript:, data:, mailto:, tel: and #fragment references are untouched.
// Also: <base href>, charsets (header, <meta>, BOM) → UTF-8, integrity, meta refresh, the stored layout, each
// URL fetched once, and the same page captured twice giving identical files.
import type { CheerioAPI } from 'cheerio';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  captureApi,
  cssRefs,
  getBytes,
  kitchenSink,
  parseSrcset,
  sha256,
  startFixtureServer,
  type AccessLogEntry,
  type CaptureApi,
  type FixtureDocument,
  type RefExpectation,
  type RefRule,
} from '../support/capture-fixtures.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { tokenize, TokenType } from '@csstools/css-tokenizer';

/** Outpost's default CAPTURE_FRAME_DEPTH: frames this many levels deep are captured. */
const FRAME_DEPTH = 2;

// The fixture is started at collection time so the rule table can name the tests.
const fixture = await startFixtureServer();
const cross = await startFixtureServer({ host: '127.0.0.2' });
const site = kitchenSink(fixture, { crossOrigin: cross, manyCount: 10 });

let outpost: TestOutpost;
let api: CaptureApi;

/** A captured page: its API answer, the fixture's access log during the capture, the stored HTML. */
interface Capture {
  page: any;
  job: any;
  log: AccessLogEntry[];
  crossLog: AccessLogEntry[];
  doc: LoadedDoc;
}

interface LoadedDoc {
  /** Where the source document's relative references resolve at the fixture (its URL after redirects, or its <base>). */
  origUrl: URL;
  orig: CheerioAPI;
  /** Where the stored document is served under /p/<id>/. */
  storedUrl: URL;
  stored: CheerioAPI;
  storedText: string;
}

/** The URL relative references of a document resolve against: its first <base href>, else its own URL. */
function baseOf($: CheerioAPI, url: URL): URL {
  const href = $('base[href]').first().attr('href');
  return href === undefined ? url : new URL(href, url);
}

const load = (html: string) => cheerio.load(html, { scriptingEnabled: false } as Parameters<typeof cheerio.load>[1]);

async function capture(sourceUrl: string, extra: Record<string, unknown> = {}): Promise<Capture> {
  fixture.clearLog();
  cross.clearLog();
  const res = await api.create({ source_url: sourceUrl, ...extra });
  if (res.status !== 201) throw new Error(`capture of ${sourceUrl}: ${res.status} ${JSON.stringify(res.body)}`);
  const log = [...fixture.log];
  const crossLog = [...cross.log];
  // The document is stored at the source's own path; the page's root redirects to it.
  const opened = await api.opened(res.body.id, res.body.default_file);
  const storedUrl = new URL(opened.url);
  const stored = opened.doc;
  if (stored.status !== 200) throw new Error(`GET ${storedUrl}: ${stored.status}`);
  const origBytes = site.bytes(sourceUrl);
  if (!origBytes) throw new Error(`fixture has no ${sourceUrl}`);
  const orig = load(origBytes.toString('utf8'));
  const doc: LoadedDoc = {
    origUrl: baseOf(orig, new URL(fixture.resolve(sourceUrl)!.url)),
    orig,
    storedUrl,
    stored: load(stored.body.toString('utf8')),
    storedText: stored.body.toString('utf8'),
  };
  return { page: res.body, job: res.body.job, log, crossLog, doc };
}

// ---- checking references ---------------------------------------------------------------------------------

const isHttp = (u: URL) => u.protocol === 'http:' || u.protocol === 'https:';
/** Resolving against an https Outpost elsewhere: a relative or protocol-relative ref would not give the original. */
const ELSEWHERE = 'https://outpost.invalid/p/XXXXXXXX/deep/file.html';

function classify(raw: string, base: URL): Exclude<RefExpectation, 'auto'> {
  const value = raw.trim();
  if (value.startsWith('#')) return 'untouched';
  const url = new URL(value, base);
  if (!isHttp(url)) return 'untouched';
  if (url.origin !== fixture.origin) return 'absolute';
  if (!site.bytes(url.href)) return 'missing';
  return 'local';
}

function isRelativePath(ref: string): boolean {
  return ref !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(ref) && !ref.startsWith('/') && !ref.startsWith('\\');
}

/**
 * The token skeleton of CSS: every token but whitespace and comments, with each URL reference (url-token,
 * url() function, an @import string) as one `URL` and other strings as `STR`; @charset rules dropped.
 */
function cssSkeleton(css: string): string {
  const out: string[] = [];
  const tokens = tokenize({ css });
  const value = (i: number) => String((tokens[i]![4] as { value?: unknown } | undefined)?.value ?? '').toLowerCase();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t[0] === TokenType.AtKeyword && value(i) === 'charset') {
      while (i < tokens.length && tokens[i]![0] !== TokenType.Semicolon) i++;
      continue;
    }
    if (t[0] === TokenType.Whitespace || t[0] === TokenType.Comment || t[0] === TokenType.EOF) continue;
    if (t[0] === TokenType.URL) out.push('URL');
    else if (t[0] === TokenType.Function && value(i) === 'url') {
      while (i < tokens.length && tokens[i]![0] !== TokenType.CloseParen) i++;
      out.push('URL');
    } else if (t[0] === TokenType.String) out.push(out.at(-1) === '@import' ? 'URL' : 'STR');
    else out.push(t[1]);
  }
  return out.join(' ');
}

const checkedCss = new Set<string>();

/**
 * Checks one reference: `orig` as written in the source (resolved against `origBase`), `stored` as written in
 * the captured copy (resolved against `storedBase`, the served file's URL).
 */
async function checkRef(label: string, orig: string, origBase: URL, stored: string | undefined, storedBase: URL, expectation: RefExpectation): Promise<void> {
  const want = expectation === 'auto' ? classify(orig, origBase) : expectation;
  expect(stored, `${label}: the reference is gone from the captured copy`).toBeTypeOf('string');
  const ref = stored!;
  if (want === 'untouched') {
    expect(ref, `${label}: must be left alone`).toBe(orig);
    return;
  }
  const resolved = new URL(orig.trim(), origBase);
  if (want === 'absolute' || want === 'navigation') {
    expect(new URL(ref.trim(), ELSEWHERE).href, `${label}: must be the absolute URL of the original (got ${JSON.stringify(ref)})`).toBe(resolved.href);
    return;
  }
  if (want === 'frame') throw new Error('frames are checked with checkFrame');
  if (want === 'inlined') {
    expect(ref, `${label}: must name the copy of ${resolved.hash} written into the document`).toMatch(new RegExp(`^#o[0-9a-f]{8}-${resolved.hash.slice(1)}$`));
    const doc = (await getBytes(storedBase)).body.toString('utf8');
    expect(doc, `${label}: the document holds the element`).toContain(`<symbol id="${ref.slice(1)}"`);
    return;
  }
  // local, or missing (a path in the page that answers 404)
  expect(isRelativePath(ref), `${label}: expected a relative path to the local copy, got ${JSON.stringify(ref)}`).toBe(true);
  const target = new URL(ref, storedBase);
  expect(
    target.pathname.startsWith(new URL('./', storedBase).pathname.split('/').slice(0, 3).join('/') + '/'),
    `${label}: ${ref} leaves the page (${target.pathname})`,
  ).toBe(true);
  if (resolved.hash) expect(target.hash, `${label}: the fragment must be kept`).toBe(resolved.hash);
  if (want === 'missing') {
    expect((await getBytes(target)).status, `${label}: GET ${target.pathname} (from ${JSON.stringify(ref)})`).toBe(404);
    return;
  }
  const source = fixture.resolve(resolved.href);
  expect(source?.status, `${label}: fixture sanity (${resolved.href})`).toBe(200);
  const got = await getBytes(target);
  expect(got.status, `${label}: GET ${target.pathname} (from ${JSON.stringify(ref)})`).toBe(200);
  const mediaType = (source!.type ?? '').split(';')[0]!.trim();
  if (mediaType === 'text/css') {
    // A stylesheet is rewritten: same skeleton, every reference checked, recursively.
    await checkCss(label, source!.body.toString('utf8'), new URL(source!.url), got.body.toString('utf8'), target);
    return;
  }
  expect(
    sha256(got.body),
    `${label}: ${target.pathname} must hold the bytes the fixture served for ${resolved.href} (${got.body.length} vs ${source!.body.length} bytes)`,
  ).toBe(sha256(source!.body));
}

async function checkCss(label: string, origCss: string, origBase: URL, storedCss: string, storedBase: URL): Promise<void> {
  const key = `${storedBase.href}`;
  const a = cssRefs(origCss);
  const b = cssRefs(storedCss);
  expect(
    b.map((r) => r.kind),
    `${label}: the stylesheet's url()/@import references (${storedBase.pathname}):\n${storedCss}`,
  ).toEqual(a.map((r) => r.kind));
  expect(cssSkeleton(storedCss), `${label}: the stylesheet's other tokens must be unchanged`).toBe(cssSkeleton(origCss));
  if (checkedCss.has(key)) return;
  checkedCss.add(key);
  for (const [i, r] of a.entries()) {
    await checkRef(`${label} → ${r.kind === 'import' ? '@import' : 'url()'} ${r.url.slice(0, 60)}`, r.url, origBase, b[i]!.url, storedBase, 'auto');
  }
}

function attrOf($: CheerioAPI, selector: string, attr: string): string | undefined {
  const el = $(selector);
  if (attr === '#text') return el.text();
  // cheerio keeps xlink:href as a namespaced `href`.
  return el.attr(attr === 'xlink:href' ? 'href' : attr);
}

async function checkRule(doc: LoadedDoc, rule: RefRule): Promise<void> {
  expect(doc.orig(rule.selector).length, `fixture sanity: ${rule.selector}`).toBe(1);
  expect(doc.stored(rule.selector).length, `${rule.rule}: ${rule.selector} must still be in the captured document`).toBe(1);
  const orig = attrOf(doc.orig, rule.selector, rule.attr)!;
  const stored = attrOf(doc.stored, rule.selector, rule.attr);
  expect(orig, `fixture sanity: ${rule.selector} ${rule.attr}`).toBeTypeOf('string');
  const label = `${rule.rule} (${rule.selector} ${rule.attr}="${orig.length > 80 ? `${orig.slice(0, 80)}…` : orig}")`;
  if (rule.kind === 'srcset') {
    expect(stored, `${label}: the srcset is gone`).toBeTypeOf('string');
    const a = parseSrcset(orig);
    const b = parseSrcset(stored!);
    expect(
      b.map((c) => c.descriptor),
      `${label}: descriptors must be kept (got ${JSON.stringify(stored)})`,
    ).toEqual(a.map((c) => c.descriptor));
    for (const [i, c] of a.entries()) await checkRef(`${label} candidate ${i}`, c.url, doc.origUrl, b[i]!.url, doc.storedUrl, rule.expect);
    return;
  }
  if (rule.kind === 'css') {
    expect(stored, `${label}: the CSS is gone`).toBeTypeOf('string');
    await checkCss(label, orig, doc.origUrl, stored!, doc.storedUrl);
    return;
  }
  if (rule.expect === 'frame') {
    await loadFrame(label, orig, doc, stored);
    return;
  }
  await checkRef(label, orig, doc.origUrl, stored, doc.storedUrl, rule.expect);
}

/** Follows a frame reference to the stored frame document. */
async function loadFrame(label: string, orig: string, parent: LoadedDoc, stored: string | undefined): Promise<LoadedDoc> {
  expect(stored, `${label}: the frame's src is gone`).toBeTypeOf('string');
  expect(isRelativePath(stored!), `${label}: expected a relative path to the captured frame, got ${JSON.stringify(stored)}`).toBe(true);
  const origUrl = new URL(orig, parent.origUrl);
  const storedUrl = new URL(stored!, parent.storedUrl);
  const got = await getBytes(storedUrl);
  expect(got.status, `${label}: GET ${storedUrl.pathname}`).toBe(200);
  expect(got.type ?? '', `${label}: the frame is served as HTML`).toMatch(/^text\/html/);
  const text = got.body.toString('utf8');
  expect(text, `${label}: the stored frame must be the frame's document, not the page's index (SPA fallback)`).toContain(
    `<title>${load(site.bytes(origUrl.href)!.toString()).root().find('title').text()}</title>`,
  );
  const origDoc = load(site.bytes(origUrl.href)!.toString('utf8'));
  return { origUrl: baseOf(origDoc, origUrl), orig: origDoc, storedUrl, stored: load(text), storedText: text };
}

const documentByUrl = (url: string): FixtureDocument => Object.values(site.documents).find((d) => d.url === url)!;

// ---- set-up ------------------------------------------------------------------------------------------------

let main: Capture;
let base: Capture;

beforeAll(async () => {
  outpost = await startTestOutpost({
    SIGNUP_MODE: 'open',
    RATE_LIMIT_REQUESTS: '100000',
    CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8',
    CAPTURE_ALLOWED_PORTS: `${fixture.port},${cross.port}`,
  });
  const session = await signupAndLogin(outpost, 'capture@example.com');
  const token = (await outpost.api('/api/tokens', { token: session.token, body: { name: 'capture e2e' } })).body.token as string;
  api = captureApi(outpost, token);
  main = await capture(site.main.url);
  base = await capture(site.base.url);
}, 120_000);

afterAll(async () => {
  await outpost?.stop();
  await fixture.close();
  await cross.close();
});

// ---- the rules ---------------------------------------------------------------------------------------------

describe('kitchen sink: each reference of the captured page', () => {
  it('the capture succeeded (201, page + finished job)', () => {
    expect(main.page).toMatchObject({ default_file: 'ks/index.html', visibility: 'public', name: 'Kitchen sink' });
    expect(main.job).toMatchObject({ action: 'create', status: 'done', page_id: main.page.id, source_url: site.main.url, error: null });
  });

  for (const rule of site.main.rules) {
    it(rule.rule, async () => {
      await checkRule(main.doc, rule);
    });
  }
});

describe('kitchen sink: stylesheets, recursively (every url() and @import form, relative to the stylesheet)', () => {
  for (const url of site.stylesheets) {
    it(new URL(url).pathname + new URL(url).search, async () => {
      const link = main.doc.orig('link').filter((_, el) => new URL(main.doc.orig(el).attr('href')!, main.doc.origUrl).href === url);
      const id = link.attr('id')!;
      const stored = main.doc.stored(`#${id}`).attr('href');
      await checkRef(`stylesheet ${url}`, link.attr('href')!, main.doc.origUrl, stored, main.doc.storedUrl, 'local');
    });
  }
});

describe('kitchen sink: same-origin frames (captured down to CAPTURE_FRAME_DEPTH, each with its own assets)', () => {
  const frameRule = site.main.rules.find((r) => r.expect === 'frame')!;
  /** The stored frame document at `level` (1 = the main page's iframe), following the chain. */
  async function frameAt(level: number): Promise<LoadedDoc> {
    let doc = main.doc;
    let selector = frameRule.selector;
    for (let l = 1; l <= level; l++) {
      doc = await loadFrame(`frame level ${l}`, attrOf(doc.orig, selector, 'src')!, doc, attrOf(doc.stored, selector, 'src'));
      selector = '#frame-child';
    }
    return doc;
  }
  for (let level = 1; level <= FRAME_DEPTH; level++) {
    it(`frame level ${level}: a local HTML document whose own references resolve`, async () => {
      const doc = await frameAt(level);
      const rules = documentByUrl(doc.origUrl.href).rules.filter((r) => r.expect !== 'frame');
      for (const rule of rules) await checkRule(doc, rule);
    });
  }
  it(`frame level ${FRAME_DEPTH + 1} (beyond CAPTURE_FRAME_DEPTH=${FRAME_DEPTH}): a local path that answers 404, not fetched (the copy never asks the original)`, async () => {
    const parent = await frameAt(FRAME_DEPTH);
    const orig = attrOf(parent.orig, '#frame-child', 'src')!;
    const stored = attrOf(parent.stored, '#frame-child', 'src');
    await checkRef(`frame level ${FRAME_DEPTH + 1}`, orig, parent.origUrl, stored, parent.storedUrl, 'missing');
    const path = new URL(orig, parent.origUrl).pathname;
    expect(
      main.log.filter((e) => e.key === path).map((e) => e.url),
      'not fetched',
    ).toEqual([]);
  });

  it(`frames two levels beyond CAPTURE_FRAME_DEPTH are never fetched`, () => {
    const deeper = new URL(fixture.url(`/ks/frames/frame${FRAME_DEPTH + 2}.html`)).pathname;
    expect(main.log.filter((e) => e.key === deeper).map((e) => e.url)).toEqual([]);
  });
});

describe('kitchen sink: what is fetched', () => {
  it('each URL is fetched once (a URL referenced from HTML, srcset and CSS alike)', () => {
    const counts = new Map<string, number>();
    for (const e of main.log) if (e.method === 'GET') counts.set(e.url, (counts.get(e.url) ?? 0) + 1);
    const twice = [...counts].filter(([, n]) => n > 1);
    expect(twice, 'URLs fetched more than once').toEqual([]);
    expect(counts.get('/img/shared.png')).toBe(1);
  });

  it('navigational links, the meta refresh target, ignored <base> targets and other host names are never fetched', () => {
    const never = new Set(site.neverFetched.map((u) => new URL(u).pathname + new URL(u).search));
    expect(main.log.filter((e) => never.has(e.key)).map((e) => e.url)).toEqual([]);
    expect(base.log.filter((e) => never.has(e.key)).map((e) => e.url)).toEqual([]);
  });

  it('the cross-origin server (127.0.0.2) is never contacted', () => {
    expect(main.crossLog.map((e) => e.url)).toEqual([]);
    expect(cross.log.map((e) => e.url)).toEqual([]);
  });

  it('the fetches are on loopback and say what they are (no credentials, no cookies forwarded)', () => {
    for (const e of main.log) {
      expect(e.remoteAddress).toMatch(/^(::ffff:)?127\./);
      expect(e.headers.cookie).toBeUndefined();
      expect(e.headers.authorization).toBeUndefined();
    }
  });
});

describe('kitchen sink: attributes the capture changes', () => {
  it('integrity is removed from rewritten assets, kept on the cross-origin ones left absolute', () => {
    expect(main.doc.orig('#css-site').attr('integrity')).toBeTruthy();
    expect(main.doc.stored('#css-site').attr('integrity'), 'stylesheet (rewritten)').toBeUndefined();
    expect(main.doc.stored('#script').attr('integrity'), 'script (local copy)').toBeUndefined();
    expect(main.doc.stored('#css-cross').attr('integrity'), 'cross-origin stylesheet (absolute)').toBe(main.doc.orig('#css-cross').attr('integrity'));
  });

  it('meta refresh is neutralised', () => {
    const refresh = main.doc.stored('meta').filter((_, el) => (main.doc.stored(el).attr('http-equiv') ?? '').toLowerCase() === 'refresh');
    expect(refresh.length, `still there: ${refresh.toString()}`).toBe(0);
  });

  it('the rest of the document is kept (text, ids, classes)', () => {
    expect(main.doc.stored('h1#top').text()).toBe('Kitchen sink');
    expect(main.doc.stored('title').text()).toBe('Kitchen sink');
    expect(main.doc.stored('[id]').length).toBeGreaterThanOrEqual(main.doc.orig('[id]').length - 1);
  });
});

describe('kitchen sink: stored layout', () => {
  let entries: Record<string, Buffer>;
  beforeAll(async () => {
    entries = await api.exportZip(main.page.id);
  });

  it('the source page is exported at its own path (nothing at the root); file_count counts every stored file', () => {
    expect(Object.keys(entries)).toContain('ks/index.html');
    expect(Object.keys(entries)).not.toContain('index.html');
    expect(main.page.file_count).toBe(Object.keys(entries).length);
  });

  it('same-origin assets mirror their URL paths', () => {
    for (const path of [
      'css/site.css',
      'css/imports/one.css',
      'css/imports/deeper/nested.css',
      'img/plain.png',
      'ks/img/relative.png',
      'js/app.js',
      'media/clip.mp4',
      'fonts/face.woff2',
      'img/café.png',
    ]) {
      expect(Object.keys(entries), path).toContain(path);
    }
  });

  it('query-string variants are distinct files', () => {
    const variants = Object.keys(entries).filter((n) => n.startsWith('css/a') && n.endsWith('.css'));
    expect(variants.length, `css/a.css?v=1 and ?v=2 → ${JSON.stringify(variants)}`).toBe(2);
    expect(entries[variants[0]!]!.equals(entries[variants[1]!]!)).toBe(false);
  });

  it("an extension is appended when the URL's extension does not match the served type", () => {
    const names = Object.keys(entries);
    expect(
      names.filter((n) => n.startsWith('img/photo')),
      '/img/photo (image/png)',
    ).toEqual([expect.stringMatching(/^img\/photo.*\.png$/)]);
    expect(
      names.filter((n) => n.startsWith('css/theme')),
      '/css/theme.php (text/css)',
    ).toEqual([expect.stringMatching(/^css\/theme.*\.css$/)]);
    expect(
      names.filter((n) => n.startsWith('js/legacy')),
      '/js/legacy.php (application/javascript)',
    ).toEqual([expect.stringMatching(/^js\/legacy.*\.(m?js)$/)]);
  });

  it('stored files are served with the type of the original (stylesheets as text/css, images as image/png)', async () => {
    expect((await getBytes(api.served(main.page.id, 'css/site.css'))).type).toMatch(/^text\/css/);
    expect((await getBytes(api.served(main.page.id, 'img/plain.png'))).type).toBe('image/png');
  });

  it('nothing cross-origin, navigational or failed was stored', () => {
    const names = Object.keys(entries);
    expect(names.filter((n) => /cross|missing|other\.html|about|feed|refreshed|canonical|via-localhost/.test(n))).toEqual([]);
  });
});

describe('kitchen sink: the job', () => {
  it('counts what was found, fetched, failed and left external; the problems are the 404 and the frame beyond the depth', async () => {
    const job = main.job;
    const { counts } = job;
    const problems = (job.problems as { url: string; reason: string }[]).map((p) => [p.url, p.reason]).sort(([a], [b]) => (a! < b! ? -1 : 1));
    expect(problems, JSON.stringify(job.problems, null, 1)).toEqual([
      [fixture.url('/img/missing.png'), 'status'],
      [fixture.url(`/ks/frames/frame${FRAME_DEPTH + 1}.html`), 'frame-depth'],
    ]);
    expect(job.problem_count).toBe(2);
    expect(job.problems.find((p: any) => p.reason === 'status').message).toMatch(/404/);
    expect(counts.assets_failed + counts.assets_skipped).toBe(2);
    expect(counts.assets_found).toBe(counts.assets_fetched + counts.assets_failed + counts.assets_skipped);
    expect(counts.assets_fetched).toBe(main.page.file_count - 1);
    expect(counts.assets_external, 'cross-origin references (127.0.0.2 and localhost)').toBeGreaterThanOrEqual(5);
    const served = main.log.filter((e) => e.method === 'GET').length;
    expect(counts.assets_fetched + 1 + counts.assets_failed, 'every request the fixture saw is accounted for (plus one per redirect hop)').toBeLessThanOrEqual(
      served,
    );
    expect(counts.bytes).toBeGreaterThan(0);
    // The job as the API keeps it.
    const again = await api.job(job.id);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(job);
    expect(Date.parse(job.finished_at)).toBeGreaterThanOrEqual(Date.parse(job.started_at));
    expect(Date.parse(job.started_at)).toBeGreaterThanOrEqual(Date.parse(job.created_at));
    // Timestamps are whole seconds; duration_ms is exact.
    expect(Math.abs(job.duration_ms - (Date.parse(job.finished_at) - Date.parse(job.started_at)))).toBeLessThanOrEqual(1000);
  });
});

describe('<base href>', () => {
  for (const rule of site.base.rules) {
    it(rule.rule, async () => {
      await checkRule(base.doc, rule);
    });
  }
  it('is honoured (first one wins) and then removed', () => {
    expect(base.doc.stored('base').length, base.doc.stored('head').html() ?? '').toBe(0);
    const keys = base.log.map((e) => e.key);
    expect(keys).toContain('/base/sub/pic.png');
    expect(keys).not.toContain('/base/pic.png');
    expect(keys.filter((k) => k.startsWith('/elsewhere/'))).toEqual([]);
  });
  it('#fragment links stay fragments', () => {
    expect(base.doc.stored('#base-frag').attr('href')).toBe('#here');
  });
});

describe('charsets: the stored HTML is UTF-8 and says the same thing', () => {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const cases = [
    ['declared by the Content-Type header (windows-1252)', 'header'],
    ['declared by <meta http-equiv> (Shift_JIS)', 'meta'],
    ['given by a UTF-8 BOM only', 'bom'],
  ] as const;
  for (const [name, key] of cases) {
    it(name, async () => {
      const c = site.charset[key];
      const res = await api.create({ source_url: c.url });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.default_file).toBe(new URL(c.url).pathname.slice(1));
      const { url: docUrl, doc: served } = await api.opened(res.body.id, res.body.default_file);
      expect(served.type ?? '').toMatch(/charset=utf-8/i);
      const text = utf8.decode(served.body); // throws on invalid UTF-8
      const $ = cheerio.load(text);
      expect($('#text').text()).toBe(c.text);
      // No stale declaration of the source's charset (the file must read right from disk, e.g. in the export).
      const declared = $('meta[charset]').attr('charset') ?? /charset=([\w-]+)/i.exec($('meta[http-equiv="Content-Type" i]').attr('content') ?? '')?.[1];
      if (declared) expect(declared.toLowerCase()).toBe('utf-8');
      if (c.imageUrl) {
        // A non-ASCII path written in windows-1252 is still fetched as /charset/img/caf%C3%A9.png.
        const ref = $('#img').attr('src')!;
        expect(isRelativePath(ref), ref).toBe(true);
        const img = await getBytes(new URL(ref, docUrl));
        expect(img.status).toBe(200);
        expect(sha256(img.body)).toBe(sha256(site.bytes(c.imageUrl)!));
        expect($('title').text()).toBe('Café');
      }
    });
  }
});

describe('determinism', () => {
  it('capturing the same page twice gives identical files (export ZIP: same names, same bytes)', async () => {
    const again = await capture(site.main.url);
    const [first, second] = await Promise.all([api.exportZip(main.page.id), api.exportZip(again.page.id)]);
    const digest = (e: Record<string, Buffer>) =>
      Object.fromEntries(
        Object.entries(e)
          .map(([k, v]) => [k, sha256(v)])
          .sort(([a], [b]) => (a < b ? -1 : 1)),
      );
    expect(digest(second)).toEqual(digest(first));
    expect(again.page.id).not.toBe(main.page.id);
  });
});
