// Writing a version of a page's files, and making it the page's current version.
//
// Crash safety: a version's files are written completely (state 'writing') before anything points at
// them; the switch is the caller's single-document update of the page's `current_version`; the previous
// version is kept as history only after that (and the oldest history removed). Whatever step a crash
// interrupts, the page still points at a complete version, and what is left over (a version stuck in
// 'writing' or 'complete', a replaced version still 'live', chunks without a files document or under an
// alias) is found and settled by sweepOrphans. A file the page already stores is shared, not written again
// (shared-content.ts).
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { ObjectId, type Db, type GridFSBucket, type GridFSBucketWriteStream } from 'mongodb';
import { InvalidInput } from '../shared/errors.ts';
import { contentTypeFor } from './content-types.ts';
import { normalizeFilePath } from './file-path.ts';
import { ensureUsageDoc, VersionReservation, type QuotaAccount } from './storage-quota.ts';
import { liveHolders, pageHolders } from './shared-content.ts';
import { diffFileSets, evictOldestKept, evictOverQuota, keepReplacedVersions, markLive, versionFileSet } from './version-history.ts';
import { purgeVersion, retireVersion } from './version-removal.ts';
import {
  CHUNK_SIZE_BYTES,
  chunkDocs,
  currentVersionOf,
  deleteChunksOf,
  deleteFiles,
  fileDocs,
  filesBucket,
  toStoredFile,
  versionDocs,
  type FileMetadata,
  type PageFileDoc,
  type StoredFile,
  type VersionOrigin,
} from './file-versions.ts';

/** Bytes of chunks per insert in addBuffers (one chunk more when a single one is larger). */
const BYTES_PER_INSERT = 1024 * 1024;
/** Aliases per insert (each a small files document). */
const DOCS_PER_INSERT = 1000;
/** add()'s aliases are checked at least this often (files, or bytes kept for them). */
const UNCHECKED_FILES = 256;
const UNCHECKED_BYTES = 8 * 1024 * 1024;

/** The version is no longer 'writing' (the sweep found it stale, or the page was deleted): nothing was published. */
export class VersionDiscarded extends Error {
  readonly versionId: string;

  constructor(versionId: string) {
    super(`version ${versionId} was discarded before it could be committed`);
    this.name = 'VersionDiscarded';
    this.versionId = versionId;
  }
}

/** Content a rollback was to share is being removed (its version was evicted meanwhile). */
export class VersionGone extends Error {
  constructor() {
    super('That version was removed while it was being restored.');
    this.name = 'VersionGone';
  }
}

/** sealed: handed to commitVersion; committed: commitVersion got as far as the pointer update. */
type WriterState = 'open' | 'failed' | 'sealed' | 'committed' | 'aborted';

/** Collects one version's files. Get one from beginVersion; finish with commitVersion or abort(). */
export class VersionWriter {
  readonly pageId: string;
  readonly versionId: string;
  readonly #db: Db;
  readonly #bucket: GridFSBucket;
  readonly #files: StoredFile[] = [];
  readonly #paths = new Set<string>();
  /** The owner's quota, when the version counts against one: every byte is reserved before it is written. */
  readonly #reservation: VersionReservation | undefined;
  #pending = 0;
  #knownHolders: Promise<Map<string, ObjectId>> | undefined;
  /** Aliases add() inserted and has not yet checked, with their bytes (for a holder removed meanwhile). */
  readonly #unchecked: { id: ObjectId; holder: ObjectId; path: string; sha256: string; bytes: Buffer }[] = [];
  #uncheckedBytes = 0;
  #state: WriterState = 'open';
  #failure: unknown;

  /** Versions the page keeps once this one is live (the live one included). */
  readonly keep: number;
  /** Whose quota this version counts against, if anyone's. */
  readonly quota: QuotaAccount | undefined;

