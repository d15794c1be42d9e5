// The script shims of a page (shim-script.ts) added to its HTML documents as they are served: the stored file
// and the export keep their bytes; what is sent is another representation, with its own entity tags
// (`<sha256>-s<shim hash>`) and Content-Length. Its bytes are made once per file (and shim text) and kept in
// the content cache like any small file's, so the fast path serves them as it serves the others.
import { createHash } from 'node:crypto';
import type { ContentCache, ResolvedFile, ServedPage } from './caches.ts';
import type { RETRY } from './resolve-path.ts';
import { SHIM_ELEMENT } from './shim-script.ts';

const SHIM_TAG = createHash('sha256').update(SHIM_ELEMENT).digest('hex').slice(0, 12);

/** Whether the page's documents get the shims (a capture turns them on; an owner may turn them on or off). */
export function shimsOn(page: ServedPage | null): boolean {
  return page?.script_shims === true;
}

/**
 * Whether `target` is served with the shims: an HTML document of a page that has them on, small enough for the
 * content cache with the shim added (a larger document is sent as stored).
 */
export function wantsShim(page: ServedPage | null, target: ResolvedFile, cache: ContentCache): boolean {
  return shimsOn(page) && isHtml(target.type) && target.file.size + SHIM_ELEMENT.length <= cache.maxEntryBytes;
}

/** An HTML type whose charset, if named, is not UTF-16 (where the ASCII element would not read as text). */
function isHtml(type: string): boolean {
  const [essence, ...params] = type.toLowerCase().split(';');
  return essence.trim() === 'text/html' && !params.some((param) => /^\s*charset\s*=\s*"?utf-16/.test(param));
}

/** The shimmed representation of each file served so far (its size is known once its bytes were made). */
const shimmedTargets = new WeakMap<ResolvedFile, ResolvedFile>();

/** The shimmed representation of `target` if its bytes were made already (the fast path's question). */
export function knownShimmedTarget(target: ResolvedFile): ResolvedFile | undefined {
  return shimmedTargets.get(target);
}

/**
 * The shimmed document for `target`: its bytes from the content cache, or made from the stored bytes
 * (`readStored`) and cached; RETRY when the stored bytes could not be read because the version was replaced.
 */
export async function shimmedDocument(
  cache: ContentCache,
  target: ResolvedFile,
  readStored: () => Promise<Buffer | typeof RETRY>,
): Promise<{ target: ResolvedFile; bytes: Buffer } | typeof RETRY> {
  const key = shimmedKey(target.file.sha256);
  let bytes = cache.get(key);
  if (bytes === undefined) {
    const stored = await readStored();
    if (typeof stored === 'symbol') return stored;
    bytes = withShim(stored);
    cache.set(key, bytes);
  }
  let shimmed = shimmedTargets.get(target);
  if (shimmed === undefined) {
    shimmed = shimmedTarget(target, key, bytes.length);
    shimmedTargets.set(target, shimmed);
  }
  return { target: shimmed, bytes };
}

/** The content-cache key (and entity-tag stem) of a file's shimmed bytes. */
function shimmedKey(sha256: string): string {
  return `${sha256}-s${SHIM_TAG}`;
}

/** `target` as its shimmed representation: `file.sha256` becomes the key of its bytes, which are never read from storage. */
function shimmedTarget(target: ResolvedFile, key: string, size: number): ResolvedFile {
  return {
    ...target,
    file: { ...target.file, sha256: key, size },
    tags: { identity: `"${key}"`, br: `"${key}-br"`, gzip: `"${key}-gzip"` },
  };
}

/**
 * `html` with the shim element inserted where it runs first and changes nothing else: after a byte order mark,
 * leading comments, the doctype (before it, the document would fall into quirks mode) and the `<html>` and
 * `<head>` start tags when they are there. Comments and start tags end where the HTML tokenizer ends them, so
 * no document can make the element land inside an attribute, a comment or the text of an element. A document in
 * UTF-16 (by its byte order mark, which outranks the Content-Type's charset) is left as it is.
 */
export function withShim(html: Buffer): Buffer {
  if (html.length >= 2 && ((html[0] === 0xfe && html[1] === 0xff) || (html[0] === 0xff && html[1] === 0xfe))) return html;
  const at = insertionPoint(html.toString('latin1'));
  return Buffer.concat([html.subarray(0, at), SHIM_ELEMENT, html.subarray(at)]);
}

function insertionPoint(text: string): number {
  let at = text.startsWith('\u00ef\u00bb\u00bf') ? 3 : 0;
  at = skipMarkup(text, at, true);
  for (const tag of [/^<html[\t\n\f\r />]/i, /^<head[\t\n\f\r />]/i]) {
    const start = skipMarkup(text, at, false);
    if (!tag.test(text.slice(start, start + 6))) continue;
    const end = tagEnd(text, start + 5);
    if (end < 0) break;
    at = end;
  }
  return at;
}

const HTML_SPACE = /[\t\n\f\r ]/;

/**
 * Past whitespace, comments and processing instructions from `at` (and the doctype when `doctype`). Where the
 * tokenizer ends each: a comment at `-->` or `--!>` (or at once, `<!-->` and `<!--->`), anything else starting
 * with `<!` or `<?` at its first `>`. An unterminated one swallows the rest, so the element goes before it.
 */
function skipMarkup(text: string, at: number, doctype: boolean): number {
  for (;;) {
    while (at < text.length && HTML_SPACE.test(text[at])) at++;
    let end: number;
    if (text.startsWith('<!--', at)) {
      const dashes = text.indexOf('-->', at + 2);
      const bang = text.indexOf('--!>', at + 4);
      end = dashes < 0 ? (bang < 0 ? -1 : bang + 4) : bang < 0 || dashes < bang ? dashes + 3 : bang + 4;
    } else if (text.startsWith('<?', at) || (text.startsWith('<!', at) && (doctype || !/^<!doctype/i.test(text.slice(at, at + 9))))) {
      const close = text.indexOf('>', at);
      end = close < 0 ? -1 : close + 1;
      if (/^<!doctype/i.test(text.slice(at, at + 9))) doctype = false;
    } else {
      return at;
    }
    if (end < 0) return at;
    at = end;
  }
}

/**
 * Where the start tag whose name ends before `from` ends (after its `>`), or -1, following the tokenizer's
 * attribute states: a quote opens a value only right after `=`; elsewhere it is part of a name or value.
 */
function tagEnd(text: string, from: number): number {
  let state: 'between' | 'name' | 'afterName' | 'beforeValue' | 'unquoted' = 'between';
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    const space = HTML_SPACE.test(c);
    if (c === '>' && state !== 'beforeValue') return i + 1;
    switch (state) {
      case 'between':
        if (!space && c !== '/') state = 'name';
        break;
      case 'name':
        if (space) state = 'afterName';
        else if (c === '/') state = 'between';
        else if (c === '=') state = 'beforeValue';
        break;
      case 'afterName':
        if (c === '=') state = 'beforeValue';
        else if (c === '/') state = 'between';
        else if (!space) state = 'name';
        break;
      case 'beforeValue':
        if (c === '"' || c === "'") {
          const close = text.indexOf(c, i + 1);
          if (close < 0) return -1;
          i = close;
          state = 'between';
        } else if (c === '>') {
          return i + 1;
        } else if (!space) {
          state = 'unquoted';
        }
        break;
      case 'unquoted':
        if (space) state = 'between';
        break;
    }
  }
  return -1;
}
