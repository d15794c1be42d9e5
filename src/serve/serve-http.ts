// HTTP details of serving /p/ shared by the hapi routes (serve.ts) and the fast path (serve-fast.ts), so
// both answer alike: the sandbox headers, content-coding negotiation, and conditional requests.
import type { ByteRange } from '../pages/file-reader.ts';
import type { ResolvedFile } from './serve-cache.ts';

/**
 * The sandbox every /p/ response is served under: scripts run, but in an opaque origin (no allow-same-origin).
 * Popups (a link with target=_blank, window.open) escape it: a popup that inherited the sandbox could not load
 * a document sent with Cross-Origin-Opener-Policy (browsers refuse that pairing), and another /p/ page is always
 * sent with one. The popup is not left with an origin: a /p/ page brings this same sandbox in its own response,
 * and the COOP below cuts it off from its opener.
 */
export const PAGE_CSP = 'sandbox allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox allow-modals allow-downloads';

/** The headers every /p/ response carries (besides Cache-Control, which is `no-cache` unless said otherwise). */
export const PAGE_HEADERS: readonly (readonly [name: string, value: string])[] = [
  ['Content-Security-Policy', PAGE_CSP],
  ['Referrer-Policy', 'no-referrer'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['X-Content-Type-Options', 'nosniff'],
];

/**
 * Sent with every file of a page (200, 206, 304; hapi route and fast path alike). A page's document has an
 * opaque origin (`null`, the sandbox above), so its CORS-mode loads of its own files (web fonts, module scripts,
 * `crossorigin` images, fetch()) are cross-origin and need this to succeed.
 *
 * Why `*` is safe here: it allows reads WITHOUT credentials only (browsers refuse `*` for a credentialed request,
 * and no /p/ response ever sends Access-Control-Allow-Credentials), so no other site can read anything through a
 * visitor's cookies. Without credentials, a protected page answers only its gate, a 401/403 or a redirect (those
 * carry no file and no such header), unless the URL itself holds a grant (grant.ts): and whoever has that URL has
 * the access already. Public files are public anyway.
 */
export const FILE_CORS_HEADER: readonly [name: string, value: string] = ['Access-Control-Allow-Origin', '*'];

/** Smaller text files are sent as they are: compressing them saves next to nothing. */
export const MIN_COMPRESS_BYTES = 1024;

export type Encoding = 'br' | 'gzip';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** The coding a file is sent in for this Accept-Encoding: br/gzip for text types of MIN_COMPRESS_BYTES or more. */
export function encodingFor(target: ResolvedFile, acceptEncoding: string | undefined): Encoding | null {
  return target.compressible && target.file.size >= MIN_COMPRESS_BYTES ? negotiateEncoding(acceptEncoding) : null;
}

/** br or gzip, whichever Accept-Encoding prefers (q-values, `*`); br on a tie; null for neither. */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  let br: number | undefined;
  let gz: number | undefined;
  let any: number | undefined;
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.split(';');
    let q = 1;
    for (const param of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(param);
      if (m) q = Number.isFinite(Number(m[1])) ? Number(m[1]) : 0;
    }
    const coding = name.trim().toLowerCase();
    if (coding === 'br') br = q;
    else if (coding === 'gzip' || coding === 'x-gzip') gz = q;
    else if (coding === '*') any = q;
  }
  const qBr = br ?? any ?? 0;
  const qGzip = gz ?? any ?? 0;
  if (qBr <= 0 && qGzip <= 0) return null;
  return qBr >= qGzip ? 'br' : 'gzip';
}

/**
 * The entity tag to answer 304 with, or null. Weak comparison (a `W/` prefix is ignored), and any coding of
 * the same content matches (the client's stored copy is valid whatever its coding; the 304 names the tag it
 * holds so that copy is the one refreshed). `*` matches, since the file exists.
 */
export function matchIfNoneMatch(ifNoneMatch: string, sha: string, selectedTag: string): string | null {
  const ours = new Set([`"${sha}"`, `"${sha}-br"`, `"${sha}-gzip"`]);
  for (const raw of ifNoneMatch.split(',')) {
    const tag = raw.trim().replace(/^W\//, '');
    if (tag === '*') return selectedTag;
    if (ours.has(tag)) return tag;
  }
  return null;
}

/**
 * Conditional GET/HEAD (RFC 9110 §13.2.2): the tag to answer 304 with, or null to answer in full. If-None-Match
 * decides when present; otherwise If-Modified-Since, against the page's Last-Modified.
 */
export function notModifiedTag(
  sha: string,
  selectedTag: string,
  lastModified: string | undefined,
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
): string | null {
  if (ifNoneMatch !== undefined) return matchIfNoneMatch(ifNoneMatch, sha, selectedTag);
  if (lastModified === undefined || ifModifiedSince === undefined) return null;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Date.parse(lastModified) <= since ? selectedTag : null;
}

export function parseRange(value: string): ByteRange | null {
  if (value.includes(',')) return null;
  const m = /^\s*bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(value);
  if (!m) return null;
  const [, first, last] = m;
  if (first === '' && last === '') return null;
  // Absurdly large numbers: an end beyond the file is clamped by resolveRange; a start beyond it is a 416.
  if (first === '') return { suffixLength: Math.min(Number(last), MAX_SAFE) };
  const start = Number(first);
  if (last === '') return { start };
  const lastPos = Number(last);
  if (lastPos < start) return null;
  return { start, end: Math.min(lastPos, MAX_SAFE - 1) + 1 };
}
