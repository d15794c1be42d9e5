// What serving /p/ remembers between requests: the page documents it read, for a moment, which stored file a
// path means in a version, and small files' bytes by SHA-256.
//
//  - Pages (PageCache): the fields serving needs, for at most PAGE_TTL_MS. Every change made through the pages
//    module (create, update, replace, delete) announces (pages/page-changes.ts) the moment its write is done, so on this
//    instance the very next request reads the page afresh: a page made private, deleted or given new passcodes
//    is never served from here as it was. The TTL bounds how long another instance sharing the database (which
//    this process can't hear from) may go on with the old document.
//    A lookup that was already under way when the page was invalidated may return the old document: it is
//    handed to the requests that were waiting for it (they raced the change anyway), never stored.
//  - Resolutions (ResolutionCache): which file (or redirect, or nothing) a path means in a version, given the
//    page's default file. A version's files never change once it is current, so these need no invalidation;
//    a page that moves to another version simply asks with the new version id. An LRU bounded by count and by
//    the length of its keys (paths are the visitor's choice).
//  - File bytes (ContentCache): content-addressed, so never stale. Larger files' bytes are kept on disk by
//    body-cache.ts, also by SHA-256.
import type { Db } from 'mongodb';
import { onPageChange } from '../pages/page-changes.ts';
import { PAGES } from '../pages/file-versions.ts';
import type { StoredFile } from '../pages/file-versions.ts';
import type { BodyCache } from './body-cache.ts';
import { expiresAtMs, maxViewsOf, type PageEndLike } from '../pages/page-end.ts';

/** Page ids are short base62 strings; anything else is answered 404 without a database lookup. */
export const PAGE_ID = /^[0-9A-Za-z]{1,64}$/;

/** How long a page document read for serving is used before it is read again. */
export const PAGE_TTL_MS = 1000;
/** Page entries held (found or not); the longest held go first (an entry in use is stored afresh every TTL). */
export const PAGE_CACHE_MAX_ENTRIES = 10_000;
/** Path resolutions held, and the characters of their keys (version, default file, path) together. */
export const RESOLUTION_CACHE_MAX_ENTRIES = 20_000;
export const RESOLUTION_CACHE_MAX_KEY_CHARS = 4_000_000;
/** Longer keys (absurd paths) are resolved every time rather than remembered. */
const RESOLUTION_MAX_KEY_LENGTH = 4096;

/** What serving needs from the page document (owned by the pages module). */
export interface ServedPage extends PageEndLike {
  _id: string;
  visibility?: unknown;
  default_file?: unknown;
  /** `/p/<id>/` redirects to the default file (pages.ts). */
  root_redirects?: unknown;
  current_version?: unknown;
  passcodes?: unknown;
  allowed_emails?: unknown;
  updated_at?: unknown;
  /** Moves on when the visibility changes; preview links and grants name it (preview.ts). */
  access_epoch?: unknown;
  /** Its documents are served with the script shims (script-shim.ts). */
  script_shims?: unknown;
}

export const PAGE_PROJECTION = {
  visibility: 1,
  default_file: 1,
  root_redirects: 1,
  current_version: 1,
  passcodes: 1,
  allowed_emails: 1,
  updated_at: 1,
  access_epoch: 1,
  script_shims: 1,
  expires_at: 1,
  max_views: 1,
  views_admitted: 1,
  last_view_admitted_at: 1,
} as const;

/** A page as read for serving, with what every request would otherwise work out again. */
export interface PageEntry {
  /** Null: there is no such page. */
  readonly page: ServedPage | null;
  /** Public, and no passcode or e-mail list set: served to everyone without a gate. */
  readonly open: boolean;
  /** `updated_at` as an HTTP date, when it is a valid date. */
  readonly lastModified: string | undefined;
  /** Gate details worked out on first use (access.ts); the entry is replaced whenever the page changes. */
  access?: unknown;
  /** When this entry stops being used (ms since the epoch). */
  readonly expires: number;
  /** Until when the fast path may serve the page (its expiry; 0 for a page with a view limit, see expiry.ts). */
  readonly servedUntil: number;
}

