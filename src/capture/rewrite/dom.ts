// Parsing HTML for a capture (cheerio with parse5, as a browser parses) with a cap on how deep elements nest,
// and the tree walks the rewrite needs, iterative so no document can exhaust the stack.
//
// parse5 looks through the stack of open elements for most start tags (a <p> to close, say), so its cost
// grows with the square of the nesting; and a tree nested tens of thousands deep overflows the stack of the
// (recursive) serializer. Browsers flatten what is deeper than a few hundred levels; a capture refuses it,
// since a copy with another structure is not the page.
import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element, ParentNode } from 'domhandler';
import { adapter } from 'parse5-htmlparser2-tree-adapter';

/** Elements nested deeper than this are refused (browsers flatten at 512 too). */
export const MAX_NESTING_DEPTH = 512;

/** The document nests elements deeper than MAX_NESTING_DEPTH. */
export class DocumentTooDeep extends Error {
  readonly reason = 'too-deep';

  constructor() {
    super(`it nests elements more than ${MAX_NESTING_DEPTH} levels deep, which Outpost does not capture (browsers flatten such pages too).`);
    this.name = 'DocumentTooDeep';
  }
}

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function childrenOf(node: AnyNode): AnyNode[] {
  return 'children' in node ? node.children : [];
}

/** How many elements `node` is inside of, plus `node` itself if it is one; at most `limit` + 1 is counted. */
export function depthOf(node: AnyNode | null, limit = MAX_NESTING_DEPTH): number {
  let depth = 0;
  for (let at = node; at && depth <= limit; at = at.parent) if (isElement(at)) depth++;
  return depth;
}

/**
 * A document (or, `asDocument` false, a fragment) whose elements sit `depth` levels deep in the document
 * they come from (a noscript's content, a srcdoc): throws DocumentTooDeep past the cap, as soon as the
 * parser gets there.
 */
export function loadLimited(html: string, asDocument: boolean, depth = 0): CheerioAPI {
  const room = MAX_NESTING_DEPTH - depth;
  if (room < 0) throw new DocumentTooDeep();
  // A fragment is parsed below a stand-in <html> element, one level more than where it ends up.
  const parseRoom = asDocument ? room : room + 1;
  const check = (parent: ParentNode, node: AnyNode) => {
    if (isElement(node) && depthOf(parent, parseRoom) >= parseRoom) throw new DocumentTooDeep();
  };
  const treeAdapter: typeof adapter = {
    ...adapter,
    // parse5 names `xlink:href` "href" (in the xlink namespace), so an element with both kept only the last;
    // a prefixed attribute keeps its qualified name instead, and is serialized as written.
    createElement(tagName, namespaceURI, attrs) {
      const qualified = attrs.some((a) => a.prefix) ? attrs.map((a) => (a.prefix ? { name: `${a.prefix}:${a.name}`, value: a.value } : a)) : attrs;
      return adapter.createElement(tagName, namespaceURI, qualified);
    },
    appendChild(parent, node) {
      check(parent, node);
      adapter.appendChild(parent, node);
    },
    insertBefore(parent, node, reference) {
      check(parent, node);
      adapter.insertBefore(parent, node, reference);
    },
  };
  const $ = load(html, { treeAdapter }, asDocument);
  // The parser also moves subtrees (misnested formatting elements), which the checks above don't see.
  if (maxDepth($.root()[0]) > room) throw new DocumentTooDeep();
  return $;
}

/** The deepest element nesting below `root`. */
function maxDepth(root: AnyNode): number {
  let deepest = 0;
  const stack: [AnyNode, number][] = [[root, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    deepest = Math.max(deepest, depth);
    for (const child of childrenOf(node)) stack.push([child, isElement(child) ? depth + 1 : depth]);
  }
  return deepest;
}

/**
 * Every node below `root` in document order (`root` excluded). `enter` decides whether a node's children are
 * visited, and is called before they are read, so it may change them (or remove the node: then they aren't).
 */
export function walk(root: AnyNode, enter: (node: AnyNode) => boolean): void {
  const stack = [...childrenOf(root)].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (!enter(node) || node.parent === null) continue;
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/** The text of a node: its text descendants, in order. */
export function textOf(node: AnyNode): string {
  if (node.type === 'text') return node.data;
  let text = '';
  walk(node, (n) => {
    if (n.type === 'text') text += n.data;
    return true;
  });
  return text;
}
