// Raw wire-protocol checks the driver never exercises: checksums, moreToCome, malformed frames.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deserialize, serialize } from 'bson';
import { startEngine, type RunningEngine } from '../../src/engine/index.ts';
import { crc32c } from '../../src/engine/wire.ts';

let engine: RunningEngine;
beforeAll(async () => {
  engine = await startEngine({ inMemory: true });
});
afterAll(() => engine.close());

function header(length: number, requestId: number, opCode: number): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(requestId, 4);
  h.writeInt32LE(0, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

function opMsg(
  body: object,
  {
    flags = 0,
    checksum = false,
    requestId = 1,
    sequence,
  }: {
    flags?: number;
    checksum?: boolean;
    requestId?: number;
    sequence?: [string, object[]];
  } = {},
): Buffer {
  const sections: Buffer[] = [Buffer.from([0]), Buffer.from(serialize(body))];
  if (sequence) {
    const docs = Buffer.concat(sequence[1].map((d) => Buffer.from(serialize(d))));
    const id = Buffer.from(`${sequence[0]}\0`);
    const size = Buffer.alloc(4);
    size.writeInt32LE(4 + id.length + docs.length);
    sections.push(Buffer.from([1]), size, id, docs);
  }
  const flagBuf = Buffer.alloc(4);
  flagBuf.writeUInt32LE(flags | (checksum ? 1 : 0));
  const payload = Buffer.concat([flagBuf, ...sections]);
  const length = 16 + payload.length + (checksum ? 4 : 0);
  const msg = Buffer.concat([header(length, requestId, 2013), payload]);
  if (!checksum) return msg;
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(crc32c(msg));
  return Buffer.concat([msg, crc]);
}

function opQuery(collection: string, query: object, requestId = 7): Buffer {
  const flags = Buffer.alloc(4);
  const name = Buffer.from(`${collection}\0`);
  const skipReturn = Buffer.alloc(8);
  skipReturn.writeInt32LE(-1, 4);
  const body = Buffer.from(serialize(query));
  const length = 16 + 4 + name.length + 8 + body.length;
  return Buffer.concat([header(length, requestId, 2004), flags, name, skipReturn, body]);
}

/** Sends raw bytes; resolves with the replies received before `count` replies or the socket closing. */
function exchange(bytes: Buffer[], count: number): Promise<{ replies: Buffer[]; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(engine.socketPath!);
    const replies: Buffer[] = [];
    let pending = Buffer.alloc(0);
    let closed = false;
    const finish = () => {
      socket.destroy();
      resolve({ replies, closed });
    };
    socket.on('data', (d) => {
      pending = Buffer.concat([pending, d]);
      while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
        const n = pending.readInt32LE(0);
        replies.push(pending.subarray(0, n));
        pending = pending.subarray(n);
      }
      if (replies.length >= count) finish();
    });
    socket.on('close', () => {
      closed = true;
      resolve({ replies, closed });
    });
    socket.on('error', reject);
    socket.on('connect', () => {
      for (const b of bytes) socket.write(b);
    });
    setTimeout(finish, 3000).unref();
  });
}

const msgBody = (reply: Buffer) => deserialize(reply.subarray(21));

