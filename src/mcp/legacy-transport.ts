// One legacy HTTP+SSE stream (MCP 2024-11-05) as an SDK transport: the `endpoint` event first,
// answers as `event: message`, `event: ping` keep-alives on a quiet stream, and a stream whose client
// leaves more than MAX_BUFFERED_BYTES unread is closed.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, MessageExtraInfo } from '@modelcontextprotocol/sdk/types.js';
import { SSE_HEADERS } from './sse.ts';

export const KEEP_ALIVE_MS = 30_000;
/** Answers waiting in memory for a client that does not read its stream; past this the stream is closed. */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * One SSE stream as an SDK transport: `send` writes `event: message`, POSTed messages come in
 * through `deliver`. Closing either side ends both.
 */
export class LegacySseTransport implements Transport {
  readonly sessionId = randomUUID();
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport['onmessage'];

  readonly #res: ServerResponse;
  readonly #endpoint: string;
  readonly #keepAliveMs: number;
  readonly #maxBufferedBytes: number;
  readonly #headers: Record<string, string>;
  readonly #closed: (() => void)[] = [];
  #timer: NodeJS.Timeout | undefined;
  #backlogCheck: NodeJS.Immediate | undefined;
  #started = false;
  #ended = false;
  #overflowed = false;

  constructor(res: ServerResponse, options: { endpointBase: string; keepAliveMs: number; maxBufferedBytes?: number; headers?: Record<string, string> }) {
    this.#res = res;
    this.#endpoint = `${options.endpointBase}/mcp/message?session_id=${this.sessionId}`;
    this.#keepAliveMs = options.keepAliveMs;
    this.#maxBufferedBytes = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
    this.#headers = options.headers ?? {};
    res.on('close', () => this.#teardown());
    if (res.destroyed) this.#teardown();
  }

  get closed(): boolean {
    return this.#ended;
  }

  /** True when the stream was closed because its client left too much of it unread. */
  get overflowed(): boolean {
    return this.#overflowed;
  }

  /** Runs once when the stream ends, whichever side ends it. */
  onClosed(listener: () => void): void {
    if (this.#ended) listener();
    else this.#closed.push(listener);
  }

  async start(): Promise<void> {
    if (this.#started) throw new Error('LegacySseTransport already started');
    this.#started = true;
    if (this.#ended) return;
    this.#res.writeHead(200, { ...SSE_HEADERS, ...this.#headers });
    this.#write('endpoint', this.#endpoint);
    this.#timer = setInterval(() => this.#write('ping', ''), this.#keepAliveMs);
    this.#timer.unref();
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.#ended || !this.#started) throw new Error('Not connected');
    this.#write('message', JSON.stringify(message));
  }

  /** Hands a POSTed message to the MCP server. */
  deliver(message: JSONRPCMessage, extra?: MessageExtraInfo): void {
    this.onmessage?.(message, extra);
  }

  async close(): Promise<void> {
    this.#teardown();
  }

  #write(event: string, data: string): void {
    if (this.#ended) return;
    const lines =
      data === ''
        ? 'data:\n'
        : data
            .split(/\r\n|\r|\n/)
            .map((line) => `data: ${line}\n`)
            .join('');
    this.#res.write(`event: ${event}\n${lines}\n`);
    this.#checkBacklogSoon();
    // Any event counts as traffic: the next ping is due a full interval after it.
    this.#timer?.refresh();
  }

  /**
   * Node holds a tick's writes until the next tick and then hands them to the socket: what is
   * still unsent after that is what the client has not taken. Past the bound the client is not
   * reading; the stream is destroyed (end() would keep the backlog until sent) and the session ends.
   */
  #checkBacklogSoon(): void {
    if (this.#backlogCheck) return;
    this.#backlogCheck = setImmediate(() => {
      this.#backlogCheck = undefined;
      if (this.#ended || this.#res.writableLength <= this.#maxBufferedBytes) return;
      this.#overflowed = true;
      this.#res.destroy();
      this.#teardown();
    });
  }

  #teardown(): void {
    if (this.#ended) return;
    this.#ended = true;
    clearInterval(this.#timer);
    clearImmediate(this.#backlogCheck);
    if (!this.#res.writableEnded && !this.#res.destroyed) this.#res.end();
    for (const listener of this.#closed.splice(0)) listener();
    this.onclose?.();
  }
}
