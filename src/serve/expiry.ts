// Pages that stopped being served (pages/page-end.ts): 410 Gone once `expires_at` has passed, for every file;
// and for a page with `max_views`, each visitor's view of an HTML document is admitted atomically, a refused
// one answered 410. The files of a page whose last view was just admitted stay served for VIEWS_GRACE_MS, so
// that last visitor's document still gets its images and stylesheets; after that every file is 410.
// The fast path serves a page only until its expiry, and never a page with a view limit (caches.ts: servedUntil).
import type { Request, ResponseObject, ResponseToolkit } from '@hapi/hapi';
import type { Services } from '../services.ts';
import { PAGES } from '../pages/file-versions.ts';
import { admitView, expiresAtMs, maxViewsOf, viewsLeft, type PageEndLike } from '../pages/page-end.ts';
import { errorPage } from './error-pages.ts';
import type { ServedPage } from './caches.ts';

export const VIEWS_GRACE_MS = 10 * 60 * 1000;

type Ended = 'expired' | 'views';

const GONE_TEXT: Record<Ended, [heading: string, message: string]> = {
  expired: ['This page has expired', 'Its owner set it to be available until a date that has now passed. If you still need it, ask them for a new link.'],
  views: [
    'This page is no longer available',
    'It could be opened a limited number of times, and all of them have been used. If you still need it, ask its owner for a new link.',
  ],
};

/** The 410 page for a page that ended. */
export function gonePage(h: ResponseToolkit, why: Ended): ResponseObject {
  const [heading, message] = GONE_TEXT[why];
  return errorPage(h, 410, message, heading).header('Cache-Control', 'no-store');
}

/** Why every file of `page` is gone now, or null while it is served. */
export function endedFor(page: PageEndLike, now: number): Ended | null {
  if (now >= expiresAtMs(page)) return 'expired';
  if (viewsLeft(page) === 0) {
    const last = page.last_view_admitted_at;
    if (!(last instanceof Date) || now - last.getTime() >= VIEWS_GRACE_MS) return 'views';
  }
  return null;
}

/** The 410 for a page whose files are all gone, or null. */
export function goneResponse(h: ResponseToolkit, page: ServedPage, now = Date.now()): ResponseObject | null {
  const why = endedFor(page, now);
  return why === null ? null : gonePage(h, why);
}

/** Requests whose view was admitted already (a retried request is not counted twice). */
const admitted = new WeakSet<Request>();

/**
 * For a visitor's GET of one of the page's HTML documents: whether it may be served. A page without a limit
 * always may; a limited one only within its `max_views` (one atomic update, exact across instances).
 */
export async function admitDocumentView(app: Services, request: Request, page: ServedPage): Promise<boolean> {
  if (maxViewsOf(page) === null || admitted.has(request)) return true;
  if (!(await admitView(app.db, PAGES, page._id))) return false;
  admitted.add(request);
  return true;
}
