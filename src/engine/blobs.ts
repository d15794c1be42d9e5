// Large binary values kept out of memory: append-only segment files under `<dataDir>/blobs/`, read back
// with positioned reads when a reply is encoded. A document in memory holds a BlobRef in their place.
// Segment: a 16-byte file header, then records `[magic u32][length u32][crc32 u32][subtype u8][3 zero bytes]`
// followed by the bytes. A blob is written (write(2), like the journal) before the journal record that
// refers to it, so a record cut short by kill -9 at a segment's tail is never referred to.
import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { Binary } from 'bson';

const DIR = 'blobs';
const FILE_MAGIC = Buffer.from('OPSEG\0\0\x01', 'latin1');
const FILE_HEADER_BYTES = 16;
const RECORD_MAGIC = 0x424c4f42;
const RECORD_HEADER_BYTES = 16;
/** A new segment is started once the active one reaches this size. */
const SEGMENT_BYTES = 256 * 1024 * 1024;
const FILE_MODE = 0o600;
const EMPTY = new Uint8Array(0);

const segmentName = (n: number) => `seg-${String(n).padStart(6, '0')}.bin`;

/**
 * A Binary whose bytes live in a segment. It serializes, sizes and compares like the Binary it replaced:
 * `position` (all that `calculateObjectSize` reads) is its length, and `buffer` reads the bytes on demand.
 * Copies of a document share the same BlobRef object; compaction moves a blob by changing `seg`/`off`.
 */
export class BlobRef extends Binary {
  seg: number;
  off: number;
  readonly crc: number;

  constructor(store: BlobStore, seg: number, off: number, len: number, subtype: number, crc: number) {
    super(EMPTY, subtype);
    this.seg = seg;
    this.off = off;
    this.position = len;
    this.crc = crc;
    // Binary's constructor sets `buffer` as an own property, which would shadow a getter on the prototype.
    Object.defineProperty(this, 'buffer', { get: () => store.read(this), configurable: true, enumerable: false });
  }
}

let scratch = Buffer.alloc(0);
let scratchDepth = 0;

/**
 * Runs `fn` (a serialization, which copies each blob's bytes as soon as it reads them) with blobs read into
 * one reused buffer instead of a new one each: a reply does not leave its blobs behind as garbage.
 */
export function withScratchReads<T>(fn: () => T): T {
  scratchDepth++;
  try {
    return fn();
  } finally {
    scratchDepth--;
  }
}

export class BlobStore {
  /** Blobs read from disk so far (tests check that metadata-only work reads none). */
  reads = 0;
  readonly dir: string;
  private readonly fds = new Map<number, number>();
  private readonly sizes = new Map<number, number>();
  /** Segments written since the last sync(). */
  private readonly unsynced = new Set<number>();
  private active = 0;

  private constructor(dir: string) {
    this.dir = dir;
  }

  /** Opens the segments in `<dataDir>/blobs/` (creating the folder); no blob is read. */
  static open(dataDir: string): BlobStore {
    const store = new BlobStore(path.join(dataDir, DIR));
    fs.mkdirSync(store.dir, { recursive: true, mode: 0o700 });
    for (const name of fs.readdirSync(store.dir)) {
      const m = /^seg-(\d+)\.bin$/.exec(name);
      if (!m) continue;
      const n = Number(m[1]);
      const fd = fs.openSync(path.join(store.dir, name), 'r+', FILE_MODE);
      store.fds.set(n, fd);
      store.sizes.set(n, fs.fstatSync(fd).size);
      store.active = Math.max(store.active, n);
    }
    return store;
  }

  /** The segment numbers, oldest first. */
  get segments(): number[] {
    return [...this.fds.keys()].sort((a, b) => a - b);
  }

  segmentSize(seg: number): number {
    return this.sizes.get(seg) ?? 0;
  }

