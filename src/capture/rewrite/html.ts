// References in a captured HTML document: the subresources a browser would load to show it (found, and
// rewritten to the local copies) and the links it navigates by (made absolute, never fetched).
//
// The document is parsed once (cheerio with parse5, as a browser parses, see dom.ts), rewritten and serialized
// once into a template with a marker per reference; render fills the markers in (template.ts), so it can be
// called any number of times with different LocalRefs.
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { templateCss } from './css.ts';
import { resolveSpecifier, templateModule } from './js.ts';
import { depthOf, isElement, loadLimited, textOf, walk } from './dom.ts';
import { RefList, resolveLink, resolveReference, trimAsciiWhitespace, type FoundRef, type LocalRef, type RefKind } from './references.ts';
import { parseSrcset, serializeSrcset } from './srcset.ts';
import { fillTemplate, TemplateBuilder, type Template } from './template.ts';
import { parseMetaRefresh } from './meta-refresh.ts';
import { visibleText } from './visible-text.ts';

export interface ParsedHtml {
  /** The URL references resolve against: the first `<base href>`, else the document's URL. */
  baseUrl: string;
  /** De-duplicated, in document order. */
  refs: FoundRef[];
  title?: string;
  /** The first `<meta http-equiv="refresh">` in `<head>` that goes to another URL (resolved, with its delay). */
  refresh?: PageRefresh;
  /** The full document, references rewritten, `<meta charset="utf-8">` first in its head. */
  render(localRef: LocalRef): string;
}

/** What templateHtml makes of a document: plain data (it crosses from a worker thread). */
export interface HtmlTemplate {
  baseUrl: string;
  refs: FoundRef[];
  title?: string;
  refresh?: PageRefresh;
  /** The visible text (see visible-text.ts), read before the rewrite. */
  text?: string;
  template: Template;
}

/** Where a document's meta refresh goes, and after how many seconds. */
export interface PageRefresh {
  url: string;
  delay: number;
}

/** Throws DocumentTooDeep (dom.ts) for a document nested deeper than browsers build. */
export function parseHtml(html: string, documentUrl: string): ParsedHtml {
  const { template, ...found } = templateHtml(html, documentUrl);
  return { ...found, render: (localRef) => fillTemplate(template, localRef) };
}

export function templateHtml(html: string, documentUrl: string): HtmlTemplate {
  const builder = new TemplateBuilder();
  const found = rewriteHtml(html, documentUrl, builder, { topLevel: true, depth: 0 });
  // Where the elements that `<use>` shows from other files are written in (see sprites.ts).
  if (builder.slots.some((slot) => slot.type === 'ref' && slot.kind === 'sprite')) found.$('body').first().append(builder.sprites('html'));
  return {
    baseUrl: found.baseUrl,
    refs: found.refs.toArray(),
    ...(found.title !== undefined && { title: found.title }),
    ...(found.refresh !== undefined && { refresh: found.refresh }),
    ...(found.text !== undefined && { text: found.text }),
    template: builder.build(found.$.html()),
  };
}

const HTML_NS = 'http://www.w3.org/1999/xhtml';
const SVG_NS = 'http://www.w3.org/2000/svg';

/** One document (or noscript fragment, or srcdoc) being rewritten. */
interface Rewrite {
  base: string;
  /** The document's URL without its fragment: a link to it plus a fragment becomes just the fragment. */
  documentUrl: string;
  template: TemplateBuilder;
  refs: RefList;
  /** How deep the document's root sits in the page (a noscript's content, a srcdoc, count from their element). */
  depth: number;
  /** The captured site's origin (a srcdoc's is its parent's): resource hints to it are dropped. */
  origin: string;
}

interface Rewritten {
  $: CheerioAPI;
  baseUrl: string;
  refs: RefList;
  title?: string;
  refresh?: PageRefresh;
  text?: string;
}

interface RewriteOptions {
  /** The source document or a frame: reads the title and declares UTF-8. A srcdoc document does neither. */
  topLevel: boolean;
  /** What `<base href>` resolves against and what applies without one (a srcdoc's parent's base URL). */
  fallbackBase?: string;
  /** Where references go (a srcdoc's references are its parent's). */
  refs?: RefList;
  depth: number;
  origin?: string;
}

