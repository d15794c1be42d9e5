// What of a sprite's elements may be copied into a document. A `<use>` of another file never runs that
// file's scripts nor shows its HTML; a copy in the document would, and the document's HTML parser reads the
// copy differently from the XML parser that read the sprite (a comment ending in `--!>`, a `<p>` that
// leaves the `<svg>`, a `<title>` whose content is HTML). So only SVG's graphics elements are kept, with
// no event handler, no script URL, no animation of a reference, no comment or processing instruction, and
// text re-escaped.
import type { AnyNode, Element } from 'domhandler';
import { Text } from 'domhandler';
import { isElement, walk } from './dom.ts';
import { decodeXmlEntities, localName } from './svg.ts';

const SVG_ELEMENTS = new Set(
  [
    'a',
    'animate',
    'animateMotion',
    'animateTransform',
    'circle',
    'clipPath',
    'defs',
    'desc',
    'ellipse',
    'feBlend',
    'feColorMatrix',
    'feComponentTransfer',
    'feComposite',
    'feConvolveMatrix',
    'feDiffuseLighting',
    'feDisplacementMap',
    'feDistantLight',
    'feDropShadow',
    'feFlood',
    'feFuncA',
    'feFuncB',
    'feFuncG',
    'feFuncR',
    'feGaussianBlur',
    'feImage',
    'feMerge',
    'feMergeNode',
    'feMorphology',
    'feOffset',
    'fePointLight',
    'feSpecularLighting',
    'feSpotLight',
    'feTile',
    'feTurbulence',
    'filter',
    'g',
    'image',
    'line',
    'linearGradient',
    'marker',
    'mask',
    'mpath',
    'path',
    'pattern',
    'polygon',
    'polyline',
    'radialGradient',
    'rect',
    'set',
    'stop',
    'svg',
    'switch',
    'symbol',
    'text',
    'textPath',
    'title',
    'tspan',
    'use',
    'view',
  ].map((name) => name.toLowerCase()),
);

const ANIMATIONS = new Set(['animate', 'animatemotion', 'animatetransform', 'set']);

/** Elements whose content the HTML parser reads as HTML: only their text is kept. */
const TEXT_ONLY = new Set(['title', 'desc']);

/** `url(` not followed by a `#fragment`: a resource of another file, which presentation attributes may not name. */
const EXTERNAL_URL = /url\(\s*(?!["']?\s*#)/i;

/** Removes from `root`'s subtree what a copy in a document must not carry. */
export function sanitizeSpriteCopy(root: AnyNode): void {
  walk(root, (node) => {
    if (node.type === 'text') {
      const text = node as AnyNode & { data: string };
      text.data = escapeText(decodeXmlEntities(text.data));
      return false;
    }
    if (node.type === 'cdata') {
      // Its text becomes plain (escaped) text in its place.
      replace(node, new Text(escapeText(node.children.map((child) => ('data' in child ? String(child.data) : '')).join(''))));
      return false;
    }
    if (!isElement(node)) {
      remove(node); // comments, processing instructions, directives
      return false;
    }
    const name = localName(node);
    if (!SVG_ELEMENTS.has(name) || (ANIMATIONS.has(name) && animatesReference(node))) {
      remove(node);
      return false;
    }
    if (TEXT_ONLY.has(name)) for (const child of [...node.children]) if (child.type !== 'text') remove(child);
    for (const [attribute, value] of Object.entries(node.attribs)) {
      const local = attribute.slice(attribute.indexOf(':') + 1).toLowerCase();
      if (local.startsWith('on') || (local === 'href' && !safeHref(decodeXmlEntities(value), name))) delete node.attribs[attribute];
      else if (attribute !== 'style' && EXTERNAL_URL.test(decodeXmlEntities(value))) delete node.attribs[attribute];
    }
    return true;
  });
}

/** `<animate attributeName="href">`, `<set attributeName="xlink:href">`: would point an element elsewhere. */
function animatesReference(el: Element): boolean {
  const target = decodeXmlEntities(el.attribs.attributeName ?? el.attribs.attributename ?? '')
    .trim()
    .toLowerCase();
  return target.slice(target.indexOf(':') + 1) === 'href';
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A fragment, an http(s) address (a local path resolves as one), or for an image a `data:` one. */
function safeHref(value: string, element: string): boolean {
  const trimmed = value.trim();
  if (trimmed.startsWith('#')) return true;
  const url = URL.parse(trimmed, 'http://local.invalid/');
  if (!url) return false;
  return url.protocol === 'http:' || url.protocol === 'https:' || (url.protocol === 'data:' && (element === 'image' || element === 'feimage'));
}

function remove(node: AnyNode): void {
  const siblings = node.parent?.children;
  if (siblings) siblings.splice(siblings.indexOf(node as never), 1);
  if (node.prev) node.prev.next = node.next;
  if (node.next) node.next.prev = node.prev;
  node.parent = null;
  node.prev = null;
  node.next = null;
}

function replace(node: AnyNode, by: AnyNode): void {
  const siblings = node.parent?.children;
  if (!siblings) return;
  siblings[siblings.indexOf(node as never)] = by as never;
  by.parent = node.parent;
  by.prev = node.prev;
  by.next = node.next;
  if (node.prev) node.prev.next = by;
  if (node.next) node.next.prev = by;
  node.parent = null;
}
