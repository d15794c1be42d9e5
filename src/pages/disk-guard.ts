// Refuses new page content while the embedded engine's disk is nearly full: the engine appends every
// write to its journal (and compaction rewrites it), so a full disk would stop the whole instance, not
// just one upload.
import fs from 'node:fs';
import { DiskSpaceLow } from './storage-errors.ts';

/** How long one free-space reading is trusted. */
const READING_TTL_MS = 1000;

export class DiskGuard {
  readonly dir: string;
  readonly floorBytes: number;
  #reading: { at: number; free: Promise<number> } | undefined;

  constructor(dir: string, floorBytes: number) {
    if (!dir) throw new TypeError('DiskGuard: a directory is required');
    if (!Number.isSafeInteger(floorBytes) || floorBytes < 0) throw new TypeError('DiskGuard: floorBytes must be a non-negative integer');
    this.dir = dir;
    this.floorBytes = floorBytes;
  }

  /** Bytes an unprivileged process may still write on the directory's file system (cached briefly). */
  freeBytes(): Promise<number> {
    const now = Date.now();
    if (!this.#reading || now - this.#reading.at > READING_TTL_MS) {
      const free = fs.promises.statfs(this.dir).then((s) => s.bavail * s.bsize);
      free.catch(() => {
        this.#reading = undefined;
      });
      this.#reading = { at: now, free };
    }
    return this.#reading.free;
  }

  /** Throws DiskSpaceLow (507) if writing `bytes` more would leave less than the floor free. */
  async check(bytes = 0): Promise<void> {
    if (this.floorBytes === 0) return;
    const free = await this.freeBytes();
    if (free - bytes < this.floorBytes) throw new DiskSpaceLow(free, this.floorBytes);
  }
}