function rewriteHtml(html: string, documentUrl: string, template: TemplateBuilder, options: RewriteOptions): Rewritten {
  const $ = loadLimited(html, true, options.depth);
  const root = $.root()[0];
  const withoutFragment = new URL(documentUrl);
  withoutFragment.hash = '';
  const fallbackBase = options.fallbackBase ?? withoutFragment.href;
  const rewrite: Rewrite = {
    base: takeBase($, root, fallbackBase),
    documentUrl: withoutFragment.href,
    template,
    refs: options.refs ?? new RefList(),
    depth: options.depth,
    origin: options.origin ?? withoutFragment.origin,
  };
  const title = options.topLevel ? findTitle(root) : undefined;
  const refresh = options.topLevel ? findRefresh(root, rewrite.base) : undefined;
  const text = options.topLevel ? visibleText(root) : undefined;
  rewriteChildren($, root, rewrite);
  if (options.topLevel) declareUtf8($);
  return {
    $,
    baseUrl: rewrite.base,
    refs: rewrite.refs,
    ...(title !== undefined && { title }),
    ...(refresh !== undefined && { refresh }),
    ...(text !== undefined && { text }),
  };
}

// ---------------------------------------------------------------------------------------------------------
// The document as a whole

/**
 * The document's base URL: the first `<base>` with an href, resolved against the fallback (ignored, as
 * browsers do, when it isn't http(s)). Every base then loses its href, since the copy lives elsewhere; one
 * with a target keeps it (links still open where the page meant them to).
 */
function takeBase($: CheerioAPI, root: AnyNode, fallback: string): string {
  let base: string | undefined;
  for (const el of htmlElements(root, (e) => e.name === 'base')) {
    const href = el.attribs.href;
    if (href !== undefined && base === undefined) {
      base = resolveLink(href, fallback)?.url ?? fallback;
    }
    delete el.attribs.href;
    if (el.attribs.target === undefined) $(el).remove();
  }
  return base ?? fallback;
}

/** The text of the first HTML `<title>`, whitespace collapsed as document.title does. */
function findTitle(root: AnyNode): string | undefined {
  const [title] = htmlElements(root, (e) => e.name === 'title', 1);
  if (!title) return undefined;
  const text = trimAsciiWhitespace(textOf(title).replace(/[\t\n\f\r ]+/g, ' '));
  return text === '' ? undefined : text;
}

/**
 * The first meta refresh of the head, when it names an http(s) URL (the copy removes it; the capture may
 * follow it). One in the body is not a redirect stub's.
 */
function findRefresh(root: AnyNode, base: string): PageRefresh | undefined {
  const [head] = htmlElements(root, (e) => e.name === 'head', 1);
  if (!head) return undefined;
  const [meta] = htmlElements(head, (e) => e.name === 'meta' && httpEquiv(e) === 'refresh' && e.attribs.content !== undefined, 1);
  const parsed = meta ? parseMetaRefresh(meta.attribs.content) : undefined;
  if (parsed?.url === undefined) return undefined;
  const target = URL.parse(parsed.url, base);
  if (!target || (target.protocol !== 'http:' && target.protocol !== 'https:')) return undefined;
  target.hash = '';
  return { url: target.href, delay: parsed.delay };
}

/** The stored copy is UTF-8: every charset declaration goes, and `<meta charset="utf-8">` opens the head. */
function declareUtf8($: CheerioAPI): void {
  const declarations = htmlElements($.root()[0], (e) => e.name === 'meta' && (e.attribs.charset !== undefined || httpEquiv(e) === 'content-type'));
  for (const meta of declarations) $(meta).remove();
  $('head').first().prepend('<meta charset="utf-8">');
}

/** HTML elements in document order, outside template contents and foreign (SVG, MathML) subtrees. */
function htmlElements(root: AnyNode, match: (el: Element) => boolean, limit = Infinity): Element[] {
  const found: Element[] = [];
  walk(root, (node) => {
    if (found.length >= limit || !isElement(node) || node.namespace !== HTML_NS) return false;
    if (match(node)) found.push(node);
    return node.name !== 'template';
  });
  return found.slice(0, limit);
}

// ---------------------------------------------------------------------------------------------------------
// Elements

/** Every element below `node`, template contents included (rewriting may remove one: meta refresh). */
function rewriteChildren($: CheerioAPI, node: AnyNode, rewrite: Rewrite): void {
  walk(node, (child) => {
    if (isElement(child)) rewriteElement($, child, rewrite);
    return true;
  });
}

