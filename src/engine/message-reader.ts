// Cuts a connection's bytes into whole wire messages, each in one buffer of exactly its length. The socket reads
// into buffers given here (net's `onread`): small reads land in one reused buffer and are copied out per message;
// the rest of a large message (a GridFS chunk) is read straight into that message's buffer, which is taken from a
// pool shared by the connections and given back once the message has been handled. Node's own reading allocates
// a buffer per read plus one joining them; that garbage set the engine's collector off every few megabytes written.
import { ProtocolError } from './wire.ts';

/** Reads into this when no large message is under way; a message at least this long is read into a pooled buffer. */
const READ_BYTES = 64 * 1024;
const LENGTH_BYTES = 4;
const NO_BYTES = Buffer.alloc(0);
/** Larger messages get a buffer of their own, left to the collector. */
const MAX_POOLED_MESSAGE_BYTES = 1024 * 1024;
/** Idle pooled buffers kept, in bytes: a burst over many connections leaves at most this much behind. */
const MAX_IDLE_POOL_BYTES = 4 * 1024 * 1024;

/** Buffers for large messages, shared by every connection of one engine. */
export class MessageBuffers {
  private readonly idle: Buffer[] = [];
  private idleBytes = 0;

  /** A buffer of exactly `length` bytes; from the pool when it is at most MAX_POOLED_MESSAGE_BYTES. */
  take(length: number): { buffer: Buffer; pooled: boolean } {
    if (length > MAX_POOLED_MESSAGE_BYTES) return { buffer: Buffer.allocUnsafeSlow(length), pooled: false };
    const fits = this.idle.findIndex((b) => b.length >= length);
    if (fits === -1) {
      // Rounded up, so the next message of a slightly different length still fits.
      return { buffer: Buffer.allocUnsafeSlow(Math.ceil(length / READ_BYTES) * READ_BYTES).subarray(0, length), pooled: true };
    }
    const whole = this.idle.splice(fits, 1)[0]!;
    this.idleBytes -= whole.length;
    return { buffer: whole.subarray(0, length), pooled: true };
  }

  give(message: Buffer): void {
    const whole = Buffer.from(message.buffer, 0, message.buffer.byteLength);
    if (this.idleBytes + whole.length > MAX_IDLE_POOL_BYTES) return;
    this.idle.push(whole);
    this.idleBytes += whole.length;
  }
}

export interface MessageReaderOptions {
  /** Lengths outside [16, maxBytes] are a ProtocolError. */
  maxBytes: number;
  pool: MessageBuffers;
  /**
   * Handles each complete message, in arrival order. When `reused`, the buffer is written again once this returns
   * normally, so nothing may keep a view of it by then; otherwise it is the handler's to keep.
   */
  onMessage: (message: Buffer, reused: boolean) => void;
}

export class MessageReader {
  private readonly scratch = Buffer.allocUnsafe(READ_BYTES);
  /** The message being completed, once its length is known, and how much of it has arrived. */
  private partial: Buffer | undefined;
  private pooled = false;
  private filled = 0;
  /** The first bytes of a message whose length has not fully arrived (fewer than 4). */
  private head = NO_BYTES;
  private readonly options: MessageReaderOptions;

  constructor(options: MessageReaderOptions) {
    this.options = options;
  }

  /** Where the socket reads next: the rest of a large message under way, else the reused buffer. */
  readonly nextBuffer = (): Buffer => {
    const rest = this.partial ? this.partial.length - this.filled : 0;
    return rest >= READ_BYTES ? this.partial!.subarray(this.filled) : this.scratch;
  };

  /** `n` bytes have been read into `buf` (the buffer nextBuffer gave). Throws a ProtocolError on a bad length. */
  readonly received = (n: number, buf: Uint8Array): void => {
    if (buf === this.scratch) {
      this.take(this.scratch.subarray(0, n));
      return;
    }
    this.filled += n;
    this.completeIfFull();
  };

  private take(bytes: Buffer): void {
    let at = 0;
    while (at < bytes.length) {
      if (this.partial) {
        const copied = bytes.copy(this.partial, this.filled, at);
        this.filled += copied;
        at += copied;
        this.completeIfFull();
        continue;
      }
      if (this.head.length + bytes.length - at < LENGTH_BYTES) {
        this.head = Buffer.concat([this.head, bytes.subarray(at)]);
        return;
      }
      const length = this.head.length
        ? Buffer.concat([this.head, bytes.subarray(at, at + LENGTH_BYTES - this.head.length)]).readInt32LE(0)
        : bytes.readInt32LE(at);
      if (length < 16 || length > this.options.maxBytes) throw new ProtocolError(`Invalid message length ${length}`);
      const { buffer, pooled } = length >= READ_BYTES ? this.options.pool.take(length) : { buffer: Buffer.allocUnsafe(length), pooled: false };
      this.partial = buffer;
      this.pooled = pooled;
      this.filled = this.head.copy(this.partial, 0);
      this.head = NO_BYTES;
    }
  }

  private completeIfFull(): void {
    if (this.filled < this.partial!.length) return;
    const message = this.partial!;
    const pooled = this.pooled;
    this.partial = undefined;
    this.filled = 0;
    this.options.onMessage(message, pooled);
    if (pooled) this.options.pool.give(message);
  }
}
