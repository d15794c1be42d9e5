// Append-only journal: each command's changes are one record `[length u32][crc32 u32][BSON]`,
// written with write(2) before the command is acknowledged, so a killed process loses nothing it
// acknowledged. On open, a torn or corrupt tail record (a write cut short by kill -9) is truncated.
import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { deserialize, serialize } from 'bson';
import { fail, ErrorCodes } from './errors.ts';
import { DEFAULT_READ_CHUNK_BYTES, JournalRecords, RECORD_HEADER_BYTES } from './journal-reader.ts';
import type { JournalRef } from './blob-spill.ts';
import type { IndexSpec } from './indexes.ts';
import type { Doc } from './values.ts';

export type JournalOp =
  | { t: 'put'; ns: string; d: Doc; b?: JournalRef[] }
  | { t: 'del'; ns: string; id: unknown }
  | { t: 'createCollection'; ns: string }
  | { t: 'dropCollection'; ns: string }
  | { t: 'dropDatabase'; db: string }
  | { t: 'createIndex'; ns: string; spec: IndexSpec }
  | { t: 'dropIndex'; ns: string; name: string };

const HEADER = RECORD_HEADER_BYTES;
const FILE = 'journal.bin';
const LOCK = 'journal.lock';
const COMPACT_SUFFIX = '.compact';
/** Every file the journal creates; all are opened 0600 (owner only). */
export const JOURNAL_FILES = [FILE, FILE + COMPACT_SUFFIX, LOCK];
const FILE_MODE = 0o600;
/** Compact once superseded records (overwritten or deleted documents) exceed this and half the file. */
export const DEFAULT_COMPACTION_BYTES = 64 * 1024 * 1024;

export class Journal {
  private fd: number;
  private readonly dir: string;
  private size: number;
  private readonly compactionBytes: number;

  /** False until the records handed out by open() have all been read (and a damaged tail cut off). */
  private replayed = false;

  private constructor(dir: string, fd: number, size: number, compactionBytes: number) {
    this.dir = dir;
    this.fd = fd;
    this.size = size;
    this.compactionBytes = compactionBytes;
  }

  /**
   * Opens (creating) the journal in `dir`. Its records are read lazily, `readChunkBytes` at a time, as
   * `records` is iterated: iterate it to the end before appending.
   */
  static open(
    dir: string,
    compactionBytes = DEFAULT_COMPACTION_BYTES,
    readChunkBytes = DEFAULT_READ_CHUNK_BYTES,
  ): { journal: Journal; records: Iterable<JournalOp[]> } {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    takeLock(dir);
    const fd = fs.openSync(path.join(dir, FILE), 'a+', FILE_MODE);
    const journal = new Journal(dir, fd, 0, compactionBytes);
    return { journal, records: journal.replay(new JournalRecords(fd, readChunkBytes)) };
  }

  private *replay(reader: JournalRecords): Iterable<JournalOp[]> {
    for (const payload of reader) yield deserialize(payload, { promoteValues: false }).ops as JournalOp[];
    if (reader.intactBytes < fs.fstatSync(this.fd).size) fs.ftruncateSync(this.fd, reader.intactBytes);
    this.size = reader.intactBytes;
    this.replayed = true;
  }

  append(ops: JournalOp[]): void {
    if (!this.replayed) throw new Error("the journal's records must be read to the end before appending");
    if (ops.length === 0) return;
    this.size += writeRecord(this.fd, ops);
  }

  /** Whether `garbageBytes` of superseded records make a rewrite worth it. */
  wantsCompaction(garbageBytes: number): boolean {
    return garbageBytes > this.compactionBytes && garbageBytes > this.size / 2;
  }

  /** Rewrites the journal as a snapshot of `state` (batches of ops), atomically via rename. */
  compact(state: Iterable<JournalOp[]>): void {
    const file = path.join(this.dir, FILE);
    const tmp = file + COMPACT_SUFFIX;
    const fd = fs.openSync(tmp, 'w', FILE_MODE);
    let size = 0;
    try {
      for (const ops of state) if (ops.length) size += writeRecord(fd, ops);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    syncDir(this.dir);
    fs.closeSync(this.fd);
    this.fd = fs.openSync(file, 'a+', FILE_MODE);
    this.size = size;
  }

  close(): void {
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    fs.rmSync(path.join(this.dir, LOCK), { force: true });
  }
}

/** Writes one record (header and payload in a single writev, without copying the payload). */
function writeRecord(fd: number, ops: JournalOp[]): number {
  const payload = serialize({ ops });
  const header = Buffer.allocUnsafe(HEADER);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(crc32(payload), 4);
  const total = HEADER + payload.length;
  let written = fs.writevSync(fd, [header, payload]);
  while (written < total) {
    // A short write (rare: disk full, signals): finish the rest from where it stopped.
    const rest = Buffer.concat([header, payload]).subarray(written);
    written += fs.writeSync(fd, rest);
  }
  return total;
}

function syncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** One process per data directory: a lock file holding the owner's pid; a dead owner's lock is taken over. */
function takeLock(dir: string): void {
  const lock = path.join(dir, LOCK);
  try {
    const pid = Number(fs.readFileSync(lock, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      fail(ErrorCodes.IllegalOperation, `The data directory ${dir} is in use by process ${pid}`);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.writeFileSync(lock, String(process.pid), { mode: FILE_MODE });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
