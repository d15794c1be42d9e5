import { describe, expect, it } from 'vitest';
import { ObjectId, type Timestamp } from 'bson';
import { CommandError, ErrorCodes } from '../../src/engine/errors.ts';
import { applyReplacement, applyUpdate, isOperatorUpdate, updateWouldChange, upsertSeed, validateUpdate, type UpdateContext } from '../../src/engine/update.ts';
import { bsonType, Decimal128, Double, Int32, Long, type Doc } from '../../src/engine/values.ts';

const i32 = (n: number) => new Int32(n);
const dbl = (n: number) => new Double(n);
const long = (n: number | bigint) => Long.fromBigInt(BigInt(n));
const dec = (s: string) => Decimal128.fromString(s);

/** Numbers as `type:value` strings, so deep equality checks BSON types as well as values. */
function typed(v: unknown): any {
  if (Array.isArray(v)) return v.map(typed);
  if (v instanceof Date) return v;
  const type = bsonType(v);
  if (type === 'int' || type === 'double') return `${type}:${(v as Int32 | Double).value}`;
  if (type === 'long') return `long:${(v as Long).toBigInt()}`;
  if (type === 'decimal') return `decimal:${(v as Decimal128).toString()}`;
  if (typeof v === 'number') return `raw:${v}`;
  if (type === 'object' && v && typeof v === 'object') {
    const out: Doc = {};
    for (const k of Object.keys(v)) out[k] = typed((v as Doc)[k]);
    return out;
  }
  return v;
}

const ctx: UpdateContext = { isInsert: false };

function update(doc: Doc, u: Doc, c: Partial<UpdateContext> = {}): any {
  return typed(applyUpdate(doc, u, { ...ctx, ...c }));
}

function error(fn: () => unknown): CommandError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CommandError);
    return e as CommandError;
  }
  throw new Error('expected a CommandError');
}

function updateError(doc: Doc, u: Doc, c: Partial<UpdateContext> = {}): CommandError {
  return error(() => applyUpdate(doc, u, { ...ctx, ...c }));
}

describe('isOperatorUpdate', () => {
  it('distinguishes operator updates from replacements', () => {
    expect(isOperatorUpdate({ $set: { a: 1 } })).toBe(true);
    expect(isOperatorUpdate({ a: 1 })).toBe(false);
    expect(isOperatorUpdate({})).toBe(false);
  });

  it('rejects mixing operators and fields', () => {
    const e1 = error(() => isOperatorUpdate({ $set: { a: 1 }, b: 2 }));
    expect(e1.code).toBe(ErrorCodes.FailedToParse);
    expect(e1.message).toBe('Unknown modifier: b. Expected a valid update modifier or pipeline-style update specified as an array');
    const e2 = error(() => isOperatorUpdate({ b: 2, $set: { a: 1 } }));
    expect(e2.code).toBe(ErrorCodes.DollarPrefixedFieldName);
  });
});

describe('$set', () => {
  it('replaces existing fields in place and appends new ones', () => {
    const doc = { _id: i32(1), a: i32(1), b: i32(2) };
    const out = applyUpdate(doc, { $set: { a: 'x', c: true } }, ctx);
    expect(Object.keys(out)).toEqual(['_id', 'a', 'b', 'c']);
    expect(typed(out)).toEqual({ _id: 'int:1', a: 'x', b: 'int:2', c: true });
  });

  it('adds new fields in mongod order: sorted, numeric names numerically', () => {
    const out = applyUpdate({ _id: i32(1) }, { $set: { b: i32(1), a: i32(2), 'c.y': i32(3), 'c.x': i32(4) } }, ctx);
    expect(Object.keys(out)).toEqual(['_id', 'a', 'b', 'c']);
    expect(Object.keys(out.c)).toEqual(['x', 'y']);
    const arr = applyUpdate({ _id: i32(1), a: [] }, { $set: { 'a.10': i32(10), 'a.2': i32(2) } }, ctx);
    expect(arr.a).toHaveLength(11);
    expect(typed(arr.a[2])).toBe('int:2');
    expect(typed(arr.a[10])).toBe('int:10');
  });

  it('creates intermediate documents for dotted paths', () => {
    expect(update({ _id: i32(1) }, { $set: { 'a.b.c': i32(1) } })).toEqual({ _id: 'int:1', a: { b: { c: 'int:1' } } });
    // A numeric component under a missing field creates a document field, not an array.
    expect(update({ _id: i32(1) }, { $set: { 'a.0.b': i32(1) } })).toEqual({ _id: 'int:1', a: { 0: { b: 'int:1' } } });
  });

  it('indexes into arrays and pads with null beyond the end', () => {
    expect(update({ _id: i32(1), a: [i32(1), i32(2)] }, { $set: { 'a.1': i32(9) } }).a).toEqual(['int:1', 'int:9']);
    expect(update({ _id: i32(1), a: [i32(1)] }, { $set: { 'a.3': i32(4) } }).a).toEqual(['int:1', null, null, 'int:4']);
    expect(update({ _id: i32(1), a: [{ b: i32(1) }] }, { $set: { 'a.0.c': i32(2) } }).a).toEqual([{ b: 'int:1', c: 'int:2' }]);
    expect(update({ _id: i32(1), a: [] }, { $set: { 'a.1.b': i32(2) } }).a).toEqual([null, { b: 'int:2' }]);
  });

  it('wraps raw JS numbers and keeps BSON types given', () => {
    expect(update({ _id: i32(1) }, { $set: { a: 1, b: 1.5, c: long(7), d: dec('1.10'), e: [2, { f: 3 }] } })).toEqual({
      _id: 'int:1',
      a: 'int:1',
      b: 'double:1.5',
      c: 'long:7',
      d: 'decimal:1.10',
      e: ['int:2', { f: 'int:3' }],
    });
  });

  it('fails on paths through scalars or named fields of arrays', () => {
    const e = updateError({ _id: i32(1), a: 'x' }, { $set: { 'a.b': i32(1) } });
    expect(e.code).toBe(ErrorCodes.PathNotViable);
    expect(e.message).toBe(`Cannot create field 'b' in element {a: "x"}`);
    const e2 = updateError({ _id: i32(1), a: [i32(1)] }, { $set: { 'a.b': i32(1) } });
    expect(e2.code).toBe(ErrorCodes.PathNotViable);
    expect(e2.message).toBe(`Cannot create field 'b' in element {a: [ 1 ]}`);
  });

  it('does not mutate the input document', () => {
    const doc = { _id: i32(1), a: { b: [i32(1), { c: i32(2) }] }, n: i32(1), l: [i32(1)] };
    const snapshot = typed(doc);
    const out = applyUpdate(doc, { $set: { 'a.b.1.c': i32(3), 'a.x': i32(1) }, $inc: { n: i32(1) }, $push: { l: i32(4) } }, ctx);
    expect(typed(doc)).toEqual(snapshot);
    expect(out.a).not.toBe(doc.a);
    expect(typed(out)).toEqual({ _id: 'int:1', a: { b: ['int:1', { c: 'int:3' }], x: 'int:1' }, n: 'int:2', l: ['int:1', 'int:4'] });
    const nested = { _id: i32(1), arr: [{ v: [i32(1)] }] };
    expect(typed(applyUpdate(nested, { $pull: { 'arr.0.v': i32(1) }, $set: { 'arr.0.w': i32(2) } }, ctx)).arr).toEqual([{ v: [], w: 'int:2' }]);
    expect(typed(nested)).toEqual({ _id: 'int:1', arr: [{ v: ['int:1'] }] });
  });

  it('does not share set values between results', () => {
    const value = { nested: [i32(1)] };
    const u = { $set: { a: value } };
    const out = applyUpdate({ _id: i32(1) }, u, ctx);
    expect(out.a).not.toBe(value);
    expect(out.a.nested).not.toBe(value.nested);
  });

  it('allows an empty operator document', () => {
    expect(update({ _id: i32(1), a: i32(1) }, { $set: {} })).toEqual({ _id: 'int:1', a: 'int:1' });
  });
});

