// MongoDB wire protocol framing: OP_QUERY (legacy handshake) → OP_REPLY, OP_MSG ↔ OP_MSG.
// https://www.mongodb.com/docs/manual/reference/mongodb-wire-protocol/
import { calculateObjectSize, deserialize, serializeWithBufferAndIndex } from 'bson';
import { withScratchReads } from './blobs.ts';
import type { Doc } from './values.ts';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;

const CHECKSUM_PRESENT = 1;
const MORE_TO_COME = 2;
const KNOWN_FLAGS = CHECKSUM_PRESENT | MORE_TO_COME | (1 << 16);

export interface Request {
  requestId: number;
  opCode: number;
  /** The command document, with kind-1 document sequences attached under their identifiers. */
  command: Doc;
  /** OP_MSG moreToCome: the client expects no reply. */
  moreToCome: boolean;
}

export class ProtocolError extends Error {}

const deserializeOptions = { promoteValues: false } as const;

/** Decodes one complete message; anything malformed is a ProtocolError (the connection is dropped). */
export function parseMessage(msg: Buffer): Request {
  const requestId = msg.readInt32LE(4);
  const opCode = msg.readInt32LE(12);
  try {
    if (opCode === OP_MSG) return parseOpMsg(msg, requestId);
    if (opCode === OP_QUERY) return parseOpQuery(msg, requestId);
  } catch (e) {
    if (e instanceof ProtocolError) throw e;
    throw new ProtocolError(`Malformed message: ${(e as Error).message}`);
  }
  throw new ProtocolError(`Unsupported wire opcode ${opCode}`);
}

function parseOpMsg(msg: Buffer, requestId: number): Request {
  const flags = msg.readUInt32LE(16);
  // Unknown required bits (0-15) must make the server reject the message.
  if (flags & 0xffff & ~KNOWN_FLAGS) throw new ProtocolError(`Unsupported OP_MSG flag bits ${flags}`);
  let end = msg.length;
  if (flags & CHECKSUM_PRESENT) {
    end -= 4;
    if (crc32c(msg.subarray(0, end)) !== msg.readUInt32LE(end)) throw new ProtocolError('OP_MSG checksum mismatch');
  }
  let offset = 20;
  let command: Doc | undefined;
  const sequences: [string, Doc[]][] = [];
  while (offset < end) {
    const kind = msg[offset++];
    if (kind === 0) {
      const size = msg.readInt32LE(offset);
      command = deserialize(msg.subarray(offset, offset + size), deserializeOptions);
      offset += size;
    } else if (kind === 1) {
      const size = msg.readInt32LE(offset);
      const sectionEnd = offset + size;
      let p = offset + 4;
      const nul = msg.indexOf(0, p);
      const identifier = msg.toString('utf8', p, nul);
      p = nul + 1;
      const docs: Doc[] = [];
      while (p < sectionEnd) {
        const docSize = msg.readInt32LE(p);
        docs.push(deserialize(msg.subarray(p, p + docSize), deserializeOptions));
        p += docSize;
      }
      sequences.push([identifier, docs]);
      offset = sectionEnd;
    } else {
      throw new ProtocolError(`Unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!command) throw new ProtocolError('OP_MSG without a body section');
  for (const [identifier, docs] of sequences) command[identifier] = docs;
  return { requestId, opCode: OP_MSG, command, moreToCome: (flags & MORE_TO_COME) !== 0 };
}

function parseOpQuery(msg: Buffer, requestId: number): Request {
  let offset = 20; // header + flags
  const nul = msg.indexOf(0, offset);
  const collection = msg.toString('utf8', offset, nul);
  offset = nul + 1 + 8; // numberToSkip, numberToReturn
  const size = msg.readInt32LE(offset);
  let query = deserialize(msg.subarray(offset, offset + size), deserializeOptions);
  if (query.$query) query = query.$query;
  if (!collection.endsWith('.$cmd')) throw new ProtocolError('OP_QUERY is only supported for commands');
  const command: Doc = { ...query, $db: collection.slice(0, -'.$cmd'.length) };
  return { requestId, opCode: OP_QUERY, command, moreToCome: false };
}

let nextResponseId = 1;

/** `allocate(size)` gives the message's buffer, exactly `size` bytes long. */
export function encodeReply(request: Request, reply: Doc, allocate: (size: number) => Buffer = Buffer.allocUnsafe): Buffer {
  // Serialized straight into the framed message: blobs are read once, copied once.
  const head = request.opCode === OP_QUERY ? 36 : 21;
  const out = allocate(head + calculateObjectSize(reply));
  const end = withScratchReads(() => serializeWithBufferAndIndex(reply, out, { index: head }));
  if (end !== out.length - 1) throw new Error(`reply serialized to ${end + 1 - head} bytes, sized ${out.length - head}`);
  if (request.opCode === OP_QUERY) {
    writeHeader(out, request.requestId, OP_REPLY);
    out.writeInt32LE(0, 16); // responseFlags
    out.writeBigInt64LE(0n, 20); // cursorID
    out.writeInt32LE(0, 28); // startingFrom
    out.writeInt32LE(1, 32); // numberReturned
    return out;
  }
  writeHeader(out, request.requestId, OP_MSG);
  out.writeUInt32LE(0, 16);
  out[20] = 0;
  return out;
}

function writeHeader(out: Buffer, responseTo: number, opCode: number): void {
  out.writeInt32LE(out.length, 0);
  out.writeInt32LE(nextResponseId++ & 0x7fffffff, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(opCode, 12);
}

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32C (Castagnoli), the OP_MSG checksum. */
export function crc32c(buf: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < buf.length; i++) crc = CRC32C_TABLE[(crc ^ buf[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
