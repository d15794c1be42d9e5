// Where each captured URL is stored in the page: a layout that mirrors the source site ("/a/b/c.png" →
// "a/b/c.png"), with names that the file store accepts and that the page server types the way the browser
// needs (stylesheets as text/css under nosniff, images as images).
import { createHash } from 'node:crypto';
import { contentTypeFor } from '../../pages/content-types.ts';
import { MAX_FILE_PATH_LENGTH, MAX_FILE_SEGMENT_LENGTH } from '../../pages/file-path.ts';
import { EMAIL_PATH, GATE_PATH } from '../../pages/reserved-paths.ts';
import { foldCase } from '../../pages/zip-paths.ts';
import type { RefKind } from './references.ts';

/** The folder other origins' files go under: `_external/<host>[_<port>]/…`. */
export const EXTERNAL_FOLDER = '_external';
/** The folder for paths too long to mirror: `_long/<hash>/<name>`. */
const LONG_FOLDER = '_long';

/**
 * Deterministic mapping from captured URLs to stored file paths that mirror the source layout.
 *
 * The source page is named first, at its own place in the layout ("/docs/guide/" → "docs/guide/index.html"),
 * so it never gives way to an asset, and paths scripts build relative to it resolve as on the original.
 * The same URL (fragment ignored) always gets the path it got first. Two URLs that would share a path, or
 * paths that differ only in letter case, or a file and a folder of the same name, are told apart with
 * "-2", "-3", … in the order pathFor is called: the same calls in the same order give the same paths.
 */
export class LocalPaths {
  private readonly sourceOrigin: string;
  private readonly pathByUrl = new Map<string, string>();
  /** Case-folded paths of every file, and every folder they sit in. */
  private readonly files = new Set<string>();
  private readonly folders = new Set<string>();
  /** Where the source page is stored: the page's default file. */
  readonly sourcePath: string;

  /** `sourceUrl`: the source page's URL after redirects; `contentType`: its response's. */
  constructor(sourceUrl: string, contentType?: string) {
    this.sourceOrigin = withoutFragment(sourceUrl).origin;
    // The page server answers these paths itself, before any file.
    for (const reserved of [GATE_PATH, EMAIL_PATH]) this.files.add(foldCase(reserved));
    this.sourcePath = this.pathFor(sourceUrl, contentType, 'document');
  }

