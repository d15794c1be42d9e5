// Requests a server must reject, with the codes a real standalone mongod uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection, Document } from 'mongodb';
import { expectCode, openTestDb, rejectionOf, type TestDb } from './harness.ts';

let t: TestDb;
let c: Collection<any>;
let standalone = true;

beforeAll(async () => {
  t = await openTestDb();
  c = t.db.collection<any>('rej');
  await c.insertMany([
    { _id: 1, a: 1 },
    { _id: 2, a: 2 },
  ]);
  const hello = await t.db.admin().command({ hello: 1 });
  // Transactions are only rejected by standalone servers (no replica set, not mongos).
  standalone = !hello.setName && hello.msg !== 'isdbgrid';
});
afterAll(async () => {
  await t?.close();
});

describe('unknown commands and operators', () => {
  it('an unknown command fails with CommandNotFound (59)', async () => {
    const err = await expectCode(t.db.command({ fooBar: 1 }), 59);
    expect(err.codeName).toBe('CommandNotFound');
  });

  it('an unknown query operator fails with BadValue (2)', async () => {
    await expectCode(c.find({ a: { $foo: 1 } } as Document).toArray(), 2);
    await expectCode(c.countDocuments({ a: { $foo: 1 } } as Document), 2);
  });

  it('an unknown top-level query operator fails with BadValue (2)', async () => {
    await expectCode(c.find({ $foo: [{ a: 1 }] } as Document).toArray(), 2);
  });

  it('an unknown update operator fails with FailedToParse (9) and changes nothing', async () => {
    await expectCode(c.updateMany({}, { $foo: { a: 5 } } as any), 9);
    expect((await c.find().sort({ _id: 1 }).toArray()).map((d) => d.a)).toEqual([1, 2]);
  });

  it('an unknown aggregation stage fails with code 40324', async () => {
    await expectCode(c.aggregate([{ $match: {} }, { $fooStage: {} }]).toArray(), 40324);
  });

  it('an unknown expression operator in a pipeline fails with InvalidPipelineOperator (168)', async () => {
    await expectCode(c.aggregate([{ $project: { x: { $fooOp: ['$a'] } } }]).toArray(), 168);
  });
});

describe('transactions on a standalone server', () => {
  // A standalone mongod rejects any command carrying a txnNumber with IllegalOperation (20),
  // "Transaction numbers are only allowed on a replica set member or mongos". For write
  // operations the driver re-wraps code 20 in a MongoServerError ("This MongoDB deployment does
  // not support retryable writes ...") and keeps the server's error as `originalError`.
  function expectIllegalTxn(err: any) {
    const original = err?.originalError ?? err;
    expect({ code: original?.code, message: String(original?.message) }).toMatchObject({
      code: 20,
      message: expect.stringMatching(/Transaction numbers are only allowed on a replica set member or mongos/),
    });
  }

  it('startTransaction + insert is rejected with IllegalOperation (20)', async (ctx) => {
    if (!standalone) ctx.skip();
    const session = t.client.startSession();
    try {
      session.startTransaction();
      expectIllegalTxn(await rejectionOf(c.insertOne({ _id: 'txn' }, { session })));
      await session.abortTransaction().catch(() => undefined);
    } finally {
      await session.endSession();
    }
    expect(await c.findOne({ _id: 'txn' })).toBeNull();
  });

  it('startTransaction + find is rejected with IllegalOperation (20)', async (ctx) => {
    if (!standalone) ctx.skip();
    const session = t.client.startSession();
    try {
      session.startTransaction();
      await expectCode(c.find({}, { session }).toArray(), 20);
      await session.abortTransaction().catch(() => undefined);
    } finally {
      await session.endSession();
    }
  });

  it('withTransaction is rejected with IllegalOperation (20)', async (ctx) => {
    if (!standalone) ctx.skip();
    const session = t.client.startSession();
    try {
      const err = await rejectionOf(
        session.withTransaction(async () => {
          await c.insertOne({ _id: 'wtxn' }, { session });
        }),
      );
      expectIllegalTxn(err);
    } finally {
      await session.endSession();
    }
    expect(await c.findOne({ _id: 'wtxn' })).toBeNull();
  });

  it('an explicit session without a transaction works normally', async () => {
    const session = t.client.startSession();
    try {
      await c.insertOne({ _id: 'sess', a: 3 }, { session });
      expect(await c.findOne({ _id: 'sess' }, { session })).toEqual({ _id: 'sess', a: 3 });
    } finally {
      await session.endSession();
    }
  });
});
