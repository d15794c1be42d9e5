// References in a captured SVG document (an `<object data>`/`<embed src>` diagram, or a sprite that `<use>`
// shows): parsed as XML (cheerio with htmlparser2's XML mode, which keeps names, CDATA and processing
// instructions as written), references replaced with template markers, serialized back as XML. Entities are
// left as written (XML mode would otherwise write every non-ASCII character as one); the values read are
// decoded here, and those written back escaped.
import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { templateCss } from './css.ts';
import { isElement, textOf, walk } from './dom.ts';
import { resolveLink, resolveReference, RefList, type FoundRef, type RefKind } from './references.ts';
import type { TemplateBuilder } from './template.ts';

export interface TemplatedSvg {
  text: string;
  refs: FoundRef[];
}

export function loadSvg(text: string): CheerioAPI {
  return load(text, { xml: { xmlMode: true, decodeEntities: false } });
}

/** An attribute value as written (the serializer escapes `"` itself). */
function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** The element's name without a namespace prefix, lower case ("svg:feImage" → "feimage"). */
export function localName(el: Element): string {
  return el.name.slice(el.name.indexOf(':') + 1).toLowerCase();
}

export function templateSvg(text: string, documentUrl: string, template: TemplateBuilder): TemplatedSvg {
  const $ = loadSvg(text);
  const refs = new RefList();
  const root = $.root()[0];
  const url = (el: Element, attribute: string, kind: RefKind): boolean => {
    const value = el.attribs[attribute];
    const resolved = value === undefined ? undefined : resolveReference(decodeXmlEntities(value), documentUrl);
    if (!resolved) return false;
    refs.add(resolved.url, kind);
    el.attribs[attribute] = template.ref(resolved, kind, 'plain', true).marker;
    return true;
  };
  let usesSprites = false;
  let svgRoot: Element | undefined;
  for (const node of root.children) {
    if (node.type === 'directive') rewriteDirective(node as AnyNode & { data: string }, documentUrl, refs, template);
    else if (isElement(node) && !svgRoot) svgRoot = node;
  }
  /** `<foreignObject>`s and what is inside them (the walk meets a parent before its children). */
  const foreign = new Set<AnyNode>();
  walk(root, (node) => {
    if (!isElement(node)) return true;
    const name = localName(node);
    const inForeignObject = node.parent !== null && foreign.has(node.parent);
    if (inForeignObject || name === 'foreignobject') foreign.add(node);
    if (inForeignObject) rewriteHtmlElement(node, name, url);
    for (const attribute of ['href', 'xlink:href']) {
      if (name === 'image' || name === 'feimage' || name === 'script') url(node, attribute, 'asset');
      else if (name === 'use') usesSprites = url(node, attribute, 'sprite') || usesSprites;
      else if (name === 'a' && node.attribs[attribute] !== undefined) {
        const resolved = resolveLink(decodeXmlEntities(node.attribs[attribute]), documentUrl);
        if (resolved) node.attribs[attribute] = escapeXml(resolved.url + resolved.fragment);
      }
    }
    if (name === 'style') rewriteStyle(node, documentUrl, refs, template);
    const style = node.attribs.style;
    if (style !== undefined) {
      const parsed = templateCss(decodeXmlEntities(style), documentUrl, template, true);
      for (const ref of parsed.refs) refs.add(ref.url, ref.kind);
      if (parsed.refs.length > 0) node.attribs.style = escapeXml(parsed.text);
    }
    return true;
  });
  // Where the elements that `<use>` shows from other files are written in (see sprites.ts).
  if (usesSprites && svgRoot) $(svgRoot).append(template.sprites('svg'));
  return { text: $.xml(), refs: refs.toArray() };
}

/** Loads a frame's document: parsed as one. */
const HTML_FRAMES = new Set(['iframe', 'frame', 'embed']);
const HTML_SOURCES = new Set(['img', 'video', 'audio', 'source', 'track', 'input', 'script', ...HTML_FRAMES]);

/**
 * An HTML element inside `<foreignObject>`: what it loads is a reference like in an HTML document; a srcset is
 * removed (its src stays).
 */
function rewriteHtmlElement(el: Element, name: string, url: (el: Element, attribute: string, kind: RefKind) => boolean): void {
  if (HTML_SOURCES.has(name)) url(el, 'src', HTML_FRAMES.has(name) ? 'document' : 'asset');
  if (name === 'video') url(el, 'poster', 'asset');
  if (name === 'object') url(el, 'data', 'document');
  if (name === 'link') url(el, 'href', /(^|\s)stylesheet(\s|$)/i.test(el.attribs.rel ?? '') ? 'stylesheet' : 'asset');
  if (name === 'img' || name === 'source') delete el.attribs.srcset;
}

/** `<style>`: its text (or CDATA) rewritten in place. */
function rewriteStyle(el: Element, base: string, refs: RefList, template: TemplateBuilder): void {
  const texts: (AnyNode & { data: string })[] = [];
  walk(el, (n) => {
    if (n.type === 'text') texts.push(n as AnyNode & { data: string });
    return true;
  });
  if (texts.length !== 1) return; // empty, or CSS split by comments: left alone
  const parsed = templateCss(textOf(el), base, template, false);
  for (const ref of parsed.refs) refs.add(ref.url, ref.kind);
  texts[0].data = parsed.text;
}

/**
 * `<?xml-stylesheet href="…"?>` is a stylesheet; the XML declaration says UTF-8 (the stored copy is), the
 * rest is kept.
 */
function rewriteDirective(node: { data: string }, base: string, refs: RefList, template: TemplateBuilder): void {
  if (/^\?xml\s/i.test(node.data)) {
    node.data = node.data.replace(/(\sencoding\s*=\s*)(["'])[^"']*\2/i, '$1$2UTF-8$2');
  } else if (/^\?xml-stylesheet\s/i.test(node.data)) {
    node.data = node.data.replace(/(\shref\s*=\s*)(["'])([^"']*)\2/i, (whole, prefix: string, quote: string, href: string) => {
      const resolved = resolveReference(decodeXmlEntities(href), base);
      if (!resolved) return whole;
      refs.add(resolved.url, 'stylesheet');
      return `${prefix}${quote}${template.ref(resolved, 'stylesheet', 'plain', true).marker}${quote}`;
    });
  }
}

export function decodeXmlEntities(value: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (whole, entity: string) => {
    if (entity[0] !== '#') return named[entity.toLowerCase()] ?? whole;
    const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
