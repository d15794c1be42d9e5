// BSON type fidelity through the driver: round trips (promoted and with promoteValues: false),
// equality across numeric types, Binary equality in filters, and cross-type sort order.
import { beforeAll, describe, expect, it } from 'vitest';
import { Binary, BSONRegExp, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp, UUID, type Collection, type Document } from 'mongodb';
import { bsonTypeName, useTestDb } from './harness.ts';

const t = useTestDb();

const oid = new ObjectId('65f1c0ffee0123456789abcd');
const date = new Date('2024-02-29T12:34:56.789Z');
const binBytes = Buffer.from([0, 1, 2, 250, 255]);
const uuid = new UUID('0e9a6c1c-3f2b-4b8e-9c3e-6d1f2a4b5c6d');

function sample(): Document {
  return {
    _id: 'all-types',
    oid,
    date,
    bin: new Binary(binBytes, 0),
    uuid,
    uuidAsBinary: new Binary(uuid.buffer, 4),
    bigLong: Long.fromString('9007199254740993'),
    smallLong: Long.fromNumber(42),
    negLong: Long.fromString('-5'),
    int: new Int32(7),
    negInt: new Int32(-2147483648),
    dbl: new Double(1),
    frac: 2.5,
    negDbl: -0.5,
    dec: Decimal128.fromString('1234.5678901234567890'),
    str: 'héllo ✓ 𝄞',
    empty: '',
    nested: { a: { b: [1, { c: 'x' }] } },
    arr: [1, 'two', null, true, [3], { four: 4 }],
    emptyObj: {},
    emptyArr: [],
    nul: null,
    yes: true,
    no: false,
    re: new BSONRegExp('^ab+c', 'i'),
    ts: new Timestamp({ t: 1700000000, i: 5 }),
    min: new MinKey(),
    max: new MaxKey(),
  };
}

