// A local copy of large files' bodies on disk (DATA_DIR/serve-cache), so that a page's big files are sent with
// plain file reads instead of through the database driver (GridFS chunks cost several ms of CPU per MiB).
//
//  - Content-addressed: an entry is named by the SHA-256 of its bytes, and only bytes that hash to that name
//    are ever put there (hashed while written to a temporary file, then renamed into place). So it can never
//    serve stale or other bytes for a name: a request asks it for the hash its page's current file record has.
//    An entry this process did not write itself (a previous run, another instance sharing DATA_DIR) is hashed
//    once before this process first sends it; until then the file is served from the database.
//  - Filled from the request that reads a file whole from the database (sendAndKeep: the bytes it sends are
//    copied on the way), or by a read of its own (fill, for range requests), so a cold file is read once.
//  - Bounded: at most `maxBytes` in the folder, counting every entry in it (other instances' too): the folder is
//    listed after each new entry and the least recently used (by this process; mtime for others') are removed.
//    A file larger than a quarter of the bound is not kept. Nothing is written while the disk's free space would
//    fall under `minFreeBytes` (the engine's journal needs it).
//  - Safe with several instances: entries appear by rename (whole or not at all), and bodies are read through a
//    descriptor opened before, so an entry removed meanwhile (by eviction here or elsewhere) is still read to its
//    end. Descriptors of recently sent entries stay open (at most MAX_OPEN_FILES idle ones), shared by the
//    requests reading them (positional reads), and are closed once no request uses them.
//  - Private: the folder is 0700 and its files 0600, like the rest of DATA_DIR.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PassThrough, Transform, pipeline as pipe, type Readable } from 'node:stream';
import PQueue from 'p-queue';
import type { StoredFile } from '../pages/file-versions.ts';

const SHA256_HEX = /^[0-9a-f]{64}$/;
const TEMP_PREFIX = '.tmp-';
/** A temporary file older than this was left by a process that stopped mid-write. */
const STALE_TEMP_MS = 60 * 60 * 1000;
/** Copies into the cache made at once (each reads a whole file from the database). */
const FILL_CONCURRENCY = 2;
/** Chunks read when an entry is checked. */
const READ_CHUNK_BYTES = 256 * 1024;

/** Descriptors kept open for the next requests (besides those requests are reading). */
const MAX_OPEN_FILES = 64;

interface Entry {
  size: number;
  /** Hashed by this process (written by it, or checked once). */
  verified: boolean;
  open?: OpenFile;
}

/** A cached body being read: its descriptor stays open until release() (once). */
/** The folder under DATA_DIR that holds the cached bodies. */
export const BODY_CACHE_DIR = 'serve-cache';

export interface Body {
  readonly fd: number;
  readonly size: number;
  release(): void;
}

/** A descriptor shared by the requests reading one entry; closed when retired and no longer read. */
class OpenFile {
  readonly handle: fs.promises.FileHandle;
  #refs = 0;
  #retired = false;

  constructor(handle: fs.promises.FileHandle) {
    this.handle = handle;
  }

