// References in CSS (stylesheets, <style> and style=""): found with a real tokenizer, rewritten by replacing
// only the tokens that hold them, so everything else is written back byte for byte.
import { tokenize, TokenType, type CSSToken } from '@csstools/css-tokenizer';
import { RefList, resolveReference, type FoundRef, type LocalRef, type RefKind, type Resolved } from './references.ts';
import { fillTemplate, TemplateBuilder, type Template } from './template.ts';

export interface ParsedCss {
  refs: FoundRef[];
  render(localRef: LocalRef): string;
}

export interface CssTemplate {
  refs: FoundRef[];
  /** The CSS with a marker of `builder` for each reference (see template.ts). */
  text: string;
}

/** A stretch of the source [start, end) replaced when rendering: by a reference, or removed. */
interface Edit {
  start: number;
  end: number;
  ref?: { resolved: Resolved; kind: RefKind; asUrlToken: boolean };
}

// Functions whose string argument is a URL ("url(" followed by a string is a function token, not a url token).
const URL_FUNCTIONS = new Set(['url', 'src']);
const IMAGE_SET_FUNCTIONS = new Set(['image-set', '-webkit-image-set']);

/** Finds the URLs in `css`, resolved against `baseUrl` (the stylesheet's own URL, or a document's base URL). */
export function parseCss(css: string, baseUrl: string): ParsedCss {
  const builder = new TemplateBuilder();
  const { refs, text } = templateCss(css, baseUrl, builder, false);
  const template: Template = builder.build(text);
  return { refs, render: (localRef) => fillTemplate(template, localRef) };
}

/** The CSS with its references replaced by markers of `builder`; `inAttribute` for a style="" attribute. */
export function templateCss(css: string, baseUrl: string, builder: TemplateBuilder, inAttribute: boolean): CssTemplate {
  const refs = new RefList();
  const edits = findEdits(css, baseUrl, refs);
  let text = '';
  let at = 0;
  for (const edit of edits) {
    text += css.slice(at, edit.start);
    if (edit.ref) text += builder.ref(edit.ref.resolved, edit.ref.kind, edit.ref.asUrlToken ? 'css-url' : 'css-string', inAttribute).marker;
    at = edit.end;
  }
  return { refs: refs.toArray(), text: text + css.slice(at) };
}

/** A top-level at-rule whose prelude is being read. */
interface Prelude {
  name: string;
  /** @import's URL has been seen (anything after it, in supports() say, is not the imported sheet). */
  importSeen: boolean;
}

function findEdits(css: string, baseUrl: string, refs: RefList): Edit[] {
  const tokens = tokenize({ css });
  const edits: Edit[] = [];
  // Open functions (their lowercased names) and blocks ("(", "[", "{"), innermost last.
  const open: string[] = [];
  let prelude: Prelude | undefined;

  const reference = (token: CSSToken, written: string, asUrlToken: boolean) => {
    if (prelude?.name === 'namespace') return; // a namespace name, never fetched
    const resolved = resolveReference(written, baseUrl);
    if (!resolved) return;
    let kind: RefKind = 'asset';
    if (prelude?.name === 'import' && !prelude.importSeen) {
      prelude.importSeen = true;
      kind = 'stylesheet';
    }
    refs.add(resolved.url, kind);
    edits.push({ start: token[2], end: token[3] + 1, ref: { resolved, kind, asUrlToken } });
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    switch (token[0]) {
      case TokenType.AtKeyword: {
        if (open.length > 0) break;
        const name = token[4].value.toLowerCase();
        if (name === 'charset') {
          // Stored CSS is UTF-8 and served as such: the declaration goes, up to its semicolon.
          const end = tokens.findIndex((t, j) => j > i && (t[0] === TokenType.Semicolon || t[0] === TokenType.OpenCurly || t[0] === TokenType.EOF));
          if (end !== -1 && tokens[end][0] === TokenType.Semicolon) {
            edits.push({ start: token[2], end: tokens[end][3] + 1 });
            i = end;
            break;
          }
        }
        prelude = { name, importSeen: false };
        break;
      }
      case TokenType.Semicolon:
        if (open.length === 0) prelude = undefined;
        break;
      case TokenType.URL:
        reference(token, token[4].value, true);
        break;
      case TokenType.String: {
        const inside = open.at(-1);
        const isUrl =
          (inside !== undefined && (URL_FUNCTIONS.has(inside) || IMAGE_SET_FUNCTIONS.has(inside))) ||
          (open.length === 0 && prelude?.name === 'import' && !prelude.importSeen);
        if (isUrl) reference(token, token[4].value, false);
        break;
      }
      case TokenType.Function:
        open.push(token[4].value.toLowerCase());
        break;
      case TokenType.OpenParen:
        open.push('(');
        break;
      case TokenType.OpenSquare:
        open.push('[');
        break;
      case TokenType.OpenCurly:
        if (open.length === 0) prelude = undefined;
        open.push('{');
        break;
      // A closer that matches nothing open is a stray token to the CSS parser, and closes nothing.
      case TokenType.CloseParen: {
        const inside = open.at(-1);
        if (inside !== undefined && inside !== '[' && inside !== '{') open.pop();
        break;
      }
      case TokenType.CloseSquare:
        if (open.at(-1) === '[') open.pop();
        break;
      case TokenType.CloseCurly:
        if (open.at(-1) === '{') open.pop();
        break;
    }
  }
  return edits;
}
