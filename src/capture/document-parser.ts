// Captured documents and stylesheets are read, and later rendered with their local paths, in worker threads,
// each step with a time limit: a page that is slow to parse or large to write holds neither the server's
// event loop nor a shutdown, and fails with a reason. Bytes cross by transfer (a body the capture may still
// store is copied once first); the template comes back as bytes the event loop never looks into.
import os from 'node:os';
import type { DocumentSource, DocumentTask, ParsedDocument, RenderedDocument } from './rewrite/document.ts';
import { ownBytes, TaskFailed, WorkerPool } from './worker-pool.ts';

/** Why a document could not be read: too-deep, parse-timeout, cancelled, stopped or error; the message in plain words. */
export class ParseFailed extends Error {
  readonly reason: string;

  constructor(reason: string, message: string) {
    super(message);
    this.name = 'ParseFailed';
    this.reason = reason;
  }
}

export class DocumentParser {
  readonly #pool: WorkerPool<DocumentTask, ParsedDocument | RenderedDocument>;
  readonly #timeoutMs: number;

  /** Up to `workers` threads (default: 2, or 1 on a single-core machine), started as documents come. */
  constructor(timeoutMs: number, workers = Math.min(2, os.availableParallelism())) {
    this.#timeoutMs = timeoutMs;
    this.#pool = new WorkerPool(new URL('./parse-worker.ts', import.meta.url), workers);
  }

  /**
   * The document's references and its template. `source.body` stays the caller's (a copy goes to the
   * worker) unless `handOver`: then it moves there when it can (unusable here afterwards).
   */
  parse(source: DocumentSource, signal?: AbortSignal, handOver = false): Promise<ParsedDocument> {
    const body = handOver ? ownBytes(source.body) : new Uint8Array(source.body);
    return this.#run({ type: 'parse', source: { ...source, body } }, [body.buffer], signal) as Promise<ParsedDocument>;
  }

  /**
   * The document with the references in `paths` made local; `template` is handed over (unusable afterwards),
   * `sprites` (see RenderRequest) copied.
   */
  render(template: Uint8Array, paths: Record<string, string>, signal?: AbortSignal, sprites?: Record<string, Uint8Array>): Promise<RenderedDocument> {
    const own = ownBytes(template);
    return this.#run({ type: 'render', request: { template: own, paths, ...(sprites && { sprites }) } }, [own.buffer], signal) as Promise<RenderedDocument>;
  }

  /** Stops every parse (they fail with reason "stopped") and the worker threads. */
  close(): Promise<void> {
    return this.#pool.close();
  }

  async #run(task: DocumentTask, transfer: ArrayBufferLike[], signal: AbortSignal | undefined): Promise<ParsedDocument | RenderedDocument> {
    try {
      return await this.#pool.run(task, { timeoutMs: this.#timeoutMs, signal, transfer: transfer as ArrayBuffer[] });
    } catch (e) {
      if (!(e instanceof TaskFailed)) throw e;
      throw new ParseFailed(...failure(e, this.#timeoutMs));
    }
  }
}

function failure(e: TaskFailed, timeoutMs: number): [reason: string, message: string] {
  switch (e.reason) {
    case 'too-deep':
    case 'cancelled':
    case 'stopped':
      return [e.reason, e.message];
    case 'timeout':
      return ['parse-timeout', `reading it took longer than ${timeoutMs} ms (CAPTURE_PARSE_TIMEOUT_MS), so Outpost gave up on it.`];
    default:
      return ['error', `Outpost could not read it (${e.message}).`];
  }
}