  acquire(size: number): Body {
    this.#refs++;
    let released = false;
    return {
      fd: this.handle.fd,
      size,
      release: () => {
        if (released) return;
        released = true;
        if (--this.#refs === 0 && this.#retired) void this.handle.close().catch(() => {});
      },
    };
  }

  retire(): void {
    if (this.#retired) return;
    this.#retired = true;
    if (this.#refs === 0) void this.handle.close().catch(() => {});
  }
}

export class BodyCache {
  readonly dir: string;
  readonly maxBytes: number;
  readonly minFreeBytes: number;
  /** Known entries, least recently used first (Map order). */
  readonly #entries = new Map<string, Entry>();
  /** Entries with an open descriptor, least recently used first. */
  readonly #opened = new Map<string, Entry>();
  readonly #busy = new Set<string>();
  readonly #queue = new PQueue({ concurrency: FILL_CONCURRENCY });
  /** Copies made from the streams of requests (sendAndKeep), until they are done. */
  readonly #copies = new Set<Promise<void>>();
  #closed = false;
  /** The folder is ready (false: it could not be made; nothing is kept then). */
  readonly #ready: Promise<boolean>;

  /** Told of a fill or check that failed, or a folder that could not be made (requests are served from the database then). */
  readonly #onError: (error: Error) => void;

  /** Starts preparing the folder at once; until it is ready, nothing is found or filled. */
  constructor(dir: string, maxBytes: number, minFreeBytes = 0, onError: (error: Error) => void = () => {}) {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.minFreeBytes = minFreeBytes;
    this.#onError = onError;
    this.#ready =
      maxBytes > 0
        ? this.#open().then(
            () => true,
            (error: Error) => {
              this.#onError(error);
              return false;
            },
          )
        : Promise.resolve(false);
  }

  /** Whether the folder could be prepared (tests, diagnostics). */
  ready(): Promise<boolean> {
    return this.#ready;
  }

  /** Whether files of this size are kept here at all. */
  accepts(size: number): boolean {
    return !this.#closed && this.maxBytes > 0 && size > 0 && size <= this.maxBytes / 4;
  }

  /** Creates the folder (0700), learns the entries already there, removes stale temporary files. */
  async #open(): Promise<void> {
    await fs.promises.mkdir(this.dir, { recursive: true, mode: 0o700 });
    await fs.promises.chmod(this.dir, 0o700);
    for (const { name, size, mtimeMs } of await this.#list()) {
      if (name.startsWith(TEMP_PREFIX)) {
        if (Date.now() - mtimeMs > STALE_TEMP_MS) await unlinkQuietly(path.join(this.dir, name));
      } else if (SHA256_HEX.test(name)) {
        this.#entries.set(name, { size, verified: false });
      }
    }
  }

  /** Stops filling and closes the descriptors (once their requests are done); entries stay on disk for the next run. */
  close(): void {
    this.#closed = true;
    this.#queue.clear();
    for (const entry of this.#opened.values()) this.#closeFile(entry);
  }

  /** The body of `file` if its descriptor is open already (no I/O): the fast path's question. Release it when done. */
  peek(file: StoredFile): Body | undefined {
    const entry = this.#entries.get(file.sha256);
    if (entry?.open === undefined || entry.size !== file.size) return undefined;
    this.#touch(file.sha256, entry);
    return entry.open.acquire(entry.size);
  }

  /**
   * The body of `file`, or undefined: not cached (yet), or not checked yet by this process (then the check starts,
   * and a later request gets it). Release it when done.
   */
  async openBody(file: StoredFile): Promise<Body | undefined> {
    const sha = file.sha256;
    const entry = this.#entries.get(sha);
    if (entry === undefined || entry.size !== file.size) return undefined;
    if (!entry.verified) {
      this.#enqueue(sha, () => this.#verify(sha, entry));
      return undefined;
    }
    if (entry.open === undefined) {
      let handle: fs.promises.FileHandle;
      try {
        handle = await fs.promises.open(this.#pathOf(sha), 'r');
      } catch {
        // Removed by another instance: forget it, a later request fills it again.
        if (this.#entries.get(sha) === entry) this.#entries.delete(sha);
        return undefined;
      }
      // Another request opened it meanwhile, or it was evicted or closed: use this descriptor once.
      if (entry.open !== undefined || this.#entries.get(sha) !== entry || this.#closed) {
        const once = new OpenFile(handle);
        const body = once.acquire(entry.size);
        once.retire();
        return body;
      }
      entry.open = new OpenFile(handle);
      this.#opened.set(sha, entry);
      for (const [oldSha, old] of this.#opened) {
        if (this.#opened.size <= MAX_OPEN_FILES) break;
        this.#opened.delete(oldSha);
        this.#closeFile(old);
      }
    }
    this.#touch(sha, entry);
    return entry.open!.acquire(entry.size);
  }

  #touch(sha: string, entry: Entry): void {
    this.#entries.delete(sha);
    this.#entries.set(sha, entry);
    if (this.#opened.delete(sha)) this.#opened.set(sha, entry);
  }

  #closeFile(entry: Entry): void {
    entry.open?.retire();
    entry.open = undefined;
  }

  /** Copies `file` here from `read()` in the background (once, however many ask), when it is kept here at all. */
  fill(file: StoredFile, read: () => Readable): void {
    if (!this.accepts(file.size) || !SHA256_HEX.test(file.sha256) || this.#entries.has(file.sha256)) return;
    this.#enqueue(file.sha256, () => this.#write(file, read));
  }

  /**
   * `source` (the whole of `file`, read from the database for a request) handed on, and copied here on the way
   * when the file is kept here and no copy of it is under way: one read serves both. If the request stops early
   * (its client went away), the copy is dropped and a later request makes it. The copy never holds the request
   * up for long: it waits for the disk only as a stream waits for its reader.
   */
  sendAndKeep(file: StoredFile, source: Readable): Readable {
    const sha = file.sha256;
    if (!this.accepts(file.size) || !SHA256_HEX.test(sha) || this.#entries.has(sha) || this.#busy.has(sha)) return source;
    this.#busy.add(sha);
    const copy = new PassThrough();
    let stopped = false;
    const copying = this.#write(file, () => copy)
      .catch((error: Error) => {
        if (!stopped) this.#onError(error);
      })
      .finally(() => {
        this.#busy.delete(sha);
        // Not taken (no room, closed, or the folder is missing): what the request still sends is let through.
        copy.resume();
        this.#copies.delete(copying);
      });
    this.#copies.add(copying);
    const tee = new Transform({
      transform(chunk: Buffer, _encoding, next) {
        if (copy.destroyed || copy.writableEnded || copy.write(chunk)) return next(null, chunk);
        const go = () => {
          copy.off('drain', go).off('close', go);
          next(null, chunk);
        };
        copy.on('drain', go).on('close', go);
      },
      flush(done) {
        if (!copy.destroyed) copy.end();
        done();
      },
    });
    tee.once('close', () => {
      if (copy.writableEnded) return;
      stopped = true;
      copy.destroy(new Error('the request stopped before the end of the file'));
    });
    return pipe(source, tee, () => {});
  }

  /** Resolves when no fill, check or copy is pending (tests). */
  async idle(): Promise<void> {
    await this.#queue.onIdle();
    await Promise.all(this.#copies);
  }

  #enqueue(sha: string, work: () => Promise<void>): void {
    if (this.#closed || this.#busy.has(sha)) return;
    this.#busy.add(sha);
    void this.#queue
      .add(work)
      .catch((error: Error) => this.#onError(error))
      .finally(() => this.#busy.delete(sha));
  }

  #pathOf(sha: string): string {
    return path.join(this.dir, sha);
  }

  async #write(file: StoredFile, read: () => Readable): Promise<void> {
    if (!(await this.#ready) || this.#closed || this.#entries.has(file.sha256)) return;
    if (this.minFreeBytes > 0) {
      const stats = await fs.promises.statfs(this.dir);
      if (stats.bavail * stats.bsize - file.size < this.minFreeBytes) return;
    }
    const temp = path.join(this.dir, `${TEMP_PREFIX}${process.pid}-${randomBytes(8).toString('hex')}`);
    const hash = createHash('sha256');
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > file.size) return done(new Error('the stored file is longer than its record says'));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(read(), counter, fs.createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
      if (size !== file.size || hash.digest('hex') !== file.sha256) throw new Error(`the stored bytes of ${file.sha256} don't match their hash`);
      await fs.promises.rename(temp, this.#pathOf(file.sha256));
    } catch (e) {
      await unlinkQuietly(temp);
      throw e;
    }
    this.#entries.set(file.sha256, { size, verified: true });
    await this.#trim();
  }

  /** Hashes an entry this process did not write; a wrong one is removed. */
  async #verify(sha: string, entry: Entry): Promise<void> {
    const hash = createHash('sha256');
    let size = 0;
    try {
      for await (const chunk of fs.createReadStream(this.#pathOf(sha), { highWaterMark: READ_CHUNK_BYTES })) {
        size += (chunk as Buffer).length;
        hash.update(chunk as Buffer);
      }
    } catch {
      this.#entries.delete(sha);
      return;
    }
    if (size === entry.size && hash.digest('hex') === sha) {
      entry.verified = true;
    } else {
      this.#entries.delete(sha);
      await unlinkQuietly(this.#pathOf(sha));
    }
  }

  /** Removes the least recently used entries until the folder (every instance's entries) fits maxBytes. */
  async #trim(): Promise<void> {
    const listed = (await this.#list()).filter((f) => SHA256_HEX.test(f.name));
    let total = listed.reduce((sum, f) => sum + f.size, 0);
    if (total <= this.maxBytes) return;
    const order = [...this.#entries.keys()];
    const rank = new Map(order.map((sha, i) => [sha, i]));
    // Entries this process never used go first, oldest first; then its own, least recently used first.
    listed.sort((a, b) => (rank.get(a.name) ?? -1) - (rank.get(b.name) ?? -1) || a.mtimeMs - b.mtimeMs);
    for (const f of listed) {
      if (total <= this.maxBytes) break;
      const entry = this.#entries.get(f.name);
      if (entry !== undefined) this.#closeFile(entry);
      this.#opened.delete(f.name);
      this.#entries.delete(f.name);
      await unlinkQuietly(path.join(this.dir, f.name));
      total -= f.size;
    }
  }

  async #list(): Promise<{ name: string; size: number; mtimeMs: number }[]> {
    const names = await fs.promises.readdir(this.dir);
    const out: { name: string; size: number; mtimeMs: number }[] = [];
    for (const name of names) {
      try {
        const stat = await fs.promises.stat(path.join(this.dir, name));
        if (stat.isFile()) out.push({ name, size: stat.size, mtimeMs: stat.mtimeMs });
      } catch {
        // Removed meanwhile.
      }
    }
    return out;
  }
}

async function unlinkQuietly(file: string): Promise<void> {
  await fs.promises.unlink(file).catch(() => {});
}