describe('$unset', () => {
  it('removes fields and nulls array elements', () => {
    expect(update({ _id: i32(1), a: i32(1), b: { c: i32(1), d: i32(2) } }, { $unset: { a: '', 'b.c': 1 } })).toEqual({ _id: 'int:1', b: { d: 'int:2' } });
    expect(update({ _id: i32(1), a: [i32(1), i32(2)] }, { $unset: { 'a.0': 1 } }).a).toEqual([null, 'int:2']);
  });

  it('is a no-op for missing or unreachable paths', () => {
    expect(update({ _id: i32(1), a: 'x' }, { $unset: { b: 1, 'a.b': 1, 'c.d': 1 } })).toEqual({ _id: 'int:1', a: 'x' });
  });
});

describe('$inc and $mul', () => {
  it('keeps Int32 when the result fits', () => {
    expect(update({ _id: i32(1), a: i32(5) }, { $inc: { a: i32(-7) } }).a).toBe('int:-2');
    expect(update({ _id: i32(1), a: i32(5) }, { $mul: { a: i32(3) } }).a).toBe('int:15');
  });

  it('widens Int32 overflow to Long', () => {
    expect(update({ _id: i32(1), a: i32(2147483647) }, { $inc: { a: i32(1) } }).a).toBe('long:2147483648');
    expect(update({ _id: i32(1), a: i32(-2147483648) }, { $inc: { a: i32(-1) } }).a).toBe('long:-2147483649');
    expect(update({ _id: i32(1), a: i32(65536) }, { $mul: { a: i32(65536) } }).a).toBe('long:4294967296');
  });

  it('uses the widest operand type', () => {
    expect(update({ _id: i32(1), a: i32(1) }, { $inc: { a: dbl(0.5) } }).a).toBe('double:1.5');
    expect(update({ _id: i32(1), a: dbl(1) }, { $inc: { a: i32(1) } }).a).toBe('double:2');
    expect(update({ _id: i32(1), a: long(1) }, { $inc: { a: i32(1) } }).a).toBe('long:2');
    expect(update({ _id: i32(1), a: i32(1) }, { $inc: { a: long(1) } }).a).toBe('long:2');
    expect(update({ _id: i32(1), a: long(2) }, { $mul: { a: dbl(1.5) } }).a).toBe('double:3');
    expect(update({ _id: i32(1), a: dec('1.5') }, { $inc: { a: i32(1) } }).a).toBe('decimal:2.5');
    expect(update({ _id: i32(1), a: i32(3) }, { $mul: { a: dec('0.5') } }).a).toBe('decimal:1.5');
    expect(update({ _id: i32(1), a: dec('0.1') }, { $inc: { a: dec('0.2') } }).a).toBe('decimal:0.3');
    // Like mongod, a double meets a decimal as a 15-digit decimal.
    expect(update({ _id: i32(1), a: dec('1') }, { $inc: { a: dbl(0.5) } }).a).toBe('decimal:1.500000000000000');
  });

  it('keeps Long precision beyond 2^53', () => {
    expect(update({ _id: i32(1), a: long(2n ** 60n) }, { $inc: { a: i32(1) } }).a).toBe(`long:${2n ** 60n + 1n}`);
  });

  it('fails when a Long overflows', () => {
    const e = updateError({ _id: i32(1), a: long(2n ** 63n - 1n) }, { $inc: { a: i32(1) } });
    expect(e.code).toBe(ErrorCodes.BadValue);
    expect(e.message).toBe('Failed to apply $inc operations to current value ((NumberLong)9223372036854775807) for document {_id: 1}');
  });

  it('sets missing fields: $inc to the increment, $mul to a zero of its type', () => {
    expect(update({ _id: i32(1) }, { $inc: { a: long(5), b: dbl(2.5) }, $mul: { c: i32(7), d: dbl(2), e: long(3) } })).toEqual({
      _id: 'int:1',
      a: 'long:5',
      b: 'double:2.5',
      c: 'int:0',
      d: 'double:0',
      e: 'long:0',
    });
  });

  it('rejects non-numeric values and arguments', () => {
    const e = updateError({ _id: i32(1), x: 'str' }, { $inc: { x: i32(1) } });
    expect(e.code).toBe(ErrorCodes.TypeMismatch);
    expect(e.message).toBe("Cannot apply $inc to a value of non-numeric type. {_id: 1} has the field 'x' of non-numeric type string");
    const e2 = updateError({ _id: i32(1), x: i32(1) }, { $mul: { x: 'a' } });
    expect(e2.code).toBe(ErrorCodes.TypeMismatch);
    expect(e2.message).toBe('Cannot multiply with non-numeric argument: {x: "a"}');
    expect(updateError({ _id: i32(1) }, { $inc: { x: null } }).code).toBe(ErrorCodes.TypeMismatch);
  });
});

