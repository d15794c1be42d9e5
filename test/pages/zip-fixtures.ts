// ZIP archives built in the test, never committed as binaries: yazl for archives a real writer
// makes, and a raw writer for what yazl refuses to write (unsafe names, symlinks with odd
// attributes, encryption flags, lying headers).
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, deflateRawSync } from 'node:zlib';
import yazl from 'yazl';

export interface YazlFile {
  name: string;
  data: Buffer | string | Readable;
  mode?: number;
  compress?: boolean;
}

/** An archive written by yazl; directories as names ending with "/". */
export async function yazlZip(files: YazlFile[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const f of files) {
    if (f.name.endsWith('/')) {
      zip.addEmptyDirectory(f.name);
    } else if (f.data instanceof Readable) {
      zip.addReadStream(f.data, f.name, { mode: f.mode, compress: f.compress ?? true });
    } else {
      zip.addBuffer(Buffer.from(f.data), f.name, { mode: f.mode, compress: f.compress ?? true });
    }
  }
  zip.end();
  const parts: Buffer[] = [];
  for await (const chunk of zip.outputStream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/** `total` zero bytes in 1 MiB chunks that are produced lazily (one shared buffer). */
export function zeros(total: number): Readable {
  const chunk = Buffer.alloc(Math.min(total, 1024 * 1024));
  return Readable.from(
    (function* () {
      for (let left = total; left > 0; left -= chunk.length) yield left >= chunk.length ? chunk : chunk.subarray(0, left);
    })(),
  );
}

export interface RawEntry {
  /** A string is written as UTF-8 with the UTF-8 flag; a Buffer as is. */
  name: string | Buffer;
  /** Uncompressed content. */
  data?: Buffer | string;
  /** 0 stored (default), 8 deflated, or anything else written as stored bytes. */
  method?: number;
  /** General purpose bit flag; default 0x800 (UTF-8) for string names, 0 for Buffers. */
  flags?: number;
  /** External file attributes; Unix mode goes in the high 16 bits. */
  externalAttributes?: number;
  /** Overrides of what the headers declare. */
  compressed?: Buffer;
  size?: number;
  crc?: number;
}

/** Writes a ZIP byte by byte (local headers, data, central directory, end record). */
export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : e.name;
    const data = Buffer.from(e.data ?? '');
    const method = e.method ?? 0;
    const flags = e.flags ?? (typeof e.name === 'string' ? 0x800 : 0);
    const compressed = e.compressed ?? (method === 8 ? deflateRawSync(data) : data);
    const crc = e.crc ?? crc32(data);
    const size = e.size ?? data.length;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x031e, 4); // made by Unix, spec 3.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(0, 30);
    central.writeUInt16LE(0, 32);
    central.writeUInt16LE(0, 34);
    central.writeUInt16LE(0, 36);
    central.writeUInt32LE((e.externalAttributes ?? 0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + compressed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** Sets the uncompressed size the central directory declares for entry `index` (0-based). */
export function patchDeclaredSize(zip: Buffer, index: number, size: number): Buffer {
  const out = Buffer.from(zip);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < index; i++) {
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  if (out.readUInt32LE(at) !== 0x02014b50) throw new Error('not a central directory header');
  out.writeUInt32LE(size, at + 24);
  return out;
}

/** What a sink received: each file's path, declared size and content (or byte count only). */
export interface Received {
  path: string;
  size: number;
  bytes: number;
  content?: Buffer;
}

/** A sink that reads each stream to the end, as a GridFS upload would, and records what it saw. */
export function recordingSink(options: { keepContent?: boolean } = {}) {
  const received: Received[] = [];
  const sink = async (entry: { path: string; size: number }, content: Readable): Promise<void> => {
    const record: Received = { path: entry.path, size: entry.size, bytes: 0 };
    received.push(record);
    const parts: Buffer[] = [];
    await pipeline(
      content,
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          record.bytes += chunk.length;
          if (options.keepContent !== false) parts.push(chunk);
          callback();
        },
      }),
    );
    if (options.keepContent !== false) record.content = Buffer.concat(parts);
  };
  return { sink, received };
}

/**
 * A top-level index.html and `count - 1` small files, each `depth` one-letter folders deep:
 * "a/a/…/a/f1.html". Paths stay under 1,024 characters for a depth up to 500.
 */
export function deepZip(count: number, depth: number): Buffer {
  const folder = 'a/'.repeat(depth);
  const entries: RawEntry[] = [{ name: 'index.html', data: '<!doctype html><title>Deep</title>' }];
  for (let i = 1; i < count; i++) entries.push({ name: `${folder}f${i}.txt`, data: 'x' });
  return rawZip(entries);
}
