// Captured documents and stylesheets are read in worker threads, each with a time limit: a page that is
// slow to parse holds neither the server's event loop nor a shutdown, and fails with a reason.
import os from 'node:os';
import type { DocumentSource, ParsedDocument } from './rewrite/document.ts';
import { TaskFailed, WorkerPool } from './worker-pool.ts';

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
  readonly #pool: WorkerPool<DocumentSource, ParsedDocument>;
  readonly #timeoutMs: number;

  /** Up to `workers` threads (default: 2, or 1 on a single-core machine), started as documents come. */
  constructor(timeoutMs: number, workers = Math.min(2, os.availableParallelism())) {
    this.#timeoutMs = timeoutMs;
    this.#pool = new WorkerPool(new URL('./parse-worker.ts', import.meta.url), workers);
  }

  async parse(source: DocumentSource, signal?: AbortSignal): Promise<ParsedDocument> {
    try {
      return await this.#pool.run(source, { timeoutMs: this.#timeoutMs, signal });
    } catch (e) {
      if (!(e instanceof TaskFailed)) throw e;
      throw new ParseFailed(...failure(e, this.#timeoutMs));
    }
  }

  /** Stops every parse (they fail with reason "stopped") and the worker threads. */
  close(): Promise<void> {
    return this.#pool.close();
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
