// Safe ZIP intake: reads an uploaded site archive and hands each kept file, decompressed, to a
// sink (GridFS in production) as a stream, never through the disk.
//
// 1. The whole central directory is checked before any content flows, so a bad archive is
//    refused before anything is stored: entry count, names (see zip-paths.ts), symlinks,
//    encryption, compression method, declared sizes against the limits, duplicates and
//    case collisions, and the default file.
// 2. The kept files are then streamed one by one, in archive order, through an EntryMeter that
//    counts the bytes actually produced: headers are not trusted for sizes (a file that unpacks to
//    more than its header says is refused at once), and the CRC is checked at the end.
//
// A refusal in step 2 happens while the sink is running: the sink's stream errors with the
// ZipRejected, and the caller must discard whatever the sink stored for this archive.
import type { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import yauzl, { type Entry, type Options, type ZipFile } from 'yauzl';
import { formatBytes, quoteName, ZipRejected } from './zip-errors.ts';
import { EntryMeter, ratioAllowance, resolveLimits, type ZipLimits } from './zip-meter.ts';
import { checkFinalPaths, chooseDefaultFile, classifyEntryName, commonTopFolder } from './zip-paths.ts';

export { ZipRejected, type ZipRejectReason } from './zip-errors.ts';
export { DEFAULT_ZIP_LIMITS, RATIO_FLOOR_BYTES, type ZipLimits } from './zip-meter.ts';
export { chooseDefaultFile } from './zip-paths.ts';

export interface IntakeEntry {
  /** Path inside the site: relative, "/"-separated, NFC, single top-level folder stripped. */
  path: string;
  /** Decompressed size in bytes (declared by the header; the stream is held to it). */
  size: number;
}

/**
 * Receives one file. It must read `content` to the end (e.g. pipeline it into a GridFS upload
 * stream) before its promise resolves; if `content` errors (a limit or a corrupt entry), the
 * sink should reject, and readZip rejects with that ZipRejected.
 */
export type IntakeSink = (entry: IntakeEntry, content: Readable) => Promise<void>;

export interface IntakeResult {
  files: IntakeEntry[];
  defaultFile: string;
  totalBytes: number;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const FLAG_ENCRYPTED = 0x1;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;

interface PlannedFile {
  entry: Entry;
  /** Name as stored (decoded). */
  name: string;
  path: string;
}

/**
 * Reads a ZIP from a Buffer or a file path, checks it entirely, then calls `sink` once per
 * kept file, one at a time. Rejects with ZipRejected for anything wrong with the archive; errors
 * thrown by the sink propagate as they are (unless its content stream failed with a ZipRejected,
 * which is then the error).
 */
export async function readZip(source: Buffer | string, sink: IntakeSink, limits?: Partial<ZipLimits>): Promise<IntakeResult> {
  const resolved = resolveLimits(limits);
  const zipfile = await openZip(source);
  try {
    if (zipfile.entryCount > resolved.maxEntries) {
      throw new ZipRejected('too-many-entries', `The ZIP has ${zipfile.entryCount} entries; the limit is ${resolved.maxEntries}`);
    }
    const planned = await plan(zipfile, resolved);
    const prefix = commonTopFolder(planned.map((p) => p.path));
    for (const p of planned) p.path = p.path.slice(prefix.length);
    checkFinalPaths(planned.map((p) => ({ path: p.path, entry: p.name })));
    const defaultFile = chooseDefaultFile(planned.map((p) => p.path));

    const total = { bytes: 0 };
    const files: IntakeEntry[] = [];
    for (const p of planned) {
      const size = await deliver(zipfile, p, resolved, total, sink);
      files.push({ path: p.path, size });
    }
    return { files, defaultFile, totalBytes: total.bytes };
  } finally {
    zipfile.close();
  }
}

const OPEN_OPTIONS: Options = {
  lazyEntries: true,
  autoClose: false,
  validateEntrySizes: true,
  // Names are decoded here, not by yauzl: with decodeStrings it rewrites "\" to "/" (or, strict,
  // fails with a message that does not name the problem), and we want to refuse with our words.
  decodeStrings: false,
};

async function openZip(source: Buffer | string): Promise<ZipFile> {
  try {
    return typeof source === 'string' ? await yauzl.openPromise(source, OPEN_OPTIONS) : await yauzl.fromBufferPromise(source, OPEN_OPTIONS);
  } catch (err) {
    if (typeof source === 'string' && (err as NodeJS.ErrnoException).code !== undefined) throw err; // I/O, not the archive
    throw notAZip(err);
  }
}

function notAZip(err: unknown): ZipRejected {
  const detail = err instanceof Error ? err.message : String(err);
  if (/encrypt/i.test(detail))
    return new ZipRejected('encrypted', 'The ZIP is encrypted; password-protected ZIPs are not supported', undefined, { cause: err });
  return new ZipRejected('not-a-zip', `The file is not a valid ZIP archive (${detail})`, undefined, { cause: err });
}

/** Step 1: reads and checks the whole central directory. */
async function plan(zipfile: ZipFile, limits: ZipLimits): Promise<PlannedFile[]> {
  const planned: PlannedFile[] = [];
  let declaredTotal = 0;
  let entries = 0;
  try {
    for await (const entry of zipfile.eachEntry()) {
      if (++entries > limits.maxEntries) {
        throw new ZipRejected('too-many-entries', `The ZIP has more than ${limits.maxEntries} entries, the limit`);
      }
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
      const { kind, path } = classifyEntryName(name);
      if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) {
        throw new ZipRejected('symlink', `ZIP entry ${quoteName(name)} is a symbolic link; links are not allowed`, name);
      }
      if (kind === 'directory') continue;
      if (entry.generalPurposeBitFlag & FLAG_ENCRYPTED) {
        throw new ZipRejected('encrypted', `ZIP entry ${quoteName(name)} is encrypted; password-protected ZIPs are not supported`, name);
      }
      if (kind === 'junk') continue;
      if (entry.compressionMethod !== METHOD_STORED && entry.compressionMethod !== METHOD_DEFLATED) {
        throw new ZipRejected(
          'unsupported-compression',
          `ZIP entry ${quoteName(name)} uses compression method ${entry.compressionMethod}; only Deflate and Store are supported`,
          name,
        );
      }
      checkDeclaredSize(name, entry, limits);
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > limits.maxTotalBytes) {
        throw new ZipRejected(
          'total-too-large',
          `The ZIP unpacks to more than ${formatBytes(limits.maxTotalBytes)} in total, the limit for one page (reached at ZIP entry ${quoteName(name)})`,
          name,
        );
      }
      planned.push({ entry, name, path });
    }
  } catch (err) {
    throw err instanceof ZipRejected ? err : notAZip(err);
  }
  if (planned.length === 0) {
    throw new ZipRejected('no-files', 'The ZIP contains no files (folders and system files such as __MACOSX/ or .DS_Store are ignored)');
  }
  return planned;
}

