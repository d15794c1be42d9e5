// Entry-name rules for ZIP intake: what is safe, what is junk, how the kept paths are laid out,
// and which file a page opens on. Pure functions; every refusal is a ZipRejected naming the entry.
import { quoteName, ZipRejected } from './zip-errors.ts';

export type NameKind = 'file' | 'directory' | 'junk';

export interface ClassifiedName {
  kind: NameKind;
  /** NFC-normalized, relative, "/"-separated, no trailing slash. */
  path: string;
}

/** Longest kept path (after the top folder is stripped), in UTF-16 units after NFC; as the file store's. */
export const MAX_PATH_LENGTH = 1024;
/** Longest path segment (a common file system limit); as the file store's. */
export const MAX_SEGMENT_LENGTH = 255;
/** Most segments (folders plus the file name) in a kept path: real sites are far shallower. */
export const MAX_PATH_DEPTH = 64;

/** Basenames that operating systems drop into folders on their own (compared case-insensitively). */
const JUNK_BASENAMES = new Set(['thumbs.db', 'desktop.ini']);

// C0 and C1 controls and DEL: never part of a real file name, and NUL truncates names in C code.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function unsafe(name: string, why: string): ZipRejected {
  return new ZipRejected('unsafe-path', `ZIP entry ${quoteName(name)} ${why}`, name);
}

/**
 * Checks one entry name from the central directory and says what it is. Throws ZipRejected
 * ('unsafe-path') for an absolute path, a drive letter, a backslash, a control character (NUL
 * included), a ".." segment, a "." segment or an empty segment ("a//b"). Directories end with "/".
 * Junk: anything under "__MACOSX/", any path with a segment starting with "." (".DS_Store",
 * "._x", ".git/…"), and Thumbs.db / desktop.ini.
 */
export function classifyEntryName(name: string): ClassifiedName {
  const normalized = name.normalize('NFC');
  if (normalized === '') throw unsafe(name, 'has an empty name');
  const control = CONTROL.exec(normalized);
  if (control) {
    const what = control[0] === '\u0000' ? 'a NUL character' : 'a control character';
    throw unsafe(name, `contains ${what}, which is not allowed in a file name`);
  }
  if (normalized.startsWith('/') || normalized.startsWith('\\'))
    throw unsafe(name, 'is an absolute path; paths in the ZIP must be relative to the site folder');
  if (/^[A-Za-z]:/.test(normalized)) throw unsafe(name, 'starts with a drive letter; paths in the ZIP must be relative to the site folder');
  if (normalized.includes('\\')) throw unsafe(name, 'contains a backslash; paths in the ZIP must use forward slashes (/)');

  const isDirectory = normalized.endsWith('/');
  const body = isDirectory ? normalized.slice(0, -1) : normalized;
  const segments = body.split('/');
  if (segments.includes('..')) throw unsafe(name, 'escapes the site folder (".." is not allowed in paths)');
  if (segments.includes('.')) throw unsafe(name, 'has a "." path segment; paths in the ZIP must be plain');
  if (segments.includes('')) throw unsafe(name, 'has an empty path segment ("//")');
  if (segments.some((s) => s.length > MAX_SEGMENT_LENGTH)) throw unsafe(name, `has a file or folder name longer than ${MAX_SEGMENT_LENGTH} characters`);

  const base = segments[segments.length - 1];
  const junk = segments[0] === '__MACOSX' || segments.some((s) => s.startsWith('.')) || (!isDirectory && JUNK_BASENAMES.has(base.toLowerCase()));
  return { kind: junk ? 'junk' : isDirectory ? 'directory' : 'file', path: body };
}

/**
 * A key under which names that a case-insensitive file system would confuse are equal
 * (full-ish case folding: "ß" and "SS" fold alike; names are already NFC).
 */
export function foldCase(path: string): string {
  return path.toUpperCase().toLowerCase();
}

/**
 * The folder prefix ("site/") to strip when every path sits under the same first folder,
 * else "". Applied once: "a/b/index.html" alone becomes "b/index.html".
 */
export function commonTopFolder(paths: readonly string[]): string {
  if (paths.length === 0) return '';
  const first = paths[0].split('/')[0];
  for (const p of paths) {
    const slash = p.indexOf('/');
    if (slash === -1 || p.slice(0, slash) !== first) return '';
  }
  return `${first}/`;
}

