// A captured document or stylesheet rendered once, with a marker wherever a reference goes: the references
// are written when the local paths are known (fillTemplate), with plain string work, no second parse.
//
// A marker is a random token (letters, digits, "_"), so every escaping on its way (attribute values, CSS
// strings, srcset) leaves it as it is; what replaces it is escaped as that place escapes.
import crypto from 'node:crypto';
import type { LocalRef, RefKind, Resolved } from './references.ts';
import { srcsetSafe } from './srcset.ts';

/** How a reference is written: as is, as one srcset candidate URL, as a CSS string, as CSS url("…"), or inside a JS string. */
export type RefFormat = 'plain' | 'srcset' | 'css-string' | 'css-url' | 'js-string';

export type Slot =
  /** A reference: its local copy when there is one, else the absolute URL; the fragment kept. */
  | { type: 'ref'; url: string; fragment: string; kind: RefKind; format: RefFormat; inAttribute: boolean }
  /** An attribute (integrity, crossorigin) written back unless one of the element's references is local. */
  | { type: 'attribute'; name: string; value: string; unlessLocal: number[] }
  /** A document inside this one: an iframe's srcdoc (an attribute) or a noscript's content (raw text). */
  | { type: 'document'; as: 'srcdoc' | 'noscript'; template: Template }
  /** Where the elements `<use>` shows from other SVG files are written (HTML: a hidden `<svg>`; SVG: `<defs>`). */
  | { type: 'sprites'; context: 'html' | 'svg' };

/** The elements of other SVG files that a document's `<use>` elements show, written into the document itself. */
export interface InlineElements {
  /** The id to point a `<use>` at for `url` + `fragment`, or undefined when that element isn't available. */
  idFor(url: string, fragment: string): string | undefined;
  /** Every element idFor was asked for, with the elements it refers to. */
  markup(context: 'html' | 'svg'): string;
}

export interface Template {
  /** The output with markers (the prefix plus "v<slot>_", or " <prefix>a<slot>_=\"\"" for an attribute). */
  text: string;
  prefix: string;
  slots: Slot[];
}

/** Collects the slots of one document (a nested document gets its own builder, same prefix). */
export class TemplateBuilder {
  readonly prefix: string;
  readonly slots: Slot[] = [];

  constructor(prefix = `o${crypto.randomBytes(8).toString('hex')}`) {
    this.prefix = prefix;
  }

  nested(): TemplateBuilder {
    return new TemplateBuilder(this.prefix);
  }

  /** The marker to write in place of a reference. */
  ref(resolved: Resolved, kind: RefKind, format: RefFormat, inAttribute: boolean): { id: number; marker: string } {
    const id = this.slots.push({ type: 'ref', url: resolved.url, fragment: resolved.fragment, kind, format, inAttribute }) - 1;
    return { id, marker: `${this.prefix}v${id}_` };
  }

  /** The attribute name to use instead of `name` (its value empty) for an attribute kept unless a reference is local. */
  attribute(name: string, value: string, unlessLocal: number[]): string {
    const id = this.slots.push({ type: 'attribute', name, value, unlessLocal }) - 1;
    return `${this.prefix}a${id}_`;
  }

  document(as: 'srcdoc' | 'noscript', template: Template): string {
    const id = this.slots.push({ type: 'document', as, template }) - 1;
    return `${this.prefix}v${id}_`;
  }

  sprites(context: 'html' | 'svg'): string {
    const id = this.slots.push({ type: 'sprites', context }) - 1;
    return `${this.prefix}v${id}_`;
  }

  build(text: string): Template {
    return { text, prefix: this.prefix, slots: this.slots };
  }
}

/** As parse5 escapes attribute values when it serializes. */
function escapeAttribute(value: string): string {
  return value.replace(/["&\u00a0]/g, (c) => (c === '"' ? '&quot;' : c === '&' ? '&amp;' : '&nbsp;'));
}

/** The template's text with every marker replaced; `<use>` shows `inline`'s elements when it has them. */
export function fillTemplate(template: Template, localRef: LocalRef, inlineElements?: InlineElements): string {
  // Only a document with a place for them (a body, an SVG root) gets the elements.
  const inline = template.slots.some((slot) => slot.type === 'sprites') ? inlineElements : undefined;
  const values: (string | undefined)[] = [];
  const local: boolean[] = [];
  template.slots.forEach((slot, id) => {
    if (slot.type !== 'ref') return;
    const inlined = slot.kind === 'sprite' && slot.fragment !== '' ? inline?.idFor(slot.url, slot.fragment) : undefined;
    const target = inlined === undefined ? localRef(slot.url, slot.kind) : '';
    local[id] = target !== undefined;
    let value = inlined === undefined ? (target ?? slot.url) + slot.fragment : `#${inlined}`;
    if (slot.format === 'srcset') value = srcsetSafe(value);
    else if (slot.format === 'css-string') value = cssString(value);
    else if (slot.format === 'css-url') value = `url(${cssString(value)})`;
    // A module specifier is a URL only when it starts with /, ./ or ../ (or a scheme): "a/b.js" is not.
    else if (slot.format === 'js-string') value = jsStringBody(/^(\.{0,2}\/|[a-z][a-z\d+.-]*:)/i.test(value) ? value : `./${value}`);
    values[id] = slot.inAttribute ? escapeAttribute(value) : value;
  });
  template.slots.forEach((slot, id) => {
    if (slot.type === 'attribute') {
      values[id] = slot.unlessLocal.some((ref) => local[ref]) ? '' : ` ${slot.name}="${escapeAttribute(slot.value)}"`;
    } else if (slot.type === 'document') {
      const filled = fillTemplate(slot.template, localRef);
      // A noscript's text is written raw: nothing in it may end the element.
      values[id] = slot.as === 'srcdoc' ? escapeAttribute(filled) : filled.replace(/<\/noscript/gi, '&lt;/noscript');
    } else if (slot.type === 'sprites') {
      values[id] = inline?.markup(slot.context) ?? '';
    }
  });
  const markers = new RegExp(` ${template.prefix}a(\\d+)_=""|${template.prefix}v(\\d+)_`, 'g');
  return template.text.replace(markers, (_, attribute: string | undefined, value: string | undefined) => values[Number(attribute ?? value)] ?? '');
}

/**
 * A double-quoted CSS string. Quotes and backslashes are escaped, control characters and "<" written as
 * hex escapes (so nothing written can end a <style> element or a string).
 */
export function cssString(value: string): string {
  // eslint-disable-next-line no-control-regex
  const escaped = value.replace(/[\u0000-\u001f\u007f"\\<]/g, (c) => (c === '"' || c === '\\' ? `\\${c}` : `\\${c.charCodeAt(0).toString(16)} `));
  return `"${escaped}"`;
}

/** The inside of a JavaScript string literal: quotes, backslashes, line ends and `<`, `>` as \u escapes. */
export function jsStringBody(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f"'`\\<>\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