describe('round trip', () => {
  let c: Collection<any>;
  beforeAll(async () => {
    c = t.db.collection<any>('types');
    await c.insertOne(sample());
  });

  it('preserves every type with promoteValues: false', async () => {
    const d = (await c.findOne({ _id: 'all-types' }, { promoteValues: false }))!;
    expect(d.oid).toBeInstanceOf(ObjectId);
    expect(d.oid.toHexString()).toBe(oid.toHexString());
    expect(d.date).toBeInstanceOf(Date);
    expect(d.date.getTime()).toBe(date.getTime());

    expect(bsonTypeName(d.bin)).toBe('Binary');
    expect(d.bin.sub_type).toBe(0);
    expect(Buffer.from(d.bin.buffer).equals(binBytes)).toBe(true);
    for (const field of ['uuid', 'uuidAsBinary']) {
      expect(bsonTypeName(d[field])).toBe('Binary');
      expect(d[field].sub_type).toBe(4);
      expect(Buffer.from(d[field].buffer).equals(Buffer.from(uuid.buffer))).toBe(true);
    }

    expect(bsonTypeName(d.bigLong)).toBe('Long');
    expect(d.bigLong.toString()).toBe('9007199254740993');
    expect(bsonTypeName(d.smallLong)).toBe('Long');
    expect(d.smallLong.toString()).toBe('42');
    expect(d.negLong.toString()).toBe('-5');
    expect(bsonTypeName(d.int)).toBe('Int32');
    expect(d.int.value).toBe(7);
    expect(bsonTypeName(d.negInt)).toBe('Int32');
    expect(d.negInt.value).toBe(-2147483648);
    expect(bsonTypeName(d.dbl)).toBe('Double');
    expect(d.dbl.value).toBe(1);
    expect(bsonTypeName(d.frac)).toBe('Double');
    expect(d.frac.value).toBe(2.5);
    expect(bsonTypeName(d.dec)).toBe('Decimal128');
    expect(d.dec.toString()).toBe('1234.5678901234567890');

    expect(d.str).toBe('héllo ✓ 𝄞');
    expect(d.empty).toBe('');
    expect(bsonTypeName(d.nested.a.b[0])).toBe('Int32');
    expect(d.nested.a.b[1]).toEqual({ c: 'x' });
    expect(d.arr).toHaveLength(6);
    expect(d.arr[1]).toBe('two');
    expect(d.arr[2]).toBeNull();
    expect(d.arr[3]).toBe(true);
    expect(d.arr[5].four.value).toBe(4);
    expect(d.emptyObj).toEqual({});
    expect(d.emptyArr).toEqual([]);
    expect(d.nul).toBeNull();
    expect(d.yes).toBe(true);
    expect(d.no).toBe(false);

    expect(d.re).toBeInstanceOf(RegExp);
    expect(d.re.source).toBe('^ab+c');
    expect(d.re.flags).toBe('i');
    expect(bsonTypeName(d.ts)).toBe('Timestamp');
    expect(d.ts.t).toBe(1700000000);
    expect(d.ts.i).toBe(5);
    expect(bsonTypeName(d.min)).toBe('MinKey');
    expect(bsonTypeName(d.max)).toBe('MaxKey');
    expect(Object.keys(d)).toEqual(Object.keys(sample()));
  });

  it('reads back promoted values by default', async () => {
    const d = (await c.findOne({ _id: 'all-types' }))!;
    expect(d.int).toBe(7);
    expect(d.dbl).toBe(1);
    expect(d.frac).toBe(2.5);
    expect(d.smallLong).toBe(42);
    expect(d.negLong).toBe(-5);
    expect(bsonTypeName(d.bigLong)).toBe('Long'); // outside the safe integer range: not promoted
    expect(d.bigLong.toString()).toBe('9007199254740993');
    expect(d.dec.toString()).toBe('1234.5678901234567890');
    expect(d.uuid.sub_type).toBe(4);
    expect(d.nested).toEqual({ a: { b: [1, { c: 'x' }] } });
    expect(d.arr).toEqual([1, 'two', null, true, [3], { four: 4 }]);
    expect(d.re).toBeInstanceOf(RegExp);
    expect(bsonTypeName(d.ts)).toBe('Timestamp');
    expect(d.date).toEqual(date);
  });

  it('bsonRegExp: true returns a BSONRegExp with the stored options', async () => {
    const d = (await c.findOne({ _id: 'all-types' }, { bsonRegExp: true }))!;
    expect(bsonTypeName(d.re)).toBe('BSONRegExp');
    expect(d.re.pattern).toBe('^ab+c');
    expect(d.re.options).toBe('i');
  });

  it('$type sees the stored BSON types', async () => {
    const has = async (filter: Document) => (await c.countDocuments({ _id: 'all-types', ...filter })) === 1;
    expect(await has({ dbl: { $type: 'double' } })).toBe(true);
    expect(await has({ dbl: { $type: 'int' } })).toBe(false);
    expect(await has({ int: { $type: 'int' } })).toBe(true);
    expect(await has({ smallLong: { $type: 'long' } })).toBe(true);
    expect(await has({ dec: { $type: 'decimal' } })).toBe(true);
    expect(await has({ bin: { $type: 'binData' } })).toBe(true);
    expect(await has({ oid: { $type: 'objectId' } })).toBe(true);
    expect(await has({ date: { $type: 'date' } })).toBe(true);
    expect(await has({ ts: { $type: 'timestamp' } })).toBe(true);
    expect(await has({ re: { $type: 'regex' } })).toBe(true);
    expect(await has({ min: { $type: 'minKey' } })).toBe(true);
    expect(await has({ max: { $type: 'maxKey' } })).toBe(true);
    expect(await has({ yes: { $type: 'bool' } })).toBe(true);
    expect(await has({ nul: { $type: 'null' } })).toBe(true);
    expect(await has({ nested: { $type: 'object' } })).toBe(true);
    expect(await has({ emptyArr: { $type: 'array' } })).toBe(true);
  });

  it('values written by an update keep their types', async () => {
    await c.updateOne(
      { _id: 'all-types' },
      { $set: { setDbl: new Double(3), setLong: Long.fromNumber(3), setInt: new Int32(3), setDec: Decimal128.fromString('3') } },
    );
    const d = (await c.findOne({ _id: 'all-types' }, { promoteValues: false }))!;
    expect(bsonTypeName(d.setDbl)).toBe('Double');
    expect(bsonTypeName(d.setLong)).toBe('Long');
    expect(bsonTypeName(d.setInt)).toBe('Int32');
    expect(bsonTypeName(d.setDec)).toBe('Decimal128');
  });
});

describe('equality in filters', () => {
  let c: Collection<any>;
  beforeAll(async () => {
    c = t.db.collection<any>('eq');
    await c.insertMany([
      { _id: 'int', n: new Int32(1) },
      { _id: 'dbl', n: new Double(1) },
      { _id: 'long', n: Long.fromNumber(1) },
      { _id: 'dec', n: Decimal128.fromString('1.0') },
      { _id: 'two', n: 2 },
      { _id: 'str', n: '1' },
      { _id: 'bin0', b: new Binary(binBytes, 0) },
      { _id: 'bin5', b: new Binary(binBytes, 5) },
      { _id: 'uuid', b: uuid },
      { _id: 'oid', o: oid, d: date },
    ] as Document[]);
  });

  const ids = async (filter: Document) => (await c.find(filter).toArray()).map((d) => d._id as string).sort();

  it('numbers of different BSON types compare numerically', async () => {
    const ones = ['dbl', 'dec', 'int', 'long'];
    expect(await ids({ n: new Int32(1) })).toEqual(ones);
    expect(await ids({ n: new Double(1) })).toEqual(ones);
    expect(await ids({ n: Long.fromNumber(1) })).toEqual(ones);
    expect(await ids({ n: Decimal128.fromString('1') })).toEqual(ones);
    expect(await ids({ n: { $in: [Long.fromNumber(1)] } })).toEqual(ones);
    expect(await ids({ n: { $gt: new Double(1) } })).toEqual(['two']);
    expect(await ids({ n: { $lte: Long.fromNumber(1) } })).toEqual(ones);
    expect(await ids({ n: '1' })).toEqual(['str']);
  });

  it('Binary equality compares subtype and bytes', async () => {
    expect(await ids({ b: new Binary(binBytes, 0) })).toEqual(['bin0']);
    expect(await ids({ b: new Binary(binBytes, 5) })).toEqual(['bin5']);
    expect(await ids({ b: new Binary(Buffer.from([0, 1, 2]), 0) })).toEqual([]);
    expect(await ids({ b: new UUID(uuid.toHexString()) })).toEqual(['uuid']);
    expect(await ids({ b: new Binary(uuid.buffer, 4) })).toEqual(['uuid']);
  });

  it('ObjectId and Date equality', async () => {
    expect(await ids({ o: new ObjectId(oid.toHexString()) })).toEqual(['oid']);
    expect(await ids({ d: new Date(date.getTime()) })).toEqual(['oid']);
    expect(await ids({ d: { $gt: new Date('2024-01-01') } })).toEqual(['oid']);
    expect(await ids({ d: date.toISOString() })).toEqual([]);
  });
});

