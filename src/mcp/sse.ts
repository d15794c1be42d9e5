// A server-sent-events response on a raw Node response: headers, events, keep-alive comments.
import type { ServerResponse } from 'node:http';

export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
  Connection: 'keep-alive',
} as const;

export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
  retry?: number;
}

export class SseStream {
  readonly res: ServerResponse;
  private keepAlive: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(res: ServerResponse, extraHeaders: Record<string, string> = {}, keepAliveMs = 15_000) {
    this.res = res;
    res.writeHead(200, { ...SSE_HEADERS, ...extraHeaders });
    res.flushHeaders();
    // A comment line every so often keeps proxies and idle timeouts from cutting the stream.
    this.keepAlive = setInterval(() => this.write(': keep-alive\n\n'), keepAliveMs);
    this.keepAlive.unref();
    res.on('close', () => this.cleanup());
  }

  get isOpen(): boolean {
    return !this.closed && !this.res.destroyed && !this.res.writableEnded;
  }

  send(event: SseEvent): void {
    let out = '';
    if (event.id !== undefined) out += `id: ${event.id}\n`;
    if (event.event) out += `event: ${event.event}\n`;
    if (event.retry !== undefined) out += `retry: ${event.retry}\n`;
    for (const line of event.data.split('\n')) out += `data: ${line}\n`;
    this.write(`${out}\n`);
  }

  end(): void {
    if (this.closed) return;
    this.cleanup();
    this.res.end();
  }

  onClose(listener: () => void): void {
    this.res.on('close', listener);
  }

  private write(chunk: string): void {
    if (this.isOpen) this.res.write(chunk);
  }

  private cleanup(): void {
    this.closed = true;
    clearInterval(this.keepAlive);
  }
}
