// What a request's headers ask of a page's file, read alike by the hapi route (file-response.ts) and the fast
// path (fast-path.ts), so both answer alike: the content coding (Accept-Encoding), whether the client's copy is
// still good (If-None-Match, If-Modified-Since), and a byte range (Range).
import Accept from '@hapi/accept';
import Ammo from '@hapi/ammo';
import type { ResolvedFile } from './caches.ts';

/** Smaller text files are sent as they are: compressing them saves next to nothing. */
export const MIN_COMPRESS_BYTES = 1024;

export type Encoding = 'br' | 'gzip';

/** The codings offered, br first: it wins a tie. */
const CODINGS: readonly Encoding[] = ['br', 'gzip'];

/** The coding a file is sent in for this Accept-Encoding: br/gzip for text types of MIN_COMPRESS_BYTES or more. */
export function encodingFor(target: ResolvedFile, acceptEncoding: string | undefined): Encoding | null {
  return target.compressible && target.file.size >= MIN_COMPRESS_BYTES ? negotiateEncoding(acceptEncoding) : null;
}

/**
 * Choices made for the Accept-Encoding values seen lately. Parsing one costs several times what the fast path
 * spends on the rest of a request, and browsers send only a handful of distinct values.
 */
const chosenFor = new Map<string, Encoding | null>();
const MAX_REMEMBERED = 64;

/** br or gzip, whichever Accept-Encoding prefers (q-values, `*`, `x-gzip`); br on a tie; null for neither. */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  let chosen = chosenFor.get(acceptEncoding);
  if (chosen === undefined) {
    chosen = chooseEncoding(acceptEncoding);
    if (chosenFor.size >= MAX_REMEMBERED) chosenFor.clear();
    chosenFor.set(acceptEncoding, chosen);
  }
  return chosen;
}

function chooseEncoding(acceptEncoding: string): Encoding | null {
  let chosen: string;
  try {
    chosen = Accept.encoding(acceptEncoding, CODINGS);
  } catch {
    // A malformed header (Accept throws a 400 for one, e.g. a parameter other than q) gets the file as it is.
    return null;
  }
  return chosen === 'br' || chosen === 'gzip' ? chosen : null;
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

/** Where a byte range lands in a file: start inclusive, end exclusive. */
export interface FileRange {
  start: number;
  end: number;
}

/**
 * The byte range a `Range` header asks of a file of `size` bytes; `'unsatisfiable'` (416) when it is a single
 * byte range that lies outside the file; null to send the whole file: another unit, bad syntax, or several
 * ranges (RFC 9110 §14.2 lets a server ignore those; Ammo would merge them into one).
 */
export function byteRange(value: string, size: number): FileRange | 'unsatisfiable' | null {
  if (value.includes(',')) return null;
  // Whitespace around the dash ("bytes=1 - 2") is accepted, as it always was here; Ammo's grammar has none.
  const header = value.trim().replace(/\s*-\s*/, '-');
  const ranges = Ammo.header(header, size);
  if (ranges !== null) return { start: ranges[0].from, end: ranges[0].to + 1 };
  // Ammo answers null both for what is not a byte range and for one outside the file: against a file of
  // unbounded length, only the former still fails.
  return Ammo.header(header, Infinity) === null ? null : 'unsatisfiable';
}
