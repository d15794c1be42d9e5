// Which stored file a path under /p/<id>/ means in the page's current version (only file records are read,
// no content), remembered per version in the ResolutionCache.
import type { Db } from 'mongodb';
import { contentTypeFor, PAGES, type StoredFile } from '../pages/file-store.ts';
import { findFile } from '../pages/file-reader.ts';
import { isTextType } from '../pages/content-types.ts';
import { ResolutionCache, type Resolution, type ResolvedFile, type ServedPage } from './caches.ts';

/** The page's version changed while a request was being served: it is served again from the new one. */
export const RETRY = Symbol('retry');

const SHA256_HEX = /^[0-9a-f]{64}$/;
const MISSING: Resolution = { kind: 'missing' };
const REDIRECT: Resolution = { kind: 'redirect' };

/** What `path` means in `version`; RETRY when it is missing there and the version is no longer current. */
export async function resolvePath(
  db: Db,
  resolutions: ResolutionCache,
  pageId: string,
  version: string,
  defaultFile: string,
  path: string,
): Promise<Resolution | typeof RETRY> {
  const key = ResolutionCache.key(version, defaultFile, path);
  const cached = resolutions.get(key);
  if (cached !== undefined) return cached;
  const target = await resolveTarget(db, pageId, version, defaultFile, path);
  // A miss may mean the version was replaced (and deleted) under us: then look again in the new one. Only a
  // miss in a version that is still current is final (and remembered).
  if (target.kind === 'missing' && !(await isCurrentVersion(db, pageId, version))) return RETRY;
  if (target.kind === 'file') checkHash(target.file, pageId, version);
  resolutions.set(key, target);
  return target;
}

export async function isCurrentVersion(db: Db, pageId: string, version: string): Promise<boolean> {
  const page = await db.collection<ServedPage>(PAGES).findOne({ _id: pageId }, { projection: { current_version: 1 } });
  return page?.current_version === version;
}

/**
 * Which file a path means:
 *  - "" or "dir/" → "index.html" / "dir/index.html";
 *  - a file that exists → that file;
 *  - "dir" (no extension) where "dir/index.html" exists → redirect to "dir/", so relative links work;
 *  - any other path without an extension (client-side routes of a single-page app, or a folder without an
 *    index) → the page's default file;
 *  - a path with an extension that doesn't exist → missing (404).
 */
export async function resolveTarget(db: Db, pageId: string, version: string, defaultFile: string, path: string): Promise<Resolution> {
  const isDirectory = path === '' || path.endsWith('/');
  const exact = await findFile(db, pageId, version, isDirectory ? `${path}index.html` : path);
  if (exact) return resolvedFile(exact);
  if (!isDirectory) {
    if (hasExtension(path)) return MISSING;
    if (await findFile(db, pageId, version, `${path}/index.html`)) return REDIRECT;
  }
  if (defaultFile === '') return MISSING;
  const fallback = await findFile(db, pageId, version, defaultFile);
  return fallback ? resolvedFile(fallback) : MISSING;
}

function resolvedFile(file: StoredFile): ResolvedFile {
  const type = contentTypeFor(file.path);
  return {
    kind: 'file',
    file,
    type,
    // Text types compress well; images, fonts and archives are compressed already.
    compressible: isTextType(type),
    tags: { identity: `"${file.sha256}"`, br: `"${file.sha256}-br"`, gzip: `"${file.sha256}-gzip"` },
  };
}

function hasExtension(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  // A leading dot (".well-known") is a hidden name, not an extension.
  return name.lastIndexOf('.') > 0;
}

/** Every file of a committed version has its hash; a record without one was never published. */
function checkHash(file: StoredFile, pageId: string, version: string): void {
  if (!SHA256_HEX.test(file.sha256)) throw new Error(`page ${pageId}: file ${JSON.stringify(file.path)} of version ${version} has no SHA-256`);
}