describe('$min and $max', () => {
  it('replaces only when the operand is lower / higher', () => {
    const doc = { _id: i32(1), lo: i32(5), hi: i32(5) };
    expect(update(doc, { $min: { lo: i32(3), hi: i32(9) } })).toEqual({ _id: 'int:1', lo: 'int:3', hi: 'int:5' });
    expect(update(doc, { $max: { lo: i32(3), hi: dbl(9.5) } })).toEqual({ _id: 'int:1', lo: 'int:5', hi: 'double:9.5' });
  });

  it('compares across types in BSON order and sets missing fields', () => {
    expect(update({ _id: i32(1), a: i32(5) }, { $max: { a: 'text' } }).a).toBe('text');
    expect(update({ _id: i32(1), a: i32(5) }, { $min: { a: null } }).a).toBe(null);
    expect(update({ _id: i32(1) }, { $min: { a: i32(1) } }).a).toBe('int:1');
    const d = new Date(1000);
    expect(applyUpdate({ _id: i32(1), a: new Date(5000) }, { $min: { a: d } }, ctx).a.getTime()).toBe(1000);
  });
});

describe('$rename', () => {
  it('moves values, keeping the target position if it exists', () => {
    const out = applyUpdate({ _id: i32(1), a: i32(1), b: i32(2), c: i32(3) }, { $rename: { a: 'z', c: 'b' } }, ctx);
    expect(typed(out)).toEqual({ _id: 'int:1', b: 'int:3', z: 'int:1' });
    expect(Object.keys(out)).toEqual(['_id', 'b', 'z']);
  });

  it('moves embedded values and creates target paths', () => {
    expect(update({ _id: i32(1), a: { b: [i32(1)] } }, { $rename: { 'a.b': 'c.d' } })).toEqual({ _id: 'int:1', a: {}, c: { d: ['int:1'] } });
  });

  it('is a no-op when the source is missing', () => {
    expect(update({ _id: i32(1), a: i32(1) }, { $rename: { x: 'y' } })).toEqual({ _id: 'int:1', a: 'int:1' });
  });

  it('cannot rename into or out of arrays', () => {
    const e = updateError({ _id: i32(1), a: [{ b: i32(1) }] }, { $rename: { 'a.0.b': 'c' } });
    expect(e.code).toBe(ErrorCodes.BadValue);
    expect(e.message).toBe("The source field cannot be an array element, 'a.0.b' in doc with _id: 1 has an array field called 'a'");
    const e2 = updateError({ _id: i32(1), a: i32(1), t: [{}] }, { $rename: { a: 't.0.x' } });
    expect(e2.code).toBe(ErrorCodes.BadValue);
    expect(e2.message).toBe("The destination field cannot be an array element, 't.0.x' in doc with _id: 1 has an array field called 't'");
  });

  it('validates its arguments', () => {
    expect(updateError({ _id: i32(1) }, { $rename: { a: i32(1) } }).message).toBe("The 'to' field for $rename must be a string: a: 1");
    expect(updateError({ _id: i32(1) }, { $rename: { a: 'a' } }).message).toBe('The source and target field for $rename must differ: a: "a"');
    expect(updateError({ _id: i32(1) }, { $rename: { a: 'a.b' } }).message).toBe(
      'The source and target field for $rename must not be on the same path: a: "a.b"',
    );
    expect(updateError({ _id: i32(1) }, { $rename: { 'a.$': 'b' } }).message).toBe('The source field for $rename may not be dynamic: a.$');
  });

  it('conflicts with other operators on the source or target', () => {
    expect(updateError({ _id: i32(1) }, { $rename: { a: 'b' }, $set: { a: i32(1) } }).code).toBe(ErrorCodes.ConflictingUpdateOperators);
    expect(updateError({ _id: i32(1) }, { $rename: { a: 'b' }, $set: { 'b.c': i32(1) } }).code).toBe(ErrorCodes.ConflictingUpdateOperators);
  });
});

