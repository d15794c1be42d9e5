// References in a captured HTML document: the subresources a browser would load to show it (found, and
// rewritten to the local copies) and the links it navigates by (made absolute, never fetched).
//
// Parsing and rewriting are one pass over a fresh parse (cheerio with parse5, as a browser parses), so
// render can be called any number of times with different LocalRefs and always starts from the source.
import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { parseCss } from './css.ts';
import {
  RefList,
  resolveLink,
  resolveReference,
  trimAsciiWhitespace,
  writeReference,
  type FoundRef,
  type LocalRef,
  type RefKind,
} from './references.ts';
import { parseSrcset, serializeSrcset } from './srcset.ts';

export interface ParsedHtml {
  /** The URL references resolve against: the first `<base href>`, else the document's URL. */
  baseUrl: string;
  /** De-duplicated, in document order. */
  refs: FoundRef[];
  title?: string;
  /** The full document, references rewritten, `<meta charset="utf-8">` first in its head. */
  render(localRef: LocalRef): string;
}

export function parseHtml(html: string, documentUrl: string): ParsedHtml {
  const found = rewriteHtml(html, documentUrl, () => undefined, { topLevel: true });
  return {
    baseUrl: found.baseUrl,
    refs: found.refs.toArray(),
    ...(found.title !== undefined && { title: found.title }),
    render: (localRef) => rewriteHtml(html, documentUrl, localRef, { topLevel: true }).$.html(),
  };
}

const HTML_NS = 'http://www.w3.org/1999/xhtml';
const SVG_NS = 'http://www.w3.org/2000/svg';

/** One document (or noscript fragment, or srcdoc) being rewritten. */
interface Rewrite {
  base: string;
  /** The document's URL without its fragment: a link to it plus a fragment becomes just the fragment. */
  documentUrl: string;
  localRef: LocalRef;
  refs: RefList;
}

interface Rewritten {
  $: CheerioAPI;
  baseUrl: string;
  refs: RefList;
  title?: string;
}

interface RewriteOptions {
  /** The source document or a frame: reads the title and declares UTF-8. A srcdoc document does neither. */
  topLevel: boolean;
  /** What `<base href>` resolves against and what applies without one (a srcdoc's parent's base URL). */
  fallbackBase?: string;
  /** Where references go (a srcdoc's references are its parent's). */
  refs?: RefList;
}

