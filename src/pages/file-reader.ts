// Reading a version's files. Callers resolve the version from the page's `current_version` first; every
// version's files are immutable, so a read pinned to one version can never return bytes of another. A
// version replaced meanwhile disappears as a whole: its files are then not found (null), or a stream that
// was already open fails with a missing-chunk error — never a mix of old and new content.
import { Readable } from 'node:stream';
import { MongoGridFSChunkError, type Db } from 'mongodb';
import { normalizeFilePath } from './file-path.ts';
import { fileDocs, filesBucket, toStoredFile, type StoredFile } from './file-versions.ts';

/**
 * Bytes to read: `start` inclusive, `end` exclusive (GridFS's convention; HTTP's last-byte-pos + 1),
 * `end` defaulting to and clamped at the file's size; or the last `suffixLength` bytes.
 */
export type ByteRange = { start: number; end?: number } | { suffixLength: number };

/** The requested range can't be served from a file of `size` bytes (HTTP 416; Content-Range: bytes *\/size). */
export class RangeNotSatisfiable extends Error {
  readonly size: number;

  constructor(size: number) {
    super(`range not satisfiable for a file of ${size} bytes`);
    this.name = 'RangeNotSatisfiable';
    this.size = size;
  }
}

export interface OpenedFile {
  file: StoredFile;
  stream: Readable;
  /** The bytes the stream delivers (start inclusive, end exclusive), when a range was asked for. */
  range?: { start: number; end: number };
}

/** Where `range` lands in a file of `size` bytes; throws RangeNotSatisfiable when it can't. */
export function resolveRange(range: ByteRange, size: number): { start: number; end: number } {
  const isCount = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  if ('suffixLength' in range) {
    if (!isCount(range.suffixLength) || range.suffixLength === 0 || size === 0) throw new RangeNotSatisfiable(size);
    return { start: Math.max(0, size - range.suffixLength), end: size };
  }
  const { start } = range;
  const end = range.end === undefined ? size : range.end;
  if (!isCount(start) || !isCount(end) || start >= size || end <= start) throw new RangeNotSatisfiable(size);
  return { start, end: Math.min(end, size) };
}

/**
 * One file of a version, with a stream of its content (or of `range` of it). Null when the version has no
 * such file — including paths that could never be stored ("../x", "/x"). Throws RangeNotSatisfiable.
 */
export async function openFile(db: Db, pageId: string, versionId: string, path: string, range?: ByteRange): Promise<OpenedFile | null> {
  const file = await findFile(db, pageId, versionId, path);
  if (!file) return null;
  if (!range) return { file, stream: streamFile(db, file) };
  const resolved = resolveRange(range, file.size);
  return { file, stream: streamFile(db, file, resolved), range: resolved };
}

/** The record of one file of a version (no content is read), or null as for openFile. */
export async function findFile(db: Db, pageId: string, versionId: string, path: string): Promise<StoredFile | null> {
  let safePath: string;
  try {
    safePath = normalizeFilePath(path);
  } catch {
    return null;
  }
  if (typeof pageId !== 'string' || typeof versionId !== 'string') return null;
  const doc = await fileDocs(db).findOne({ 'metadata.pageId': pageId, 'metadata.version': versionId, 'metadata.path': safePath });
  return doc ? toStoredFile(doc) : null;
}

/**
 * A lazy stream (no I/O before the first read) of a file found earlier, or of `range` of it (already resolved
 * against its size). If the file's version was removed meanwhile, it fails (not found, or a missing chunk).
 */
export function streamFile(db: Db, file: StoredFile, range?: { start: number; end: number }): Readable {
  const open = () => (range ? filesBucket(db).openDownloadStream(file.fileId, range) : filesBucket(db).openDownloadStream(file.fileId));
  return new ExactLength(open, range ? range.end - range.start : file.size);
}

/**
 * The bytes of `open()`'s stream, opened on the first read, failing unless there are exactly `expected`: the
 * driver ends a download without an error when its last chunks are missing (a version removed meanwhile, a
 * damaged store), and a short body must never pass for the file.
 */
class ExactLength extends Readable {
  readonly #open: () => Readable;
  readonly #expected: number;
  #source: Readable | undefined;
  #received = 0;

  constructor(open: () => Readable, expected: number) {
    super();
    this.#open = open;
    this.#expected = expected;
  }

  override _read(): void {
    if (this.#source) {
      this.#source.resume();
      return;
    }
    const source = this.#open();
    this.#source = source;
    source.on('data', (chunk: Buffer) => {
      this.#received += chunk.length;
      if (this.#received > this.#expected) {
        this.destroy(new MongoGridFSChunkError(`ExtraChunk: the stored file is longer than its ${this.#expected} bytes`));
      } else if (!this.push(chunk)) source.pause();
    });
    source.once('end', () => {
      if (this.#received === this.#expected) this.push(null);
      else this.destroy(new MongoGridFSChunkError(`ChunkIsMissing: the stored file ended after ${this.#received} of its ${this.#expected} bytes`));
    });
    source.once('error', (error) => this.destroy(error));
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#source?.destroy();
    callback(error);
  }
}

/** Every file of a version, sorted by path. */
export async function listFiles(db: Db, pageId: string, versionId: string): Promise<StoredFile[]> {
  const docs = await fileDocs(db).find({ 'metadata.pageId': pageId, 'metadata.version': versionId }).sort({ 'metadata.path': 1 }).toArray();
  return docs.map(toStoredFile);
}