function rewriteElement($: CheerioAPI, el: Element, rewrite: Rewrite): void {
  const name = el.name.toLowerCase();
  /** The slots of the element's references: when one of them is local, integrity and crossorigin go. */
  const refSlots: number[] = [];
  const url = (attribute: string, kind: RefKind) => {
    refSlots.push(...rewriteUrl(el, attribute, kind, rewrite));
  };
  const srcset = (attribute: string) => {
    refSlots.push(...rewriteSrcset(el, attribute, rewrite));
  };
  const link = (attribute: string) => absolutize(el, attribute, rewrite);

  if (el.namespace === SVG_NS) {
    // Both href and xlink:href: a browser takes href, an older one xlink:href.
    if (name === 'image' || name === 'feimage' || name === 'script') {
      url('href', 'asset');
      url('xlink:href', 'asset');
    } else if (name === 'use') {
      url('href', 'sprite');
      url('xlink:href', 'sprite');
    } else if (name === 'a') {
      link('href');
      link('xlink:href');
    } else if (name === 'style') rewriteStyleElement($, el, rewrite);
  } else if (el.namespace === HTML_NS) {
    switch (name) {
      case 'img':
      case 'source':
        url('src', 'asset');
        srcset('srcset');
        break;
      case 'video':
        url('src', 'asset');
        url('poster', 'asset');
        break;
      case 'audio':
      case 'track':
        url('src', 'asset');
        break;
      case 'script':
        if (isModuleScript(el)) {
          url('src', 'module');
          rewriteModuleScript($, el, rewrite);
        } else if (trimAsciiWhitespace(el.attribs.type ?? '').toLowerCase() === 'importmap') rewriteImportMap($, el, rewrite);
        else url('src', 'asset');
        break;
      // Nested documents like frames (an SVG diagram or an HTML page); another type is stored as it came.
      case 'embed':
        url('src', 'document');
        break;
      case 'object':
        url('data', 'document');
        break;
      case 'input':
        if (trimAsciiWhitespace(el.attribs.type ?? '').toLowerCase() === 'image') url('src', 'asset');
        link('formaction');
        break;
      case 'button':
        link('formaction');
        break;
      case 'body':
      case 'table':
      case 'td':
      case 'th':
        url('background', 'asset');
        break;
      case 'iframe':
        url('src', 'document');
        rewriteSrcdoc(el, rewrite);
        break;
      case 'frame':
        url('src', 'document');
        break;
      case 'link':
        refSlots.push(...rewriteLinkElement($, el, rewrite));
        break;
      case 'a':
      case 'area':
        link('href');
        break;
      case 'form':
        link('action');
        break;
      case 'style':
        rewriteStyleElement($, el, rewrite);
        break;
      case 'meta': {
        // A refresh would navigate the copy away; the page's own CSP names the original's hosts, not ours.
        const equiv = httpEquiv(el);
        if (equiv === 'refresh' || equiv === 'content-security-policy') {
          $(el).remove();
          return;
        }
        break;
      }
      case 'noscript':
        rewriteNoscript($, el, rewrite);
        break;
    }
  }

  // Lazy-loading conventions: data-src/data-srcset (lazysizes, lozad, …) and lazysizes' data-bg.
  url('data-src', name === 'iframe' ? 'document' : 'asset');
  srcset('data-srcset');
  url('data-bg', 'asset');
  rewriteStyleAttribute(el, rewrite);

  if (refSlots.length > 0) {
    // The local copy is not the bytes the hash was taken of (CSS is re-rendered). And the page runs in a
    // sandboxed (opaque) origin, so a CORS request to its own files needs CORS headers that a plain (no-cors)
    // request doesn't; a font preload keeps crossorigin, as the font load it stands for is CORS anyway.
    const dropped = isCorsPreload(el) ? ['integrity'] : ['integrity', 'crossorigin'];
    if (dropped.some((attribute) => el.attribs[attribute] !== undefined)) {
      // Renamed in place (attribute order kept): the template writes them back unless a reference is local.
      const attribs: Record<string, string> = Object.create(null);
      for (const [attribute, value] of Object.entries(el.attribs)) {
        if (dropped.includes(attribute)) attribs[rewrite.template.attribute(attribute, value, refSlots)] = '';
        else attribs[attribute] = value;
      }
      el.attribs = attribs;
    }
  }
}

/** A preload whose load is CORS anyway (a font, a fetch()): it keeps crossorigin, or it would not match. */
function isCorsPreload(el: Element): boolean {
  const as = el.name === 'link' ? trimAsciiWhitespace(el.attribs.as ?? '').toLowerCase() : '';
  return as === 'font' || as === 'fetch';
}

function isModuleScript(el: Element): boolean {
  return trimAsciiWhitespace(el.attribs.type ?? '').toLowerCase() === 'module';
}

