// Counts an entry's decompressed bytes as they flow and stops the stream, before passing on the
// chunk that would break a limit, when the entry or the archive grows too large, compresses too
// well (zip bombs), or holds more or other data than its header declares.
import { Transform, type TransformCallback } from 'node:stream';
import { crc32 } from 'node:zlib';
import { formatBytes, quoteName, ZipRejected } from './zip-errors.ts';

export interface ZipLimits {
  /** Central directory records, folders and ignored junk included. */
  maxEntries: number;
  /** Decompressed bytes of all kept files together. */
  maxTotalBytes: number;
  /** Decompressed bytes of one file. */
  maxEntryBytes: number;
  /** Decompressed bytes per compressed byte of one file, enforced past RATIO_FLOOR_BYTES. */
  maxRatio: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = Object.freeze({
  maxEntries: 5000,
  maxTotalBytes: 200 * MiB,
  maxEntryBytes: 50 * MiB,
  maxRatio: 100,
});

/** A file may always unpack to this many bytes whatever its ratio (small text compresses well). */
export const RATIO_FLOOR_BYTES = MiB;

/** Bytes a file whose compressed data is `compressedSize` bytes may unpack to under maxRatio. */
export function ratioAllowance(compressedSize: number, maxRatio: number): number {
  return Math.max(RATIO_FLOOR_BYTES, compressedSize * maxRatio);
}

export function resolveLimits(partial: Partial<ZipLimits> | undefined): ZipLimits {
  const limits: ZipLimits = { ...DEFAULT_ZIP_LIMITS };
  for (const key of Object.keys(DEFAULT_ZIP_LIMITS) as (keyof ZipLimits)[]) {
    const value = partial?.[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
      throw new TypeError(`ZIP limit ${key} must be a positive finite number (got ${String(value)})`);
    }
    limits[key] = value;
  }
  return limits;
}

export interface MeterOptions {
  /** The entry's name as stored, for messages. */
  entry: string;
  /** Uncompressed size the header declares: more is refused at once, less when the data ends. */
  declaredSize: number;
  /** Compressed size from the header; the data read is never more than this. */
  compressedSize: number;
  /** CRC-32 from the header; checked when the data ends. Omit to skip. */
  crc32?: number;
  limits: ZipLimits;
  /** Shared by the meters of one archive: decompressed bytes passed on so far. */
  total: { bytes: number };
}

export class EntryMeter extends Transform {
  /** Bytes passed on so far. */
  bytes = 0;
  readonly #options: MeterOptions;
  readonly #allowance: number;
  #crc = 0;

  constructor(options: MeterOptions) {
    super();
    this.#options = options;
    this.#allowance = ratioAllowance(options.compressedSize, options.limits.maxRatio);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const { entry, declaredSize, limits, total } = this.#options;
    const next = this.bytes + chunk.length;
    const name = quoteName(entry);
    if (next > limits.maxEntryBytes) {
      return callback(
        new ZipRejected('entry-too-large', `ZIP entry ${name} unpacks to more than ${formatBytes(limits.maxEntryBytes)}, the limit for one file`, entry),
      );
    }
    if (next > this.#allowance) {
      return callback(new ZipRejected('ratio-too-high', `ZIP entry ${name} is compressed more than ${limits.maxRatio}:1, which looks like a zip bomb`, entry));
    }
    if (total.bytes + chunk.length > limits.maxTotalBytes) {
      return callback(
        new ZipRejected(
          'total-too-large',
          `The ZIP unpacks to more than ${formatBytes(limits.maxTotalBytes)} in total, the limit for one page (reached at ZIP entry ${name})`,
          entry,
        ),
      );
    }
    if (next > declaredSize) {
      return callback(new ZipRejected('corrupt', `ZIP entry ${name} is corrupt: it holds more data than its header declares`, entry));
    }
    this.bytes = next;
    total.bytes += chunk.length;
    if (this.#options.crc32 !== undefined) this.#crc = crc32(chunk, this.#crc);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const { entry, declaredSize } = this.#options;
    if (this.bytes !== declaredSize) {
      return callback(new ZipRejected('corrupt', `ZIP entry ${quoteName(entry)} is corrupt: it holds less data than its header declares`, entry));
    }
    if (this.#options.crc32 !== undefined && this.#crc !== this.#options.crc32) {
      return callback(new ZipRejected('corrupt', `ZIP entry ${quoteName(entry)} is corrupt: its checksum does not match`, entry));
    }
    callback();
  }
}
