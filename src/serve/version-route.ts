// GET /p/<id>/~v<number>-<token>/<path>: one kept version of a page, read-only, for whoever holds the link its
// owner got from the API (preview.ts signs it for the page, its access epoch and the version number). Files
// are answered simply (no caches, no ranges, no compression): this is for looking at history, not for serving.
import type { Request, ResponseObject, ResponseToolkit } from '@hapi/hapi';
import type { Services } from '../services.ts';
import { PAGES } from '../pages/file-store.ts';
import { findVersion } from '../pages/version-history.ts';
import { streamFile } from '../pages/file-reader.ts';
import { accessEpoch, VERSION_SEGMENT, verifyVersionToken } from './preview.ts';
import { resolveTarget } from './resolve-path.ts';
import { rootRedirect } from './root-redirect.ts';
import { errorPage } from './error-pages.ts';
import { FILE_CORS_HEADER } from './sandbox.ts';

export interface VersionTarget {
  number: number;
  token: string;
  /** The path inside the version (decoded). */
  path: string;
  /** The link was the segment alone, without a slash after it. */
  bare: boolean;
}

/** The version link in a /p/ path, or null when its first segment is not one. */
export function splitVersion(path: string): VersionTarget | null {
  const slash = path.indexOf('/');
  const first = slash < 0 ? path : path.slice(0, slash);
  const match = VERSION_SEGMENT.exec(first);
  if (!match) return null;
  return { number: Number(match[1]), token: match[2], path: slash < 0 ? '' : path.slice(slash + 1), bare: slash < 0 };
}

export async function serveVersion(app: Services, request: Request, h: ResponseToolkit, pageId: string, target: VersionTarget): Promise<ResponseObject> {
  const page = await app.db.collection<{ _id: string; access_epoch?: number }>(PAGES).findOne({ _id: pageId }, { projection: { access_epoch: 1 } });
  // A wrong, expired or revoked link looks like no page at all.
  if (!page || !verifyVersionToken(app.keys.signing, pageId, accessEpoch(page), target.number, target.token)) return errorPage(h, 404);
  const version = await findVersion(app.db, pageId, target.number);
  if (!version) return errorPage(h, 404, 'This version of the page is no longer kept.');
  if (target.bare) return h.redirect(`${request.url.pathname}/${request.url.search}`).code(302).header('Cache-Control', 'no-store');
  const moved = rootRedirect(version, target.path, request.url.search);
  if (moved !== undefined) return h.redirect(`${request.url.pathname}${moved}`).code(302).header('Cache-Control', 'no-store');
  const resolution = await resolveTarget(app.db, pageId, version._id, version.default_file ?? 'index.html', target.path);
  if (resolution.kind === 'redirect') return h.redirect(`${request.url.pathname}/${request.url.search}`).code(302);
  if (resolution.kind === 'missing') return errorPage(h, 404, 'This version of the page has nothing at this address.').header(...FILE_CORS_HEADER);
  const { file, type } = resolution;
  return h
    .response(streamFile(app.db, file))
    .type(type)
    .bytes(file.size)
    .header('ETag', `"${file.sha256}"`)
    .header('Cache-Control', 'private, no-cache')
    .header('X-Robots-Tag', 'noindex')
    .header(...FILE_CORS_HEADER);
}
