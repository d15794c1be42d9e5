// Binary values decoded from a wire message are views of the message's buffer (bson does not copy them). Before a
// reused buffer takes the next message, every such value that may still be held gets a copy of its own.
import type { Binary, Code } from 'bson';
import { BlobRef } from './blobs.ts';
import type { Flushed } from './store.ts';
import { isPlainDocument, type Doc } from './values.ts';

/**
 * Copies out the bytes of each Binary viewing `message` in `command` (as decoded from it) or in the documents the
 * command stored, in place, so whatever holds them keeps its bytes. Those moved to blob segments are held only as
 * BlobRefs by then, and skipped (unless a stored document still holds one where it was not moved, such as an
 * indexed field).
 */
export function detachFromMessage(message: Buffer, command: Doc, flushed: Flushed): void {
  for (const binary of binariesViewing(message, command)) if (!flushed.spilled.has(binary)) detach(binary);
  for (const binary of binariesViewing(message, flushed.stored)) detach(binary);
}

function detach(binary: Binary): void {
  binary.buffer = Buffer.from(binary.buffer.subarray(0, binary.position));
}

function binariesViewing(message: Buffer, value: unknown, out: Binary[] = []): Binary[] {
  if (value === null || typeof value !== 'object') return out;
  const type = (value as Binary | Code)._bsontype;
  if (type === 'Binary') {
    // A BlobRef's bytes are on disk (reading `buffer` would read them).
    if (!(value instanceof BlobRef) && (value as Binary).buffer.buffer === message.buffer) out.push(value as Binary);
  } else if (type === 'Code') {
    binariesViewing(message, (value as Code).scope, out);
  } else if (Array.isArray(value)) {
    for (const item of value) binariesViewing(message, item, out);
  } else if (isPlainDocument(value)) {
    for (const key of Object.keys(value)) binariesViewing(message, value[key], out);
  }
  return out;
}
