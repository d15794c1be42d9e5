// A resolved file of a page turned into its response: conditional requests (ETag/If-None-Match,
// Last-Modified/If-Modified-Since), single byte ranges (If-Range), br/gzip for text types, the bytes of
// small files kept in the content cache (whole and compressed) by SHA-256, and large files read from their copy
// in the body cache on disk (body-cache.ts) once it has one, from GridFS until then.
import { createHash } from 'node:crypto';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import PQueue from 'p-queue';
import type { Request, ResponseObject, ResponseToolkit } from '@hapi/hapi';
import type { Db } from 'mongodb';
import type { StoredFile } from '../pages/file-store.ts';
import { streamFile } from '../pages/file-reader.ts';
import type { ContentCache, PageEntry, ResolvedFile, ServeCaches } from './caches.ts';
import type { BodyCache } from './body-cache.ts';
import { bodyStream } from './body-sender.ts';
import { byteRange, encodingFor, notModifiedTag, type Encoding, type FileRange } from './request-headers.ts';
import { isCurrentVersion, RETRY } from './resolve-path.ts';
import { errorPage } from './error-pages.ts';
import { FILE_CORS_HEADER } from './sandbox.ts';
import { shimmedDocument, wantsShim } from './script-shim.ts';

const BROTLI_STREAM_QUALITY = 4;
/** Small files are compressed once and cached, so they can afford a little more effort. */
const BROTLI_CACHED_QUALITY = 6;
const GZIP_LEVEL = 6;
const brotliCompress = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** The response for `target` of `version`; RETRY when the version was replaced before its bytes could be read. */
export async function fileResponse(
  db: Db,
  { content: cache, bodies }: Pick<ServeCaches, 'content' | 'bodies'>,
  request: Request,
  h: ResponseToolkit,
  entry: PageEntry,
  pageId: string,
  version: string,
  stored: ResolvedFile,
): Promise<ResponseObject | typeof RETRY> {
  // A document with the page's script shims is another representation, whose bytes are in memory.
  const shimmed = wantsShim(entry.page, stored, cache)
    ? await shimmedDocument(cache, stored, () => wholeFile(db, cache, pageId, version, stored.file))
    : undefined;
  if (shimmed === RETRY) return RETRY;
  const target = shimmed?.target ?? stored;
  const { file, type, compressible, tags } = target;
  const small = shimmed !== undefined || file.size <= cache.maxEntryBytes;
  const isHead = request.method === 'head';
  const encoding = encodingFor(target, header(request, 'accept-encoding'));
  const { lastModified } = entry;

  const withEntityHeaders = (response: ResponseObject, etag: string): ResponseObject => {
    response.header('ETag', etag).header('Cache-Control', 'no-cache').header('Accept-Ranges', 'bytes').header(FILE_CORS_HEADER[0], FILE_CORS_HEADER[1]);
    if (lastModified) response.header('Last-Modified', lastModified);
    if (compressible) response.vary('accept-encoding');
    return response;
  };

  // 1. Conditional GET/HEAD (RFC 9110 §13.2.2): If-None-Match, or If-Modified-Since when there is none.
  const selectedTag = encoding ? tags[encoding] : tags.identity;
  const unchanged = notModifiedTag(file.sha256, selectedTag, lastModified, header(request, 'if-none-match'), header(request, 'if-modified-since'));
  if (unchanged) return withEntityHeaders(h.response().code(304), unchanged);

  // 2. A single byte range (GET only, RFC 9110 §14.2), unless If-Range names another representation.
  const range = request.method === 'get' ? requestedRange(request, tags.identity, file.size) : null;
  if (range === 'unsatisfiable') {
    return errorPage(h, 416).header('Content-Range', `bytes */${file.size}`).header('Accept-Ranges', 'bytes');
  }
  if (range) {
    const { start, end } = range;
    const cached = shimmed?.bytes ?? (small ? cache.get(file.sha256) : undefined);
    // Without the cached bytes, the range is read from the body cache or straight from GridFS (end exclusive).
    const body: Buffer | Readable = cached ? cached.subarray(start, end) : small ? streamFile(db, file, range) : await largeBody(db, bodies, file, range);
    const response = h
      .response(body)
      .code(206)
      .type(type)
      .bytes(end - start)
      .header('Content-Range', `bytes ${start}-${end - 1}/${file.size}`);
    return withEntityHeaders(response, tags.identity);
  }

  // 3. The whole file, compressed when the client accepts it.
  let response: ResponseObject;
  if (isHead) {
    // Same headers as GET, without reading or compressing anything (hapi sends no body for HEAD).
    response = h.response(new PassThrough()).code(200);
    if (!encoding) response.bytes(file.size);
  } else if (small) {
    const bytes = shimmed?.bytes ?? (await wholeFile(db, cache, pageId, version, file));
    if (bytes === RETRY) return RETRY;
    response = h.response(encoding ? await compressed(cache, file, bytes, encoding) : bytes).code(200);
  } else if (encoding) {
    response = h.response(pipeline(await largeBody(db, bodies, file), compressor(encoding, file.size), () => {})).code(200);
  } else {
    response = h
      .response(await largeBody(db, bodies, file))
      .code(200)
      .bytes(file.size);
  }
  if (encoding) response.compressed(encoding);
  return withEntityHeaders(response.type(type), selectedTag);
}