describe('$setOnInsert', () => {
  it('applies only when inserting', () => {
    const u = { $set: { a: i32(1) }, $setOnInsert: { created: 'yes' } };
    expect(update({ _id: i32(1) }, u, { isInsert: false })).toEqual({ _id: 'int:1', a: 'int:1' });
    expect(update({ _id: i32(1) }, u, { isInsert: true })).toEqual({ _id: 'int:1', a: 'int:1', created: 'yes' });
  });

  it('still conflicts with other operators', () => {
    expect(updateError({ _id: i32(1) }, { $set: { a: i32(1) }, $setOnInsert: { a: i32(2) } }).code).toBe(ErrorCodes.ConflictingUpdateOperators);
  });
});

describe('$currentDate', () => {
  const now = new Date('2024-05-06T07:08:09.010Z');

  it('sets dates and timestamps', () => {
    const out = applyUpdate({ _id: i32(1), a: i32(1) }, { $currentDate: { a: true, b: { $type: 'date' }, c: { $type: 'timestamp' } } }, { ...ctx, now });
    expect(out.a).toBeInstanceOf(Date);
    expect(out.a.getTime()).toBe(now.getTime());
    expect(out.b.getTime()).toBe(now.getTime());
    expect(bsonType(out.c)).toBe('timestamp');
    expect((out.c as Timestamp).t).toBe(Math.floor(now.getTime() / 1000));
  });

  it('rejects invalid specifications', () => {
    expect(updateError({ _id: i32(1) }, { $currentDate: { a: i32(1) } }).code).toBe(ErrorCodes.BadValue);
    expect(updateError({ _id: i32(1) }, { $currentDate: { a: { $type: 'string' } } }).message).toBe(
      "The '$type' string field is required to be 'date' or 'timestamp': {$currentDate: {field : {$type: 'date'}}}",
    );
  });
});

describe('$push', () => {
  const doc = { _id: i32(1), a: [i32(1), i32(2), i32(3)] };

  it('appends a single value, creating missing arrays', () => {
    expect(update(doc, { $push: { a: i32(4) } }).a).toEqual(['int:1', 'int:2', 'int:3', 'int:4']);
    expect(update(doc, { $push: { b: [i32(1)] } }).b).toEqual([['int:1']]);
    expect(update(doc, { $push: { a: { x: i32(1) } } }).a.at(-1)).toEqual({ x: 'int:1' });
  });

  it('supports $each with $position', () => {
    expect(update(doc, { $push: { a: { $each: [i32(8), i32(9)], $position: i32(1) } } }).a).toEqual(['int:1', 'int:8', 'int:9', 'int:2', 'int:3']);
    expect(update(doc, { $push: { a: { $each: [i32(9)], $position: i32(-1) } } }).a).toEqual(['int:1', 'int:2', 'int:9', 'int:3']);
    expect(update(doc, { $push: { a: { $each: [i32(9)], $position: i32(-10) } } }).a).toEqual(['int:9', 'int:1', 'int:2', 'int:3']);
    expect(update(doc, { $push: { a: { $each: [i32(9)], $position: i32(10) } } }).a).toEqual(['int:1', 'int:2', 'int:3', 'int:9']);
    expect(update(doc, { $push: { a: { $each: [i32(9)], $position: i32(0) } } }).a).toEqual(['int:9', 'int:1', 'int:2', 'int:3']);
  });

  it('supports $slice', () => {
    expect(update(doc, { $push: { a: { $each: [i32(4)], $slice: i32(2) } } }).a).toEqual(['int:1', 'int:2']);
    expect(update(doc, { $push: { a: { $each: [i32(4)], $slice: i32(-2) } } }).a).toEqual(['int:3', 'int:4']);
    expect(update(doc, { $push: { a: { $each: [], $slice: i32(0) } } }).a).toEqual([]);
  });

  it('supports $sort on whole values and on fields', () => {
    expect(update(doc, { $push: { a: { $each: [i32(0), i32(5)], $sort: i32(-1) } } }).a).toEqual(['int:5', 'int:3', 'int:2', 'int:1', 'int:0']);
    const people = {
      _id: i32(1),
      p: [
        { n: 'b', age: i32(30) },
        { n: 'a', age: i32(20) },
      ],
    };
    expect(update(people, { $push: { p: { $each: [{ n: 'c', age: i32(25) }], $sort: { age: i32(1) }, $slice: i32(2) } } }).p).toEqual([
      { n: 'a', age: 'int:20' },
      { n: 'c', age: 'int:25' },
    ]);
    // Non-documents sort as if their fields were null.
    expect(update({ _id: i32(1), p: [{ x: i32(2) }, i32(7), { x: i32(1) }] }, { $push: { p: { $each: [], $sort: { x: i32(1) } } } }).p).toEqual([
      'int:7',
      { x: 'int:1' },
      { x: 'int:2' },
    ]);
  });

  it('fails on non-arrays and bad modifiers', () => {
    const e = updateError({ _id: i32(1), a: 'x' }, { $push: { a: i32(1) } });
    expect(e.code).toBe(ErrorCodes.BadValue);
    expect(e.message).toBe("The field 'a' must be an array but is of type string in document {_id: 1}");
    expect(updateError(doc, { $push: { a: { $each: i32(1) } } }).message).toBe('The argument to $each in $push must be an array but it was of type: int');
    expect(updateError(doc, { $push: { a: { $each: [], $foo: 1 } } }).message).toBe('Unrecognized clause in $push: $foo');
    expect(updateError(doc, { $push: { a: { $each: [], $slice: 'x' } } }).code).toBe(ErrorCodes.BadValue);
    expect(updateError(doc, { $push: { a: { $each: [], $sort: i32(2) } } }).code).toBe(ErrorCodes.BadValue);
    expect(updateError(doc, { $push: { a: { $each: [], $position: dbl(1.5) } } }).code).toBe(ErrorCodes.BadValue);
  });
});

