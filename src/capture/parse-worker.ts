// The worker thread that reads captured documents and renders them (see document-parser.ts). It is given
// bytes and returns bytes and plain data: it has no network or database access of its own.
import type { Transferable } from 'node:worker_threads';
import { parseDocument, renderDocument, type DocumentTask, type ParsedDocument, type RenderedDocument } from './rewrite/document.ts';
import { lowerThisThread, lowerV8PoolThreads } from './thread-priority.ts';
import { serveTasks } from './worker-pool.ts';

/** How much this thread yields the CPU to the server's event loop (a nice value, 0 … 19). */
const NICENESS = 10;

// A parse keeps a core busy for seconds, and requests must not wait behind it, nor behind the collection
// of the garbage it makes, which V8's own threads do.
lowerThisThread(NICENESS);
lowerV8PoolThreads(NICENESS);

serveTasks(
  (task: DocumentTask): ParsedDocument | RenderedDocument => (task.type === 'parse' ? parseDocument(task.source) : renderDocument(task.request)),
  (result): Transferable[] => [('template' in result ? result.template : result.bytes).buffer as ArrayBuffer],
);
