// The worker thread that reads captured documents (see document-parser.ts).
import { parseDocument } from './rewrite/document.ts';
import { serveTasks } from './worker-pool.ts';

serveTasks(parseDocument);