describe('wire protocol', () => {
  it('answers a legacy OP_QUERY isMaster with an OP_REPLY describing a standalone server', async () => {
    const { replies } = await exchange([opQuery('admin.$cmd', { isMaster: 1, helloOk: true })], 1);
    const reply = replies[0];
    expect(reply.readInt32LE(12)).toBe(1); // OP_REPLY
    expect(reply.readInt32LE(8)).toBe(7); // responseTo
    expect(reply.readInt32LE(32)).toBe(1); // numberReturned
    const doc = deserialize(reply.subarray(36));
    expect(doc).toMatchObject({ ismaster: true, helloOk: true, maxWireVersion: 21, logicalSessionTimeoutMinutes: 30, ok: 1 });
    expect(doc.setName).toBeUndefined();
    expect(doc.topologyVersion).toBeUndefined();
  });

  it('accepts and verifies OP_MSG checksums, and replies in one kind-0 section', async () => {
    const { replies } = await exchange([opMsg({ ping: 1, $db: 'admin' }, { checksum: true, requestId: 42 })], 1);
    expect(replies[0].readInt32LE(12)).toBe(2013);
    expect(replies[0].readInt32LE(8)).toBe(42);
    expect(replies[0][20]).toBe(0);
    expect(msgBody(replies[0])).toEqual({ ok: 1 });
  });

  it('drops the connection on a checksum mismatch', async () => {
    const bad = opMsg({ ping: 1, $db: 'admin' }, { checksum: true });
    bad.writeUInt32LE((bad.readUInt32LE(bad.length - 4) + 1) >>> 0, bad.length - 4);
    const { replies, closed } = await exchange([bad], 1);
    expect(replies).toHaveLength(0);
    expect(closed).toBe(true);
  });

  it('reads kind-1 document sequences and sends no reply for moreToCome', async () => {
    const insert = opMsg({ insert: 'seq', $db: 'wire', ordered: true }, { flags: 2, sequence: ['documents', [{ _id: 1 }, { _id: 2 }]] });
    const count = opMsg({ count: 'seq', $db: 'wire' }, { requestId: 9 });
    const { replies } = await exchange([insert, count], 1);
    expect(replies).toHaveLength(1);
    expect(replies[0].readInt32LE(8)).toBe(9);
    expect(msgBody(replies[0])).toEqual({ n: 2, ok: 1 });
  });

  it('handles a message split into many small TCP writes and several messages in one write', async () => {
    const big = opMsg({ insert: 'split', $db: 'wire', documents: [{ _id: 'x', pad: 'y'.repeat(200_000) }] }, { requestId: 1 });
    const parts: Buffer[] = [];
    for (let i = 0; i < big.length; i += 1000) parts.push(big.subarray(i, i + 1000));
    const both = Buffer.concat([opMsg({ ping: 1, $db: 'admin' }, { requestId: 2 }), opMsg({ count: 'split', $db: 'wire' }, { requestId: 3 })]);
    const { replies } = await exchange([...parts, both], 3);
    expect(replies.map((r) => r.readInt32LE(8))).toEqual([1, 2, 3]);
    expect(msgBody(replies[2])).toEqual({ n: 1, ok: 1 });
  });

  it('closes the connection on an impossible length, an unknown opcode or malformed BSON', async () => {
    const tooLong = header(64 * 1024 * 1024, 1, 2013);
    expect((await exchange([tooLong], 1)).closed).toBe(true);
    const unknownOp = Buffer.concat([header(20, 1, 9999), Buffer.alloc(4)]);
    expect((await exchange([unknownOp], 1)).closed).toBe(true);
    const garbage = opMsg({ ping: 1, $db: 'admin' });
    garbage.writeInt32LE(0x7fff, 21); // BSON length no longer matches
    expect((await exchange([garbage], 1)).closed).toBe(true);
  });

  it('refuses unknown required OP_MSG flag bits', async () => {
    const { closed, replies } = await exchange([opMsg({ ping: 1, $db: 'admin' }, { flags: 4 })], 1);
    expect(replies).toHaveLength(0);
    expect(closed).toBe(true);
  });
});

describe('large replies to a reader slower than the engine', () => {
  it('arrive intact and in order while earlier ones are still queued on the socket (no buffer reused too soon)', async () => {
    const count = 24;
    const text = (i: number) => String.fromCharCode(65 + i).repeat(256 * 1024);
    const docs = Array.from({ length: count }, (_, i) => ({ _id: i, text: text(i) }));
    const inserted = await exchange([opMsg({ insert: 'slow', $db: 'wire' }, { sequence: ['documents', docs] })], 1);
    expect(msgBody(inserted.replies[0])).toMatchObject({ n: count, ok: 1 });

    // 6 MiB of replies against a socket buffer of a few hundred KiB: most stay queued in the engine while it
    // answers the next requests.
    const socket = net.connect(engine.socketPath!);
    socket.pause();
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(Buffer.concat(docs.map((_, i) => opMsg({ find: 'slow', filter: { _id: i }, $db: 'wire' }, { requestId: 100 + i }))));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const replies: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      let pending = Buffer.alloc(0);
      socket.on('error', reject);
      socket.on('data', (d: Buffer) => {
        pending = Buffer.concat([pending, d]);
        while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
          const n = pending.readInt32LE(0);
          replies.push(Buffer.from(pending.subarray(0, n)));
          pending = pending.subarray(n);
        }
        if (replies.length >= count) return resolve();
        // Read a chunk at a time, letting the engine's queue drain slowly.
        socket.pause();
        setImmediate(() => socket.resume());
      });
      socket.resume();
    });
    socket.destroy();
    expect(replies.map((r) => r.readInt32LE(8))).toEqual(docs.map((_, i) => 100 + i));
    replies.forEach((reply, i) => {
      const [doc] = (msgBody(reply) as { cursor: { firstBatch: { _id: number; text: string }[] } }).cursor.firstBatch;
      expect(doc._id).toBe(i);
      expect(doc.text === text(i), `reply ${i} holds its own document`).toBe(true);
    });
  });
});