describe('$addToSet', () => {
  it('adds values not already present, by value equality', () => {
    const doc = { _id: i32(1), a: [i32(1), 'x', { k: i32(1) }] };
    expect(update(doc, { $addToSet: { a: dbl(1) } }).a).toEqual(['int:1', 'x', { k: 'int:1' }]);
    expect(update(doc, { $addToSet: { a: { k: i32(1) } } }).a).toHaveLength(3);
    expect(update(doc, { $addToSet: { a: { $each: [i32(2), 'x', i32(2), i32(3)] } } }).a).toEqual(['int:1', 'x', { k: 'int:1' }, 'int:2', 'int:3']);
  });

  it('creates missing arrays and fails on non-arrays', () => {
    expect(update({ _id: i32(1) }, { $addToSet: { a: { $each: [i32(1), i32(1)] } } }).a).toEqual(['int:1']);
    const e = updateError({ _id: i32(1), a: i32(1) }, { $addToSet: { a: i32(1) } });
    expect(e.code).toBe(ErrorCodes.BadValue);
    expect(e.message).toBe("Cannot apply $addToSet to non-array field. Field named 'a' has non-array type int");
  });
});

describe('$pop', () => {
  it('removes the last or first element', () => {
    const doc = { _id: i32(1), a: [i32(1), i32(2), i32(3)], e: [] };
    expect(update(doc, { $pop: { a: i32(1) } }).a).toEqual(['int:1', 'int:2']);
    expect(update(doc, { $pop: { a: dbl(-1) } }).a).toEqual(['int:2', 'int:3']);
    expect(update(doc, { $pop: { e: i32(1), missing: i32(1) } })).toEqual({ _id: 'int:1', a: ['int:1', 'int:2', 'int:3'], e: [] });
  });

  it('validates its argument and target', () => {
    expect(updateError({ _id: i32(1), a: [] }, { $pop: { a: i32(2) } }).message).toBe('$pop expects 1 or -1, found: 2');
    const e = updateError({ _id: i32(1), a: 'x' }, { $pop: { a: i32(1) } });
    expect(e.code).toBe(ErrorCodes.TypeMismatch);
    expect(e.message).toBe("Path 'a' contains an element of non-array type 'string'");
    expect(updateError({ _id: i32(1), a: i32(1) }, { $pop: { 'a.b': i32(1) } }).code).toBe(ErrorCodes.PathNotViable);
  });
});

describe('$pull and $pullAll', () => {
  it('removes values equal to a literal', () => {
    expect(update({ _id: i32(1), a: [i32(1), dbl(1), i32(2), [i32(1)]] }, { $pull: { a: i32(1) } }).a).toEqual(['int:2', ['int:1']]);
  });

  it('removes values matching an operator condition', () => {
    expect(update({ _id: i32(1), a: [i32(3), i32(6), i32(9)] }, { $pull: { a: { $gte: i32(6) } } }).a).toEqual(['int:3']);
    expect(update({ _id: i32(1), a: ['apple', 'kiwi', 'avocado'] }, { $pull: { a: /^a/ } }).a).toEqual(['kiwi']);
    expect(update({ _id: i32(1), a: ['a', 'b', 'c'] }, { $pull: { a: { $in: ['a', 'c'] } } }).a).toEqual(['b']);
  });

  it('removes embedded documents matching a query', () => {
    const doc = { _id: i32(1), r: [{ s: i32(8), i: 'a' }, { s: i32(5), i: 'b' }, i32(8)] };
    expect(update(doc, { $pull: { r: { s: i32(8) } } }).r).toEqual([{ s: 'int:5', i: 'b' }, 'int:8']);
    expect(update(doc, { $pull: { r: { s: { $lt: i32(6) }, i: 'b' } } }).r).toEqual([{ s: 'int:8', i: 'a' }, 'int:8']);
    expect(update(doc, { $pull: { r: {} } }).r).toEqual(['int:8']);
  });

  it('removes every listed value with $pullAll', () => {
    expect(update({ _id: i32(1), a: [i32(0), i32(2), i32(5), i32(2), i32(1)] }, { $pullAll: { a: [i32(2), dbl(5)] } }).a).toEqual(['int:0', 'int:1']);
    expect(updateError({ _id: i32(1), a: [] }, { $pullAll: { a: i32(1) } }).message).toBe('$pullAll requires an array argument but was given a int');
  });

  it('ignores missing paths and fails on non-arrays', () => {
    expect(update({ _id: i32(1) }, { $pull: { a: i32(1) } })).toEqual({ _id: 'int:1' });
    const e = updateError({ _id: i32(1), a: i32(1) }, { $pull: { a: i32(1) } });
    expect(e.code).toBe(ErrorCodes.BadValue);
    expect(e.message).toBe('Cannot apply $pull to a non-array value');
  });
});

describe('$bit', () => {
  it('applies and/or/xor keeping Int32, widening with Long', () => {
    expect(update({ _id: i32(1), a: i32(13) }, { $bit: { a: { and: i32(10) } } }).a).toBe('int:8');
    expect(update({ _id: i32(1), a: i32(13) }, { $bit: { a: { or: i32(2) } } }).a).toBe('int:15');
    expect(update({ _id: i32(1), a: i32(13) }, { $bit: { a: { xor: i32(1), or: i32(16) } } }).a).toBe('int:28');
    expect(update({ _id: i32(1), a: i32(1) }, { $bit: { a: { or: long(2n ** 40n) } } }).a).toBe(`long:${2n ** 40n + 1n}`);
    expect(update({ _id: i32(1) }, { $bit: { a: { or: i32(5) } } }).a).toBe('int:5');
  });

  it('rejects non-integers', () => {
    expect(updateError({ _id: i32(1), a: i32(1) }, { $bit: { a: { and: dbl(1) } } }).message).toBe(
      "The $bit modifier field must be an Integer(32/64 bit); a 'double' is not supported here: {and: 1.0}",
    );
    expect(updateError({ _id: i32(1), a: i32(1) }, { $bit: { a: { not: i32(1) } } }).code).toBe(ErrorCodes.BadValue);
    expect(updateError({ _id: i32(1), a: dbl(1) }, { $bit: { a: { and: i32(1) } } }).message).toBe(
      'Cannot apply $bit to a value of non-integral type._id: 1 has the field a of non-integer type double',
    );
  });
});