  /** The stored path for `url`, assigned on the first call; `contentType` is the response's. */
  pathFor(url: string, contentType: string | undefined, kind: RefKind): string {
    const parsed = withoutFragment(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError(`not an http(s) URL: ${url}`);
    const known = this.pathByUrl.get(parsed.href);
    if (known !== undefined) return known;
    const segments = parsed.pathname.split('/').slice(1).map(fileName);
    // "/docs/" is a folder: its file is "index", typed below ("docs/index.html" for a document).
    let name = parsed.pathname.endsWith('/') ? 'index' : segments.at(-1)!;
    const folders = segments.slice(0, -1);
    if (parsed.origin !== this.sourceOrigin) folders.unshift(EXTERNAL_FOLDER, hostFolder(parsed));
    // Query variants are distinct files: "style.css?v=2" → "style.<hash>.css".
    if (parsed.search !== '') name = withInfix(name, shortHash(parsed.search.slice(1)));
    name = withExpectedExtension(name, contentType, kind);
    const path = this.claim(folders, name);
    this.pathByUrl.set(parsed.href, path);
    return path;
  }

  /**
   * The reference to write in `fromPath`'s document for the file at `toPath`: relative, every segment
   * percent-encoded (the page server decodes %XX before looking a path up, as browsers expect).
   */
  relative(fromPath: string, toPath: string): string {
    const from = fromPath.split('/').slice(0, -1);
    const to = toPath.split('/');
    let common = 0;
    while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
    const up: string[] = new Array(from.length - common).fill('..');
    return [...up, ...to.slice(common).map(encodeURIComponent)].join('/');
  }

  /** The first free path for these folders and name, recording it as taken. */
  private claim(wantedFolders: readonly string[], wantedName: string): string {
    const folders = wantedFolders.map((f) => fitSegment(f));
    let name = fitSegment(wantedName);
    let nameSuffix = 1;
    const folderSuffix = folders.map(() => 1);
    for (;;) {
      const path = fitPath([...folders, name]);
      const segments = path.split('/');
      // A folder on the way that is already a file (case-insensitively) gets a suffix of its own.
      const blocked = segments.slice(0, -1).findIndex((_, i) => this.files.has(foldCase(segments.slice(0, i + 1).join('/'))));
      if (blocked !== -1 && segments.length === folders.length + 1) {
        folders[blocked] = fitSegment(wantedFolders[blocked], `-${++folderSuffix[blocked]}`);
        continue;
      }
      const folded = foldCase(path);
      if (blocked !== -1 || this.files.has(folded) || this.folders.has(folded)) {
        name = fitSegment(wantedName, `-${++nameSuffix}`);
        continue;
      }
      this.files.add(folded);
      for (let i = 1; i < segments.length; i++) this.folders.add(foldCase(segments.slice(0, i).join('/')));
      return path;
    }
  }
}

function withoutFragment(url: string): URL {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

// ---------------------------------------------------------------------------------------------------------
// Names

// eslint-disable-next-line no-control-regex
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\\/]/g;

/** One URL path segment as a file or folder name: percent-decoded, NFC, nothing the file store refuses. */
function fileName(segment: string): string {
  // A URL's path is ASCII. Runs of %XX are decoded as UTF-8; bytes that aren't UTF-8 ("caf%E9") become
  // U+FFFD, so the result is well-formed Unicode.
  const decoded = segment.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => new TextDecoder().decode(Buffer.from(run.replaceAll('%', ''), 'hex')));
  const name = decoded.normalize('NFC').replace(UNSAFE_IN_NAME, '_');
  if (name === '') return '_'; // "a//b"
  if (name === '.' || name === '..') return name.replaceAll('.', '_');
  // "C:" would read as a drive letter at the start of a path.
  return name.replace(/^([A-Za-z]):/, '$1_');
}

function hostFolder(url: URL): string {
  const host = url.hostname.replace(/[^A-Za-z0-9.-]/g, '_');
  return url.port ? `${host}_${url.port}` : host;
}

/** Where a name's extension starts ("a.b.css" → 3), or its length when it has none (".htaccess" has none). */
function extensionStart(name: string): number {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? dot : name.length;
}

/** "style.css" + "1a2b3c4d" → "style.1a2b3c4d.css"; "font" → "font.1a2b3c4d". */
function withInfix(name: string, infix: string): string {
  const at = extensionStart(name);
  return `${name.slice(0, at)}.${infix}${name.slice(at)}`;
}

/**
 * A name of at most MAX_FILE_SEGMENT_LENGTH with `suffix` before its extension; one too long is cut (at a
 * code point) and told apart by a hash of the whole.
 */
function fitSegment(name: string, suffix = ''): string {
  const at = extensionStart(name);
  const stem = name.slice(0, at);
  const extension = name.slice(at);
  const fitted = stem + suffix + extension;
  if (fitted.length <= MAX_FILE_SEGMENT_LENGTH) return fitted;
  const tail = `~${shortHash(name)}${suffix}${extension.slice(0, 32)}`;
  let cut = '';
  for (const c of stem) {
    if (cut.length + c.length + tail.length > MAX_FILE_SEGMENT_LENGTH) break;
    cut += c;
  }
  return cut + tail;
}

/** The joined path, or `_long/<hash>/<name>` when the folders make it longer than the file store takes. */
function fitPath(segments: readonly string[]): string {
  const path = segments.join('/');
  if (path.length <= MAX_FILE_PATH_LENGTH) return path;
  return [LONG_FOLDER, createHash('sha256').update(path).digest('hex').slice(0, 16), segments.at(-1)!].join('/');
}

// ---------------------------------------------------------------------------------------------------------
// Types and extensions

