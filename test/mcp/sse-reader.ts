// An event stream read with fetch, as the seed's curl -N reads one: events are collected as they
// arrive, and a test waits for the one it expects.
export const WAIT_MS = 5_000;

export interface SseEvent {
  event: string;
  data: string;
}

/** An open event stream read with fetch; events are collected as they arrive. */
export class SseReader {
  readonly events: SseEvent[] = [];
  private taken = new Set<SseEvent>();
  private wake: (() => void) | undefined;
  ended = false;
  readonly res: Response;
  private readonly abort: AbortController;

  constructor(res: Response, abort: AbortController) {
    this.res = res;
    this.abort = abort;
    void this.pump();
  }

  private async pump() {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of this.res.body as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: SseEvent = { event: 'message', data: '' };
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').replace(/^ /, '');
            if (field === 'event') event.event = value;
            if (field === 'data') data.push(value);
          }
          event.data = data.join('\n');
          this.events.push(event);
          this.wake?.();
        }
      }
    } catch {
      /* aborted */
    }
    this.ended = true;
    this.wake?.();
  }

  /** The first not yet taken event that matches, waiting for it up to WAIT_MS. */
  async next(match: (e: SseEvent) => boolean = () => true): Promise<SseEvent> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const found = this.events.find((e) => !this.taken.has(e) && match(e));
      if (found) {
        this.taken.add(found);
        return found;
      }
      if (this.ended) throw new Error(`stream ended; events: ${JSON.stringify(this.events)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching event within ${WAIT_MS} ms; events: ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** The JSON-RPC message with this id. */
  async response(id: number): Promise<any> {
    const e = await this.next((e) => e.event === 'message' && JSON.parse(e.data).id === id);
    return JSON.parse(e.data);
  }

  close() {
    this.abort.abort();
  }
}

export async function openStream(base: string, path: string, headers: Record<string, string>): Promise<SseReader> {
  const abort = new AbortController();
  const res = await fetch(new URL(path, base), { headers, signal: abort.signal });
  return new SseReader(res, abort);
}
