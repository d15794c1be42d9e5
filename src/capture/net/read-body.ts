// Reading a response body for a guarded fetch: undoing its Content-Encoding and holding it (and every
// encoded layer feeding a decoder) to the fetch's size limit, so a small compressed response cannot cost
// unbounded memory or CPU.
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import zlib from 'node:zlib';
import { FetchFailed } from './fetch-failure.ts';

/**
 * Most Content-Encodings decoded for one body ("gzip, br" is the most seen in practice). Each layer costs
 * CPU on libuv's thread pool; thousands of stacked layers made one small response cost seconds.
 */
export const MAX_CONTENT_CODINGS = 2;

// Accept a body whose compressed stream ends early, as browsers do, instead of failing it.
const ZLIB_LENIENT = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
const BROTLI_LENIENT = { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH };

export interface BodyLimits {
  /** Largest decoded body. */
  maxBytes: number;
  /** Told each decoded chunk's size as it arrives; returning false stops the read ('too-large'). */
  onBytes?: (n: number) => boolean | void;
}

/** The response's body-related headers (repeated ones joined with ", "). */
export interface BodyHeaders {
  contentEncoding: string | undefined;
  contentLength: string | undefined;
}

/** Whose body this is, for failures: the URL (credentials masked) and how messages name it. */
export interface BodySource {
  url: string;
  where: string;
}

/** Drains a body we do not need (so its connection can be reused), giving up on large ones. */
export async function discard(body: Readable & { dump(options?: { limit?: number }): Promise<void> }): Promise<void> {
  await body.dump({ limit: 64 * 1024 }).catch(() => {});
}

/** Drops a body mid-way (closing its connection); undici reports that as an error nobody needs. */
function abandon(body: Readable): void {
  body.on('error', () => {}).destroy();
}

/**
 * The decoded body, failing 'too-large' the moment it (or the encoded data feeding a decoder) outgrows its
 * limit or onBytes says stop. `stop` ends the read even after the whole body has arrived: decoding is where
 * a small body can cost the most time.
 */