/**
 * A large file's bytes (or `range` of them, end exclusive): from the body cache when it has them, else from GridFS,
 * and the body cache makes its copy for the requests to come (from this request's stream when it reads the whole file).
 */
async function largeBody(db: Db, bodies: BodyCache, file: StoredFile, range?: FileRange): Promise<Readable> {
  const body = await bodies.openBody(file);
  if (body === undefined && range === undefined) return bodies.sendAndKeep(file, streamFile(db, file));
  if (body === undefined) {
    bodies.fill(file, () => streamFile(db, file));
    return streamFile(db, file, range);
  }
  return bodyStream(body, range?.start ?? 0, range?.end ?? file.size);
}

/**
 * The byte range to send, 'unsatisfiable', or null to send the whole file: no Range header, or one that
 * byteRange ignores, or an If-Range that isn't this file's strong ETag (a date never matches: the full file is
 * the safe answer).
 */
function requestedRange(request: Request, identityTag: string, size: number): FileRange | 'unsatisfiable' | null {
  const value = header(request, 'range');
  if (value === undefined) return null;
  const ifRange = header(request, 'if-range');
  if (ifRange !== undefined && ifRange.trim() !== identityTag) return null;
  return byteRange(value, size);
}

/**
 * Reading a file whole and compressing it are shared by concurrent requests for the same bytes, and at most
 * FILL_CONCURRENCY run at once: a burst of cold or evicted files costs a bounded amount of memory and CPU.
 */
const FILL_CONCURRENCY = 8;
const fillQueue = new PQueue({ concurrency: FILL_CONCURRENCY });
const filling = new WeakMap<ContentCache, Map<string, Promise<unknown>>>();

function fillOnce<T>(cache: ContentCache, key: string, fill: () => Promise<T>): Promise<T> {
  let inFlight = filling.get(cache);
  if (!inFlight) filling.set(cache, (inFlight = new Map()));
  const running = inFlight.get(key) as Promise<T> | undefined;
  if (running) return running;
  const started = fillQueue.add(fill) as Promise<T>;
  inFlight.set(key, started);
  const done = () => inFlight.delete(key);
  started.then(done, done);
  return started;
}

/** The bytes of a small file: from the cache by hash, else read whole from GridFS (once for concurrent requests), checked and cached. */
async function wholeFile(db: Db, cache: ContentCache, pageId: string, version: string, file: StoredFile): Promise<Buffer | typeof RETRY> {
  const cached = cache.get(file.sha256);
  if (cached) return cached;
  const bytes = await fillOnce(cache, file.sha256, () => readChecked(db, cache, pageId, file));
  if (bytes) return bytes;
  // The version may have been replaced and deleted meanwhile: then serve the new one.
  return (await isCurrentVersion(db, pageId, version))
    ? (fillOnce(cache, file.sha256, () => readChecked(db, cache, pageId, file, true)) as Promise<Buffer>)
    : RETRY;
}

/** The file read whole and checked against its hash, then cached; null when the read failed (unless `rethrow`). */
async function readChecked(db: Db, cache: ContentCache, pageId: string, file: StoredFile, rethrow = false): Promise<Buffer | null> {
  let bytes: Buffer;
  try {
    bytes = await readAll(streamFile(db, file), file.size);
  } catch (e) {
    if (rethrow) throw e;
    return null;
  }
  // Content-addressed: only bytes that really hash to the key go in.
  if (bytes.length !== file.size || sha256(bytes) !== file.sha256) {
    throw new Error(`page ${pageId}: the stored bytes of ${JSON.stringify(file.path)} don't match its SHA-256`);
  }
  cache.set(file.sha256, bytes);
  return bytes;
}

async function readAll(stream: Readable, expected: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const piece = chunk as Buffer;
    total += piece.length;
    // Leaving the loop early destroys the stream.
    if (total > expected) throw new Error(`a stored file is longer than its record says (${expected} bytes)`);
    chunks.push(piece);
  }
  return Buffer.concat(chunks, total);
}

async function compressed(cache: ContentCache, file: StoredFile, bytes: Buffer, encoding: Encoding): Promise<Buffer> {
  const key = `${file.sha256}:${encoding}`;
  const cached = cache.get(key);
  if (cached) return cached;
  return fillOnce(cache, key, () => compress(cache, key, bytes, encoding));
}

async function compress(cache: ContentCache, key: string, bytes: Buffer, encoding: Encoding): Promise<Buffer> {
  const out =
    encoding === 'br'
      ? await brotliCompress(bytes, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_CACHED_QUALITY,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          },
        })
      : await gzip(bytes, { level: GZIP_LEVEL });
  cache.set(key, out);
  return out;
}

function compressor(encoding: Encoding, size: number): zlib.BrotliCompress | zlib.Gzip {
  if (encoding === 'gzip') return zlib.createGzip({ level: GZIP_LEVEL });
  return zlib.createBrotliCompress({
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_STREAM_QUALITY,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size,
    },
  });
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}
