// The imports of an ES module: static `import … from` / `export … from` and `import()` with a string literal,
// found with es-module-lexer (a real lexer: comments, strings, regexes and template literals can't fool it)
// and replaced with template markers. Bare specifiers ("lodash") are left alone: only an import map gives
// them a URL.
import { initSync, parse, type ImportSpecifier } from 'es-module-lexer';
import { resolveReference, type FoundRef, type RefKind } from './references.ts';
import type { TemplateBuilder } from './template.ts';

initSync();

const STATIC = new Set([1, 4, 6]); // import … from, import source …, import defer …
const DYNAMIC = new Set([2, 5, 7]); // import(), import.source(), import.defer()

export interface TemplatedModule {
  text: string;
  refs: FoundRef[];
}

/** Throws when the text is not JavaScript the lexer can read. */
export function templateModule(text: string, base: string, template: TemplateBuilder): TemplatedModule {
  const [imports] = parse(text);
  const refs: FoundRef[] = [];
  let out = '';
  let at = 0;
  for (const found of imports) {
    const isStatic = STATIC.has(found.t);
    if ((!isStatic && !DYNAMIC.has(found.t)) || found.n === undefined) continue;
    const resolved = resolveSpecifier(found.n, base);
    if (!resolved) continue;
    const kind = kindOf(found);
    refs.push({ url: resolved.url, kind });
    const { marker } = template.ref(resolved, kind, 'js-string', false);
    // A static specifier's range is inside its quotes; a dynamic one's is the whole literal (quotes included).
    out += text.slice(at, found.s) + (isStatic ? marker : `"${marker}"`);
    at = found.e;
  }
  return { text: out + text.slice(at), refs };
}

/** As a browser resolves a module specifier without an import map: a URL, or a path starting /, ./ or ../. */
export function resolveSpecifier(specifier: string, base: string) {
  if (!/^(\/|\.\/|\.\.\/)/.test(specifier) && !URL.canParse(specifier)) return undefined;
  return resolveReference(specifier, base);
}

/** `with { type: 'json' }` is data, `type: 'css'` a stylesheet; anything else a module. */
function kindOf(found: ImportSpecifier): RefKind {
  const type = found.at?.find(([key]) => key === 'type')?.[1];
  return type === 'json' ? 'asset' : type === 'css' ? 'stylesheet' : 'module';
}
