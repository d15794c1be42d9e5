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

function isHtml(type: string): boolean {
  return type.split(';', 1)[0].trim().toLowerCase() === 'text/html';
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
 * `<head>` start tags when they are there. A document in UTF-16 (by its byte order mark, which outranks the
 * Content-Type's charset) is left as it is.
 */
export function withShim(html: Buffer): Buffer {
  if (html.length >= 2 && ((html[0] === 0xfe && html[1] === 0xff) || (html[0] === 0xff && html[1] === 0xfe))) return html;
  const at = insertionPoint(html.subarray(0, SCAN_BYTES).toString('latin1'));
  return Buffer.concat([html.subarray(0, at), SHIM_ELEMENT, html.subarray(at)]);
}

/** How far into a document the insertion point is looked for. */
const SCAN_BYTES = 64 * 1024;

function insertionPoint(text: string): number {
  let at = text.startsWith('\u00ef\u00bb\u00bf') ? 3 : 0;
  at = skipMarkup(text, at, /^<!doctype[\s>]/i);
  for (const tag of [/^<html[\s/>]/i, /^<head[\s/>]/i]) {
    const start = skipMarkup(text, at);
    if (!tag.test(text.slice(start, start + 6))) continue;
    const end = tagEnd(text, start);
    if (end < 0) break;
    at = end;
  }
  return at;
}

/** Past whitespace, comments and processing instructions from `at` (and one declaration matching `declaration`). */
function skipMarkup(text: string, at: number, declaration?: RegExp): number {
  for (;;) {
    while (at < text.length && /\s/.test(text[at])) at++;
    if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end < 0) return at;
      at = end + 3;
    } else if (text.startsWith('<?', at) || (declaration?.test(text.slice(at, at + 10)) ?? false)) {
      if (!text.startsWith('<?', at)) declaration = undefined;
      const end = text.indexOf('>', at);
      if (end < 0) return at;
      at = end + 1;
    } else {
      return at;
    }
  }
}

/** Where the start tag at `start` ends (after its `>`; quoted attribute values may hold one), or -1. */
function tagEnd(text: string, start: number): number {
  let quote = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i + 1;
    }
  }
  return -1;
}
