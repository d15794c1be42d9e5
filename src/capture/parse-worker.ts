// The worker thread that reads captured documents and renders them (see document-parser.ts). It is given
// bytes and returns bytes and plain data: it has no network or database access of its own.
import type { Transferable } from 'node:worker_threads';
import { parseDocument, renderDocument, type DocumentTask, type ParsedDocument, type RenderedDocument } from './rewrite/document.ts';
import { serveTasks } from './worker-pool.ts';

serveTasks(
  (task: DocumentTask): ParsedDocument | RenderedDocument => (task.type === 'parse' ? parseDocument(task.source) : renderDocument(task.request)),
  (result): Transferable[] => [('template' in result ? result.template : result.bytes).buffer as ArrayBuffer],
);
