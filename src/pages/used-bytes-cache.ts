// This instance's short-lived copy of each user's stored bytes, for showing them (GET /api/me and its
// tool); quota enforcement never reads it (reservations are conditional updates of the usage document).
// Every change this instance makes to a user's usage forgets that user's figure at once; another
// instance's changes show here after at most the TTL.
import type { Db, MongoClient } from 'mongodb';

export const USED_BYTES_TTL_MS = 1000;
export const USED_BYTES_MAX_ENTRIES = 10_000;

export interface UsedBytesCacheOptions {
  ttlMs?: number;
  maxEntries?: number;
  /** Milliseconds, for expiry; tests pass their own clock. */
  now?: () => number;
}

/** Per user: the figure and when it stops being used. Bounded, least recently used first out. */
export class UsedBytesCache {
  readonly ttlMs: number;
  readonly maxEntries: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, { bytes: number; expiresAt: number }>();
  /** Each user's read in progress; forgetting the user drops it, so what it reads is not stored. */
  readonly #inflight = new Map<string, Promise<number>>();

  constructor({ ttlMs = USED_BYTES_TTL_MS, maxEntries = USED_BYTES_MAX_ENTRIES, now = Date.now }: UsedBytesCacheOptions = {}) {
    this.ttlMs = ttlMs;
    this.maxEntries = maxEntries;
    this.#now = now;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The user's figure if fresh, else `load()`'s; concurrent misses for one user share one read. */
  get(userId: string, load: () => Promise<number>): Promise<number> {
    const hit = this.#entries.get(userId);
    if (hit) {
      this.#entries.delete(userId);
      if (hit.expiresAt > this.#now()) {
        this.#entries.set(userId, hit);
        return Promise.resolve(hit.bytes);
      }
    }
    return this.#inflight.get(userId) ?? this.#load(userId, load);
  }

  forget(userId: string): void {
    this.#entries.delete(userId);
    this.#inflight.delete(userId);
  }

  #load(userId: string, load: () => Promise<number>): Promise<number> {
    // Counted from before the read: the figure is at most this old when it expires.
    const expiresAt = this.#now() + this.ttlMs;
    const read: Promise<number> = load()
      .then((bytes) => {
        // Still this user's current read: no change was forgotten in between.
        if (this.#inflight.get(userId) === read) this.#store(userId, bytes, expiresAt);
        return bytes;
      })
      .finally(() => {
        if (this.#inflight.get(userId) === read) this.#inflight.delete(userId);
      });
    this.#inflight.set(userId, read);
    return read;
  }

  #store(userId: string, bytes: number, expiresAt: number): void {
    this.#entries.set(userId, { bytes, expiresAt });
    while (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
  }
}

const caches = new WeakMap<MongoClient, Map<string, UsedBytesCache>>();

/** The cache of this process's connection to `db` (one per instance). */
export function usedBytesCacheOf(db: Db): UsedBytesCache {
  let byName = caches.get(db.client);
  if (!byName) caches.set(db.client, (byName = new Map()));
  let cache = byName.get(db.databaseName);
  if (!cache) byName.set(db.databaseName, (cache = new UsedBytesCache()));
  return cache;
}

/** Runs a write to the user's usage document, then forgets their cached figure (also if the write failed). */
export async function changingUsage<T>(db: Db, userId: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } finally {
    usedBytesCacheOf(db).forget(userId);
  }
}
