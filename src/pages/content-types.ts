// The Content-Type a stored file is served with: an allow-list by extension. Anything else is served as
// application/octet-stream, so an unexpected file is downloaded rather than interpreted by the browser.

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

const UTF8 = '; charset=utf-8';

/** Extension (lower case, no dot) → media type. Text types get `; charset=utf-8` below. */
const TYPES: Readonly<Record<string, string>> = {
  // Documents and code
  html: 'text/html',
  htm: 'text/html',
  xhtml: 'application/xhtml+xml',
  css: 'text/css',
  js: 'text/javascript',
  mjs: 'text/javascript',
  cjs: 'text/javascript',
  json: 'application/json',
  map: 'application/json',
  jsonld: 'application/ld+json',
  webmanifest: 'application/manifest+json',
  txt: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  xml: 'application/xml',
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  vtt: 'text/vtt',
  yaml: 'text/yaml',
  yml: 'text/yaml',
  pdf: 'application/pdf',
  wasm: 'application/wasm',
  // Images
  svg: 'image/svg+xml',
  png: 'image/png',
  apng: 'image/apng',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  // Fonts
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  otf: 'font/otf',
  eot: 'application/vnd.ms-fontobject',
  // Audio and video
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  webm: 'video/webm',
  ogv: 'video/ogg',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  flac: 'audio/flac',
  // 3D models
  gltf: 'model/gltf+json',
  glb: 'model/gltf-binary',
};

const TEXT_TYPES = new Set([
  'application/json',
  'application/ld+json',
  'application/manifest+json',
  'application/xml',
  'application/xhtml+xml',
  'application/rss+xml',
  'application/atom+xml',
  'image/svg+xml',
  'model/gltf+json',
]);

/** The Content-Type for a file path, by its extension (case-insensitive); unknown → application/octet-stream. */
export function contentTypeFor(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  // No extension, or a dot file such as ".htaccess".
  if (dot <= 0) return DEFAULT_CONTENT_TYPE;
  const extension = base.slice(dot + 1).toLowerCase();
  // hasOwn: "x.constructor" must not find Object.prototype.constructor.
  if (!Object.hasOwn(TYPES, extension)) return DEFAULT_CONTENT_TYPE;
  const type = TYPES[extension];
  return isTextType(type) ? type + UTF8 : type;
}

/** Whether a media type (parameters ignored) is text: it gets a charset, and compresses well. */
export function isTextType(contentType: string): boolean {
  const type = contentType.split(';', 1)[0].trim().toLowerCase();
  return type.startsWith('text/') || TEXT_TYPES.has(type);
}
