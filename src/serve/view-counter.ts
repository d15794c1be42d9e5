// Counting visitors' views of pages' HTML documents without slowing serving: each view is added to counts held
// in memory (per page and UTC day: views, and the day's visitor sketch registers it raised), which are written
// with bulk upserts (pages/view-stats.ts) every VIEW_FLUSH_INTERVAL_MS and when the server stops. A view costs
// a few Map operations; the visitor's sketch point (a keyed hash of address and user agent) is worked out once
// per connection for as long as its user agent and forwarding header stay the same.
// What counts: a 200 or 304 of an HTML document to a GET that isn't the owner's preview (file-route.ts and
// fast-path.ts decide; assets never count).
import { createSecretKey, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import type { Server } from '@hapi/hapi';
import type { Db } from 'mongodb';
import { purposeKey } from '../auth/keys.ts';
import { addViews, dayOf } from '../pages/view-stats.ts';
import { sketchPoint, type SketchPoint } from '../pages/visitor-sketch.ts';
import { clientAddressOf } from '../shared/client-address.ts';

export const VIEW_FLUSH_INTERVAL_MS = 5000;
const PURPOSE = 'outpost/visitor-sketch/v1';
/** Counts held for this many page-days are written at once rather than waiting for the timer. */
const MAX_PENDING = 10_000;

/** Whether a file of this Content-Type is a document whose views count. */
export function isDocumentType(type: string): boolean {
  return type.startsWith('text/html') || type.startsWith('application/xhtml+xml');
}

interface Pending {
  pageId: string;
  day: string;
  views: number;
  raised: Map<number, number>;
}

/** The sketch point worked out for a connection's last visitor (its headers as they were then). */
interface KnownVisitor {
  userAgent: string | undefined;
  forwardedFor: string | string[] | undefined;
  point: SketchPoint;
}

const counters = new WeakMap<Server, ViewCounter>();

/** The view counter of `server` (tests flush it). */
export function viewCounterOf(server: Server): ViewCounter | undefined {
  return counters.get(server);
}

export class ViewCounter {
  readonly #db: Db;
  readonly #key: KeyObject;
  readonly #trustProxy: { trustProxy: readonly string[] };
  readonly #onError: (error: Error) => void;
  /** Today's counts by page id; the counts of a day that ended wait in #earlier until the next flush. */
  #pending = new Map<string, Pending>();
  #earlier: Pending[] = [];
  readonly #visitors = new WeakMap<Socket, KnownVisitor>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();
  /** The flush that waits for the one under way, if any. */
  #queued: Promise<void> | undefined;
  #day = '';
  #dayEnds = 0;

  constructor(db: Db, signingKey: Uint8Array, config: { trustProxy: readonly string[] }, onError: (error: Error) => void, intervalMs = VIEW_FLUSH_INTERVAL_MS) {
    this.#db = db;
    this.#key = createSecretKey(purposeKey(signingKey, PURPOSE));
    this.#trustProxy = config;
    this.#onError = onError;
    this.#timer = setInterval(() => void this.flush(), intervalMs);
    this.#timer.unref();
  }

  /** Puts the counter on `server`: its counts are written when the server stops. */
  attach(server: Server): void {
    counters.set(server, this);
    server.ext('onPostStop', () => this.close());
  }

  /** Counts one view of `pageId` by the client of `socket` with these request headers. */
  record(pageId: string, socket: Socket, headers: IncomingHttpHeaders, now: number): void {
    const point = this.#pointOf(socket, headers);
    if (now >= this.#dayEnds) this.#startDay(now);
    let pending = this.#pending.get(pageId);
    if (pending === undefined) {
      pending = { pageId, day: this.#day, views: 0, raised: new Map() };
      this.#pending.set(pageId, pending);
      if (this.#pending.size >= MAX_PENDING) void this.flush();
    }
    pending.views++;
    if (point.rank > (pending.raised.get(point.register) ?? 0)) pending.raised.set(point.register, point.rank);
  }

  #startDay(now: number): void {
    for (const pending of this.#pending.values()) this.#earlier.push(pending);
    this.#pending = new Map();
    this.#day = dayOf(now);
    this.#dayEnds = Date.parse(this.#day) + 24 * 60 * 60 * 1000;
  }

  #pointOf(socket: Socket, headers: IncomingHttpHeaders): SketchPoint {
    const userAgent = headers['user-agent'];
    const forwardedFor = headers['x-forwarded-for'];
    const known = this.#visitors.get(socket);
    if (known !== undefined && known.userAgent === userAgent && known.forwardedFor === forwardedFor) return known.point;
    const address = clientAddressOf(socket.remoteAddress, forwardedFor, this.#trustProxy);
    const point = sketchPoint(this.#key, address, userAgent ?? '');
    this.#visitors.set(socket, { userAgent, forwardedFor, point });
    return point;
  }

  /**
   * Writes what was counted so far (one write at a time; a failed write's counts are kept for the next). A flush
   * asked for while another waits to start is that one: it takes whatever is counted when it starts.
   */
  flush(): Promise<void> {
    if (this.#queued !== undefined) return this.#queued;
    const queued = this.#flushing.then(async () => {
      this.#queued = undefined;
      if (this.#pending.size === 0 && this.#earlier.length === 0) return;
      const counts: Pending[] = [...this.#earlier, ...this.#pending.values()];
      this.#pending = new Map();
      this.#earlier = [];
      try {
        await addViews(this.#db, counts);
      } catch (e) {
        // Kept for the next flush (a day's counts that can't join today's are kept as they are).
        for (const failed of counts) this.#putBack(failed);
        this.#onError(e as Error);
      }
    });
    this.#queued = queued;
    this.#flushing = queued;
    return queued;
  }

  #putBack(failed: Pending): void {
    const pending = this.#pending.get(failed.pageId);
    if (failed.day !== this.#day) {
      this.#earlier.push(failed);
      return;
    }
    if (pending === undefined) {
      this.#pending.set(failed.pageId, failed);
      return;
    }
    pending.views += failed.views;
    for (const [register, rank] of failed.raised) if (rank > (pending.raised.get(register) ?? 0)) pending.raised.set(register, rank);
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.flush();
  }
}