// "shortcut icon" has the token "icon".
const ASSET_RELS = ['icon', 'apple-touch-icon', 'apple-touch-icon-precomposed', 'mask-icon', 'manifest'];
/** A preload is captured as what its `as` announces. */
const PRELOAD_KINDS: Readonly<Record<string, RefKind>> = {
  style: 'stylesheet',
  font: 'asset',
  image: 'asset',
  script: 'asset',
  fetch: 'asset',
  json: 'asset',
  audio: 'asset',
  video: 'asset',
  track: 'asset',
  worker: 'asset',
  sharedworker: 'asset',
  document: 'document',
  embed: 'document',
  object: 'document',
};
/** Hints that warm up a fetch or a connection the copy will never make to the original. */
const HINT_RELS = ['preload', 'prefetch', 'prerender', 'preconnect', 'dns-prefetch'];

/**
 * `<link>`: what the rel says is loaded is a reference; a hint to the captured site (prefetch, preconnect, a
 * preload of nothing a browser loads) is removed; anything else (canonical, alternate, a hint to another
 * site, …) is a link.
 */
function rewriteLinkElement($: CheerioAPI, el: Element, rewrite: Rewrite): number[] {
  const rel = new Set(
    trimAsciiWhitespace(el.attribs.rel ?? '')
      .toLowerCase()
      .split(/[\t\n\f\r ]+/),
  );
  let kind: RefKind | undefined;
  let slots: number[] = [];
  if (rel.has('stylesheet')) kind = 'stylesheet';
  else if (ASSET_RELS.some((r) => rel.has(r))) kind = 'asset';
  else if (rel.has('modulepreload')) kind = 'module';
  else if (rel.has('preload')) {
    const as = trimAsciiWhitespace(el.attribs.as ?? '').toLowerCase();
    kind = Object.hasOwn(PRELOAD_KINDS, as) ? PRELOAD_KINDS[as] : undefined;
    if (as === 'image') slots = rewriteSrcset(el, 'imagesrcset', rewrite);
  }
  if (kind === undefined) {
    const target = resolveLink(el.attribs.href ?? '', rewrite.base);
    if (HINT_RELS.some((r) => rel.has(r)) && target && new URL(target.url).origin === rewrite.origin) {
      $(el).remove();
      return [];
    }
    absolutize(el, 'href', rewrite);
    return slots;
  }
  return [...rewriteUrl(el, 'href', kind, rewrite), ...slots];
}

/**
 * `<script type=importmap>`: the modules it maps bare specifiers to ("lodash" → "/js/lodash.js") are modules
 * of the page. A mapping of a prefix ("lib/" → "/js/lib/") is left alone: it names no file.
 */
function rewriteImportMap($: CheerioAPI, el: Element, rewrite: Rewrite): void {
  let map: unknown;
  try {
    map = JSON.parse(textOf(el));
  } catch {
    return;
  }
  if (typeof map !== 'object' || map === null) return;
  let found = false;
  const rewriteAddresses = (addresses: unknown) => {
    if (typeof addresses !== 'object' || addresses === null) return;
    const table = addresses as Record<string, unknown>;
    for (const [specifier, address] of Object.entries(table)) {
      if (typeof address !== 'string') continue;
      if (address.endsWith('/')) {
        // A prefix names no file to capture; one that leads out of the copy (to the site) is dropped.
        const prefix = /^(\/|[a-z][a-z\d+.-]*:)/i.test(address) ? URL.parse(address, rewrite.base) : null;
        if (prefix?.origin === rewrite.origin) {
          delete table[specifier];
          found = true;
        }
        continue;
      }
      const resolved = resolveSpecifier(address, rewrite.base);
      if (!resolved) continue;
      rewrite.refs.add(resolved.url, 'module');
      table[specifier] = rewrite.template.ref(resolved, 'module', 'js-string', false).marker;
      found = true;
    }
  };
  const { imports, scopes } = map as { imports?: unknown; scopes?: unknown };
  rewriteAddresses(imports);
  if (typeof scopes === 'object' && scopes !== null) for (const scope of Object.values(scopes)) rewriteAddresses(scope);
  // `<` escaped: a `<\/script>` that JSON.parse decoded must not end the element.
  if (found) $(el).text(JSON.stringify(map).replace(/</g, '\\u003c'));
}

/** An inline `<script type=module>`: its imports resolve against the document's base URL. */
function rewriteModuleScript($: CheerioAPI, el: Element, rewrite: Rewrite): void {
  const js = textOf(el);
  if (trimAsciiWhitespace(js) === '') return;
  let parsed;
  try {
    parsed = templateModule(js, rewrite.base, rewrite.template);
  } catch {
    return; // not JavaScript the lexer reads: left as it is
  }
  for (const ref of parsed.refs) rewrite.refs.add(ref.url, ref.kind);
  if (parsed.refs.length > 0) $(el).text(parsed.text);
}

