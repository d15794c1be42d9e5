// Capturing a page: fetch the source document, then every same-origin asset it references (stylesheets
// and frames recursively, ahead of the assets they hold up), and render each document and stylesheet with
// references rewritten to the local copies. Documents and stylesheets are read and rendered in worker
// threads (document-parser.ts): this module only fetches, schedules and names. Assets that fail or hit a
// limit are reported and written as local paths that answer 404 (the copy never asks the original for
// anything); only the source page failing is fatal. With a browser (options.browser), the page is then loaded
// in it, and the same-site files its scripts fetched are added as they came (browser-files.ts).
import type { InlineFile } from '../pages/pages.ts';
import type { BrowserPass } from './browser-pass.ts';
import { browserFiles } from './browser-files.ts';
import type { CaptureConfig } from '../config/capture-config.ts';
import { ParseFailed } from './document-parser.ts';
import type { FetchSlots } from './fetch-slots.ts';
import { FetchFailed } from './net/fetch-failure.ts';
import type { FetchedResource, GuardedFetcher } from './net/guarded-fetch.ts';
import type { DocumentSource, ParsedDocument, RenderedDocument } from './rewrite/document.ts';
import { LocalPaths } from './rewrite/local-paths.ts';
import type { FoundRef, RefKind } from './rewrite/references.ts';

export interface CaptureCounts {
  found: number;
  fetched: number;
  skipped: number;
  failed: number;
  external: number;
  bytes: number;
}
export interface CaptureProblem {
  url: string;
  reason: string;
  message: string;
}

export interface CaptureResult {
  files: InlineFile[];
  /** Where the source page is among `files`: its own path in the mirrored layout (the page's default file). */
  defaultFile: string;
  title?: string;
  /** The source page's visible text (rewrite/visible-text.ts). */
  text: string;
  /** The source page's URL after redirects. */
  finalUrl: string;
  counts: CaptureCounts;
  /** The first `maxProblems` problems; `problemCount` counts them all. */
  problems: CaptureProblem[];
  problemCount: number;
}

/**
 * HTML and CSS larger than this are not parsed (its references are held in memory): a larger source page
 * fails, a larger stylesheet or frame is stored as it came.
 */
export const MAX_PARSED_BYTES = 5 * 1024 * 1024;

/** The source page itself could not be captured. */
export class CaptureFailed extends Error {
  readonly reason: string;
  /** The source page's HTTP status, when it answered with an error. */
  readonly status?: number;

  constructor(reason: string, message: string, status?: number) {
    super(message);
    this.name = 'CaptureFailed';
    this.reason = reason;
    if (status !== undefined) this.status = status;
  }
}

/** Reads and renders documents and stylesheets (off the event loop); throws ParseFailed. */
export interface DocumentReader {
  /** `handOver`: the caller no longer needs `source.body` (it may be moved instead of copied). */
  parse(source: DocumentSource, signal?: AbortSignal, handOver?: boolean): Promise<ParsedDocument>;
  /**
   * `template` (a ParsedDocument's) is handed over; `paths` maps URLs to what the document writes for them;
   * `sprites`: the templates of the SVG files its `<use>` elements show, by URL.
   */
  render(template: Uint8Array, paths: Record<string, string>, signal?: AbortSignal, sprites?: Record<string, Uint8Array>): Promise<RenderedDocument>;
}

