// The text a person sees on a captured page, one line per block, for comparing two captures of it
// (watches): the body's text without scripts, styles, templates and hidden elements, whitespace collapsed.
import type { AnyNode, Element } from 'domhandler';
import { isElement, walk } from './dom.ts';

/** At most this many characters are kept (a watch compares pages, not books). */
export const MAX_VISIBLE_TEXT_CHARS = 64 * 1024;

const SKIPPED = new Set(['head', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'select', 'datalist']);
const BLOCK_NAMES =
  'address article aside blockquote br caption dd details dialog div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table td th tr ul';
const BLOCKS = new Set(BLOCK_NAMES.split(' '));

function hidden(el: Element): boolean {
  return el.attribs.hidden !== undefined || el.attribs['aria-hidden'] === 'true' || /display\s*:\s*none/i.test(el.attribs.style ?? '');
}

export function visibleText(root: AnyNode): string {
  const parts: string[] = [];
  let length = 0;
  walk(root, (node) => {
    if (length > MAX_VISIBLE_TEXT_CHARS) return false;
    if (node.type === 'text') {
      // A line break in the source is whitespace; lines come from blocks.
      parts.push(node.data.replace(/\s+/g, ' '));
      length += node.data.length;
      return false;
    }
    if (!isElement(node)) return false;
    if (SKIPPED.has(node.name) || hidden(node)) return false;
    if (BLOCKS.has(node.name)) parts.push('\n');
    return true;
  });
  const lines = parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
  return lines.join('\n').slice(0, MAX_VISIBLE_TEXT_CHARS);
}