function rewriteStyleElement($: CheerioAPI, el: Element, rewrite: Rewrite): void {
  const css = textOf(el);
  const parsed = templateCss(css, rewrite.base, rewrite.template, false);
  for (const ref of parsed.refs) rewrite.refs.add(ref.url, ref.kind);
  if (parsed.text !== css) $(el).text(parsed.text);
}

/**
 * `<noscript>`: the parser keeps its content as text (scripting is on), but a visitor without scripts sees
 * it as HTML, so it is parsed as a fragment, rewritten, and put back as text.
 */
function rewriteNoscript($: CheerioAPI, el: Element, rewrite: Rewrite): void {
  const html = textOf(el);
  if (trimAsciiWhitespace(html) === '') return;
  const depth = depthOf(el);
  const $fragment = loadLimited(html, false, depth);
  const inner = rewrite.template.nested();
  rewriteChildren($fragment, $fragment.root()[0], { ...rewrite, template: inner, depth });
  // Filled in as text (a text child of noscript is serialized raw), with any `</noscript` made harmless: see
  // fillTemplate (serialized attribute values keep a raw `<`, so an alt="&lt;/noscript&gt;…" would come back
  // as markup that ends the element; `&lt;` means the same inside an attribute and cannot end it).
  $(el).text(rewrite.template.document('noscript', inner.build($fragment.html())));
}

/** `<iframe srcdoc>`: a document of its own, whose base URL is its parent's; rewritten the same way. */
function rewriteSrcdoc(el: Element, rewrite: Rewrite): void {
  const srcdoc = el.attribs.srcdoc;
  if (srcdoc === undefined || trimAsciiWhitespace(srcdoc) === '') return;
  const template = rewrite.template.nested();
  const inner = rewriteHtml(srcdoc, 'about:srcdoc', template, {
    topLevel: false,
    fallbackBase: rewrite.base,
    refs: rewrite.refs,
    depth: depthOf(el),
    origin: rewrite.origin,
  });
  el.attribs.srcdoc = rewrite.template.document('srcdoc', template.build(inner.$.html()));
}

// ---------------------------------------------------------------------------------------------------------
// Attributes

/** Rewrites one URL attribute to a marker; the slot of the reference, if it is one. */
function rewriteUrl(el: Element, attribute: string, kind: RefKind, rewrite: Rewrite): number[] {
  const value = el.attribs[attribute];
  if (value === undefined) return [];
  const resolved = resolveReference(value, rewrite.base);
  if (!resolved) return [];
  rewrite.refs.add(resolved.url, kind);
  const { id, marker } = rewrite.template.ref(resolved, kind, 'plain', true);
  el.attribs[attribute] = marker;
  return [id];
}

function rewriteSrcset(el: Element, attribute: string, rewrite: Rewrite): number[] {
  const value = el.attribs[attribute];
  if (value === undefined) return [];
  const slots: number[] = [];
  const candidates = parseSrcset(value).map((candidate) => {
    const resolved = resolveReference(candidate.url, rewrite.base);
    if (!resolved) return candidate;
    rewrite.refs.add(resolved.url, 'asset');
    const { id, marker } = rewrite.template.ref(resolved, 'asset', 'srcset', true);
    slots.push(id);
    return { url: marker, descriptors: candidate.descriptors };
  });
  if (slots.length > 0) el.attribs[attribute] = serializeSrcset(candidates);
  return slots;
}

function rewriteStyleAttribute(el: Element, rewrite: Rewrite): void {
  const css = el.attribs.style;
  if (css === undefined) return;
  const parsed = templateCss(css, rewrite.base, rewrite.template, true);
  if (parsed.refs.length === 0) return;
  for (const ref of parsed.refs) rewrite.refs.add(ref.url, ref.kind);
  el.attribs.style = parsed.text;
}

/** A navigational link: absolute, so it leads to the original site; never a reference, never local. */
function absolutize(el: Element, attribute: string, rewrite: Rewrite): void {
  const value = el.attribs[attribute];
  if (value === undefined) return;
  const resolved = resolveLink(value, rewrite.base);
  if (!resolved) return;
  el.attribs[attribute] = resolved.url === rewrite.documentUrl && resolved.fragment !== '' ? resolved.fragment : resolved.url + resolved.fragment;
}

// ---------------------------------------------------------------------------------------------------------
// Nodes

function httpEquiv(el: Element): string {
  return trimAsciiWhitespace(el.attribs['http-equiv'] ?? '').toLowerCase();
}