export async function readBody(
  body: Readable & { arrayBuffer?(): Promise<ArrayBuffer> },
  headers: BodyHeaders,
  source: BodySource,
  limits: BodyLimits,
  stop: AbortSignal,
): Promise<Buffer> {
  const { maxBytes, onBytes } = limits;
  const { url, where } = source;
  const tooLarge = (what: string) => new FetchFailed('too-large', url, `${where} ${what}`);
  const encoding = headers.contentEncoding;
  const codings = contentCodings(encoding);
  const quoted = JSON.stringify(encoding && encoding.length > 100 ? `${encoding.slice(0, 100)}…` : encoding);
  if (codings.length > MAX_CONTENT_CODINGS) {
    abandon(body);
    throw new FetchFailed('network', url, `${where} used ${codings.length} stacked Content-Encodings ${quoted}: at most ${MAX_CONTENT_CODINGS} are decoded`);
  }
  if (!codings.every((coding) => DECODERS.has(coding))) {
    abandon(body);
    throw new FetchFailed('network', url, `${where} used an unsupported Content-Encoding ${quoted}`);
  }
  // Content-Length is only a hint (it may lie or be absent), but a plainly too large one saves the download.
  const declared = Number(headers.contentLength);
  if (codings.length === 0 && declared > maxBytes) {
    abandon(body);
    throw tooLarge(`is larger than ${maxBytes} bytes (Content-Length ${declared})`);
  }

  if (codings.length === 0 && body.arrayBuffer && Number.isSafeInteger(declared) && declared <= Math.min(maxBytes, WHOLE_BODY_BYTES)) {
    return readWhole(body as Readable & { arrayBuffer(): Promise<ArrayBuffer> }, limits, stop, tooLarge);
  }

  // Codings are listed in the order they were applied, so they are undone in reverse.
  const decoders = codings.reverse().map((coding) => DECODERS.get(coding)!());
  const streams: Readable[] = [body, ...decoders];
  const decoded = streams[streams.length - 1];
  if (decoders.length > 0) {
    // Any stream's error destroys the others, so it surfaces in the loop below.
    pipeline(streams as [Readable, ...Transform[]], () => {});
    // Compressed data that decodes to (almost) nothing could otherwise keep a decoder busy until the
    // timeout. What feeds each decoder (the body, then what an outer decoder made of it) is an encoded
    // form of the body, so each is held to the same limit, a little above maxBytes.
    const wireLimit = maxBytes + (maxBytes >> 6) + 64 * 1024;
    streams.slice(0, -1).forEach((stream, i) => {
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes <= wireLimit) return;
        decoded.destroy(tooLarge(i === 0 ? `sent more than ${wireLimit} compressed bytes` : `decodes to more than ${wireLimit} bytes that are still encoded`));
      });
    });
  }

  // The request's signal stops undici while the body downloads, but not the decoders once it has arrived:
  // this stops them, and the loop, whenever the deadline passes or the caller aborts.
  const halt = () => {
    const reason = stop.reason instanceof Error ? stop.reason : new Error('The fetch was stopped');
    for (const stream of streams) stream.destroy(reason);
  };
  body.on('error', () => {});
  stop.addEventListener('abort', halt, { once: true });
  const received = new BodyBytes(codings.length === 0 && Number.isSafeInteger(declared) && declared > 0 ? declared : 0);
  let size = 0;
  try {
    stop.throwIfAborted();
    for await (const chunk of decoded as AsyncIterable<Buffer>) {
      stop.throwIfAborted();
      size += chunk.length;
      if (size > maxBytes) throw tooLarge(`is larger than ${maxBytes} bytes`);
      if (onBytes?.(chunk.length) === false) throw tooLarge(`was stopped after ${size} bytes: the byte budget is used up`);
      received.add(chunk);
      // A large body arriving fast would otherwise be read many chunks per turn of the event loop (libuv
      // keeps reading a socket while it has data), and every other request would wait until it ends:
      // reading one chunk per turn lets the stream fill up, pausing the socket until the next turn.
      if (size > SMALL_BODY_BYTES) await nextTurn();
    }
  } catch (err) {
    // The body's connection is dropped, and no decoder keeps working on what had already arrived.
    for (const stream of streams) stream.destroy();
    if (isDecodeError(err)) {
      throw new FetchFailed('network', url, `${where} sent a body that is not valid ${encoding}: ${(err as Error).message}`);
    }
    throw err;
  } finally {
    stop.removeEventListener('abort', halt);
  }
  return received.bytes();
}

/**
 * A small body that is not encoded and declares its length (most of a site's assets), read in one go: no
 * larger than one chunk of the loop above, it gains nothing from being checked chunk by chunk, and the
 * loop's stream iterator costs more per fetch than the body itself. Its size is checked, and counted with
 * onBytes, once it is in.
 */
async function readWhole(
  body: Readable & { arrayBuffer(): Promise<ArrayBuffer> },
  limits: BodyLimits,
  stop: AbortSignal,
  tooLarge: (what: string) => FetchFailed,
): Promise<Buffer> {
  const { maxBytes, onBytes } = limits;
  const halt = () => body.destroy(stop.reason instanceof Error ? stop.reason : new Error('The fetch was stopped'));
  body.on('error', () => {});
  stop.addEventListener('abort', halt, { once: true });
  try {
    stop.throwIfAborted();
    const bytes = Buffer.from(await body.arrayBuffer());
    stop.throwIfAborted();
    if (bytes.length > maxBytes) throw tooLarge(`is larger than ${maxBytes} bytes`);
    if (bytes.length > 0 && onBytes?.(bytes.length) === false) throw tooLarge(`was stopped after ${bytes.length} bytes: the byte budget is used up`);
    return bytes;
  } catch (err) {
    body.destroy();
    throw err;
  } finally {
    stop.removeEventListener('abort', halt);
  }
}