describe('positional operators', () => {
  const doc = { _id: i32(1), grades: [i32(80), i32(85), i32(90)], items: [{ q: i32(1) }, { q: i32(2) }] };

  it('$ updates the element matched by the query', () => {
    expect(update(doc, { $set: { 'grades.$': i32(82) } }, { positional: 1 }).grades).toEqual(['int:80', 'int:82', 'int:90']);
    expect(update(doc, { $inc: { 'items.$.q': i32(10) } }, { positional: 0 }).items).toEqual([{ q: 'int:11' }, { q: 'int:2' }]);
  });

  it('$ without a query match fails', () => {
    const e = updateError(doc, { $set: { 'grades.$': i32(1) } });
    expect(e.code).toBe(ErrorCodes.BadValue);
    expect(e.message).toBe('The positional operator did not find the match needed from the query.');
  });

  it('$ conflicts with the same concrete index', () => {
    const e = updateError(doc, { $set: { 'grades.$': i32(1), 'grades.1': i32(2) } }, { positional: 1 });
    expect(e.code).toBe(ErrorCodes.ConflictingUpdateOperators);
    expect(e.message).toBe("Update created a conflict at 'grades.1'");
  });

  it('$[] updates every element', () => {
    expect(update(doc, { $inc: { 'grades.$[]': i32(1) } }).grades).toEqual(['int:81', 'int:86', 'int:91']);
    expect(update(doc, { $set: { 'items.$[].done': true } }).items).toEqual([
      { q: 'int:1', done: true },
      { q: 'int:2', done: true },
    ]);
    expect(update({ _id: i32(1), m: [[i32(1), i32(2)], [i32(3)]] }, { $mul: { 'm.$[].$[]': i32(2) } }).m).toEqual([['int:2', 'int:4'], ['int:6']]);
  });

  it('$[] needs an existing array', () => {
    expect(updateError({ _id: i32(1) }, { $set: { 'a.$[]': i32(1) } }).message).toBe(
      "The path 'a' must exist in the document in order to apply array updates.",
    );
    expect(updateError({ _id: i32(1), a: 'x' }, { $set: { 'a.$[]': i32(1) } }).message).toBe('Cannot apply array updates to non-array element a: "x"');
  });

  it('$[id] updates elements matching arrayFilters', () => {
    expect(update(doc, { $set: { 'grades.$[g]': i32(100) } }, { arrayFilters: [{ g: { $gte: i32(85) } }] }).grades).toEqual(['int:80', 'int:100', 'int:100']);
    const students = {
      _id: i32(1),
      s: [
        { grade: i32(80), mean: i32(75) },
        { grade: i32(90), mean: i32(85) },
      ],
    };
    expect(update(students, { $set: { 's.$[e].mean': i32(100) } }, { arrayFilters: [{ 'e.grade': { $gte: i32(85) } }] }).s).toEqual([
      { grade: 'int:80', mean: 'int:75' },
      { grade: 'int:90', mean: 'int:100' },
    ]);
    const nested = { _id: i32(1), a: [{ b: [i32(1), i32(5)] }, { b: [i32(7)] }] };
    expect(update(nested, { $inc: { 'a.$[x].b.$[y]': i32(100) } }, { arrayFilters: [{ 'x.b': i32(7) }, { y: { $gt: i32(2) } }] }).a).toEqual([
      { b: ['int:1', 'int:5'] },
      { b: ['int:107'] },
    ]);
  });

  it('arrayFilters with logical operators', () => {
    const out = update(
      { _id: i32(1), a: [i32(1), i32(5), i32(9)] },
      { $set: { 'a.$[x]': i32(0) } },
      { arrayFilters: [{ $or: [{ x: i32(1) }, { x: i32(9) }] }] },
    );
    expect(out.a).toEqual(['int:0', 'int:5', 'int:0']);
  });

  it('two filters selecting the same element conflict only when their updates overlap', () => {
    const d = { _id: i32(1), a: [{ v: i32(1) }] };
    expect(update(d, { $set: { 'a.$[x].p': i32(1), 'a.$[y].q': i32(2) } }, { arrayFilters: [{ 'x.v': i32(1) }, { 'y.v': i32(1) }] }).a).toEqual([
      { v: 'int:1', p: 'int:1', q: 'int:2' },
    ]);
    const e = updateError(d, { $set: { 'a.$[x].p': i32(1), 'a.$[y].p': i32(2) } }, { arrayFilters: [{ 'x.v': i32(1) }, { 'y.v': i32(1) }] });
    expect(e.code).toBe(ErrorCodes.ConflictingUpdateOperators);
    expect(e.message).toBe("Update created a conflict at 'a.0.p'");
  });

  it('validates arrayFilters', () => {
    const missing = updateError(doc, { $set: { 'grades.$[x]': i32(1) } });
    expect(missing.code).toBe(ErrorCodes.BadValue);
    expect(missing.message).toBe("No array filter found for identifier 'x' in path 'grades.$[x]'");
    const unused = updateError(doc, { $set: { 'grades.$[x]': i32(1) } }, { arrayFilters: [{ x: i32(1) }, { y: i32(2) }] });
    expect(unused.code).toBe(ErrorCodes.FailedToParse);
    expect(unused.message).toBe("The array filter for identifier 'y' was not used in the update { $set: { grades.$[x]: 1 } }");
    const dup = updateError(doc, { $set: { 'grades.$[x]': i32(1) } }, { arrayFilters: [{ x: i32(1) }, { x: i32(2) }] });
    expect(dup.code).toBe(ErrorCodes.FailedToParse);
    expect(updateError(doc, { $set: { 'grades.$[X]': i32(1) } }, { arrayFilters: [{ X: i32(1) }] }).code).toBe(ErrorCodes.BadValue);
    expect(updateError(doc, { $set: { 'grades.$[x]': i32(1) } }, { arrayFilters: [{ x: i32(1), y: i32(1) }] }).code).toBe(ErrorCodes.FailedToParse);
  });
});