export interface NamedPath {
  /** Final path inside the site. */
  path: string;
  /** The name as stored in the archive, for messages. */
  entry: string;
}

/**
 * Checks the final paths: refuses one longer than MAX_PATH_LENGTH or deeper than MAX_PATH_DEPTH
 * ('unsafe-path'), two entries with the same path ('duplicate'), two whose paths differ only in
 * letter case ('case-collision'), and a path that is a file and also the folder of another file
 * ('file-folder-conflict', case-insensitively too). Linear in the total length of the paths.
 */
export function checkFinalPaths(files: readonly NamedPath[]): void {
  const exact = new Map<string, NamedPath>();
  const folded = new Map<string, NamedPath>();
  const segmentsOf: string[][] = [];
  for (const f of files) {
    if (f.path.length > MAX_PATH_LENGTH) throw unsafe(f.entry, `has a path longer than ${MAX_PATH_LENGTH} characters`);
    const depth = segmentCount(f.path);
    if (depth > MAX_PATH_DEPTH) {
      throw unsafe(f.entry, `is nested ${depth} levels deep (folders plus the file name); the limit is ${MAX_PATH_DEPTH}`);
    }
    if (exact.has(f.path)) {
      throw new ZipRejected('duplicate', `ZIP entry ${quoteName(f.entry)} appears more than once in the archive`, f.entry);
    }
    exact.set(f.path, f);
    const key = foldCase(f.path);
    const other = folded.get(key);
    if (other) {
      throw new ZipRejected(
        'case-collision',
        `ZIP entries ${quoteName(other.entry)} and ${quoteName(f.entry)} differ only in letter case; rename one of them`,
        f.entry,
      );
    }
    folded.set(key, f);
    segmentsOf.push(key.split('/'));
  }
  // A tree of folded segments: each node remembers the first file that used it as a folder.
  const root: FolderNode = { children: new Map() };
  files.forEach((f, n) => {
    const segments = segmentsOf[n];
    let node = root;
    for (let i = 0; i < segments.length - 1; i++) {
      let child = node.children.get(segments[i]);
      if (!child) {
        child = { children: new Map(), firstUser: f };
        node.children.set(segments[i], child);
      }
      node = child;
    }
  });
  files.forEach((f, n) => {
    let node: FolderNode | undefined = root;
    for (const segment of segmentsOf[n]) {
      node = node.children.get(segment);
      if (!node) break;
    }
    if (node?.firstUser) {
      throw new ZipRejected(
        'file-folder-conflict',
        `ZIP entry ${quoteName(f.entry)} is a file, but ${quoteName(node.firstUser.entry)} uses the same name as a folder`,
        f.entry,
      );
    }
  });
}

interface FolderNode {
  children: Map<string, FolderNode>;
  /** The first file found under this folder; absent at the root. */
  firstUser?: NamedPath;
}

function segmentCount(path: string): number {
  let count = 1;
  for (let at = path.indexOf('/'); at !== -1; at = path.indexOf('/', at + 1)) count++;
  return count;
}

const HTML = /\.html?$/i;
const INDEX_NAMES = ['index.html', 'index.htm'];

/**
 * The file a page opens on: "index.html" at the top (then "index.htm"; letter case ignored),
 * else the only HTML file anywhere. Throws ZipRejected ('no-html' or 'ambiguous-default').
 */
export function chooseDefaultFile(paths: readonly string[]): string {
  for (const index of INDEX_NAMES) {
    const found = paths.find((p) => p.toLowerCase() === index);
    if (found !== undefined) return found;
  }
  const html = paths.filter((p) => HTML.test(p));
  if (html.length === 1) return html[0];
  if (html.length === 0) {
    throw new ZipRejected('no-html', 'The ZIP contains no HTML file; add an index.html at the top level');
  }
  const shown = html.slice(0, 5).map(quoteName).join(', ') + (html.length > 5 ? `, and ${html.length - 5} more` : '');
  throw new ZipRejected(
    'ambiguous-default',
    `The ZIP has ${html.length} HTML files (${shown}) and no index.html at the top level, so it is unclear which page to open; add an index.html`,
  );
}
