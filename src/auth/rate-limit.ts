// Rate limits kept in MongoDB (collection `rate_limits`) through rate-limiter-flexible:
//  - one per-user request budget, shared by the REST API and the MCP server (create it once, pass it to both);
//  - a login limiter keyed by normalised email + client IP that locks out after repeated attempts.
import { createHash } from 'node:crypto';
import type { MongoClient } from 'mongodb';
import { RateLimiterMongo, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export const RATE_LIMITS = 'rate_limits';
export const DEFAULT_REQUEST_POINTS = 600;
export const DEFAULT_REQUEST_DURATION_SECONDS = 60;
export const DEFAULT_LOGIN_ATTEMPTS = 10;
export const DEFAULT_LOGIN_WINDOW_SECONDS = 15 * 60;
export const DEFAULT_LOGIN_LOCKOUT_SECONDS = 15 * 60;
/** Sign-in and sign-up attempts per client address per minute, whatever the email. */
export const DEFAULT_CLIENT_ATTEMPTS_PER_MINUTE = 60;

export type RateLimitDecision =
  { allowed: true; limit: number; remaining: number; resetSeconds: number } | { allowed: false; limit: number; retryAfterSeconds: number };

export interface MongoStore {
  /** A connected driver client (Database.client). */
  storeClient: MongoClient;
  /** Database holding the `rate_limits` collection (Database.db.databaseName). */
  dbName: string;
}

export interface RequestLimiterOptions {
  /** Requests allowed per window; default 600. */
  points?: number;
  /** Window length; default 60 s. */
  durationSeconds?: number;
}

export interface RequestLimiter {
  readonly limit: number;
  /** Spend one request from `key`'s budget (use the user id). Store failures reject. */
  consume(key: string): Promise<RateLimitDecision>;
}

export interface LoginLimiterOptions {
  /** Attempts per email+IP within the window; default 10. */
  attempts?: number;
  /** Default 15 minutes. */
  windowSeconds?: number;
  /** Once over the limit, further attempts are refused for this long; default 15 minutes. */
  lockoutSeconds?: number;
}

export interface LoginLimiter {
  readonly limit: number;
  /** Count an attempt of this client on any email; refuses a client spraying many accounts. */
  consumeClient(ip: string): Promise<RateLimitDecision>;
  /** Count a login attempt; call BEFORE checking the password, and refuse the attempt when not allowed. */
  consume(email: string, ip: string): Promise<RateLimitDecision>;
  /** Forget the attempts after a successful login. */
  reset(email: string, ip: string): Promise<void>;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

/** Turn a limiter's answer (resolve = allowed, reject with RateLimiterRes = refused) into a decision. */
async function decide(limiter: RateLimiterAbstract, key: string, limit: number): Promise<RateLimitDecision> {
  try {
    const res = await limiter.consume(key);
    return { allowed: true, limit, remaining: res.remainingPoints, resetSeconds: Math.max(0, Math.ceil(res.msBeforeNext / 1000)) };
  } catch (e) {
    if (e instanceof RateLimiterRes) {
      return { allowed: false, limit, retryAfterSeconds: Math.max(1, Math.ceil(e.msBeforeNext / 1000)) };
    }
    throw e;
  }
}

/** Build a RateLimiterMongo on `rate_limits` and create its indexes (awaited, so failures surface here). */
async function mongoLimiter(
  store: MongoStore,
  options: { keyPrefix: string; points: number; duration: number; blockDuration?: number },
): Promise<RateLimiterMongo> {
  const limiter = new RateLimiterMongo({
    storeClient: store.storeClient,
    dbName: store.dbName,
    tableName: RATE_LIMITS,
    disableIndexesCreation: true,
    ...options,
  });
  await limiter.createIndexes();
  return limiter;
}

/**
 * Wrap any rate-limiter-flexible limiter as the request budget (e.g. RateLimiterMemory in unit tests).
 *
 * With `leaseSize` > 1 this process reserves that many points with one store write and spends them
 * locally until they or the window run out, so a busy user costs one write per lease instead of
 * one per request. Reserved points are already counted in the shared store, so instances together
 * never admit more than the limit; at worst a few leased points go unused when a window ends (up to a
 * lease per instance: README, Production layout).
 */
export function requestLimiterFrom(limiter: RateLimiterAbstract, limit: number, leaseSize = 1): RequestLimiter {
  const leases = new Map<string, { remaining: number; expires: number }>();
  /** Keys whose budget is nearly spent, until their window ends: no more leases for them. */
  const nearLimit = new Map<string, number>();
  /** One lease request per key at a time; concurrent misses wait for it instead of leasing again. */
  const leasing = new Map<string, Promise<boolean>>();

  const takeLocal = (key: string, now: number): RateLimitDecision | undefined => {
    const lease = leases.get(key);
    if (!lease || lease.remaining <= 0 || lease.expires <= now) return undefined;
    lease.remaining--;
    return { allowed: true, limit, remaining: lease.remaining, resetSeconds: Math.ceil((lease.expires - now) / 1000) };
  };

  /** Reserves a lease for `key`; false when the budget is too low for one (then go point by point). */
  const lease = async (key: string): Promise<boolean> => {
    const now = Date.now();
    let remaining = leaseSize;
    let windowMs: number;
    try {
      windowMs = (await limiter.consume(key, leaseSize)).msBeforeNext;
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      // The lease overshot the budget: keep the part still under it and go point by point until the window
      // ends. Nothing is given back (what overshot is refused anyway): a give-back that reached the store after
      // the window ended would have started the next window below zero, over the limit.
      if (nearLimit.size > 10_000) nearLimit.clear();
      nearLimit.set(key, now + e.msBeforeNext);
      remaining = leaseSize - (e.consumedPoints - limiter.points);
      if (remaining <= 0) return false;
      windowMs = e.msBeforeNext;
    }
    if (leases.size > 10_000) leases.clear();
    leases.set(key, { remaining, expires: now + windowMs });
    return true;
  };

  return {
    limit,
    async consume(key) {
      if (typeof key !== 'string' || key === '') throw new TypeError('rate-limit key is required');
      for (;;) {
        const now = Date.now();
        const local = takeLocal(key, now);
        if (local) return local;
        const exhaustedUntil = nearLimit.get(key);
        if (exhaustedUntil !== undefined && exhaustedUntil <= now) nearLimit.delete(key);
        if (leaseSize <= 1 || (exhaustedUntil ?? 0) > now) break;
        let pending = leasing.get(key);
        if (!pending) {
          pending = lease(key).finally(() => leasing.delete(key));
          leasing.set(key, pending);
        }
        if (!(await pending)) break;
      }
      return decide(limiter, key, limit);
    },
  };
}

/** Points one instance reserves per store write: 2 % of the budget at most; small budgets stay exact. */
export function leaseSizeFor(points: number): number {
  return Math.max(1, Math.floor(points / 50));
}

/** The per-user request budget, stored in MongoDB so every process shares it. */
export async function createRequestLimiter(store: MongoStore, options: RequestLimiterOptions = {}): Promise<RequestLimiter> {
  const points = positiveInteger('points', options.points ?? DEFAULT_REQUEST_POINTS);
  const duration = positiveInteger('durationSeconds', options.durationSeconds ?? DEFAULT_REQUEST_DURATION_SECONDS);
  return requestLimiterFrom(await mongoLimiter(store, { keyPrefix: 'req', points, duration }), points, leaseSizeFor(points));
}

/**
 * Key for an email + IP pair. Hashed so the rate_limits collection holds no email addresses; the email is
 * normalised (trim, lower-case) like account emails.
 */
export function loginKey(email: string, ip: string): string {
  const normalized = String(email).trim().toLowerCase();
  return createHash('sha256')
    .update(`${normalized}\u0000${String(ip)}`, 'utf8')
    .digest('base64url');
}

/** Wrap any rate-limiter-flexible limiter as the login limiter. */
function loginLimiterFrom(
  limiter: RateLimiterAbstract,
  limit: number,
  clientLimiter?: RateLimiterAbstract,
  clientLimit = DEFAULT_CLIENT_ATTEMPTS_PER_MINUTE,
): LoginLimiter {
  return {
    limit,
    consume: (email, ip) => decide(limiter, loginKey(email, ip), limit),
    consumeClient: async (ip) =>
      clientLimiter ? decide(clientLimiter, `ip:${ip}`, clientLimit) : { allowed: true, limit: clientLimit, remaining: clientLimit, resetSeconds: 0 },
    async reset(email, ip) {
      await limiter.delete(loginKey(email, ip));
    },
  };
}

export async function createLoginLimiter(store: MongoStore, options: LoginLimiterOptions = {}): Promise<LoginLimiter> {
  const points = positiveInteger('attempts', options.attempts ?? DEFAULT_LOGIN_ATTEMPTS);
  const duration = positiveInteger('windowSeconds', options.windowSeconds ?? DEFAULT_LOGIN_WINDOW_SECONDS);
  const blockDuration = positiveInteger('lockoutSeconds', options.lockoutSeconds ?? DEFAULT_LOGIN_LOCKOUT_SECONDS);
  const client = await mongoLimiter(store, { keyPrefix: 'loginip', points: DEFAULT_CLIENT_ATTEMPTS_PER_MINUTE, duration: 60 });
  return loginLimiterFrom(await mongoLimiter(store, { keyPrefix: 'login', points, duration, blockDuration }), points, client);
}

/** Thrown by RateLimits.consumeRequest when the budget is spent; map it to 429 with Retry-After. */
export class RateLimitExceeded extends Error {
  readonly retryAfterSeconds: number;
  readonly limit: number;

  constructor(retryAfterSeconds: number, limit: number) {
    super(`Rate limit exceeded: ${limit} requests per window. Retry in ${retryAfterSeconds} s.`);
    this.name = 'RateLimitExceeded';
    this.retryAfterSeconds = retryAfterSeconds;
    this.limit = limit;
  }
}

/** Both limiters, created once per process and shared by REST and MCP. */
export interface RateLimits {
  requests: RequestLimiter;
  login: LoginLimiter;
  /** Spend one request from the user's budget; throws RateLimitExceeded when it is spent. */
  consumeRequest(userId: string): Promise<Extract<RateLimitDecision, { allowed: true }>>;
}

export function rateLimitsFrom(requests: RequestLimiter, login: LoginLimiter): RateLimits {
  return {
    requests,
    login,
    async consumeRequest(userId) {
      const decision = await requests.consume(userId);
      if (!decision.allowed) throw new RateLimitExceeded(decision.retryAfterSeconds, decision.limit);
      return decision;
    },
  };
}

export async function createRateLimits(
  store: MongoStore,
  options: { requests?: RequestLimiterOptions; login?: LoginLimiterOptions } = {},
): Promise<RateLimits> {
  return rateLimitsFrom(await createRequestLimiter(store, options.requests), await createLoginLimiter(store, options.login));
}