function rewriteHtml(html: string, documentUrl: string, localRef: LocalRef, options: RewriteOptions): Rewritten {
  const $ = load(html);
  const root = $.root()[0];
  const withoutFragment = new URL(documentUrl);
  withoutFragment.hash = '';
  const fallbackBase = options.fallbackBase ?? withoutFragment.href;
  const rewrite: Rewrite = {
    base: takeBase($, root, fallbackBase),
    documentUrl: withoutFragment.href,
    localRef,
    refs: options.refs ?? new RefList(),
  };
  const title = options.topLevel ? findTitle(root) : undefined;
  rewriteChildren($, root, rewrite);
  if (options.topLevel) declareUtf8($);
  return { $, baseUrl: rewrite.base, refs: rewrite.refs, ...(title !== undefined && { title }) };
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

/** The stored copy is UTF-8: every charset declaration goes, and `<meta charset="utf-8">` opens the head. */
function declareUtf8($: CheerioAPI): void {
  const declarations = htmlElements($.root()[0], (e) =>
    e.name === 'meta' && (e.attribs.charset !== undefined || httpEquiv(e) === 'content-type'),
  );
  for (const meta of declarations) $(meta).remove();
  $('head').first().prepend('<meta charset="utf-8">');
}

/** HTML elements in document order, outside template contents and foreign (SVG, MathML) subtrees. */
function htmlElements(root: AnyNode, match: (el: Element) => boolean, limit = Infinity): Element[] {
  const found: Element[] = [];
  const visit = (node: AnyNode) => {
    for (const child of childrenOf(node)) {
      if (found.length >= limit) return;
      if (!isElement(child) || child.namespace !== HTML_NS) continue;
      if (match(child)) found.push(child);
      if (child.name !== 'template') visit(child);
    }
  };
  visit(root);
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// Elements

function rewriteChildren($: CheerioAPI, node: AnyNode, rewrite: Rewrite): void {
  // A copy: rewriting may remove an element (meta refresh).
  for (const child of [...childrenOf(node)]) {
    if (isElement(child)) {
      rewriteElement($, child, rewrite);
      if (child.parent === null) continue; // removed
    }
    // Template contents (a fragment node below the template element) included.
    rewriteChildren($, child, rewrite);
  }
}

function rewriteElement($: CheerioAPI, el: Element, rewrite: Rewrite): void {
  const name = el.name.toLowerCase();
  let local = false;
  const url = (attribute: string, kind: RefKind) => {
    local = rewriteUrl(el, attribute, kind, rewrite) || local;
  };
  const srcset = (attribute: string) => {
    local = rewriteSrcset(el, attribute, rewrite) || local;
  };
  const link = (attribute: string) => absolutize(el, attribute, rewrite);

  if (el.namespace === SVG_NS) {
    if (name === 'use' || name === 'image' || name === 'feimage') url('href', 'asset'); // href and xlink:href alike
    else if (name === 'a') link('href');
    else if (name === 'style') rewriteStyleElement($, el, rewrite);
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
      case 'embed':
        url('src', 'asset');
        break;
      case 'script':
        url('src', 'asset');
        break;
      case 'object':
        url('data', 'asset');
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
        local = rewriteLinkElement(el, rewrite);
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

  if (local) {
    // The local copy is not the bytes the hash was taken of (CSS is re-rendered). And the page runs in a
    // sandboxed (opaque) origin, so a CORS request to its own files needs CORS headers that a plain (no-cors)
    // request doesn't; a font preload keeps crossorigin, as the font load it stands for is CORS anyway.
    delete el.attribs.integrity;
    if (!isFontPreload(el)) delete el.attribs.crossorigin;
  }
}

function isFontPreload(el: Element): boolean {
  return el.name === 'link' && trimAsciiWhitespace(el.attribs.as ?? '').toLowerCase() === 'font';
}

// "shortcut icon" has the token "icon".
const ASSET_RELS = ['icon', 'apple-touch-icon', 'apple-touch-icon-precomposed', 'mask-icon', 'manifest'];
const PRELOAD_KINDS: Readonly<Record<string, RefKind>> = { style: 'stylesheet', font: 'asset', image: 'asset', script: 'asset' };

/** `<link>`: what the rel says is loaded is a reference; anything else (canonical, alternate, …) a link. */
function rewriteLinkElement(el: Element, rewrite: Rewrite): boolean {
  const rel = new Set(trimAsciiWhitespace(el.attribs.rel ?? '').toLowerCase().split(/[\t\n\f\r ]+/));
  let kind: RefKind | undefined;
  let local = false;
  if (rel.has('stylesheet')) kind = 'stylesheet';
  else if (ASSET_RELS.some((r) => rel.has(r))) kind = 'asset';
  else if (rel.has('modulepreload')) kind = 'asset';
  else if (rel.has('preload')) {
    const as = trimAsciiWhitespace(el.attribs.as ?? '').toLowerCase();
    kind = Object.hasOwn(PRELOAD_KINDS, as) ? PRELOAD_KINDS[as] : undefined;
    if (as === 'image') local = rewriteSrcset(el, 'imagesrcset', rewrite);
  }
  if (kind === undefined) {
    absolutize(el, 'href', rewrite);
    return local;
  }
  return rewriteUrl(el, 'href', kind, rewrite) || local;
}

function rewriteStyleElement($: CheerioAPI, el: Element, rewrite: Rewrite): void {
  const css = textOf(el);
  const parsed = parseCss(css, rewrite.base);
  for (const ref of parsed.refs) rewrite.refs.add(ref.url, ref.kind);
  const rendered = parsed.render(rewrite.localRef);
  if (rendered !== css) $(el).text(rendered);
}

/**
 * `<noscript>`: the parser keeps its content as text (scripting is on), but a visitor without scripts sees
 * it as HTML, so it is parsed as a fragment, rewritten, and put back as text.
 */
function rewriteNoscript($: CheerioAPI, el: Element, rewrite: Rewrite): void {
  const html = textOf(el);
  if (trimAsciiWhitespace(html) === '') return;
  const $fragment = load(html, null, false);
  rewriteChildren($fragment, $fragment.root()[0], rewrite);
  // Serialized attribute values keep a raw `<`, so an alt="&lt;/noscript&gt;…" would come back as markup that
  // ends the element: `&lt;` means the same inside an attribute and cannot end it.
  const rendered = $fragment.html().replace(/<\/noscript/gi, '&lt;/noscript');
  if (rendered !== html) $(el).text(rendered); // a text child of noscript is serialized raw
}

/** `<iframe srcdoc>`: a document of its own, whose base URL is its parent's; rewritten the same way. */
function rewriteSrcdoc(el: Element, rewrite: Rewrite): void {
  const srcdoc = el.attribs.srcdoc;
  if (srcdoc === undefined || trimAsciiWhitespace(srcdoc) === '') return;
  const inner = rewriteHtml(srcdoc, 'about:srcdoc', rewrite.localRef, {
    topLevel: false,
    fallbackBase: rewrite.base,
    refs: rewrite.refs,
  });
  el.attribs.srcdoc = inner.$.html();
}

// ---------------------------------------------------------------------------------------------------------
// Attributes

/** Rewrites one URL attribute; true when it now points at a local copy. */
function rewriteUrl(el: Element, attribute: string, kind: RefKind, rewrite: Rewrite): boolean {
  const value = el.attribs[attribute];
  if (value === undefined) return false;
  const resolved = resolveReference(value, rewrite.base);
  if (!resolved) return false;
  rewrite.refs.add(resolved.url, kind);
  const written = writeReference(resolved, kind, rewrite.localRef);
  el.attribs[attribute] = written.value;
  return written.local;
}

function rewriteSrcset(el: Element, attribute: string, rewrite: Rewrite): boolean {
  const value = el.attribs[attribute];
  if (value === undefined) return false;
  let local = false;
  let changed = false;
  const candidates = parseSrcset(value).map((candidate) => {
    const resolved = resolveReference(candidate.url, rewrite.base);
    if (!resolved) return candidate;
    rewrite.refs.add(resolved.url, 'asset');
    const written = writeReference(resolved, 'asset', rewrite.localRef);
    local ||= written.local;
    changed = true;
    return { url: written.value, descriptors: candidate.descriptors };
  });
  if (changed) el.attribs[attribute] = serializeSrcset(candidates);
  return local;
}

function rewriteStyleAttribute(el: Element, rewrite: Rewrite): void {
  const css = el.attribs.style;
  if (css === undefined) return;
  const parsed = parseCss(css, rewrite.base);
  if (parsed.refs.length === 0) return;
  for (const ref of parsed.refs) rewrite.refs.add(ref.url, ref.kind);
  el.attribs.style = parsed.render(rewrite.localRef);
}

/** A navigational link: absolute, so it leads to the original site; never a reference, never local. */
function absolutize(el: Element, attribute: string, rewrite: Rewrite): void {
  const value = el.attribs[attribute];
  if (value === undefined) return;
  const resolved = resolveLink(value, rewrite.base);
  if (!resolved) return;
  el.attribs[attribute] =
    resolved.url === rewrite.documentUrl && resolved.fragment !== '' ? resolved.fragment : resolved.url + resolved.fragment;
}

// ---------------------------------------------------------------------------------------------------------
// Nodes

function childrenOf(node: AnyNode): AnyNode[] {
  return 'children' in node ? node.children : [];
}

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function httpEquiv(el: Element): string {
  return trimAsciiWhitespace(el.attribs['http-equiv'] ?? '').toLowerCase();
}

function textOf(node: AnyNode): string {
  if (node.type === 'text') return node.data;
  return childrenOf(node).map(textOf).join('');
}
