// The ceiling on wrong passcodes for one page, all clients together. The per-client limit (gate.ts) stops one
// address; a guesser spread over many addresses meets this one: after PAGE_GATE_ATTEMPTS wrong passcodes in a
// window, the page's gate takes no passcode from anyone for a while, and each time the ceiling is reached again
// within PAGE_GATE_STRIKE_WINDOW_SECONDS that while doubles (up to PAGE_GATE_MAX_BLOCK_SECONDS). Visitors who are
// already in (a gate cookie or grant) and the owner's preview links are not affected. Kept in MongoDB, shared by
// every process.
import type { Db } from 'mongodb';
import { RateLimiterMongo, RateLimiterRes } from 'rate-limiter-flexible';
import { RATE_LIMITS } from '../auth/rate-limit.ts';
import type { GateDecision } from './gate.ts';

/** Wrong passcodes on one page per window, from all clients together, before its gate closes. */
export const PAGE_GATE_ATTEMPTS = 100;
export const PAGE_GATE_WINDOW_SECONDS = 15 * 60;
/** The longest the gate stays closed, however often the ceiling is reached. */
export const PAGE_GATE_MAX_BLOCK_SECONDS = 24 * 60 * 60;
/** How long a reached ceiling counts toward doubling the next closure. */
export const PAGE_GATE_STRIKE_WINDOW_SECONDS = 24 * 60 * 60;

export interface PageGateCeiling {
  /** Count a passcode attempt on the page; call BEFORE checking it. Refused while the gate is closed. */
  consume(pageId: string): Promise<GateDecision>;
  /** Give back the attempt of a right passcode (only wrong ones count). */
  refund(pageId: string): Promise<void>;
}

export interface PageGateCeilingOptions {
  attempts?: number;
  windowSeconds?: number;
  maxBlockSeconds?: number;
  strikeWindowSeconds?: number;
}

export function createPageGateCeiling(db: Db, options: PageGateCeilingOptions = {}): PageGateCeiling {
  const points = options.attempts ?? PAGE_GATE_ATTEMPTS;
  const window = options.windowSeconds ?? PAGE_GATE_WINDOW_SECONDS;
  const maxBlock = options.maxBlockSeconds ?? PAGE_GATE_MAX_BLOCK_SECONDS;
  const store = { storeClient: db.client, dbName: db.databaseName, tableName: RATE_LIMITS, disableIndexesCreation: true };
  const attempts = new RateLimiterMongo({ ...store, keyPrefix: 'pagegateall', points, duration: window });
  // How many times the ceiling was reached lately; never refuses (points is only there to count past).
  const strikes = new RateLimiterMongo({
    ...store,
    keyPrefix: 'pagegatestrikes',
    points: Number.MAX_SAFE_INTEGER,
    duration: options.strikeWindowSeconds ?? PAGE_GATE_STRIKE_WINDOW_SECONDS,
  });
  let ready: Promise<void> | undefined;
  const init = () =>
    (ready ??= Promise.all([attempts.createIndexes(), strikes.createIndexes()]).then(
      () => undefined,
      (e: unknown) => {
        ready = undefined;
        throw e;
      },
    ));

  return {
    async consume(pageId) {
      await init();
      try {
        await attempts.consume(pageId);
        return { allowed: true };
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) throw e;
        // The attempt that just went over the ceiling closes the gate, for longer each time.
        if (e.consumedPoints === points + 1) {
          const strike = (await strikes.consume(pageId)).consumedPoints;
          const seconds = Math.min(maxBlock, window * 2 ** Math.min(strike - 1, 30));
          await attempts.block(pageId, seconds);
          return { allowed: false, retryAfterSeconds: seconds };
        }
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(e.msBeforeNext / 1000)) };
      }
    },
    async refund(pageId) {
      await init();
      await attempts.reward(pageId, 1);
    },
  };
}
