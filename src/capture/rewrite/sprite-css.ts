// The style sheets of an SVG sprite, for the copy of its elements in a document: Chromium styles what a
// `<use>` shows from another file with that file's own `<style>` rules, and a copy in the document keeps
// that look only if those rules come along. In the document they would apply to everything, so every class
// and id in them gets the sprite's prefix (as the copied elements' classes and ids do), and a selector that
// names no class or id (`path`, `*`) is dropped: no rule reaches the document's own elements.
import { tokenize, TokenType, type CSSToken } from '@csstools/css-tokenizer';

/** At-rules whose block holds rules (their selectors are scoped too). */
const GROUPING_RULES = new Set(['media', 'supports', 'layer', 'container', 'scope', 'starting-style']);
/**
 * At-rules whose block names nothing in the document, copied as they are. Any other is dropped: `@font-face`
 * and `@property` would redefine the document's own, and an `@import`ed sheet would apply unscoped.
 */
const COPIED_BLOCK_RULES = new Set(['keyframes', '-webkit-keyframes', 'font-feature-values']);

/** `css` with its selectors scoped to `prefix`; `ids` are the file's ids (an `#id` of another is left as is). */
export function scopeSpriteCss(css: string, prefix: string, ids: ReadonlySet<string>): string {
  const tokens = tokenize({ css });
  const keyframes = keyframesNames(tokens);
  let out = '';
  let i = 0;
  /**
   * Copies tokens up to the `}` that closes the block whose `{` was just passed, nested blocks included; an
   * animation names the file's keyframes by their prefixed names.
   */
  const copyBlock = () => {
    let depth = 1;
    let property = '';
    let lastIdent = '';
    for (; i < tokens.length && depth > 0; i++) {
      const t = tokens[i]!;
      if (t[0] === TokenType.OpenCurly) depth++;
      else if (t[0] === TokenType.CloseCurly) depth--;
      if (t[0] === TokenType.OpenCurly || t[0] === TokenType.CloseCurly || t[0] === TokenType.Semicolon) property = lastIdent = '';
      else if (t[0] === TokenType.Colon && property === '') property = lastIdent.toLowerCase();
      else if (t[0] === TokenType.Ident && property === '') lastIdent = t[4].value;
      else if (t[0] === TokenType.Ident && ANIMATION_PROPERTIES.has(property) && keyframes.has(t[4].value)) {
        out += prefix + t[1];
        continue;
      }
      out += t[1];
    }
  };
  const skipBlock = () => {
    const outBefore = out;
    copyBlock();
    out = outBefore;
  };
  const rules = (nested: boolean) => {
    while (i < tokens.length) {
      const t = tokens[i]!;
      if (t[0] === TokenType.EOF) return;
      if (t[0] === TokenType.Whitespace || t[0] === TokenType.Comment) {
        out += t[1];
        i++;
        continue;
      }
      if (t[0] === TokenType.CloseCurly) {
        if (nested) {
          out += t[1];
          i++;
          return;
        }
        i++; // a stray "}" at the top level
        continue;
      }
      // The prelude: up to "{" or ";" (a statement at-rule).
      const start = i;
      const ends = [TokenType.OpenCurly, TokenType.CloseCurly, TokenType.Semicolon, TokenType.EOF];
      while (i < tokens.length && !ends.includes(tokens[i]![0])) i++;
      const prelude = tokens.slice(start, i);
      const end = tokens[i];
      const first = prelude.find((p) => p[0] !== TokenType.Whitespace && p[0] !== TokenType.Comment);
      if (!end || end[0] !== TokenType.OpenCurly) {
        // A statement (`@import`, `@namespace`, `@layer a, b;`) is dropped.
        if (end?.[0] === TokenType.Semicolon) i++;
        continue;
      }
      i++; // past "{"
      if (first?.[0] === TokenType.AtKeyword) {
        const name = String(first[4].value).toLowerCase();
        if (GROUPING_RULES.has(name)) {
          out += prelude.map((p) => p[1]).join('') + '{';
          rules(true);
        } else if (COPIED_BLOCK_RULES.has(name)) {
          // The keyframes' own name prefixed, like the classes: the document's keyframes keep theirs.
          const isKeyframes = name.endsWith('keyframes');
          out += prelude.map((p) => (isKeyframes && p[0] === TokenType.Ident ? prefix + p[1] : p[1])).join('') + '{';
          copyBlock();
        } else skipBlock();
        continue;
      }
      const selectors = scopedSelectors(prelude, prefix, ids);
      if (selectors === '') {
        skipBlock();
        continue;
      }
      out += selectors + '{';
      copyBlock();
    }
  };
  rules(false);
  return out;
}

const ANIMATION_PROPERTIES = new Set(['animation', 'animation-name', '-webkit-animation', '-webkit-animation-name']);

/** The names `@keyframes` rules define (an identifier; a quoted name is left as it is). */
function keyframesNames(tokens: CSSToken[]): Set<string> {
  const names = new Set<string>();
  for (let j = 0; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t[0] !== TokenType.AtKeyword || !/^(-webkit-)?keyframes$/i.test(t[4].value)) continue;
    let k = j + 1;
    while (tokens[k]?.[0] === TokenType.Whitespace || tokens[k]?.[0] === TokenType.Comment) k++;
    const name = tokens[k];
    if (name?.[0] === TokenType.Ident) names.add(name[4].value);
  }
  return names;
}

/** The selector list, each selector scoped, those without a class or id left out ("" when none is left). */
function scopedSelectors(prelude: CSSToken[], prefix: string, ids: ReadonlySet<string>): string {
  const kept: string[] = [];
  let selector = '';
  let scoped = false;
  let depth = 0;
  const end = () => {
    if (scoped && selector.trim() !== '') kept.push(selector.trim());
    selector = '';
    scoped = false;
  };
  for (let j = 0; j < prelude.length; j++) {
    const t = prelude[j]!;
    const next = prelude[j + 1];
    if (t[0] === TokenType.OpenParen || t[0] === TokenType.Function || t[0] === TokenType.OpenSquare) depth++;
    else if (t[0] === TokenType.CloseParen || t[0] === TokenType.CloseSquare) depth--;
    if (t[0] === TokenType.Comma && depth === 0) {
      end();
      continue;
    }
    if (t[0] === TokenType.Delim && t[4].value === '.' && next?.[0] === TokenType.Ident) {
      selector += `.${prefix}${next[1]}`;
      scoped ||= depth === 0; // in :not() or :is() it does not narrow the selector
      j++;
      continue;
    }
    if (t[0] === TokenType.Hash && ids.has(t[4].value)) {
      selector += `#${prefix}${t[1].slice(1)}`;
      scoped ||= depth === 0;
      continue;
    }
    selector += t[1];
  }
  end();
  return kept.join(', ');
}