  /** Appends `bytes` and returns a reference to them. The checksum is recorded for checks of the files, not verified on every read. */
  append(bytes: Uint8Array, subtype: number): BlobRef {
    const seg = this.writableSegment(bytes.length);
    const fd = this.fds.get(seg)!;
    const start = this.sizes.get(seg)!;
    const crc = crc32(bytes);
    const header = Buffer.alloc(RECORD_HEADER_BYTES);
    header.writeUInt32LE(RECORD_MAGIC, 0);
    header.writeUInt32LE(bytes.length, 4);
    header.writeUInt32LE(crc, 8);
    header[12] = subtype;
    writeFully(fd, [header, bytes], start);
    this.sizes.set(seg, start + RECORD_HEADER_BYTES + bytes.length);
    this.unsynced.add(seg);
    return new BlobRef(this, seg, start + RECORD_HEADER_BYTES, bytes.length, subtype, crc);
  }

  /** A reference read back from the journal. */
  ref(seg: number, off: number, len: number, subtype: number, crc: number): BlobRef {
    return new BlobRef(this, seg, off, len, subtype, crc);
  }

  read(ref: BlobRef): Buffer {
    const fd = this.fds.get(ref.seg);
    if (fd === undefined) throw new Error(`blob segment ${ref.seg} is missing from ${this.dir}`);
    const len = ref.position;
    let out: Buffer;
    if (scratchDepth > 0) {
      if (scratch.length < len) scratch = Buffer.allocUnsafe(Math.max(len, scratch.length * 2));
      out = scratch.subarray(0, len);
    } else {
      out = Buffer.allocUnsafe(len);
    }
    let got = 0;
    while (got < len) {
      const n = fs.readSync(fd, out, got, len - got, ref.off + got);
      if (n === 0) throw new Error(`blob segment ${ref.seg} ends before ${ref.off + len} bytes`);
      got += n;
    }
    this.reads++;
    return out;
  }

  /** Makes every blob written so far durable (before a journal rewrite that refers to them). */
  sync(): void {
    for (const seg of this.unsynced) fs.fdatasyncSync(this.fds.get(seg)!);
    this.unsynced.clear();
  }

  /** Starts a new segment: later appends go there, so the earlier ones can be rewritten and removed. */
  seal(): void {
    this.newSegment();
  }

  /** Closes and deletes a segment nothing refers to any more. */
  remove(seg: number): void {
    const fd = this.fds.get(seg);
    if (fd === undefined || seg === this.active) return;
    fs.closeSync(fd);
    this.fds.delete(seg);
    this.sizes.delete(seg);
    this.unsynced.delete(seg);
    fs.rmSync(path.join(this.dir, segmentName(seg)), { force: true });
  }

  close(): void {
    this.sync();
    for (const fd of this.fds.values()) fs.closeSync(fd);
    this.fds.clear();
  }

  private writableSegment(bytes: number): number {
    const size = this.sizes.get(this.active);
    if (size === undefined || (size > FILE_HEADER_BYTES && size + RECORD_HEADER_BYTES + bytes > SEGMENT_BYTES)) this.newSegment();
    return this.active;
  }

  private newSegment(): void {
    const n = this.active + 1;
    const fd = fs.openSync(path.join(this.dir, segmentName(n)), 'wx+', FILE_MODE);
    const header = Buffer.alloc(FILE_HEADER_BYTES);
    FILE_MAGIC.copy(header, 0);
    header.writeUInt32LE(n, 8);
    writeFully(fd, [header], 0);
    this.fds.set(n, fd);
    this.sizes.set(n, FILE_HEADER_BYTES);
    this.unsynced.add(n);
    this.active = n;
  }
}

function writeFully(fd: number, parts: Uint8Array[], position: number): void {
  const total = parts.reduce((n, p) => n + p.length, 0);
  let written = fs.writevSync(fd, parts, position);
  while (written < total) {
    // A short write (rare: disk full, signals): finish the rest from where it stopped.
    const rest = Buffer.concat(parts).subarray(written);
    written += fs.writeSync(fd, rest, 0, rest.length, position + written);
  }
}