export interface CaptureOptions {
  fetcher: GuardedFetcher;
  parser: DocumentReader;
  limits: Pick<CaptureConfig, 'assetTimeoutMs' | 'totalTimeoutMs' | 'maxAssetBytes' | 'maxBytes' | 'maxAssets' | 'maxRedirects' | 'frameDepth'>;
  /** Bounds fetches across every capture on this instance, and to each host. */
  slots: Pick<FetchSlots, 'run'>;
  /** Cancels the capture (a CaptureFailed with reason 'cancelled'). */
  signal?: AbortSignal;
  onProgress?: (counts: CaptureCounts) => void;
  /** How many problems to keep with their URL and reason (a page of a million broken links must not hold a million). */
  maxProblems: number;
  /** What the server's log should know that the job's user must not see (e.g. the addresses a name resolved to). */
  log?: (url: string, detail: string) => void;
  /** Also load the page in this browser, and store the same-site files its scripts fetched (browser-pass.ts). */
  browser?: Pick<BrowserPass, 'run'>;
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** A stylesheet link may be served with a wrong type; parse it unless it is clearly something else. */
function looksLikeCss(res: FetchedResource): boolean {
  const type = mediaType(res.contentType);
  return type === 'text/css' || type === '' || type === 'text/plain';
}

/** What a fetched reference is parsed as, if it is parsed: by what referenced it and what it turned out to be. */
function parsedType(kind: RefKind, res: FetchedResource): DocumentSource['type'] | undefined {
  const type = mediaType(res.contentType);
  if (kind === 'stylesheet' && looksLikeCss(res)) return 'css';
  if (kind === 'document' && HTML_TYPES.has(type)) return 'html';
  if ((kind === 'document' || kind === 'sprite') && type === 'image/svg+xml') return 'svg';
  // A browser runs a module only when it is served as JavaScript.
  if (kind === 'module' && /^(text|application)\/(x-)?(javascript|ecmascript)$/.test(type)) return 'js';
  return undefined;
}

/**
 * Fetch order follows the site's dependency depth, as a browser's does: what may reference more
 * (documents, stylesheets, their @imports) before fonts, and fonts before other assets; within each, what
 * was found further down a chain of references first, since it holds up the most behind it. The site is
 * then known early, and the fetch slots stay busy to the end instead of waiting on a late stylesheet.
 */
function fetchPriority(kind: RefKind, url: URL, level: number): number {
  const rank = kind === 'document' ? 3 : kind === 'stylesheet' ? 2 : FONT_PATH.test(url.pathname) ? 1 : 0;
  return rank * 1000 + Math.min(level, 999);
}

const FONT_PATH = /\.(woff2?|ttf|otf|eot)$/i;

/** The browser pass's share of the capture's time at most: a page that never goes quiet must not take all of it. */
const MAX_BROWSER_PASS_MS = 30_000;

/** A meta refresh this soon (seconds) makes the page a redirect stub; a later one is the page's own. */
const MAX_FOLLOWED_REFRESH_DELAY = 5;

/** Where a redirect stub leads: its head's meta refresh, when soon, to another page of the same site. */
function followedRefresh(doc: ParsedDocument, url: string): string | undefined {
  const { refresh } = doc;
  if (!refresh || refresh.delay > MAX_FOLLOWED_REFRESH_DELAY || refresh.url === url) return undefined;
  return new URL(refresh.url).origin === new URL(url).origin ? refresh.url : undefined;
}

interface Resource {
  ref: FoundRef;
  /** Frame nesting: 0 for what the source page references. */
  depth: number;
  /** References between it and the source page: 1 for what the source page references. */
  level: number;
  /** The encoding of the document that referenced it: a stylesheet without a charset of its own is read in it. */
  encoding: string;
  fetched?: FetchedResource;
  /** Set once a stylesheet or frame document is being parsed (it is parsed once). */
  parsing?: boolean;
  /** Set for stylesheets and frame documents that were parsed, to be rendered once paths are known. */
  parsed?: ParsedDocument;
}

export async function captureSite(sourceUrl: string, options: CaptureOptions): Promise<CaptureResult> {
  const { fetcher, limits, slots } = options;
  const counts: CaptureCounts = { found: 0, fetched: 0, skipped: 0, failed: 0, external: 0, bytes: 0 };
  const problems: CaptureProblem[] = [];
  let problemCount = 0;
  const progress = () => options.onProgress?.({ ...counts });
  const cancelled = () => options.signal?.aborted === true;

  // The import's time limit skips whatever is still pending; cancelling stops everything.
  const startedAt = performance.now();
  const timeLimit = AbortSignal.timeout(limits.totalTimeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeLimit]) : timeLimit;
  let overBudget = false;
  const onBytes = (n: number) => {
    counts.bytes += n;
    if (counts.bytes > limits.maxBytes) overBudget = true;
    return !overBudget;
  };
  /** `stop` ends this fetch early as well (the browser pass ended). */
  const fetchOne = (url: string, accept?: string, maxRedirects = limits.maxRedirects, stop?: AbortSignal) =>
    fetcher.fetch(url, {
      signal: stop ? AbortSignal.any([signal, stop]) : signal,
      timeoutMs: limits.assetTimeoutMs,
      maxBytes: limits.maxAssetBytes,
      onBytes,
      accept,
      maxRedirects,
    });