/** Bodies up to this size, not encoded and of a declared length, are read whole (readWhole). */
const WHOLE_BODY_BYTES = 64 * 1024;

/**
 * A body's bytes as they arrive. With a declared length, each chunk is copied into one buffer of that
 * size on arrival, so a large body costs no single multi-megabyte copy at the end (joining 5 MB held the
 * event loop for 8–17 ms on a busy machine); a body that turns out longer falls back to joining the
 * chunks. The declared length is at most the fetch's maxBytes (readBody refuses more before this), and
 * pages of the buffer that a short body never fills are never touched.
 */
class BodyBytes {
  readonly #whole: Buffer | undefined;
  #chunks: Buffer[] = [];
  #size = 0;

  constructor(declared: number) {
    // Small bodies gain nothing: a join of a few chunks is as cheap.
    this.#whole = declared > SMALL_BODY_BYTES ? Buffer.allocUnsafeSlow(declared) : undefined;
  }

  add(chunk: Buffer): void {
    if (this.#whole && this.#size + chunk.length <= this.#whole.length) chunk.copy(this.#whole, this.#size);
    else this.#spill(chunk);
    this.#size += chunk.length;
  }

  bytes(): Buffer {
    if (this.#whole && this.#chunks.length === 0) return this.#size === this.#whole.length ? this.#whole : this.#whole.subarray(0, this.#size);
    return Buffer.concat(this.#chunks, this.#size);
  }

  /** More bytes than declared: from here on, chunks are kept and joined at the end. */
  #spill(chunk: Buffer): void {
    if (this.#whole && this.#chunks.length === 0 && this.#size > 0) this.#chunks.push(this.#whole.subarray(0, this.#size));
    this.#chunks.push(chunk);
  }
}

const SMALL_BODY_BYTES = 256 * 1024;

/** The codings of a Content-Encoding header in the order they were applied: lower-case, without identity. */
function contentCodings(encoding: string | undefined): string[] {
  return (encoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity');
}

/** A decoder for each supported coding. */
const DECODERS = new Map<string, () => Transform>([
  ['gzip', () => zlib.createGunzip(ZLIB_LENIENT)],
  ['x-gzip', () => zlib.createGunzip(ZLIB_LENIENT)],
  ['deflate', () => new DeflateDecoder()],
  ['br', () => zlib.createBrotliDecompress(BROTLI_LENIENT)],
]);

/** A zlib (Z_DATA_ERROR…) or brotli (ERR__ERROR_FORMAT_…) decoding error, by Node's error codes. */
function isDecodeError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(Z_|ERR__ERROR_|ERR_BROTLI|ERR_ZLIB)/.test(code);
}

/**
 * "deflate" means zlib-wrapped deflate (RFC 9110), yet some servers send raw deflate. A zlib stream's
 * first byte always has the deflate method (8) in its low nibble, which a raw stream's first byte in
 * practice never has, so that byte picks the decoder (as browsers do).
 */
class DeflateDecoder extends Transform {
  #inflate: zlib.Inflate | zlib.InflateRaw | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (!this.#inflate) {
      if (chunk.length === 0) return done();
      const inflate = (chunk[0] & 0x0f) === 8 ? zlib.createInflate(ZLIB_LENIENT) : zlib.createInflateRaw(ZLIB_LENIENT);
      inflate.on('data', (data: Buffer) => {
        if (!this.push(data)) inflate.pause();
      });
      inflate.on('error', (err) => this.destroy(err));
      this.#inflate = inflate;
    }
    this.#inflate.write(chunk, () => done());
  }

  override _read(size: number): void {
    this.#inflate?.resume();
    super._read(size);
  }

  override _flush(done: TransformCallback): void {
    if (!this.#inflate) return done();
    this.#inflate.once('end', () => done());
    this.#inflate.end();
  }

  override _destroy(err: Error | null, done: (err: Error | null) => void): void {
    this.#inflate?.destroy();
    done(err);
  }
}