describe('conflicts and parse errors', () => {
  it('rejects two operators on the same path or a path and its prefix', () => {
    const e = updateError({ _id: i32(1) }, { $set: { a: i32(1) }, $inc: { a: i32(1) } });
    expect(e.code).toBe(ErrorCodes.ConflictingUpdateOperators);
    expect(e.message).toBe("Updating the path 'a' would create a conflict at 'a'");
    const e2 = updateError({ _id: i32(1) }, { $set: { a: i32(1) }, $unset: { 'a.b': 1 } });
    expect(e2.message).toBe("Updating the path 'a.b' would create a conflict at 'a'");
    const e3 = updateError({ _id: i32(1) }, { $set: { 'a.b': i32(1) }, $unset: { a: 1 } });
    expect(e3.message).toBe("Updating the path 'a' would create a conflict at 'a'");
    expect(update({ _id: i32(1) }, { $set: { 'a.b': i32(1) }, $inc: { 'a.c': i32(1) } })).toEqual({ _id: 'int:1', a: { b: 'int:1', c: 'int:1' } });
  });

  it('rejects unknown operators and non-document arguments', () => {
    const e = updateError({ _id: i32(1) }, { $foo: { a: 1 } });
    expect(e.code).toBe(ErrorCodes.FailedToParse);
    expect(e.message).toBe('Unknown modifier: $foo. Expected a valid update modifier or pipeline-style update specified as an array');
    const e2 = updateError({ _id: i32(1) }, { $set: i32(1) });
    expect(e2.code).toBe(ErrorCodes.FailedToParse);
    expect(e2.message).toBe('Modifiers operate on fields but we found type int instead. For example: {$mod: {<field>: ...}} not {$set: 1}');
  });

  it('rejects empty path components and misplaced positionals', () => {
    expect(updateError({ _id: i32(1) }, { $set: { 'a..b': i32(1) } }).code).toBe(56);
    expect(updateError({ _id: i32(1) }, { $set: { '': i32(1) } }).code).toBe(56);
    expect(updateError({ _id: i32(1) }, { $set: { 'a.$.b.$': i32(1) } }, { positional: 0 }).code).toBe(ErrorCodes.BadValue);
    expect(updateError({ _id: i32(1) }, { $set: { $: i32(1) } }).code).toBe(ErrorCodes.BadValue);
    expect(updateError({ _id: i32(1) }, { $set: { $x: i32(1) } }).code).toBe(ErrorCodes.DollarPrefixedFieldName);
  });

  it('reports parse errors without a document through validateUpdate', () => {
    expect(() => validateUpdate({ $set: { a: 1 } })).not.toThrow();
    expect(error(() => validateUpdate({ $inc: { a: 'x' } })).code).toBe(ErrorCodes.TypeMismatch);
  });
});

describe('_id immutability', () => {
  const doc = { _id: i32(1), a: i32(1), o: { _id: i32(5) } };

  it('rejects changing _id', () => {
    const e = updateError(doc, { $set: { _id: i32(2) } });
    expect(e.code).toBe(ErrorCodes.ImmutableField);
    expect(e.message).toBe("Performing an update on the path '_id' would modify the immutable field '_id'");
    expect(updateError(doc, { $unset: { _id: 1 } }).code).toBe(ErrorCodes.ImmutableField);
    expect(updateError(doc, { $inc: { _id: i32(1) } }).code).toBe(ErrorCodes.ImmutableField);
    expect(updateError(doc, { $rename: { _id: 'x' } }).code).toBe(ErrorCodes.ImmutableField);
    expect(updateError({ _id: { k: i32(1) } }, { $set: { '_id.k': i32(2) } }).message).toBe(
      "Performing an update on the path '_id.k' would modify the immutable field '_id'",
    );
  });

  it('allows setting _id to the identical value and touching other _id fields', () => {
    expect(update(doc, { $set: { _id: i32(1), 'o._id': i32(6) } })).toEqual({ _id: 'int:1', a: 'int:1', o: { _id: 'int:6' } });
  });

  it('lets an upsert without _id create one', () => {
    expect(update({ a: i32(1) }, { $set: { _id: i32(7) } }, { isInsert: true })).toEqual({ a: 'int:1', _id: 'int:7' });
    expect(updateError({ a: i32(1) }, { $set: { _id: [i32(1)] } }, { isInsert: true }).code).toBe(ErrorCodes.InvalidIdField);
  });
});