/** Types servers send under other names, as the extension table names them. */
const TYPE_ALIASES: Readonly<Record<string, string>> = {
  'application/javascript': 'text/javascript',
  'application/x-javascript': 'text/javascript',
  'application/ecmascript': 'text/javascript',
  'text/ecmascript': 'text/javascript',
  'text/x-javascript': 'text/javascript',
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/vnd.microsoft.icon': 'image/x-icon',
  'image/ico': 'image/x-icon',
  'image/icon': 'image/x-icon',
  'application/font-woff': 'font/woff',
  'application/x-font-woff': 'font/woff',
  'application/font-woff2': 'font/woff2',
  'application/x-font-ttf': 'font/ttf',
  'application/x-font-truetype': 'font/ttf',
  'font/truetype': 'font/ttf',
  'application/x-font-otf': 'font/otf',
  'application/x-font-opentype': 'font/otf',
  'font/opentype': 'font/otf',
  'audio/mp3': 'audio/mpeg',
  'audio/x-mp3': 'audio/mpeg',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'text/xml': 'application/xml',
};

/** Types that say nothing about what a file is: its name decides. */
const UNINFORMATIVE_TYPES = new Set([
  'application/octet-stream',
  'binary/octet-stream',
  'application/unknown',
  'application/x-unknown',
  'application/force-download',
  'application/x-download',
  'content/unknown',
  'unknown/unknown',
  'text/plain',
]);

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** Types a browser takes for one another where it uses them: a name with either needs no new extension. */
const INTERCHANGEABLE: Readonly<Record<string, string>> = {
  'application/manifest+json': 'application/json',
  'video/ogg': 'audio/ogg',
  'application/ogg': 'audio/ogg',
  'audio/mp4': 'video/mp4',
};

/**
 * The extension to add for a type, the first of these the page server's table types that way (so this
 * follows content-types.ts rather than repeating it).
 */
const PREFERRED_EXTENSIONS = [
  'html',
  'css',
  'js',
  'json',
  'webmanifest',
  'jsonld',
  'svg',
  'png',
  'jpg',
  'gif',
  'webp',
  'avif',
  'apng',
  'ico',
  'bmp',
  'tiff',
  'woff2',
  'woff',
  'ttf',
  'otf',
  'eot',
  'mp4',
  'webm',
  'ogv',
  'ogg',
  'mp3',
  'wav',
  'm4a',
  'aac',
  'flac',
  'vtt',
  'pdf',
  'wasm',
  'xml',
  'rss',
  'atom',
  'xhtml',
  'csv',
  'tsv',
  'md',
  'yaml',
  'txt',
  'gltf',
  'glb',
];
const EXTENSION_FOR_TYPE = new Map<string, string>();
for (const extension of PREFERRED_EXTENSIONS) {
  const type = mediaType(contentTypeFor(`x.${extension}`));
  if (!EXTENSION_FOR_TYPE.has(type)) EXTENSION_FOR_TYPE.set(type, extension);
}

function mediaType(contentType: string | undefined): string {
  const type = (contentType ?? '').split(';', 1)[0].trim().toLowerCase();
  return TYPE_ALIASES[type] ?? type;
}

function interchangeable(type: string): string {
  return INTERCHANGEABLE[type] ?? type;
}

/**
 * The name with an extension that makes the page server send what the browser needs:
 *  - a stylesheet is rendered CSS: always ".css";
 *  - a document (frame) that is HTML, or untyped, is rendered HTML: ".html" unless it ends in .html/.htm;
 *  - anything else keeps its name when its extension already gives the response's type (or a type that
 *    says nothing, such as octet-stream or text/plain), else gets the type's extension added
 *    ("style.php" served as text/css → "style.php.css"). An asset never gets an HTML extension because its
 *    response was HTML (an error page served at an image URL stays an image path).
 */
function withExpectedExtension(name: string, contentType: string | undefined, kind: RefKind): string {
  const current = mediaType(contentTypeFor(name));
  if (kind === 'stylesheet') return current === 'text/css' ? name : `${name}.css`;
  const served = mediaType(contentType);
  if (kind === 'document' && (served === '' || HTML_TYPES.has(served))) {
    return current === 'text/html' ? name : `${name}.html`;
  }
  if (served === '' || UNINFORMATIVE_TYPES.has(served) || HTML_TYPES.has(served)) return name;
  if (interchangeable(current) === interchangeable(served)) return name;
  const extension = EXTENSION_FOR_TYPE.get(served);
  return extension === undefined ? name : `${name}.${extension}`;
}
