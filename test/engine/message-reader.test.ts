// How the engine cuts a connection's bytes into messages (large ones read into pooled buffers that are used again),
// and that values decoded from a reused buffer keep their bytes once the next messages have arrived in it.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { Binary, Code } from 'bson';
import { MongoClient } from 'mongodb';
import { startEngine, type RunningEngine } from '../../src/engine/index.ts';
import { MessageBuffers, MessageReader } from '../../src/engine/message-reader.ts';
import { ProtocolError } from '../../src/engine/wire.ts';
import { makeTempDir, realServer, removeDir } from './harness.ts';

/** A message of `length` bytes: its length, then bytes that name it. */
function message(length: number, seed: number): Buffer {
  const m = Buffer.alloc(length, seed & 0xff);
  m.writeInt32LE(length, 0);
  m.writeInt32LE(seed, 4);
  return m;
}

/** Feeds `bytes` to `reader` as a socket would, each read at most `step` bytes (cycling) into the buffer it gives. */
function feed(reader: MessageReader, bytes: Buffer, steps: number[]): void {
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const into = reader.nextBuffer();
    const n = Math.min(steps[i % steps.length], into.length, bytes.length - at);
    bytes.copy(into, 0, at, at + n);
    at += n;
    reader.received(n, into);
  }
}

describe('MessageReader', () => {
  it('delivers each message whole and in order however the reads split them, large ones in reused buffers', () => {
    const sent = [message(20, 1), message(300_000, 2), message(17, 3), message(70_000, 4), message(300_000, 5), message(100, 6)];
    const received: Array<{ bytes: Buffer; reused: boolean }> = [];
    const reader = new MessageReader({
      maxBytes: 1_000_000,
      pool: new MessageBuffers(),
      onMessage: (m, reused) => received.push({ bytes: Buffer.from(m), reused }),
    });
    // Reads of 3 bytes split a length; 70,000 straddles the reused buffer and a message's own.
    feed(reader, Buffer.concat(sent), [3, 70_000, 5, 65_536, 1, 200_000]);
    expect(received.map((r, i) => r.bytes.equals(sent[i]))).toEqual(sent.map(() => true));
    expect(received.map((r) => r.reused)).toEqual([false, true, false, true, true, false]);
  });

  it('refuses a length below a header or above the limit', () => {
    const reader = new MessageReader({ maxBytes: 1000, pool: new MessageBuffers(), onMessage: () => {} });
    expect(() => feed(reader, message(2000, 1), [4096])).toThrow(ProtocolError);
    const small = new MessageReader({ maxBytes: 1000, pool: new MessageBuffers(), onMessage: () => {} });
    expect(() => feed(small, Buffer.from([8, 0, 0, 0, 0, 0, 0, 0]), [8])).toThrow(ProtocolError);
  });

  it('a large message taken from the pool reuses the buffer the previous one gave back', () => {
    const seen: ArrayBufferLike[] = [];
    const reader = new MessageReader({ maxBytes: 1_000_000, pool: new MessageBuffers(), onMessage: (m) => seen.push(m.buffer) });
    feed(reader, Buffer.concat([message(200_000, 1), message(199_000, 2)]), [65_536]);
    expect(seen[1]).toBe(seen[0]);
  });
});

interface ProbeDoc {
  _id: number;
  small?: Binary;
  key?: Binary;
  large?: Binary;
  later?: Binary;
  list?: Binary[];
  filler?: Binary;
  code?: Code;
}

describe.skipIf(realServer)('values decoded from a reused message buffer', () => {
  const engines: RunningEngine[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const e of engines) await e.close();
    for (const d of dirs) removeDir(d);
  });

  async function connect(options: Parameters<typeof startEngine>[0]) {
    const engine = await startEngine(options);
    engines.push(engine);
    const client = new MongoClient(engine.uri, { maxPoolSize: 1 });
    await client.connect();
    return client;
  }

  for (const kind of ['in memory', 'with a data directory'] as const) {
    it(`keep their bytes after later large messages (${kind}): small values, large unspilled ones, indexed ones`, async () => {
      const dir = kind === 'in memory' ? undefined : makeTempDir('message-reader');
      if (dir) dirs.push(dir);
      const client = await connect(dir ? { dataDir: dir } : { inMemory: true });
      try {
        const coll = client.db('t').collection<ProbeDoc>('docs');
        await coll.createIndex({ key: 1 });
        const small = randomBytes(100);
        const key = randomBytes(20_000); // indexed: stays in memory, even with a data directory
        const large = randomBytes(200_000); // moved to a segment with a data directory, in memory otherwise
        // One message of over 64 KiB, so it is read into a pooled buffer.
        await coll.insertOne({ _id: 1, small: new Binary(small), key: new Binary(key), large: new Binary(large) });
        await coll.updateOne({ _id: 1 }, { $set: { later: new Binary(small) }, $push: { list: new Binary(large) } });
        // Later large messages over the same connection fill the same buffers.
        for (let i = 2; i < 6; i++) await coll.insertOne({ _id: i, filler: new Binary(Buffer.alloc(250_000, i)) });
        const doc = (await coll.findOne({ _id: 1 }))!;
        const same = (value: unknown, bytes: Buffer) => Buffer.from((value as Binary).buffer).equals(bytes);
        expect([same(doc.small, small), same(doc.key, key), same(doc.large, large), same(doc.later, small), same((doc.list as Binary[])[0], large)]).toEqual([
          true,
          true,
          true,
          true,
          true,
        ]);
        expect(await coll.countDocuments({ key: new Binary(key) })).toBe(1);
      } finally {
        await client.close();
      }
    });

    it(`keep their bytes inside a JavaScript code value's scope (${kind})`, async () => {
      const dir = kind === 'in memory' ? undefined : makeTempDir('message-reader');
      if (dir) dirs.push(dir);
      const client = await connect(dir ? { dataDir: dir } : { inMemory: true });
      try {
        const coll = client.db('t').collection<ProbeDoc>('docs');
        const scoped = randomBytes(100);
        await coll.insertOne({ _id: 1, code: new Code('function () {}', { scoped: new Binary(scoped) }), filler: new Binary(Buffer.alloc(100_000, 1)) });
        for (let i = 2; i < 4; i++) await coll.insertOne({ _id: i, filler: new Binary(Buffer.alloc(100_000, i)) });
        const doc = (await coll.findOne({ _id: 1 }))!;
        expect(Buffer.from((doc.code!.scope!.scoped as Binary).buffer).equals(scoped)).toBe(true);
      } finally {
        await client.close();
      }
    });
  }
});
