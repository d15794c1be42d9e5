// The path a stored file lives under. ZIP intake already checks entry names; the file store checks again
// (defense in depth), so nothing that reaches GridFS can escape the site or confuse a URL mapping.
import { InvalidInput } from '../shared/errors.ts';

/** Longest stored path, in UTF-16 units after NFC. */
export const MAX_FILE_PATH_LENGTH = 1024;
/** Longest single path segment (a common file system limit). */
export const MAX_FILE_SEGMENT_LENGTH = 255;

// C0 and C1 controls and DEL (NUL included): never part of a real file name.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// With the u flag a paired surrogate is one code point, so this matches only unpaired halves.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The NFC form of a relative, "/"-separated file path, or InvalidInput ('path') when it is unsafe:
 * empty, absolute ("/x"), a drive letter ("C:"), a backslash, a control character, a "..", "." or empty
 * segment ("a//b", trailing "/"), a lone surrogate, or too long.
 */
export function normalizeFilePath(path: unknown): string {
  if (typeof path !== 'string') throw new InvalidInput('path', 'path must be a string');
  if (LONE_SURROGATE.test(path)) throw new InvalidInput('path', 'path is not valid Unicode');
  const normalized = path.normalize('NFC');
  const bad = (why: string) => new InvalidInput('path', `path ${JSON.stringify(normalized)} ${why}`);
  if (normalized === '') throw new InvalidInput('path', 'path must not be empty');
  if (normalized.length > MAX_FILE_PATH_LENGTH) throw bad(`is longer than ${MAX_FILE_PATH_LENGTH} characters`);
  if (CONTROL.test(normalized)) throw bad('contains a control character');
  if (normalized.startsWith('/')) throw bad('is absolute');
  if (normalized.includes('\\')) throw bad('contains a backslash');
  if (/^[A-Za-z]:/.test(normalized)) throw bad('starts with a drive letter');
  for (const segment of normalized.split('/')) {
    if (segment === '') throw bad('has an empty segment');
    if (segment === '.' || segment === '..') throw bad(`has a "${segment}" segment`);
    if (segment.length > MAX_FILE_SEGMENT_LENGTH) throw bad(`has a segment longer than ${MAX_FILE_SEGMENT_LENGTH} characters`);
  }
  return normalized;
}