/** Refuses, before any content flows, what the header already admits to. */
function checkDeclaredSize(name: string, entry: Entry, limits: ZipLimits): void {
  if (entry.uncompressedSize > limits.maxEntryBytes) {
    throw new ZipRejected(
      'entry-too-large',
      `ZIP entry ${quoteName(name)} unpacks to more than ${formatBytes(limits.maxEntryBytes)}, the limit for one file`,
      name,
    );
  }
  if (entry.uncompressedSize > ratioAllowance(entry.compressedSize, limits.maxRatio)) {
    throw new ZipRejected('ratio-too-high', `ZIP entry ${quoteName(name)} is compressed more than ${limits.maxRatio}:1, which looks like a zip bomb`, name);
  }
}

/** Step 2: streams one file to the sink through a meter; returns the bytes it delivered. */
async function deliver(zipfile: ZipFile, file: PlannedFile, limits: ZipLimits, total: { bytes: number }, sink: IntakeSink): Promise<number> {
  const { entry, name, path } = file;
  let raw: Readable;
  try {
    raw = await zipfile.openReadStreamPromise(entry, { decodeFileData: false });
  } catch (err) {
    throw corrupt(name, err);
  }
  const inflate = entry.compressionMethod === METHOD_DEFLATED ? createInflateRaw() : null;
  const meter = new EntryMeter({
    entry: name,
    declaredSize: entry.uncompressedSize,
    compressedSize: entry.compressedSize,
    crc32: entry.crc32,
    limits,
    total,
  });

  let failure: unknown;
  meter.on('error', (err) => {
    failure ??= err;
  });
  const fail = (err: unknown) => {
    if (!meter.destroyed) meter.destroy(corrupt(name, err));
  };
  raw.on('error', fail);
  inflate?.on('error', fail);
  meter.once('close', () => {
    raw.destroy();
    inflate?.destroy();
  });
  if (inflate) raw.pipe(inflate).pipe(meter);
  else raw.pipe(meter);

  try {
    await sink({ path, size: entry.uncompressedSize }, meter);
  } catch (err) {
    meter.destroy();
    throw failure instanceof ZipRejected ? failure : err;
  }
  if (failure !== undefined) throw failure;
  if (!meter.readableEnded) {
    meter.destroy();
    throw new Error(`zip intake: the sink returned before reading all of ${quoteName(path)}`);
  }
  return meter.bytes;
}

function corrupt(name: string, err: unknown): ZipRejected {
  if (err instanceof ZipRejected) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new ZipRejected('corrupt', `ZIP entry ${quoteName(name)} is corrupt (${detail})`, name, { cause: err });
}