describe('sort order across types', () => {
  it('follows the BSON comparison order', async () => {
    const c = t.db.collection<any>('mixed');
    const docs: Document[] = [
      { _id: 'maxkey', v: new MaxKey() },
      { _id: 'regex', v: new BSONRegExp('a', '') },
      { _id: 'timestamp', v: new Timestamp({ t: 1, i: 1 }) },
      { _id: 'date', v: new Date(0) },
      { _id: 'bool', v: false },
      { _id: 'objectid', v: new ObjectId() },
      { _id: 'bindata', v: new Binary(Buffer.from([1])) },
      { _id: 'object', v: { a: 1 } },
      { _id: 'string', v: 'abc' },
      { _id: 'number', v: 5 },
      { _id: 'null', v: null },
      { _id: 'minkey', v: new MinKey() },
    ];
    await c.insertMany(docs);
    const expected = ['minkey', 'null', 'number', 'string', 'object', 'bindata', 'objectid', 'bool', 'date', 'timestamp', 'regex', 'maxkey'];
    expect((await c.find().sort({ v: 1 }).toArray()).map((d) => d._id)).toEqual(expected);
    expect((await c.find().sort({ v: -1 }).toArray()).map((d) => d._id)).toEqual([...expected].reverse());
  });

  it('places an array-valued element in the Array slot (between objects and binData)', async () => {
    const c = t.db.collection<any>('mixed_arr');
    await c.insertMany([
      { _id: 'bindata', v: new Binary(Buffer.from([1])) },
      { _id: 'nested-array', v: [[1]] },
      { _id: 'object', v: { a: 1 } },
    ] as Document[]);
    expect((await c.find().sort({ v: 1 }).toArray()).map((d) => d._id)).toEqual(['object', 'nested-array', 'bindata']);
  });

  it('sorts arrays by their smallest element ascending and their largest descending', async () => {
    const c = t.db.collection<any>('arr_sort');
    await c.insertMany([
      { _id: 'a', v: [1, 10] },
      { _id: 'b', v: 5 },
      { _id: 'c', v: [3, 4] },
    ] as Document[]);
    expect((await c.find().sort({ v: 1 }).toArray()).map((d) => d._id)).toEqual(['a', 'c', 'b']);
    expect((await c.find().sort({ v: -1 }).toArray()).map((d) => d._id)).toEqual(['a', 'b', 'c']);
  });

  it('sorts numbers of different types numerically and missing fields with null', async () => {
    const c = t.db.collection<any>('num_sort');
    await c.insertMany([
      { _id: 'int2', v: new Int32(2) },
      { _id: 'dbl1.5', v: 1.5 },
      { _id: 'long3', v: Long.fromNumber(3) },
      { _id: 'dec2.5', v: Decimal128.fromString('2.5') },
      { _id: 'neg', v: -1 },
      { _id: 'missing' },
    ] as Document[]);
    expect((await c.find().sort({ v: 1 }).toArray()).map((d) => d._id)).toEqual(['missing', 'neg', 'dbl1.5', 'int2', 'dec2.5', 'long3']);
  });

  it('compares strings by binary value (simple collation)', async () => {
    const c = t.db.collection<any>('str_sort');
    await c.insertMany([
      { _id: 1, s: 'b' },
      { _id: 2, s: 'B' },
      { _id: 3, s: 'a' },
      { _id: 4, s: 'ab' },
      { _id: 5, s: 'é' },
    ]);
    expect((await c.find().sort({ s: 1 }).toArray()).map((d) => d.s)).toEqual(['B', 'a', 'ab', 'b', 'é']);
  });

  it('compares embedded documents field by field', async () => {
    const c = t.db.collection<any>('doc_sort');
    await c.insertMany([
      { _id: 1, d: { a: 2 } },
      { _id: 2, d: { a: 1, b: 5 } },
      { _id: 3, d: { a: 1 } },
      { _id: 4, d: {} },
    ]);
    expect((await c.find().sort({ d: 1 }).toArray()).map((x) => x._id)).toEqual([4, 3, 2, 1]);
  });
});
