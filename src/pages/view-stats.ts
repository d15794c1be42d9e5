// Pages' view counts in the database: what serving counted (serve/view-counter.ts batches it in memory and
// writes it here with bulk upserts), and which allowed address opened an e-mail-gated page.
//  - `page_view_days`: one document per page and UTC day: views and the day's visitor sketch
//    (visitor-sketch.ts); removed by a TTL index a little after the 30 days the API shows.
//  - `page_view_totals`: one document per page: views since it was created.
//  - `page_email_opens`: one document per page and address: how often and when its e-mailed link was followed.
// A deleted page's counts are deleted with it (deleteViewStats).
import type { AnyBulkWriteOperation, Db } from 'mongodb';
import { estimateVisitors, mergeRegisters, type StoredRegisters } from './visitor-sketch.ts';

const DAYS = 'page_view_days';
const TOTALS = 'page_view_totals';
const EMAIL_OPENS = 'page_email_opens';

/** Days the API shows (today included). */
export const STATS_DAYS = 30;
/** Days a day's document is kept (a margin over STATS_DAYS). */
const KEPT_DAYS = STATS_DAYS + 2;
const DAY_MS = 24 * 60 * 60 * 1000;

interface DayDoc {
  _id: string;
  page_id: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
  views: number;
  visitors: StoredRegisters;
  expires_at: Date;
}

interface TotalDoc {
  _id: string;
  views: number;
}

interface EmailOpenDoc {
  _id: string;
  page_id: string;
  email: string;
  opens: number;
  first_opened_at: Date;
  last_opened_at: Date;
}

const days = (db: Db) => db.collection<DayDoc>(DAYS);
const totals = (db: Db) => db.collection<TotalDoc>(TOTALS);
const emailOpens = (db: Db) => db.collection<EmailOpenDoc>(EMAIL_OPENS);

export async function ensureViewStatsIndexes(db: Db): Promise<void> {
  await Promise.all([
    days(db).createIndex({ page_id: 1, day: 1 }, { name: 'page_days' }),
    days(db).createIndex({ expires_at: 1 }, { name: 'expires', expireAfterSeconds: 0 }),
    emailOpens(db).createIndex({ page_id: 1, last_opened_at: -1 }, { name: 'page_latest' }),
  ]);
}

/** The UTC day of `ms` as YYYY-MM-DD. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** What one instance counted for one page on one day since its last flush. */
export interface DayCount {
  pageId: string;
  day: string;
  views: number;
  /** Registers of the day's sketch this instance raised: register → rank. */
  raised: ReadonlyMap<number, number>;
}

/** Adds counted views to the stored ones: one unordered bulk write per collection, each document an upsert. */
export async function addViews(db: Db, counts: readonly DayCount[]): Promise<void> {
  if (counts.length === 0) return;
  const perPage = new Map<string, number>();
  const dayOps: AnyBulkWriteOperation<DayDoc>[] = counts.map(({ pageId, day, views, raised }) => {
    perPage.set(pageId, (perPage.get(pageId) ?? 0) + views);
    const max: Record<string, number> = {};
    for (const [register, rank] of raised) max[`visitors.${register}`] = rank;
    return {
      updateOne: {
        filter: { _id: `${pageId}:${day}` },
        update: {
          $inc: { views },
          ...(raised.size > 0 ? { $max: max } : {}),
          $setOnInsert: { page_id: pageId, day, expires_at: new Date(Date.parse(day) + KEPT_DAYS * DAY_MS) },
        },
        upsert: true,
      },
    };
  });
  const totalOps: AnyBulkWriteOperation<TotalDoc>[] = [...perPage].map(([pageId, views]) => ({
    updateOne: { filter: { _id: pageId }, update: { $inc: { views } }, upsert: true },
  }));
  await Promise.all([days(db).bulkWrite(dayOps, { ordered: false }), totals(db).bulkWrite(totalOps, { ordered: false })]);
}

/** Records that `email` followed its link to `pageId` at `at`. */
export async function recordEmailOpen(db: Db, pageId: string, email: string, at = new Date()): Promise<void> {
  await emailOpens(db).updateOne(
    { _id: `${pageId}:${email}` },
    { $inc: { opens: 1 }, $min: { first_opened_at: at }, $max: { last_opened_at: at }, $setOnInsert: { page_id: pageId, email } },
    { upsert: true },
  );
}

export interface DayViews {
  date: string;
  views: number;
  unique_visitors: number;
}

export interface ViewStats {
  totalViews: number;
  viewsLast30Days: number;
  uniqueVisitorsLast30Days: number;
  /** The last STATS_DAYS days, oldest first, days without views included. */
  days: DayViews[];
  emailOpens: { email: string; opens: number; firstOpenedAt: Date; lastOpenedAt: Date }[];
}

/** The stored counts of `pageId` (the caller has checked that it owns the page). */
export async function readViewStats(db: Db, pageId: string, now = Date.now()): Promise<ViewStats> {
  const dates = Array.from({ length: STATS_DAYS }, (_, i) => dayOf(now - (STATS_DAYS - 1 - i) * DAY_MS));
  const [stored, total, opens] = await Promise.all([
    days(db)
      .find({ page_id: pageId, day: { $gte: dates[0] } })
      .toArray(),
    totals(db).findOne({ _id: pageId }),
    emailOpens(db).find({ page_id: pageId }).sort({ last_opened_at: -1 }).limit(500).toArray(),
  ]);
  const byDay = new Map(stored.map((d) => [d.day, d]));
  const inRange = dates.map((date) => byDay.get(date));
  return {
    totalViews: total?.views ?? 0,
    viewsLast30Days: inRange.reduce((n, d) => n + (d?.views ?? 0), 0),
    uniqueVisitorsLast30Days: estimateVisitors(mergeRegisters(inRange.map((d) => d?.visitors))),
    days: dates.map((date, i) => ({ date, views: inRange[i]?.views ?? 0, unique_visitors: inRange[i] ? estimateVisitors(inRange[i]!.visitors) : 0 })),
    emailOpens: opens.map((o) => ({ email: o.email, opens: o.opens, firstOpenedAt: o.first_opened_at, lastOpenedAt: o.last_opened_at })),
  };
}

/** Deletes everything counted for `pageId`. */
export async function deleteViewStats(db: Db, pageId: string): Promise<void> {
  await Promise.all([days(db).deleteMany({ page_id: pageId }), totals(db).deleteOne({ _id: pageId }), emailOpens(db).deleteMany({ page_id: pageId })]);
}
