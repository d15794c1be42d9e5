// When a page stops being served: at `expires_at`, or once visitors have opened its HTML documents `max_views`
// times. Serving answers 410 Gone after either (serve/expiry.ts); the API shows it as `status: expired`.
//
// max_views must hold exactly across instances sharing the database, so each view of a limited page is
// admitted by one conditional atomic update of the page document (`views_admitted < max_views`). That is a
// database round trip per view, paid only by pages with a limit (which the fast path therefore leaves to hapi).
import type { Db } from 'mongodb';
import { InvalidInput } from '../shared/errors.ts';

/** The fields of a page document this module reads and writes. */
export interface PageEndFields {
  expires_at?: Date | null;
  max_views?: number | null;
  /** Visitor views admitted while the page had a limit. */
  views_admitted?: number;
  /** When the latest view was admitted, set by the same update (after the last one, its document's files stay served a while: serve/expiry.ts). */
  last_view_admitted_at?: Date;
}

/** The same fields as read from anywhere (serving reads the document with every field unknown). */
export type PageEndLike = { [K in keyof PageEndFields]?: unknown };

export type PageStatus = 'live' | 'expired';

/** What a create or update asks for: undefined leaves a setting as it is, null removes it. */
export interface PageEndInput {
  expiresAt?: Date | null;
  maxViews?: number | null;
}

/** `expires_at` from the API's RFC 3339 text (the contract has checked its format). */
export function parseExpiresAt(value: string | null | undefined): Date | null | undefined {
  if (value === undefined || value === null) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidInput('expires_at', 'expires_at must be an RFC 3339 date-time (e.g. 2026-05-03T17:42:11Z) or null');
  return date;
}

/** Refuses an expiry that has already passed for a page being created (it would never be served). */
export function checkNewPageEnd(input: PageEndInput, now = Date.now()): void {
  if (input.expiresAt && input.expiresAt.getTime() <= now) {
    throw new InvalidInput('expires_at', `expires_at must be in the future (it is ${input.expiresAt.toISOString()}; now is ${new Date(now).toISOString()})`);
  }
  if (input.maxViews !== undefined && input.maxViews !== null && !(Number.isInteger(input.maxViews) && input.maxViews >= 1)) {
    throw new InvalidInput('max_views', 'max_views must be a whole number of at least 1, or null');
  }
}

/** The fields a new page starts with. */
export function newPageEnd(input: PageEndInput): PageEndFields {
  return { expires_at: input.expiresAt ?? null, max_views: input.maxViews ?? null, views_admitted: 0 };
}

/** The `$set` of an update (a new limit is counted against the views already admitted under a limit). */
export function pageEndUpdate(input: PageEndInput): PageEndFields {
  const set: PageEndFields = {};
  if (input.expiresAt !== undefined) set.expires_at = input.expiresAt;
  if (input.maxViews !== undefined) {
    if (input.maxViews !== null) checkNewPageEnd({ maxViews: input.maxViews });
    set.max_views = input.maxViews;
  }
  return set;
}

function validDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/** When the page's expiry passes (ms since the epoch); Infinity without one. */
export function expiresAtMs(page: PageEndLike): number {
  return validDate(page.expires_at) ? page.expires_at.getTime() : Infinity;
}

/** The page's view limit, or null. */
export function maxViewsOf(page: PageEndLike): number | null {
  return typeof page.max_views === 'number' && page.max_views >= 1 ? page.max_views : null;
}

/** Views left before the limit, or null without one. */
export function viewsLeft(page: PageEndLike): number | null {
  const max = maxViewsOf(page);
  const admitted = typeof page.views_admitted === 'number' ? page.views_admitted : 0;
  return max === null ? null : Math.max(0, max - admitted);
}

export function pageStatus(page: PageEndLike, now = Date.now()): PageStatus {
  return now >= expiresAtMs(page) || viewsLeft(page) === 0 ? 'expired' : 'live';
}

/**
 * Admits one visitor view of a limited page, exactly: true when it was within `max_views` (and counted), false
 * when the limit was already reached (by any instance). The same update records when, so the time of the last
 * admitted view is never missing, whichever instance reads the page next.
 */
export async function admitView(db: Db, pagesCollection: string, pageId: string, now = new Date()): Promise<boolean> {
  const pages = db.collection<{ _id: string } & PageEndFields>(pagesCollection);
  const after = await pages.findOneAndUpdate(
    { _id: pageId, max_views: { $gte: 1 }, $expr: { $lt: [{ $ifNull: ['$views_admitted', 0] }, '$max_views'] } },
    { $inc: { views_admitted: 1 }, $set: { last_view_admitted_at: now } },
    { projection: { _id: 1 } },
  );
  return after !== null;
}
