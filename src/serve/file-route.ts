// GET (and HEAD) /p/{id}/{path*}: who may see the page at this address (access.ts), then the file the path
// means in its current version (resolve-path.ts; a captured page's root redirects to its document first,
// root-redirect.ts), answered by file-response.ts; a kept version's read-only link goes to version-route.ts.
// A request that raced a
// replacement of the page's files is served again from the new version.
// Protected files are sent `Cache-Control: private, no-cache` (a browser may keep them, but asks again, and the
// grant is checked again, before using them).
import type { Lifecycle, Request, ResponseObject, ResponseToolkit } from '@hapi/hapi';
import type { Services } from '../services.ts';
import { splitGrant, type GrantSplit } from './grant.ts';
import type { PageEntry, ServedPage, ServeCaches } from './caches.ts';
import { decideAccess } from './access.ts';
import { accessResponse } from './access-responses.ts';
import { resolvePath, RETRY } from './resolve-path.ts';
import { rootRedirect } from './root-redirect.ts';
import { fileResponse } from './file-response.ts';
import { errorPage } from './error-pages.ts';
import { FILE_CORS_HEADER } from './sandbox.ts';
import { admitDocumentView, gonePage, goneResponse } from './expiry.ts';
import { isDocumentType, type ViewCounter } from './view-counter.ts';
import { serveVersion, splitVersion } from './version-route.ts';

/** How many times a request is served before giving up with a 503. */
const MAX_ATTEMPTS = 3;

const NO_CONTENT = 'This page has no content yet.';
const NO_FILE = 'This page has nothing at this address.';

type Outcome = ResponseObject | typeof RETRY;

export function fileRoute(app: Services, caches: ServeCaches, views: ViewCounter): Lifecycle.Method {
  return async (request, h) => {
    const { id, path = '' } = request.params as { id: string; path?: string };
    // This module chooses the content coding itself (br or gzip, with an ETag per coding); hapi must not
    // add its own gzip/deflate on top of an identity response.
    request.info.acceptEncoding = 'identity';
    // A link to a kept version (its segment needs no decoding, so the decoded path starts with it too).
    const version = splitVersion(path);
    if (version) return serveVersion(app, request, h, id, version);
    const target = splitGrant(path, rawPagePath(request, id));
    for (let attempt = 1; ; attempt++) {
      const outcome = await serveOnce(app, caches, views, request, h, id, target, attempt > 1);
      if (outcome !== RETRY) return outcome;
      request.log(['pages', 'retry'], `page ${id} changed while it was being served (attempt ${attempt})`);
      if (attempt === MAX_ATTEMPTS) return errorPage(h, 503).header('Retry-After', '1');
    }
  };
}

/** What follows `/p/<id>/` in the URL, still percent-encoded (as hapi normalized it: unreserved characters decoded). */
function rawPagePath(request: Request, id: string): string {
  const root = `/p/${id}/`;
  const pathname = request.url.pathname;
  return pathname.startsWith(root) ? pathname.slice(root.length) : '';
}

async function serveOnce(
  app: Services,
  caches: ServeCaches,
  views: ViewCounter,
  request: Request,
  h: ResponseToolkit,
  id: string,
  target: GrantSplit,
  reread: boolean,
): Promise<Outcome> {
  const { db } = app;
  // After a RETRY the cached page is known to be out of date: read it again.
  const entry = reread ? await caches.pages.refresh(db, id) : await caches.pages.get(db, id);
  const { page } = entry;
  if (!page) return errorPage(h, 404);
  const gone = goneResponse(h, page);
  if (gone) return gone;
  // A protected page's files are never read before a grant lets the visitor in; a page open to everyone needs
  // no grant: its visitor goes to the plain address (which the fast path serves).
  const decision = decideAccess(app, request, entry, page, target);
  const refusal = accessResponse(request, h, page, target, decision);
  if (refusal) return refusal;
  // `/p/<id>/<grant>`: relative links resolve against `/p/<id>/<grant>/`.
  if (target.bare) return h.redirect(`${request.url.pathname}/${request.url.search}`).code(302).header('Cache-Control', 'no-store');

  // The owner's preview is not a view.
  const ownerPreview = decision.kind === 'allowed' && decision.ownerPreview === true;
  const visitor = request.method === 'get' && !ownerPreview ? views : null;
  const outcome = await servePath(app, caches, request, h, entry, page, target.path, visitor);
  // What one visitor was let in to see is not for shared caches.
  if (!entry.open && outcome !== RETRY) outcome.header('Cache-Control', 'private, no-cache');
  return outcome;
}

/** The file `path` means in the page's current version, a redirect to the folder it names, or a 404. */
async function servePath(
  app: Services,
  caches: ServeCaches,
  request: Request,
  h: ResponseToolkit,
  entry: PageEntry,
  page: ServedPage,
  path: string,
  visitor: ViewCounter | null,
): Promise<Outcome> {
  const id = page._id;
  const version = page.current_version;
  if (typeof version !== 'string') return missingFile(h, NO_CONTENT);
  const moved = rootRedirect(page, path, request.url.search);
  if (moved !== undefined) return movedWithin(h, `${request.url.pathname}${moved}`);
  const defaultFile = typeof page.default_file === 'string' ? page.default_file : '';
  const resolution = await resolvePath(app.db, caches.resolutions, id, version, defaultFile, path);
  if (resolution === RETRY) return RETRY;
  if (resolution.kind === 'redirect') return movedWithin(h, `${request.url.pathname}/${request.url.search}`);
  if (resolution.kind === 'missing') return missingFile(h, NO_FILE);
  // A visitor's view of a document: admitted first when the page has a view limit, counted once answered.
  const document = visitor !== null && isDocumentType(resolution.type);
  if (document && !(await admitDocumentView(app, request, page))) return gonePage(h, 'views');
  const response = await fileResponse(app.db, caches, request, h, entry, id, version, resolution);
  if (document && response !== RETRY && (response.statusCode === 200 || response.statusCode === 304)) {
    visitor!.record(id, request.raw.req.socket, request.raw.req.headers, Date.now());
  }
  return response;
}

/**
 * A 302 to another address of a page the visitor may see (any grant it names is the one in the request's own
 * path). It carries no content, and has the files' CORS header so the page's own scripts (an opaque origin) can
 * follow it, as a fetch of the folder or root on the original site would.
 */
function movedWithin(h: ResponseToolkit, location: string): ResponseObject {
  return h
    .redirect(location)
    .code(302)
    .header(...FILE_CORS_HEADER);
}

/**
 * A 404 for a file of a page the visitor may see, with the files' CORS header: the page's own scripts (an opaque
 * origin) then read it as a 404, as on the original site, instead of a failed request.
 */
function missingFile(h: ResponseToolkit, message: string): ResponseObject {
  return errorPage(h, 404, message).header(...FILE_CORS_HEADER);
}
