// The worker thread that reads captured documents and renders them (see document-parser.ts). It is given
// bytes and returns bytes and plain data: it has no network or database access of its own.
import fs from 'node:fs';
import os from 'node:os';
import type { Transferable } from 'node:worker_threads';
import { parseDocument, renderDocument, type DocumentTask, type ParsedDocument, type RenderedDocument } from './rewrite/document.ts';
import { serveTasks } from './worker-pool.ts';

/** How much this thread yields the CPU to the server's event loop (a nice value, 0 … 19). */
const NICENESS = 10;

// On Linux a thread has a priority of its own: a parse keeps the cores busy for seconds, and requests
// must not wait behind it. Elsewhere (no /proc/thread-self) the thread runs at the process's priority.
try {
  const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').at(-1));
  if (Number.isInteger(tid) && tid > 0) os.setPriority(tid, Math.max(os.getPriority(tid), NICENESS));
} catch {
  // not Linux, or not allowed: the default priority
}

serveTasks(
  (task: DocumentTask): ParsedDocument | RenderedDocument => (task.type === 'parse' ? parseDocument(task.source) : renderDocument(task.request)),
  (result): Transferable[] => [('template' in result ? result.template : result.bytes).buffer as ArrayBuffer],
);