function unset(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/** Public, and no passcode or e-mail list set (whatever the visibility says). */
function isOpenToEveryone(page: ServedPage): boolean {
  return page.visibility === 'public' && unset(page.passcodes) && unset(page.allowed_emails);
}

function entryFor(page: ServedPage | null, expires: number, now = Date.now()): PageEntry {
  const updated = page?.updated_at;
  // Last-Modified has whole seconds: one given out in the second the page changed could name a later change
  // of that same second too, and a client revalidating with If-Modified-Since alone would get a stale 304.
  // So a page changed in the last second has none (ETags still validate).
  const settled = updated instanceof Date && !Number.isNaN(updated.getTime()) && now - updated.getTime() >= 1000;
  const lastModified = settled ? updated.toUTCString() : undefined;
  const servedUntil = page === null || maxViewsOf(page) !== null ? 0 : expiresAtMs(page);
  return { page, open: page !== null && isOpenToEveryone(page), lastModified, expires, servedUntil };
}

export class PageCache {
  readonly ttlMs: number;
  readonly maxEntries: number;
  readonly #entries = new Map<string, PageEntry>();
  /** The lookup of each page in progress; invalidating the page forgets it, so what it reads is not stored. */
  readonly #inflight = new Map<string, Promise<PageEntry>>();
  #unsubscribe: (() => void) | undefined;

  constructor(ttlMs = PAGE_TTL_MS, maxEntries = PAGE_CACHE_MAX_ENTRIES) {
    this.ttlMs = ttlMs;
    this.maxEntries = maxEntries;
    this.#unsubscribe = onPageChange((pageId) => this.invalidate(pageId));
  }

  /** Stops taking invalidations (the server stopped); what it holds is dropped. */
  close(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#entries.clear();
    this.#inflight.clear();
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The entry for `pageId` if it is still fresh, without any I/O (the fast path's question). */
  peek(pageId: string, now = Date.now()): PageEntry | undefined {
    const entry = this.#entries.get(pageId);
    return entry !== undefined && entry.expires > now ? entry : undefined;
  }

  /**
   * Reads the page again in the background when its entry is in the last quarter of its TTL (the fast path asks
   * on every hit), so a page in use keeps a fresh entry instead of sending a burst of requests to hapi each TTL.
   * The entry in use stays as it is until the new one is stored.
   */
  renewSoon(db: Db, pageId: string, entry: PageEntry, now: number): void {
    if (entry.expires - now > this.ttlMs / 4 || this.#inflight.has(pageId)) return;
    void this.#load(db, pageId).catch(() => {});
  }

  /** The page as of at most ttlMs ago; concurrent requests for the same page share one lookup. */
  get(db: Db, pageId: string): PageEntry | Promise<PageEntry> {
    const fresh = this.peek(pageId);
    if (fresh) return fresh;
    const pending = this.#inflight.get(pageId);
    if (pending) return pending;
    return this.#load(db, pageId);
  }

  /** Reads the page now, whatever is cached (after a request found its entry out of date). */
  refresh(db: Db, pageId: string): Promise<PageEntry> {
    this.invalidate(pageId);
    return this.#load(db, pageId);
  }

  invalidate(pageId: string): void {
    this.#entries.delete(pageId);
    this.#inflight.delete(pageId);
  }

  #load(db: Db, pageId: string): Promise<PageEntry> {
    // Counted from before the read: the document is at most this old when the entry expires.
    const expires = Date.now() + this.ttlMs;
    const lookup: Promise<PageEntry> = db
      .collection<ServedPage>(PAGES)
      .findOne({ _id: pageId }, { projection: PAGE_PROJECTION })
      .then((page) => {
        const entry = entryFor(page, expires);
        // Still this page's current lookup: no invalidation (of this page) came in between.
        if (this.#inflight.get(pageId) === lookup && this.#unsubscribe) this.#store(pageId, entry);
        return entry;
      })
      .finally(() => {
        if (this.#inflight.get(pageId) === lookup) this.#inflight.delete(pageId);
      });
    this.#inflight.set(pageId, lookup);
    return lookup;
  }

  #store(pageId: string, entry: PageEntry): void {
    this.#entries.delete(pageId);
    this.#entries.set(pageId, entry);
    if (this.#entries.size > this.maxEntries) {
      // Oldest stored first: Map keeps insertion order.
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }
}

/** A file of a version, with what serving derives from it (all immutable). */
export interface ResolvedFile {
  kind: 'file';
  file: StoredFile;
  /** The Content-Type sent. */
  type: string;
  /** A text type, sent br/gzip-compressed when the client accepts it and the file is big enough. */
  compressible: boolean;
  /** Strong entity tags of the identity bytes and of each coding. */
  tags: { identity: string; br: string; gzip: string };
}

export type Resolution = ResolvedFile | { kind: 'redirect' } | { kind: 'missing' };

export class ResolutionCache {
  readonly maxEntries: number;
  readonly maxKeyChars: number;
  readonly #entries = new Map<string, Resolution>();
  /** Characters in the keys held: paths are the visitor's choice (any route of a single-page app resolves). */
  #keyChars = 0;

  constructor(maxEntries = RESOLUTION_CACHE_MAX_ENTRIES, maxKeyChars = RESOLUTION_CACHE_MAX_KEY_CHARS) {
    this.maxEntries = maxEntries;
    this.maxKeyChars = maxKeyChars;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Versions are ids (no separator inside), default files are stored paths: the lengths keep keys unambiguous. */
  static key(version: string, defaultFile: string, path: string): string {
    return `${version.length}:${version}${defaultFile.length}:${defaultFile}${path}`;
  }

  get(key: string): Resolution | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  /** Only for a version that is (or was, once) current: its set of files is final. */
  set(key: string, value: Resolution): void {
    if (key.length > RESOLUTION_MAX_KEY_LENGTH) return;
    if (this.#entries.delete(key)) this.#keyChars -= key.length;
    this.#entries.set(key, value);
    this.#keyChars += key.length;
    while (this.#entries.size > this.maxEntries || this.#keyChars > this.maxKeyChars) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
      this.#keyChars -= oldest.length;
    }
  }
}

/** Files up to this size are read whole and kept in the content cache (bounded by CACHE_MAX_TOTAL_BYTES); larger ones are streamed (body-cache.ts). */
export const CACHE_MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Total bytes the content cache holds (identity and compressed variants together). */
export const CACHE_MAX_TOTAL_BYTES = 64 * 1024 * 1024;

/**
 * A bounded LRU of file bytes keyed by content (`<sha256>` for the file itself, `<sha256>:<encoding>` for a
 * compressed variant). Content-addressed, so it can never answer with stale bytes: a request asks it for the
 * hash of the file record its (current) page and version lead to.
 */
export class ContentCache {
  readonly maxEntryBytes: number;
  readonly maxTotalBytes: number;
  readonly #entries = new Map<string, Buffer>();
  /** The key used last (so last in #entries): a run of hits on one file moves nothing. */
  #newest: string | undefined;
  #bytes = 0;

  constructor(maxEntryBytes = CACHE_MAX_FILE_BYTES, maxTotalBytes = CACHE_MAX_TOTAL_BYTES) {
    this.maxEntryBytes = maxEntryBytes;
    this.maxTotalBytes = maxTotalBytes;
  }

  /** Bytes currently held. */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): Buffer | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined && key !== this.#newest) {
      // Most recently used last.
      this.#entries.delete(key);
      this.#entries.set(key, value);
      this.#newest = key;
    }
    return value;
  }

  /** Stores `value` unless it is larger than one entry may be; evicts the least recently used as needed. */
  set(key: string, value: Buffer): void {
    if (value.length > this.maxEntryBytes || value.length > this.maxTotalBytes) return;
    const previous = this.#entries.get(key);
    if (previous !== undefined) {
      this.#entries.delete(key);
      this.#bytes -= previous.length;
    }
    this.#entries.set(key, value);
    this.#newest = key;
    this.#bytes += value.length;
    for (const [oldest, bytes] of this.#entries) {
      if (this.#bytes <= this.maxTotalBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= bytes.length;
    }
  }
}

/** The caches one server's /p/ routes and fast path share. */
export interface ServeCaches {
  pages: PageCache;
  resolutions: ResolutionCache;
  content: ContentCache;
  bodies: BodyCache;
}
