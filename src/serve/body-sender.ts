// Sending a body from the body cache (body-cache.ts): straight to a node:http response with positional reads into
// a few reused buffers (the fast path), or as a stream for hapi (ranges, HEAD, gated pages, compression).
//
// Why reused buffers: a fresh large buffer for every read costs an allocation, page faults and garbage collection
// that together cost more CPU than the copy itself. A buffer goes back to the pool only once its write has been
// handed to the kernel (the write's callback), never while the socket may still read it.
import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Body } from './body-cache.ts';

/** Bytes read and written at a time. */
const CHUNK_BYTES = 512 * 1024;
/** Idle buffers kept for the next responses (at most CHUNK_BYTES each). */
const MAX_POOLED = 16;
const pool: Buffer[] = [];

/**
 * Writes bytes `start`..`end` (exclusive) of `body` to `res`, whose head is set but not sent, then ends it.
 * Releases the body when done (or when the response is closed first); a read error destroys the response.
 */
export function sendBody(body: Body, res: ServerResponse, start: number, end: number): void {
  const buffer = pool.pop() ?? Buffer.allocUnsafeSlow(CHUNK_BYTES);
  let position = start;
  // While a read is under way the descriptor and the buffer are in use; while a write is, the buffer.
  let reading = false;
  let writing = false;
  let closed = false;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    body.release();
    // A buffer a write may still hold is left to the garbage collector.
    if (!writing && pool.length < MAX_POOLED) pool.push(buffer);
  };
  res.once('close', () => {
    closed = true;
    if (!reading) release();
  });
  const step = () => {
    if (closed) return release();
    const length = Math.min(CHUNK_BYTES, end - position);
    if (length <= 0) {
      res.end();
      return release();
    }
    reading = true;
    fs.read(body.fd, buffer, 0, length, position, (error, read) => {
      reading = false;
      if (closed) return release();
      if (error || read === 0) {
        res.destroy(error ?? new Error('a cached body ended early'));
        return release();
      }
      position += read;
      writing = true;
      res.write(read === buffer.length ? buffer : buffer.subarray(0, read), (writeError) => {
        writing = false;
        if (!writeError) step();
      });
    });
  };
  step();
}

/**
 * Bytes `start`..`end` (exclusive) of `body` as a stream; the body is released when the stream ends or is destroyed.
 * Not an fs.ReadStream: hapi calls close() on a stream it is done with, which would close the shared descriptor.
 */
export function bodyStream(body: Body, start: number, end: number): Readable {
  let position = start;
  return new Readable({
    highWaterMark: CHUNK_BYTES,
    read() {
      const length = Math.min(CHUNK_BYTES, end - position);
      if (length <= 0) {
        this.push(null);
        return;
      }
      fs.read(body.fd, Buffer.allocUnsafeSlow(length), 0, length, position, (error, read, buffer) => {
        if (this.destroyed) return;
        if (error || read === 0) {
          this.destroy(error ?? new Error('a cached body ended early'));
          return;
        }
        position += read;
        this.push(read === length ? buffer : buffer.subarray(0, read));
      });
    },
    destroy(error, callback) {
      body.release();
      callback(error);
    },
  });
}