describe('upsertSeed', () => {
  it('collects equality conditions with _id first', () => {
    const seed = upsertSeed({ a: i32(1), 'b.c': 'x', d: { $eq: i32(2) }, e: { $gt: i32(3) }, _id: i32(9), $and: [{ f: i32(4) }, { g: { $lt: i32(1) } }] });
    expect(Object.keys(seed)).toEqual(['_id', 'a', 'b', 'd', 'f']);
    expect(typed(seed)).toEqual({ _id: 'int:9', a: 'int:1', b: { c: 'x' }, d: 'int:2', f: 'int:4' });
  });

  it('expands dotted paths into shared embedded documents', () => {
    expect(typed(upsertSeed({ 'a.b': i32(1), 'a.c.d': i32(2) }))).toEqual({ a: { b: 'int:1', c: { d: 'int:2' } } });
  });

  it('skips operators, regexes and multi-clause $or', () => {
    expect(upsertSeed({ a: /x/, b: { $in: [i32(1), i32(2)] }, $or: [{ c: i32(1) }, { d: i32(2) }], $expr: { $eq: [1, 1] } })).toEqual({});
    expect(typed(upsertSeed({ $or: [{ c: i32(1) }], b: { $in: [i32(5)] } }))).toEqual({ c: 'int:1', b: 'int:5' });
  });

  it('keeps documents and arrays used as values', () => {
    expect(typed(upsertSeed({ a: { x: i32(1) }, b: [i32(1), i32(2)] }))).toEqual({ a: { x: 'int:1' }, b: ['int:1', 'int:2'] });
  });

  it('rejects ambiguous equalities', () => {
    expect(error(() => upsertSeed({ a: i32(1), 'a.b': i32(2) })).code).toBe(ErrorCodes.NotSingleValueField);
    expect(error(() => upsertSeed({ a: i32(1), $and: [{ a: i32(2) }] })).message).toBe("cannot infer query fields to set, path 'a' is matched twice");
  });

  it('seeds an upsert', () => {
    const seed = upsertSeed({ name: 'n', count: { $gt: i32(1) } });
    expect(update(seed, { $inc: { count: i32(1) }, $setOnInsert: { created: true } }, { isInsert: true })).toEqual({
      name: 'n',
      count: 'int:1',
      created: true,
    });
  });
});

describe('applyReplacement', () => {
  it('keeps the original _id first', () => {
    const out = applyReplacement({ _id: i32(1), a: i32(1) }, { b: i32(2), c: 3 });
    expect(Object.keys(out)).toEqual(['_id', 'b', 'c']);
    expect(typed(out)).toEqual({ _id: 'int:1', b: 'int:2', c: 'int:3' });
    const moved = applyReplacement({ _id: i32(1) }, { b: i32(2), _id: i32(1) });
    expect(Object.keys(moved)).toEqual(['_id', 'b']);
  });

  it('rejects a different _id', () => {
    const e = error(() => applyReplacement({ _id: i32(1) }, { _id: i32(2), a: i32(1) }));
    expect(e.code).toBe(ErrorCodes.ImmutableField);
    expect(e.message).toBe("After applying the update, the (immutable) field '_id' was found to have been altered to _id: 2");
  });

  it('rejects $-prefixed top-level fields', () => {
    const e = error(() => applyReplacement({ _id: i32(1) }, { a: i32(1), $set: { b: 1 } }));
    expect(e.code).toBe(ErrorCodes.DollarPrefixedFieldName);
  });

  it('builds upserted replacements', () => {
    expect(typed(applyReplacement(undefined, { a: i32(1), _id: 'k' }))).toEqual({ _id: 'k', a: 'int:1' });
    expect(Object.keys(applyReplacement(undefined, { a: i32(1), _id: 'k' }))).toEqual(['_id', 'a']);
    expect(typed(applyReplacement(upsertSeed({ _id: i32(4), x: i32(1) }), { y: i32(2) }))).toEqual({ _id: 'int:4', y: 'int:2' });
  });

  it('does not share structure with its inputs', () => {
    const replacement = { a: { b: [i32(1)] } };
    const doc = { _id: new ObjectId(), old: i32(1) };
    const out = applyReplacement(doc, replacement);
    expect(out.a).not.toBe(replacement.a);
    expect(out.a.b).not.toBe(replacement.a.b);
    expect(Object.keys(doc)).toEqual(['_id', 'old']);
  });
});

describe('updateWouldChange', () => {
  it('is false for no-op updates', () => {
    const doc = { _id: i32(1), a: i32(5), arr: [i32(1)] };
    expect(updateWouldChange(doc, applyUpdate(doc, { $set: { a: i32(5) } }, ctx))).toBe(false);
    expect(updateWouldChange(doc, applyUpdate(doc, { $max: { a: i32(1) } }, ctx))).toBe(false);
    expect(updateWouldChange(doc, applyUpdate(doc, { $addToSet: { arr: i32(1) } }, ctx))).toBe(false);
    expect(updateWouldChange(doc, applyUpdate(doc, { $pull: { arr: i32(9) }, $unset: { nope: 1 } }, ctx))).toBe(false);
  });

  it('counts type changes, value changes and field order', () => {
    const doc = { _id: i32(1), a: i32(1), b: i32(2) };
    expect(updateWouldChange(doc, applyUpdate(doc, { $set: { a: dbl(1) } }, ctx))).toBe(true);
    expect(updateWouldChange(doc, applyUpdate(doc, { $inc: { a: i32(1) } }, ctx))).toBe(true);
    expect(updateWouldChange(doc, { _id: i32(1), b: i32(2), a: i32(1) })).toBe(true);
    expect(updateWouldChange(doc, { _id: i32(1), a: i32(1) })).toBe(true);
    expect(updateWouldChange({ a: { x: dbl(0) } }, { a: { x: dbl(-0) } })).toBe(true);
  });
});
