// Reads the journal's `[length u32][crc32 u32][BSON]` records from a file descriptor a bounded piece
// at a time, so a journal of any size can be replayed (one read of the whole file fails past 2 GiB
// and holds the whole file in memory).
import fs from 'node:fs';
import { crc32 } from 'node:zlib';

export const RECORD_HEADER_BYTES = 8;
/** How much of the journal one read takes. */
export const DEFAULT_READ_CHUNK_BYTES = 8 * 1024 * 1024;
/** The smallest BSON document (an empty one); a shorter record is damage, e.g. a zero-filled tail. */
const MIN_PAYLOAD_BYTES = 5;

/**
 * Yields each intact record's payload, in order, and stops at the first record that is torn (runs past
 * the end of the file) or corrupt (bad length or checksum). `intactBytes` is then where the good records
 * end. Each payload is its own buffer: documents decoded from it may keep it alive, and must not keep a
 * whole read chunk (mostly superseded records) alive with it.
 */
export class JournalRecords implements Iterable<Buffer> {
  intactBytes = 0;
  readonly #fd: number;
  readonly #fileBytes: number;
  readonly #chunkBytes: number;

  constructor(fd: number, chunkBytes = DEFAULT_READ_CHUNK_BYTES) {
    if (!Number.isInteger(chunkBytes) || chunkBytes < RECORD_HEADER_BYTES) {
      throw new RangeError(`journal read chunk must be an integer of at least ${RECORD_HEADER_BYTES} bytes`);
    }
    this.#fd = fd;
    this.#fileBytes = fs.fstatSync(fd).size;
    this.#chunkBytes = chunkBytes;
  }

  *[Symbol.iterator](): Iterator<Buffer> {
    let buffer = Buffer.alloc(0); // bytes read but not yet consumed, starting at file offset `offset`
    let offset = 0;
    let readTo = 0;
    /** Makes `buffer` hold at least `bytes` (the caller checked the file has them). */
    const fill = (bytes: number) => {
      if (buffer.length >= bytes) return;
      const want = Math.min(Math.max(bytes, this.#chunkBytes), this.#fileBytes - offset);
      const next = Buffer.allocUnsafe(want);
      buffer.copy(next, 0);
      let filled = buffer.length;
      while (filled < want) {
        const n = fs.readSync(this.#fd, next, filled, want - filled, readTo);
        if (n === 0) throw new Error(`the journal ended at ${readTo} bytes while ${this.#fileBytes} were expected (was it truncated while opening?)`);
        filled += n;
        readTo += n;
      }
      buffer = next;
    };

    while (offset + RECORD_HEADER_BYTES <= this.#fileBytes) {
      fill(RECORD_HEADER_BYTES);
      const length = buffer.readUInt32LE(0);
      const checksum = buffer.readUInt32LE(4);
      const end = offset + RECORD_HEADER_BYTES + length;
      if (length < MIN_PAYLOAD_BYTES || end > this.#fileBytes) break;
      fill(RECORD_HEADER_BYTES + length);
      const payload = Buffer.from(buffer.subarray(RECORD_HEADER_BYTES, RECORD_HEADER_BYTES + length));
      if (crc32(payload) !== checksum) break;
      buffer = buffer.subarray(RECORD_HEADER_BYTES + length);
      offset = end;
      this.intactBytes = offset;
      yield payload;
    }
  }
}
