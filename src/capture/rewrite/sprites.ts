// `<use href="icons.svg#star">` from a sandboxed copy: browsers refuse a `<use>` of another file in an opaque
// origin, so the element it shows is written into the document itself, with what it refers to (gradients,
// clip paths, masks, other symbols: any `#id` it names, transitively), and `<use>` points at that copy.
// Ids and classes are prefixed per file, so they can't meet the document's own or another file's; the file's
// own `<style>` rules come along, scoped the same way (sprite-css.ts).
import crypto from 'node:crypto';
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { isElement, walk } from './dom.ts';
import { scopeSpriteCss } from './sprite-css.ts';
import { sanitizeSpriteCopy } from './sprite-sanitize.ts';
import { decodeXmlEntities, loadSvg, localName } from './svg.ts';
import type { InlineElements } from './template.ts';

/** `url(#id)` (quoted or not) and a whole-value `#id` reference. */
const URL_REFERENCE = /url\(\s*(["']?)#([^"')\s]+)\1\s*\)/g;

interface SpriteFile {
  $: CheerioAPI;
  byId: Map<string, Element>;
  prefix: string;
  /** The text of the file's `<style>` elements. */
  css: string;
  /** Whether the ids the file's rules name are wanted already. */
  cssWanted: boolean;
  /** The ids asked for, and those they need. */
  wanted: Set<string>;
}

export class SpriteInliner implements InlineElements {
  readonly #texts: ReadonlyMap<string, string>;
  readonly #files = new Map<string, SpriteFile>();

  /** `texts`: each SVG file's text (its own references already filled in), by URL. */
  constructor(texts: ReadonlyMap<string, string>) {
    this.#texts = texts;
  }

  idFor(url: string, fragment: string): string | undefined {
    const file = this.#file(url);
    let id: string;
    try {
      id = decodeURIComponent(fragment.slice(1));
    } catch {
      return undefined;
    }
    if (!file?.byId.has(id)) return undefined;
    // What the file's rules name (a gradient in `fill: url(#g)`) comes along with them.
    if (!file.cssWanted) for (const match of file.css.matchAll(URL_REFERENCE)) this.#want(file, match[2]);
    file.cssWanted = true;
    this.#want(file, id);
    return file.prefix + id;
  }

  markup(context: 'html' | 'svg'): string {
    let defs = '';
    for (const file of this.#files.values()) {
      if (file.wanted.size === 0) continue;
      if (file.css.trim() !== '') {
        const css = scopeSpriteCss(file.css, file.prefix, new Set(file.byId.keys()));
        // CDATA: in an HTML document, an SVG <style> holds markup, not raw text.
        defs += `<style><![CDATA[${renameUrls(file, css).replaceAll(']]>', ']]\\>')}]]></style>`;
      }
      // Elements in document order; one inside another that is written anyway is not written twice.
      const chosen = new Set([...file.byId].filter(([id]) => file.wanted.has(id)).map(([, el]) => el));
      defs += prefixedCopy(
        file,
        [...chosen].filter((el) => !insideOneOf(chosen, el)),
      );
    }
    if (defs === '') return '';
    if (context === 'svg') return `<defs>${defs}</defs>`;
    return (
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" aria-hidden="true" focusable="false"' +
      ` style="position:absolute;width:0;height:0;overflow:hidden"><defs>${defs}</defs></svg>`
    );
  }

  #file(url: string): SpriteFile | undefined {
    const known = this.#files.get(url);
    if (known) return known;
    const text = this.#texts.get(url);
    if (text === undefined) return undefined;
    const $ = loadSvg(text);
    const byId = new Map<string, Element>();
    let css = '';
    walk($.root()[0], (node) => {
      if (isElement(node) && node.attribs.id !== undefined && !byId.has(node.attribs.id)) byId.set(node.attribs.id, node);
      if (isElement(node) && localName(node) === 'style') css += styleText(node) + '\n';
      return true;
    });
    const prefix = `o${crypto.createHash('sha256').update(url).digest('hex').slice(0, 8)}-`;
    const file = { $, byId, prefix, css, cssWanted: false, wanted: new Set<string>() };
    this.#files.set(url, file);
    return file;
  }

  /** Marks `id` and every id its element refers to. */
  #want(file: SpriteFile, id: string): void {
    const queue = [id];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      if (file.wanted.has(next)) continue;
      const el = file.byId.get(next);
      if (!el) continue;
      file.wanted.add(next);
      forEachIn(el, (node) => {
        for (const ref of referencedIds(node)) if (!file.wanted.has(ref)) queue.push(ref);
      });
    }
  }
}

/** A `<style>`'s CSS: CDATA as it is, other text with its entities decoded (the file is read with them as written). */
function styleText(el: Element): string {
  let text = '';
  walk(el, (node) => {
    if (node.type === 'text') text += node.parent?.type === 'cdata' ? node.data : decodeXmlEntities(node.data);
    return true;
  });
  return text;
}

function renameUrls(file: SpriteFile, value: string): string {
  return value.replace(URL_REFERENCE, (_, quote: string, id: string) => `url(${quote}#${file.byId.has(id) ? file.prefix + id : id}${quote})`);
}

function insideOneOf(elements: ReadonlySet<AnyNode>, node: AnyNode): boolean {
  for (let at = node.parent; at; at = at.parent) if (elements.has(at)) return true;
  return false;
}

/** The element and every node inside it. */
function forEachIn(el: AnyNode, visit: (node: AnyNode) => void): void {
  visit(el);
  walk(el, (node) => {
    visit(node);
    return true;
  });
}

/** The ids a node names: `href="#x"`, `xlink:href="#x"`, `url(#x)` in any attribute or in style text. */
function referencedIds(node: AnyNode): string[] {
  const ids: string[] = [];
  const scan = (value: string) => {
    for (const match of value.matchAll(URL_REFERENCE)) ids.push(match[2]);
  };
  if (isElement(node)) {
    for (const [name, value] of Object.entries(node.attribs)) {
      if ((name === 'href' || name === 'xlink:href') && value.trim().startsWith('#')) ids.push(value.trim().slice(1));
      else scan(value);
    }
  } else if (node.type === 'text') {
    scan(node.data);
  }
  return ids;
}

/**
 * The elements serialized with every id and class in them, and every reference to an id of its file, prefixed;
 * its `<style>` elements left out (the file's rules are written once, scoped), and what a document must not
 * carry (sprite-sanitize.ts).
 */
function prefixedCopy(file: SpriteFile, elements: Element[]): string {
  const $copy = loadSvg(elements.map((el) => file.$.xml(el)).join(''));
  const rename = (id: string) => (file.byId.has(id) ? file.prefix + id : id);
  $copy('*')
    .filter((_, node) => isElement(node) && localName(node) === 'style')
    .remove();
  sanitizeSpriteCopy($copy.root()[0]);
  forEachIn($copy.root()[0], (node) => {
    if (!isElement(node)) return;
    for (const [name, value] of Object.entries(node.attribs)) {
      if (name === 'id') node.attribs[name] = rename(value);
      else if (name === 'class') node.attribs[name] = value.replace(/[^\t\n\f\r ]+/g, (c) => file.prefix + c);
      else if ((name === 'href' || name === 'xlink:href') && value.trim().startsWith('#')) node.attribs[name] = `#${rename(value.trim().slice(1))}`;
      else node.attribs[name] = renameUrls(file, value);
    }
  });
  return $copy.xml();
}
