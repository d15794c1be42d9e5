// Cursors across getMore: batching, full iteration in order, killCursors, limits and
// single-batch finds, and CursorNotFound for a dead cursor id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Long, type Collection, type Document } from 'mongodb';
import { expectCode, openTestDb, recordCommands, type CommandLog, type TestDb } from './harness.ts';

const N = 1000;
let t: TestDb;
let log: CommandLog;
let c: Collection<any>;

beforeAll(async () => {
  t = await openTestDb({ monitorCommands: true });
  log = recordCommands(t.client);
  c = t.db.collection<any>('cur');
  // Insert in a shuffled order so that `_id` order has to come from the sort.
  const order = Array.from({ length: N }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  await c.insertMany(order.map((i) => ({ _id: i, v: `value-${i}`, pad: 'x'.repeat(100) })));
});
afterAll(async () => {
  await t?.close();
});

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function getMoresFor(collection: string): CommandLog['started'] {
  return log.started.filter((e) => e.commandName === 'getMore' && (e.command as Document).collection === collection);
}

describe('getMore', () => {
  it('iterates 1000 documents with batchSize 100 in _id order', async () => {
    log.clear();
    const seen: number[] = [];
    for await (const doc of c.find({}, { batchSize: 100 }).sort({ _id: 1 })) {
      expect(doc.v).toBe(`value-${doc._id}`);
      seen.push(doc._id);
    }
    expect(seen).toEqual(range(N));

    const find = log.succeeded.find((e) => e.commandName === 'find');
    expect(find).toBeDefined();
    expect((find!.reply as Document).cursor.firstBatch).toHaveLength(100);
    const getMores = log.succeeded.filter((e) => e.commandName === 'getMore');
    expect(getMores.length).toBeGreaterThanOrEqual(9);
    const sizes = getMores.map((e) => (e.reply as Document).cursor.nextBatch.length as number);
    for (const s of sizes) expect(s).toBeLessThanOrEqual(100);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(N - 100);
    expect(log.failed).toEqual([]);
  });

  it('toArray over a descending sort with a small batch size returns everything', async () => {
    const docs = await c
      .find({ _id: { $gte: 500 } }, { batchSize: 7, projection: { _id: 1 } })
      .sort({ _id: -1 })
      .toArray();
    expect(docs.map((d) => d._id)).toEqual(range(500).map((i) => 999 - i));
  });

  it('aggregate cursors also continue with getMore', async () => {
    log.clear();
    const docs = await c.aggregate([{ $match: { _id: { $lt: 250 } } }, { $sort: { _id: 1 } }], { batchSize: 40 }).toArray();
    expect(docs.map((d) => d._id)).toEqual(range(250));
    expect(log.names().filter((n) => n === 'getMore').length).toBeGreaterThanOrEqual(6);
  });

  it('getMore after the cursor is exhausted is never needed once the server reports cursor id 0', async () => {
    const cursor = c.find({ _id: { $lt: 3 } }).sort({ _id: 1 });
    expect((await cursor.toArray()).map((d) => d._id)).toEqual([0, 1, 2]);
    expect(cursor.id?.isZero()).toBe(true);
  });
});

describe('closing and killed cursors', () => {
  it('cursor.close() sends killCursors and the id is no longer usable (CursorNotFound, 43)', async () => {
    log.clear();
    const cursor = c.find({}, { batchSize: 10 }).sort({ _id: 1 });
    const first = await cursor.next();
    expect(first?._id).toBe(0);
    const id = cursor.id;
    expect(id).toBeDefined();
    expect(id!.isZero()).toBe(false);
    await cursor.close();
    const kill = log.started.find((e) => e.commandName === 'killCursors');
    expect(kill).toBeDefined();
    expect((kill!.command as Document).cursors.map(String)).toEqual([id!.toString()]);
    expect(log.failed.filter((e) => e.commandName === 'killCursors')).toEqual([]);

    await expectCode(t.db.command({ getMore: id!, collection: 'cur' }), 43);
  });

  it('killCursors command reports the killed id', async () => {
    const cursor = c.find({}, { batchSize: 5 });
    await cursor.next();
    const id = cursor.id!;
    const res = await t.db.command({ killCursors: 'cur', cursors: [id] });
    expect(res.ok).toBe(1);
    expect(res.cursorsKilled.map(String)).toEqual([id.toString()]);
    expect(res.cursorsNotFound).toEqual([]);
    await expectCode(t.db.command({ getMore: id, collection: 'cur' }), 43);
    await cursor.close().catch(() => undefined);
  });

  it('getMore on an id that never existed fails with CursorNotFound (43)', async () => {
    await expectCode(t.db.command({ getMore: Long.fromString('1234567890123'), collection: 'cur' }), 43);
  });
});

describe('limits', () => {
  it('a limit smaller than the batch size returns only the limit and needs no getMore', async () => {
    log.clear();
    const cursor = c.find({}).sort({ _id: 1 }).limit(5).batchSize(100);
    const docs = await cursor.toArray();
    expect(docs.map((d) => d._id)).toEqual([0, 1, 2, 3, 4]);
    expect(getMoresFor('cur')).toHaveLength(0);
    const find = log.succeeded.find((e) => e.commandName === 'find');
    expect(String((find!.reply as Document).cursor.id)).toBe('0');
  });

  it('a limit larger than the batch size is honoured across getMores', async () => {
    log.clear();
    const docs = await c.find({}).sort({ _id: 1 }).limit(25).batchSize(10).toArray();
    expect(docs.map((d) => d._id)).toEqual(range(25));
    expect(getMoresFor('cur').length).toBeGreaterThanOrEqual(2);
  });

  it('a negative limit asks for a single batch (singleBatch) and closes the cursor', async () => {
    log.clear();
    const docs = await c.find({}).sort({ _id: 1 }).limit(-5).toArray();
    expect(docs.map((d) => d._id)).toEqual([0, 1, 2, 3, 4]);
    const find = log.started.find((e) => e.commandName === 'find');
    expect((find!.command as Document).singleBatch).toBe(true);
    const reply = log.succeeded.find((e) => e.commandName === 'find')!.reply as Document;
    expect(String(reply.cursor.id)).toBe('0');
    expect(getMoresFor('cur')).toHaveLength(0);
  });

  it('singleBatch with a batch size returns just the first batch', async () => {
    log.clear();
    const docs = await c.find({}, { singleBatch: true, batchSize: 3 }).sort({ _id: 1 }).toArray();
    expect(docs.map((d) => d._id)).toEqual([0, 1, 2]);
    expect(getMoresFor('cur')).toHaveLength(0);
  });

  it('an empty result returns an exhausted cursor', async () => {
    log.clear();
    const cursor = c.find({ _id: -1 });
    expect(await cursor.toArray()).toEqual([]);
    const reply = log.succeeded.find((e) => e.commandName === 'find')!.reply as Document;
    expect(reply.cursor.firstBatch).toEqual([]);
    expect(String(reply.cursor.id)).toBe('0');
  });

  it('skip combined with batching returns the right window', async () => {
    const docs = await c.find({}, { batchSize: 30 }).sort({ _id: 1 }).skip(950).toArray();
    expect(docs.map((d) => d._id)).toEqual(range(50).map((i) => 950 + i));
  });
});