  /** The source page (or a page a stub leads to), checked to be HTML that can be parsed. */
  const fetchSource = async (url: string, maxRedirects: number): Promise<FetchedResource> => {
    let res: FetchedResource;
    try {
      res = await fetchOne(url, 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5', maxRedirects);
    } catch (e) {
      if (cancelled()) throw new CaptureFailed('cancelled', 'The capture was cancelled.');
      if (e instanceof FetchFailed) {
        const reason = timeLimit.aborted ? 'timeout' : overBudget ? 'too-large' : e.reason;
        options.log?.(url, e.detail);
        throw new CaptureFailed(reason, `Could not capture ${sourceUrl}: ${e.message}`, e.status);
      }
      throw e;
    }
    if (!HTML_TYPES.has(mediaType(res.contentType))) {
      throw new CaptureFailed('type', `Could not capture ${url}: it is ${res.contentType ? `"${mediaType(res.contentType)}"` : 'untyped'}, not an HTML page.`);
    }
    if (res.body.length > MAX_PARSED_BYTES) {
      throw new CaptureFailed(
        'too-large',
        `Could not capture ${url}: the page is ${res.body.length} bytes; pages up to ${MAX_PARSED_BYTES} bytes are captured.`,
      );
    }
    return res;
  };

  /** The source page failing to read or render fails the capture, with the reason. */
  const sourceFailure = (e: unknown): never => {
    if (e instanceof ParseFailed) throw new CaptureFailed(e.reason, `Could not capture ${sourceUrl}: ${e.message}`);
    throw e;
  };
  // A redirect stub (a head meta refresh soon, to the same site) is followed like an HTTP redirect, and
  // counts against the same limit: the page captured is where it leads.
  let source: FetchedResource;
  let sourceDoc: ParsedDocument;
  let hops = 0;
  for (let url = sourceUrl; ;) {
    source = await fetchSource(url, limits.maxRedirects - hops);
    hops += source.redirects.length;
    try {
      // The page's bytes are not needed again (unless the browser loads it): they move to the worker.
      const handOver = !options.browser;
      sourceDoc = await options.parser.parse({ type: 'html', body: source.body, contentType: source.contentType, url: source.url }, options.signal, handOver);
    } catch (e) {
      if (cancelled()) throw new CaptureFailed('cancelled', 'The capture was cancelled.');
      throw sourceFailure(e);
    }
    const next = followedRefresh(sourceDoc, source.url);
    if (next === undefined) break;
    if (hops >= limits.maxRedirects) {
      throw new CaptureFailed(
        'too-many-redirects',
        `Could not capture ${sourceUrl}: ${source.url} redirects again (a meta refresh to ${next}) after ${limits.maxRedirects} redirects.`,
      );
    }
    hops++;
    url = next;
  }
  const origin = new URL(source.url).origin;
  const resources = new Map<string, Resource>();

  // Every fetch is tracked so the capture ends when the last one (and what it discovered) is done.
  let pending = 0;
  let settle!: () => void;
  const allDone = new Promise<void>((resolve) => {
    settle = resolve;
  });

  /** A problem; `kind` counts an asset skipped or failed, none one that is stored all the same. */
  const problem = (kind: 'skipped' | 'failed' | undefined, url: string, reason: string, message: string) => {
    if (kind) counts[kind]++;
    problemCount++;
    if (problems.length < options.maxProblems) problems.push({ url, reason, message });
  };
  /** URLs seen past the asset cap: counted once each, never held as resources. */
  const overCap = new Set<string>();

  const consider = (refs: FoundRef[], depth: number, level: number, encoding: string) => {
    for (const ref of refs) {
      if (ref.url === source.url || ref.url === sourceUrl || overCap.has(ref.url)) continue;
      const known = resources.get(ref.url);
      if (known) {
        upgrade(known, ref.kind);
        continue;
      }
      const url = URL.parse(ref.url);
      if (!url) continue;
      if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
      if (url.origin !== origin) {
        counts.external++;
        continue;
      }
      // A frame deeper than the limit is not captured (stored raw, its own links would break).
      if (ref.kind === 'document' && depth >= limits.frameDepth) {
        counts.found++;
        problem(
          'skipped',
          ref.url,
          'frame-depth',
          `Frames nested deeper than ${limits.frameDepth} levels are not captured (in the copy, the frame answers 404).`,
        );
        continue;
      }
      counts.found++;
      if (resources.size >= limits.maxAssets) {
        if (overCap.size < limits.maxAssets * 10) overCap.add(ref.url);
        problem('skipped', ref.url, 'asset-limit', `More than ${limits.maxAssets} assets: not captured (in the copy, it answers 404).`);
        continue;
      }
      const resource: Resource = { ref: { ...ref }, depth, level, encoding };
      resources.set(ref.url, resource);
      pending++;
      void slots
        .run(url.host, () => fetchAsset(resource), { priority: fetchPriority(ref.kind, url, level) })
        .catch((e: unknown) => {
          if (cancelled()) return;
          options.log?.(ref.url, e instanceof Error ? (e.stack ?? e.message) : String(e));
          problem('failed', ref.url, 'error', `Could not process ${ref.url}.`);
        })
        .finally(() => {
          progress();
          if (--pending === 0) settle();
        });
    }
  };

  const fetchAsset = async (resource: Resource) => {
    const { ref } = resource;
    if (cancelled()) return;
    if (timeLimit.aborted) return problem('skipped', ref.url, 'time-limit', `The capture's time limit (${limits.totalTimeoutMs} ms) was reached first.`);
    if (overBudget) return problem('skipped', ref.url, 'import-size', `The capture's size limit (${limits.maxBytes} bytes) was reached first.`);
    let res: FetchedResource;
    try {
      res = await fetchOne(ref.url);
    } catch (e) {
      if (cancelled()) return;
      if (!(e instanceof FetchFailed)) throw e;
      if (timeLimit.aborted) return problem('skipped', ref.url, 'time-limit', `The capture's time limit (${limits.totalTimeoutMs} ms) was reached first.`);
      if (overBudget) return problem('skipped', ref.url, 'import-size', `The capture's size limit (${limits.maxBytes} bytes) was reached first.`);
      options.log?.(ref.url, e.detail);
      if (e.reason === 'too-large') return problem('skipped', ref.url, 'too-large', e.message);
      return problem('failed', ref.url, e.reason, e.message);
    }
    resource.fetched = res;
    counts.fetched++;
    parse(resource);
  };

  /**
   * Stylesheets and frame documents are parsed (once) for the references they hold, without holding a fetch
   * slot meanwhile. One that can't be parsed is stored as it came.
   */
  const parse = (resource: Resource) => {
    const { ref, fetched: res } = resource;
    if (!res || resource.parsing || res.body.length > MAX_PARSED_BYTES) return;
    const type = parsedType(ref.kind, res);
    if (type === undefined) return;
    resource.parsing = true;
    pending++;
    const fallbackEncoding = type === 'css' ? resource.encoding : undefined;
    options.parser
      .parse({ type, body: res.body, contentType: res.contentType, url: res.url, fallbackEncoding }, options.signal)
      .then(
        (doc) => {
          if (cancelled()) return;
          resource.parsed = doc;
          consider(doc.refs, type === 'html' ? resource.depth + 1 : resource.depth, resource.level + 1, doc.encoding);
        },
        (e: unknown) => {
          if (cancelled()) return;
          if (!(e instanceof ParseFailed)) options.log?.(ref.url, e instanceof Error ? (e.stack ?? e.message) : String(e));
          const reason = e instanceof ParseFailed ? e.reason : 'error';
          const why = e instanceof ParseFailed ? e.message : 'Outpost could not read it.';
          problem(undefined, ref.url, reason, `Stored as it came, its references not rewritten: ${why}`);
        },
      )
      .finally(() => {
        progress();
        if (--pending === 0) settle();
      });
  };

  /**
   * A URL referenced both as a plain asset and as a stylesheet or frame is treated as the latter, whichever
   * reference was found first (their order varies with fetch timing; the result must not).
   */
  const upgrade = (resource: Resource, kind: RefKind) => {
    if (resource.ref.kind !== 'asset' || kind === 'asset') return;
    resource.ref.kind = kind;
    parse(resource);
  };

  pending++;
  consider(sourceDoc.refs, 0, 1, sourceDoc.encoding);
  progress();
  if (--pending === 0) settle();
  await allDone;
  if (cancelled()) throw new CaptureFailed('cancelled', 'The capture was cancelled.');

  if (options.browser && !timeLimit.aborted && !overBudget) {
    // What the page's scripts fetched from its site while loading is stored as it came.
    const fetched = new Map<string, FetchedResource>();
    for (const r of resources.values()) if (r.fetched) fetched.set(r.ref.url, r.fetched);
    let found: FetchedResource[] = [];
    try {
      found = await browserFiles(options.browser, {
        page: source,
        fetched,
        fetch: (url, accept, stop) => slots.run(URL.parse(url)?.host ?? '', () => fetchOne(url, accept, undefined, stop), { signal: stop }),
        // What the static pass could not fetch is reported already.
        onProblem: (url, reason, message) => void (resources.has(url) || problem(undefined, url, reason, message)),
        signal: options.signal ?? new AbortController().signal,
        timeoutMs: Math.max(1, Math.min(MAX_BROWSER_PASS_MS, limits.totalTimeoutMs - (performance.now() - startedAt))),
      });
    } catch (e) {
      if (cancelled()) throw new CaptureFailed('cancelled', 'The capture was cancelled.');
      options.log?.(source.url, `browser pass: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      problem(undefined, source.url, 'render-failed', 'The page could not be loaded in the browser; the copy has what the static capture found.');
    }
    for (const res of found) {
      if (resources.has(res.url) || res.url === sourceUrl) continue;
      counts.found++;
      if (resources.size >= limits.maxAssets) {
        problem('skipped', res.url, 'asset-limit', `More than ${limits.maxAssets} assets: not captured (in the copy, it answers 404).`);
        continue;
      }
      resources.set(res.url, { ref: { url: res.url, kind: 'asset' }, depth: 0, level: 1, encoding: sourceDoc.encoding, fetched: res });
      counts.fetched++;
    }
    progress();
  }

  // Paths are assigned in URL order, so the same site always gets the same layout.
  const paths = new LocalPaths(source.url, source.contentType);
  const sourcePath = paths.sourcePath;
  const stored = [...resources.values()].filter((r) => r.fetched).sort((a, b) => (a.ref.url < b.ref.url ? -1 : a.ref.url > b.ref.url ? 1 : 0));
  const pathOf = new Map<string, string>();
  for (const r of stored) pathOf.set(r.ref.url, paths.pathFor(r.ref.url, r.fetched!.contentType, r.ref.kind));
  // A same-site reference that was not stored (it failed, or was past a limit) gets a path that answers 404:
  // the copy never asks the original for it (its problem is counted already).
  const missing = new Set<string>();
  for (const doc of [sourceDoc, ...stored.map((r) => r.parsed)]) {
    for (const { url } of doc?.refs ?? []) {
      if (!pathOf.has(url) && url !== source.url && url !== sourceUrl && URL.parse(url)?.origin === origin) missing.add(url);
    }
  }
  // Named as an asset: the name as the site wrote it.
  for (const url of [...missing].sort()) pathOf.set(url, paths.pathFor(url, undefined, 'asset'));
  /** The SVG files that `<use>` elements show, copied before any render hands its own template over. */
  const svgFiles = new Map<string, { doc: ParsedDocument; template: Uint8Array }>();
  for (const r of stored) if (r.parsed?.type === 'svg') svgFiles.set(r.ref.url, { doc: r.parsed, template: new Uint8Array(r.parsed.template) });
  /** What the document at `fromPath` writes for each of these references that has a local copy. */
  const localPaths = (refs: FoundRef[], fromPath: string): Record<string, string> => {
    const local: Record<string, string> = {};
    for (const { url } of refs) {
      const target = url === source.url || url === sourceUrl ? sourcePath : pathOf.get(url);
      if (target !== undefined) local[url] = paths.relative(fromPath, target);
    }
    return local;
  };
  const render = async (doc: ParsedDocument, path: string) => {
    // The elements a `<use>` shows are written into the document, their references relative to it.
    const sprites: Record<string, Uint8Array> = {};
    const refs = [...doc.refs];
    for (const { url, kind } of doc.refs) {
      const svg = kind === 'sprite' ? svgFiles.get(url) : undefined;
      if (!svg) continue;
      sprites[url] = svg.template;
      refs.push(...svg.doc.refs);
    }
    const { bytes } = await options.parser.render(doc.template, localPaths(refs, path), options.signal, sprites);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };

  const renderSource = render(sourceDoc, sourcePath).catch(sourceFailure);
  const renderStored = stored.map(async (r): Promise<InlineFile> => {
    const path = pathOf.get(r.ref.url)!;
    if (!r.parsed) return { path, content: r.fetched!.body };
    try {
      return { path, content: await render(r.parsed, path) };
    } catch (e) {
      if (!(e instanceof ParseFailed)) throw e;
      problem(undefined, r.ref.url, e.reason, `Stored as it came, its references not rewritten: ${e.message}`);
      return { path, content: r.fetched!.body };
    }
  });
  // Every render settles before the capture ends (none runs on for a capture that failed).
  await Promise.allSettled([renderSource, ...renderStored]);
  if (cancelled()) throw new CaptureFailed('cancelled', 'The capture was cancelled.');
  const files: InlineFile[] = [{ path: sourcePath, content: await renderSource }, ...(await Promise.all(renderStored))];
  return {
    files,
    defaultFile: sourcePath,
    title: sourceDoc.title,
    text: sourceDoc.text ?? '',
    finalUrl: source.url,
    counts,
    problems,
    problemCount,
  };
}