  /** @internal Use beginVersion. */
  constructor(db: Db, pageId: string, versionId: string, quota?: QuotaAccount, keep = 1) {
    this.#db = db;
    this.keep = keep;
    this.quota = quota;
    this.#bucket = filesBucket(db);
    this.pageId = pageId;
    this.versionId = versionId;
    this.#reservation = quota ? new VersionReservation(db, quota, versionId) : undefined;
  }

  /**
   * Reserves quota for `bytes` about to be added (content whose whole size is known up front), or throws
   * QuotaExceeded naming exactly what the upload needs. Nothing is written; the writer stays usable.
   */
  async reserve(bytes: number): Promise<void> {
    this.#assertOpen();
    await this.#reservation?.ahead(bytes);
  }

  /** The files added so far, in the order their writes finished. */
  get files(): StoredFile[] {
    return [...this.#files];
  }

  get totalSize(): number {
    return this.#files.reduce((sum, f) => sum + f.size, 0);
  }

  /**
   * Streams one file into GridFS, computing its SHA-256 and size on the way. The path is normalized (NFC)
   * and checked; an unsafe or duplicate path is an InvalidInput and writes nothing (the writer stays
   * usable). If the write itself fails (the source errors, the database fails), the partial file is
   * removed, the error is rethrown and the writer is spent: abort() it.
   */
  async add(path: string, content: Readable | Uint8Array): Promise<StoredFile> {
    this.#assertOpen();
    const safePath = normalizeFilePath(path);
    if (this.#paths.has(safePath)) throw new InvalidInput('path', `duplicate path ${JSON.stringify(safePath)}`);
    this.#paths.add(safePath);
    this.#pending++;
    try {
      const file = await this.#upload(safePath, content);
      this.#files.push(file);
      if (this.#unchecked.length < UNCHECKED_FILES && this.#uncheckedBytes < UNCHECKED_BYTES) return file;
      await this.checkShared();
      return this.#files.find((f) => f.path === safePath) ?? file;
    } catch (e) {
      if (this.#state === 'open') {
        this.#state = 'failed';
        this.#failure = e;
      }
      throw e;
    } finally {
      this.#pending--;
    }
  }

  /**
   * Stores in-memory files with one insert of all their chunks and one of their files documents, instead
   * of two round trips per file (a captured site is hundreds of small files). A file whose content the page
   * already stores is shared instead (an alias, no chunks; shared-content.ts). Each path is checked as in
   * add(), all before anything is written; a failed insert removes what this call wrote and spends the
   * writer, as add() does.
   */
  async addBuffers(files: readonly { path: string; content: Uint8Array }[]): Promise<StoredFile[]> {
    this.#assertOpen();
    const paths = files.map((f) => normalizeFilePath(f.path));
    const seen = new Set<string>();
    for (const path of paths) {
      if (this.#paths.has(path) || seen.has(path)) throw new InvalidInput('path', `duplicate path ${JSON.stringify(path)}`);
      seen.add(path);
    }
    for (const path of paths) this.#paths.add(path);
    const bytesOf = files.map((file) => Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength));
    const written: ObjectId[] = [];
    this.#pending++;
    try {
      const hashes = await Promise.all(bytesOf.map(sha256Hex));
      const items = bytesOf.map((bytes, i) => ({ path: paths[i], bytes, sha256: hashes[i] }));
      const holders = await this.#holders();
      const { shared, lost } = await this.#share(
        items.filter((it) => holders.has(it.sha256)).map((it) => ({ ...it, size: it.bytes.length, holder: holders.get(it.sha256)! })),
        written,
      );
      const lostPaths = new Set(lost.map((it) => it.path));
      const own = items.filter((it) => !holders.has(it.sha256) || lostPaths.has(it.path));
      const stored = [...shared, ...(await this.#insertOwn(own, written))];
      this.#remember(stored);
      this.#files.push(...stored);
      const byPath = new Map(stored.map((f) => [f.path, f]));
      return paths.map((path) => byPath.get(path)!);
    } catch (e) {
      if (this.#state === 'open') {
        this.#state = 'failed';
        this.#failure = e;
      }
      await deleteFiles(this.#db, { _id: { $in: written } }).catch(() => null);
      await deleteChunksOf(this.#db, written).catch(() => 0);
      throw e;
    } finally {
      this.#pending--;
    }
  }

  /**
   * Adds files that share the content of stored files (a rollback: every file of an earlier version). Nothing
   * new is stored; VersionGone if that content is being removed meanwhile.
   */
  async addShared(files: readonly StoredFile[]): Promise<void> {
    this.#assertOpen();
    for (const file of files) {
      if (this.#paths.has(file.path)) throw new InvalidInput('path', `duplicate path ${JSON.stringify(file.path)}`);
      this.#paths.add(file.path);
    }
    const written: ObjectId[] = [];
    this.#pending++;
    try {
      const { shared, lost } = await this.#share(
        files.map((f) => ({ path: f.path, sha256: f.sha256, size: f.size, holder: f.fileId })),
        written,
      );
      if (lost.length) throw new VersionGone();
      this.#files.push(...shared);
    } catch (e) {
      if (this.#state === 'open') {
        this.#state = 'failed';
        this.#failure = e;
      }
      await deleteFiles(this.#db, { _id: { $in: written } }).catch(() => null);
      throw e;
    } finally {
      this.#pending--;
    }
  }

  /** The files document of an alias: this version's file at `path`, whose bytes are the holder's. */
  #aliasDoc(path: string, sha256: string, size: number, holder: ObjectId, uploadDate: Date): PageFileDoc {
    const metadata: FileMetadata = { pageId: this.pageId, version: this.versionId, path, contentType: contentTypeFor(path), sha256, size, blob: holder };
    return { _id: new ObjectId(), length: size, chunkSize: CHUNK_SIZE_BYTES, uploadDate, filename: path, metadata } as PageFileDoc;
  }

  /** Inserts aliases naming these holders, then keeps those whose holder is still there (the rest are removed and returned as lost). */
  async #share<T extends { path: string; sha256: string; size: number; holder: ObjectId }>(
    items: readonly T[],
    written: ObjectId[],
  ): Promise<{ shared: StoredFile[]; lost: T[] }> {
    if (items.length === 0) return { shared: [], lost: [] };
    const uploadDate = new Date();
    const docs = items.map((it) => {
      const doc = this.#aliasDoc(it.path, it.sha256, it.size, it.holder, uploadDate);
      written.push(doc._id);
      return doc;
    });
    for (let at = 0; at < docs.length; at += DOCS_PER_INSERT) {
      await fileDocs(this.#db).insertMany(docs.slice(at, at + DOCS_PER_INSERT), { ordered: false });
    }
    const alive = await liveHolders(this.#db, [...new Map(items.map((it) => [it.holder.toHexString(), it.holder])).values()]);
    const lostDocs = docs.filter((d) => !alive.has(d.metadata.blob!.toHexString()));
    if (lostDocs.length) await fileDocs(this.#db).deleteMany({ _id: { $in: lostDocs.map((d) => d._id) } });
    return {
      shared: docs.filter((d) => alive.has(d.metadata.blob!.toHexString())).map(toStoredFile),
      lost: items.filter((it) => !alive.has(it.holder.toHexString())),
    };
  }

  /** Stores these files' bytes: their chunks, then their files documents. */
  async #insertOwn(items: readonly { path: string; bytes: Buffer; sha256: string }[], written: ObjectId[]): Promise<StoredFile[]> {
    const fileDocsToInsert: PageFileDoc[] = [];
    const chunks: { files_id: ObjectId; n: number; data: Buffer }[] = [];
    const stored: StoredFile[] = [];
    const uploadDate = new Date();
    for (const { path, bytes, sha256 } of items) {
      const id = new ObjectId();
      written.push(id);
      const metadata: FileMetadata = { pageId: this.pageId, version: this.versionId, path, contentType: contentTypeFor(path), sha256, size: bytes.length };
      // As GridFS splits them (an empty file has no chunks).
      for (let n = 0, at = 0; at < bytes.length; n++, at += CHUNK_SIZE_BYTES) {
        chunks.push({ files_id: id, n, data: bytes.subarray(at, at + CHUNK_SIZE_BYTES) });
      }
      fileDocsToInsert.push({ _id: id, length: bytes.length, chunkSize: CHUNK_SIZE_BYTES, uploadDate, filename: path, metadata } as PageFileDoc);
      stored.push({ path, size: bytes.length, sha256, contentType: metadata.contentType, fileId: id });
    }
    await this.#reservation?.need(stored.reduce((sum, f) => sum + f.size, 0));
    // Chunks first, like GridFS's own uploads: a files document never names a missing chunk. A few at a
    // time: encoding (and, with the embedded engine, decoding) one message of megabytes holds the event
    // loop for that long, and every request waits behind it.
    for (let at = 0; at < chunks.length;) {
      let end = at + 1;
      for (let bytes = chunks[at].data.length; end < chunks.length && bytes + chunks[end].data.length <= BYTES_PER_INSERT; end++)
        bytes += chunks[end].data.length;
      await chunkDocs(this.#db).insertMany(chunks.slice(at, end) as never[], { ordered: false });
      at = end;
    }
    if (fileDocsToInsert.length) await fileDocs(this.#db).insertMany(fileDocsToInsert, { ordered: false });
    return stored;
  }

  /** What the page stores that this version may share (read once), and what this version stored itself. */
  #holders(): Promise<Map<string, ObjectId>> {
    this.#knownHolders ??= pageHolders(this.#db, this.pageId);
    return this.#knownHolders;
  }

  /** Files this version stored itself can be shared by its later files. */
  #remember(files: readonly StoredFile[]): void {
    void this.#knownHolders?.then((holders) => {
      for (const f of files) if (!holders.has(f.sha256)) holders.set(f.sha256, f.fileId);
    });
  }

  /** The file shared with content the page already stores, or null (none, or it is being removed). */
  async #shareWhole(path: string, sha256: string, bytes: Buffer): Promise<StoredFile | null> {
    const holder = (await this.#holders()).get(sha256);
    if (!holder) return null;
    const doc = this.#aliasDoc(path, sha256, bytes.length, holder, new Date());
    await fileDocs(this.#db).insertOne(doc);
    // Checked in batches (checkShared), keeping the bytes until then, instead of a round trip per file.
    this.#unchecked.push({ id: doc._id, holder, path, sha256, bytes });
    this.#uncheckedBytes += bytes.length;
    return { path, size: bytes.length, sha256, contentType: doc.metadata.contentType, fileId: holder };
  }

  /**
   * @internal Checks the aliases add() inserted since the last check: any whose holder was removed meanwhile is
   * replaced by the file's own bytes. commitVersion calls this before sealing.
   */
  async checkShared(): Promise<void> {
    const batch = this.#unchecked.splice(0);
    this.#uncheckedBytes = 0;
    if (batch.length === 0) return;
    const alive = await liveHolders(this.#db, [...new Map(batch.map((b) => [b.holder.toHexString(), b.holder])).values()]);
    const lost = batch.filter((b) => !alive.has(b.holder.toHexString()));
    if (lost.length === 0) return;
    await fileDocs(this.#db).deleteMany({ _id: { $in: lost.map((b) => b.id) } });
    const written: ObjectId[] = [];
    const own = await this.#insertOwn(lost, written);
    const byPath = new Map(own.map((f) => [f.path, f]));
    for (let i = 0; i < this.#files.length; i++) this.#files[i] = byPath.get(this.#files[i].path) ?? this.#files[i];
  }

  /**
   * A large file, written before its SHA-256 was known, turned into an alias when the page already stores
   * that content; its own chunks are then removed. Null when there is nothing to share.
   */
  async #shareWritten(id: ObjectId, path: string, sha256: string, size: number): Promise<StoredFile | null> {
    const holder = (await this.#holders()).get(sha256);
    if (!holder || holder.equals(id)) return null;
    await fileDocs(this.#db).updateOne({ _id: id }, { $set: { 'metadata.sha256': sha256, 'metadata.size': size, 'metadata.blob': holder } });
    if (!(await liveHolders(this.#db, [holder])).has(holder.toHexString())) {
      await fileDocs(this.#db).updateOne({ _id: id }, { $unset: { 'metadata.blob': '' } });
      return null;
    }
    // A crash here leaves chunks under an alias: the sweep removes them.
    await deleteChunksOf(this.#db, [id]);
    this.#reservation?.unneeded(size);
    return { path, size, sha256, contentType: contentTypeFor(path), fileId: holder };
  }

  /**
   * Removes everything this version wrote, and its record. Idempotent; meant for a failed add(), or a
   * commitVersion that failed before its pointer update. Only a version still 'writing' is removed (a
   * database-side guard), so this can never take down a published version. Nothing of an unpublished
   * version was ever visible, so this only frees space.
   */
  async abort(): Promise<void> {
    if (this.#state === 'committed') throw new Error('abort(): commitVersion already got to the pointer update for this version');
    this.#state = 'aborted';
    const gone = await retireVersion(this.#db, this.versionId, ['writing', 'deleting'], { page_id: this.pageId });
    // Without a record (the sweep or a page deletion got there first), remove files written after that.
    if (!gone && (await versionDocs(this.#db).countDocuments({ _id: this.versionId })) === 0) {
      await purgeVersion(this.#db, this.pageId, this.versionId);
    }
    // Retiring released it, unless bytes were reserved after someone else removed the record.
    await this.#reservation?.release();
  }

  /** @internal commitVersion calls this: no more adds; every add must have finished successfully. */
  seal(): StoredFile[] {
    if (this.#state === 'failed') throw new Error('commitVersion: a file failed to write; abort() this version', { cause: this.#failure });
    this.#assertOpen();
    if (this.#pending > 0) throw new Error('commitVersion: add() is still running');
    this.#state = 'sealed';
    return this.files;
  }

  /** @internal commitVersion calls this once sealed: the quota keeps only what was written. */
  async settleReservation(): Promise<void> {
    await this.#reservation?.settle();
  }

  /** @internal commitVersion calls this when the version was discarded under it. */
  async releaseReservation(): Promise<void> {
    await this.#reservation?.release();
  }

  /** @internal commitVersion calls this right before the pointer update: from here on, abort() refuses. */
  markCommitted(): void {
    this.#state = 'committed';
  }

  #assertOpen(): void {
    if (this.#state !== 'open') throw new Error(`the version writer is ${this.#state === 'failed' ? 'failed; abort() it' : this.#state}`);
  }

  async #upload(path: string, content: Readable | Uint8Array): Promise<StoredFile> {
    const id = new ObjectId();
    const base: FileMetadata = { pageId: this.pageId, version: this.versionId, path, contentType: contentTypeFor(path) };
    const hash = createHash('sha256');

    // Read up to one chunk ahead: a file that fits is hashed before its files document is written, so the
    // document is born with its sha256 and size. Larger files get them set once the last chunk is in.
    const source = content instanceof Uint8Array ? null : content[Symbol.asyncIterator]();
    const head: Buffer[] = [];
    let headBytes = 0;
    let whole = source === null;
    if (content instanceof Uint8Array) {
      head.push(Buffer.from(content.buffer, content.byteOffset, content.byteLength));
      headBytes = content.byteLength;
    } else {
      try {
        while (headBytes <= CHUNK_SIZE_BYTES) {
          const next = await source!.next();
          if (next.done) {
            whole = true;
            break;
          }
          const chunk = asBuffer(next.value);
          head.push(chunk);
          headBytes += chunk.length;
        }
      } catch (e) {
        // Nothing was written yet; just release the source.
        await source!.return?.().catch(() => {});
        throw e;
      }
    }
    for (const chunk of head) hash.update(chunk);
    let size = headBytes;
    let sha256 = whole ? hash.digest('hex') : undefined;

    if (whole) {
      const shared = await this.#shareWhole(path, sha256!, head.length === 1 ? head[0] : Buffer.concat(head));
      if (shared) return shared;
    }
    const metadata: FileMetadata = whole ? { ...base, sha256, size } : base;
    const upload = this.#bucket.openUploadStreamWithId(id, path, { metadata });
    let streamError: unknown;
    upload.on('error', (e) => {
      streamError ??= e;
    });
    try {
      // One write at a time, each awaited until its chunks are stored: when the source fails there is no
      // insert in flight, and the cleanup below really removes every chunk.
      await this.#reservation?.need(headBytes);
      for (const chunk of head) await write(upload, chunk);
      if (!whole) {
        for (;;) {
          const next = await source!.next();
          if (next.done) break;
          const chunk = asBuffer(next.value);
          hash.update(chunk);
          size += chunk.length;
          await this.#reservation?.need(chunk.length);
          await write(upload, chunk);
        }
        sha256 = hash.digest('hex');
      }
      upload.end();
      await finished(upload);
      if (streamError) throw streamError;
      if (upload.length !== size) throw new Error(`stored ${upload.length} bytes of ${path}, expected ${size}`);
      if (!whole) {
        const shared = await this.#shareWritten(id, path, sha256!, size);
        if (shared) return shared;
        await fileDocs(this.#db).updateOne({ _id: id }, { $set: { 'metadata.sha256': sha256, 'metadata.size': size } });
      }
    } catch (e) {
      upload.destroy();
      if (!whole) await source!.return?.().catch(() => {});
      // Chunks of a failed write may have no files document yet, so remove both by id. If this fails
      // too, the sweep finds the leftovers.
      await deleteFiles(this.#db, { _id: id }).catch(() => null);
      await deleteChunksOf(this.#db, [id]).catch(() => 0);
      throw e;
    }
    const file = { path, size, sha256: sha256!, contentType: base.contentType, fileId: id };
    this.#remember([file]);
    return file;
  }
}

/** Large files are hashed this many bytes at a time, letting other work run between slices. */
const HASH_SLICE_BYTES = 256 * 1024;

/**
 * The SHA-256 of `bytes` in hex. A large file is hashed a slice per turn of the event loop: in one go, 5 MB
 * held it for 3–11 ms here, and every request waited behind it.
 */
async function sha256Hex(bytes: Buffer): Promise<string> {
  const hash = createHash('sha256');
  for (let at = 0; at < bytes.length; at += HASH_SLICE_BYTES) {
    if (at > 0) await new Promise((resolve) => setImmediate(resolve));
    hash.update(bytes.subarray(at, at + HASH_SLICE_BYTES));
  }
  return hash.digest('hex');
}

function asBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  throw new TypeError('file content must be bytes (a Buffer, Uint8Array or byte stream)');
}

function write(stream: GridFSBucketWriteStream, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}

/** How a new version is recorded and how much history its page keeps. */
export interface VersionOptions {
  /** With `quota`, the version's bytes count against that user's storage quota. */
  quota?: QuotaAccount;
  origin?: VersionOrigin;
  /** Versions the page keeps, the live one included (PAGE_VERSIONS_KEPT); 1 keeps none but the live one. */
  keep?: number;
}

/**
 * Starts a new version of the page's files. Its id is a fresh ObjectId's hex string. With `quota`, the
 * version's bytes count against that user's storage quota (reserved before they are written; an add that
 * would pass it first evicts the user's oldest kept versions, then throws QuotaExceeded).
 */
export async function beginVersion(db: Db, pageId: string, options: VersionOptions = {}): Promise<VersionWriter> {
  if (typeof pageId !== 'string' || pageId === '') throw new InvalidInput('pageId', 'pageId is required');
  const { quota, origin } = options;
  if (quota) await ensureUsageDoc(db, quota.userId);
  const versionId = new ObjectId().toHexString();
  await versionDocs(db).insertOne({
    _id: versionId,
    page_id: pageId,
    ...(quota ? { owner_id: quota.userId } : {}),
    ...(origin ? { origin } : {}),
    state: 'writing',
    started_at: new Date(),
  });
  const account = quota ? { ...quota, evictOldest: () => evictOldestKept(db, quota.userId) } : undefined;
  return new VersionWriter(db, pageId, versionId, account, Math.max(1, options.keep ?? 1));
}

export type CommitResult =
  | {
      committed: true;
      versionId: string;
      files: StoredFile[];
      /** Versions of this page or its owner's removed after the switch (beyond what is kept, or over quota). */
      removedVersions: string[];
      /** Set when keeping the replaced version failed; the switch itself succeeded and the sweep will finish. */
      cleanupError?: unknown;
    }
  | { committed: false; versionId: string };

/**
 * Publishes the writer's version:
 *  1. marks it 'complete' (only if still 'writing' — else VersionDiscarded, and its files are removed),
 *     recording what changed from the version the page shows now;
 *  2. calls `pointerUpdate(versionId)`, the caller's single-document update of the page, e.g.
 *     `updateOne({ _id: pageId, current_version: expectedPrevious }, { $set: { current_version: versionId } })`
 *     returning whether it matched. That one update is the moment readers switch from the old site to the
 *     new one;
 *  3. true: marks the version 'live' with the next number, keeps the one replaced and trims the history
 *     (beyond `keep`, then the owner's oldest kept versions while over quota);
 *     false: deletes the new version and returns `{ committed: false }` (the page is unchanged).
 * If pointerUpdate throws, its outcome is unknown: the version is left 'complete' and the error rethrown;
 * the sweep later keeps it if the page points at it and removes it otherwise.
 */
export async function commitVersion(
  db: Db,
  pageId: string,
  writer: VersionWriter,
  pointerUpdate: (versionId: string) => Promise<boolean>,
  details: { defaultFile?: string; rootRedirects?: boolean } = {},
): Promise<CommitResult> {
  if (writer.pageId !== pageId) throw new Error(`commitVersion: the writer belongs to page ${writer.pageId}, not ${pageId}`);
  await writer.checkShared();
  const files = writer.seal();
  const { versionId } = writer;
  const totalSize = files.reduce((sum, f) => sum + f.size, 0);
  await writer.settleReservation();
  const before = await versionFileSet(db, pageId, await currentVersionOf(db, pageId));
  const changes = diffFileSets(before, new Map(files.map((f) => [f.path, f.sha256])));

  const marked = await versionDocs(db).updateOne(
    { _id: versionId, page_id: pageId, state: 'writing' },
    {
      $set: {
        state: 'complete',
        completed_at: new Date(),
        file_count: files.length,
        total_size: totalSize,
        changes,
        ...(details.defaultFile ? { default_file: details.defaultFile } : {}),
        ...(details.rootRedirects ? { root_redirects: true } : {}),
      },
    },
  );
  if (marked.matchedCount !== 1) {
    // Whoever moved it on (sweep, page deletion) removes the record; make sure no file of ours is left.
    await purgeVersion(db, pageId, versionId).catch(() => null);
    await writer.releaseReservation().catch(() => null);
    throw new VersionDiscarded(versionId);
  }

  writer.markCommitted();
  if (!(await pointerUpdate(versionId))) {
    await retireVersion(db, versionId, ['complete']);
    return { committed: false, versionId };
  }

  const removedVersions: string[] = [];
  try {
    await markLive(db, pageId, versionId);
    removedVersions.push(...(await keepReplacedVersions(db, pageId, writer.keep)));
    // The replaced version's bytes were allowed while the new one was written; now it can be evicted.
    if (writer.quota) await evictOverQuota(db, writer.quota.userId, writer.quota.limitBytes);
  } catch (cleanupError) {
    return { committed: true, versionId, files, removedVersions, cleanupError };
  }
  return { committed: true, versionId, files, removedVersions };
}
