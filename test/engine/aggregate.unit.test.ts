import { describe, expect, it } from 'vitest';
import { ObjectId } from 'bson';
import { evaluateExpression, runPipeline, type PipelineContext } from '../../src/engine/aggregate.ts';
import { CommandError, ErrorCodes } from '../../src/engine/errors.ts';
import { bsonType, cloneValue, Decimal128, Double, Int32, Long, type Doc } from '../../src/engine/values.ts';

const i32 = (n: number) => new Int32(n);
const dbl = (n: number) => new Double(n);

/** Converts BSON-wrapped numbers to JS numbers for readable deep equality. */
function plain(v: unknown): any {
  if (Array.isArray(v)) return v.map(plain);
  if (v instanceof Date) return v;
  if (v && typeof v === 'object') {
    const t = (v as any)._bsontype;
    if (t === 'Int32' || t === 'Double') return (v as any).value;
    if (t === 'Long') return (v as Long).toNumber();
    if (t === 'Decimal128') return `dec:${(v as Decimal128).toString()}`;
    if (t === 'ObjectId') return v;
    const out: Doc = {};
    for (const k of Object.keys(v)) out[k] = plain((v as Doc)[k]);
    return out;
  }
  return v;
}

function ctxWith(collections: Record<string, Doc[]> = {}): PipelineContext {
  return { collectionDocs: (name) => collections[name] };
}

function run(docs: Doc[], pipeline: Doc[], collections: Record<string, Doc[]> = {}): Doc[] {
  return runPipeline(docs, pipeline, ctxWith(collections));
}

function expectCode(fn: () => unknown, code: number, message?: string | RegExp): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err, 'expected a CommandError').toBeInstanceOf(CommandError);
  expect((err as CommandError).code).toBe(code);
  if (typeof message === 'string') expect((err as CommandError).message).toBe(message);
  else if (message) expect((err as CommandError).message).toMatch(message);
}

function ev(expr: unknown, doc: Doc = {}, vars?: Record<string, unknown>): unknown {
  return evaluateExpression(expr, doc, vars);
}

const people: Doc[] = [
  { _id: i32(1), name: 'ann', age: i32(30), city: 'Oslo', tags: ['a', 'b'] },
  { _id: i32(2), name: 'bob', age: i32(25), city: 'Rome', tags: ['b'] },
  { _id: i32(3), name: 'cid', age: i32(35), city: 'Oslo', tags: [] },
  { _id: i32(4), name: 'dee', age: dbl(28.5), city: 'Rome' },
];

describe('pipeline structure and errors', () => {
  it('rejects stage documents without exactly one field', () => {
    expectCode(() => run([], [{}]), 40323, 'A pipeline stage specification object must contain exactly one field.');
    expectCode(() => run([], [{ $match: {}, $limit: 1 }]), 40323);
  });

  it('rejects unknown stages with 40324', () => {
    expectCode(() => run([], [{ $foo: {} }]), 40324, "Unrecognized pipeline stage name: '$foo'");
  });

  it('rejects $out and $merge instead of silently ignoring them', () => {
    expectCode(() => run(people, [{ $out: 'x' }]), ErrorCodes.IllegalOperation, '$out is not supported by the embedded engine');
    expectCode(() => run(people, [{ $merge: { into: 'x' } }]), ErrorCodes.IllegalOperation, '$merge is not supported by the embedded engine');
  });

  it('validates the whole pipeline even when there is no input', () => {
    expectCode(() => run([], [{ $project: { x: { $foo: 1 } } }]), 168, "Unrecognized expression '$foo'");
  });

  it('returns an empty result for an empty pipeline, as copies', () => {
    const out = run(people, []);
    expect(plain(out)).toEqual(plain(people));
    expect(out[0]).not.toBe(people[0]);
  });
});

describe('$match', () => {
  it('filters with query semantics', () => {
    const out = run(people, [{ $match: { city: 'Oslo', age: { $gte: 31 } } }]);
    expect(out.map((d) => d.name)).toEqual(['cid']);
  });

  it('supports $expr', () => {
    const out = run(people, [{ $match: { $expr: { $lt: ['$age', 29] } } }]);
    expect(out.map((d) => d.name)).toEqual(['bob', 'dee']);
  });

  it('matches array elements', () => {
    const out = run(people, [{ $match: { tags: 'b' } }]);
    expect(out.map((d) => d.name)).toEqual(['ann', 'bob']);
  });
});

describe('$project', () => {
  const doc = { _id: i32(1), a: i32(1), b: { c: i32(2), d: i32(3) }, e: 'x' };

  it('includes fields, keeping _id by default and input order', () => {
    expect(plain(run([doc], [{ $project: { e: 1, a: 1 } }]))).toEqual([{ _id: 1, a: 1, e: 'x' }]);
  });

  it('can exclude _id from an inclusion projection', () => {
    expect(plain(run([doc], [{ $project: { _id: 0, a: 1 } }]))).toEqual([{ a: 1 }]);
  });

  it('excludes fields', () => {
    expect(plain(run([doc], [{ $project: { b: 0, e: 0 } }]))).toEqual([{ _id: 1, a: 1 }]);
    expect(plain(run([doc], [{ $project: { _id: 0 } }]))).toEqual([{ a: 1, b: { c: 2, d: 3 }, e: 'x' }]);
  });

  it('handles dotted and nested inclusion/exclusion', () => {
    expect(plain(run([doc], [{ $project: { 'b.c': 1 } }]))).toEqual([{ _id: 1, b: { c: 2 } }]);
    expect(plain(run([doc], [{ $project: { b: { d: 1 } } }]))).toEqual([{ _id: 1, b: { d: 3 } }]);
    expect(plain(run([doc], [{ $project: { 'b.c': 0 } }]))).toEqual([{ _id: 1, a: 1, b: { d: 3 }, e: 'x' }]);
  });

  it('projects through arrays of documents', () => {
    const d = { _id: i32(1), items: [{ x: i32(1), y: i32(2) }, { x: i32(3) }, i32(7)] };
    expect(plain(run([d], [{ $project: { 'items.x': 1 } }]))).toEqual([{ _id: 1, items: [{ x: 1 }, { x: 3 }] }]);
    expect(plain(run([d], [{ $project: { 'items.x': 0 } }]))).toEqual([{ _id: 1, items: [{ y: 2 }, {}, 7] }]);
  });

  it('computes fields from expressions and literals', () => {
    const out = run([doc], [{ $project: { total: { $add: ['$a', '$b.c'] }, label: 'fixed', c: '$b.c', gone: '$$REMOVE' } }]);
    expect(plain(out)).toEqual([{ _id: 1, total: 3, label: 'fixed', c: 2 }]);
    expect(bsonType(out[0].total)).toBe('int');
  });

  it('computes dotted fields, creating embedded documents', () => {
    expect(plain(run([doc], [{ $project: { _id: 0, 'x.y': '$a', a: 1 } }]))).toEqual([{ a: 1, x: { y: 1 } }]);
  });

  it('rejects mixing inclusion and exclusion', () => {
    expectCode(
      () => run([doc], [{ $project: { a: 1, b: 0 } }]),
      31254,
      'Invalid $project :: caused by :: Cannot do exclusion on field b in inclusion projection',
    );
    expectCode(() => run([doc], [{ $project: { b: 0, a: 1 } }]), 31253);
    expectCode(() => run([doc], [{ $project: { b: 0, a: '$e' } }]), 31252);
  });

  it('rejects empty projections and path collisions', () => {
    expectCode(() => run([doc], [{ $project: {} }]), 51272);
    expectCode(() => run([doc], [{ $project: { b: 1, 'b.c': 1 } }]), 31250);
  });
});

describe('$addFields / $set / $unset', () => {
  const doc = { _id: i32(1), a: i32(1), b: { c: i32(2) }, arr: [{ v: i32(1) }, { v: i32(2) }] };

  it('adds and overwrites fields, keeping position of existing ones', () => {
    const out = run([doc], [{ $addFields: { a: { $multiply: ['$a', 10] }, z: true } }]);
    expect(Object.keys(out[0])).toEqual(['_id', 'a', 'b', 'arr', 'z']);
    expect(plain(out[0].a)).toBe(10);
    expect(out[0].z).toBe(true);
  });

  it('$set is an alias; embedded specs merge into existing documents', () => {
    expect(plain(run([doc], [{ $set: { 'b.d': i32(5) } }])[0].b)).toEqual({ c: 2, d: 5 });
    expect(plain(run([doc], [{ $set: { b: { e: '$a' } } }])[0].b)).toEqual({ c: 2, e: 1 });
  });

  it('sets fields inside every element of an array', () => {
    const out = run([doc], [{ $addFields: { 'arr.w': '$a' } }]);
    expect(plain(out[0].arr)).toEqual([
      { v: 1, w: 1 },
      { v: 2, w: 1 },
    ]);
  });

  it('removes fields with $$REMOVE', () => {
    const out = run([doc], [{ $addFields: { a: '$$REMOVE' } }]);
    expect('a' in out[0]).toBe(false);
  });

  it('$unset removes fields (string and array forms)', () => {
    expect(plain(run([doc], [{ $unset: 'a' }]))).toEqual([{ _id: 1, b: { c: 2 }, arr: [{ v: 1 }, { v: 2 }] }]);
    expect(plain(run([doc], [{ $unset: ['_id', 'b.c', 'arr.v'] }]))).toEqual([{ a: 1, b: {}, arr: [{}, {}] }]);
    expectCode(() => run([doc], [{ $unset: [i32(1)] }]), 31002);
  });
});

describe('$sort, $skip, $limit', () => {
  it('sorts on multiple keys', () => {
    const out = run(people, [{ $sort: { city: 1, age: -1 } }]);
    expect(out.map((d) => d.name)).toEqual(['cid', 'ann', 'dee', 'bob']);
  });

  it('compares numbers across types and sorts missing/null first', () => {
    const docs = [{ _id: 1, v: dbl(2.5) }, { _id: 2, v: i32(2) }, { _id: 3 }, { _id: 4, v: Long.fromNumber(3) }, { _id: 5, v: null }];
    expect(run(docs, [{ $sort: { v: 1 } }]).map((d) => d._id)).toEqual([3, 5, 2, 1, 4]);
    expect(run(docs, [{ $sort: { v: -1 } }]).map((d) => d._id)).toEqual([4, 1, 2, 3, 5]);
  });

  it('uses the smallest array element ascending and the largest descending', () => {
    const docs = [
      { _id: 1, v: [i32(1), i32(10)] },
      { _id: 2, v: i32(5) },
      { _id: 3, v: [] },
    ];
    expect(run(docs, [{ $sort: { v: 1 } }]).map((d) => d._id)).toEqual([3, 1, 2]);
    expect(run(docs, [{ $sort: { v: -1 } }]).map((d) => d._id)).toEqual([1, 2, 3]);
  });

  it('sorts on dotted paths through arrays', () => {
    const docs = [
      { _id: 1, a: [{ b: i32(4) }, { b: i32(9) }] },
      { _id: 2, a: { b: i32(6) } },
    ];
    expect(run(docs, [{ $sort: { 'a.b': 1 } }]).map((d) => d._id)).toEqual([1, 2]);
    expect(run(docs, [{ $sort: { 'a.b': -1 } }]).map((d) => d._id)).toEqual([1, 2]);
  });

  it('is stable', () => {
    const docs = [1, 2, 3, 4].map((n) => ({ _id: n, k: i32(n % 2) }));
    expect(run(docs, [{ $sort: { k: 1 } }]).map((d) => d._id)).toEqual([2, 4, 1, 3]);
  });

  it('skips and limits', () => {
    const out = run(people, [{ $sort: { _id: 1 } }, { $skip: i32(1) }, { $limit: Long.fromNumber(2) }]);
    expect(out.map((d) => d.name)).toEqual(['bob', 'cid']);
  });

  it('validates arguments', () => {
    expectCode(() => run([], [{ $sort: { a: 2 } }]), 15975);
    expectCode(() => run([], [{ $sort: {} }]), 15976);
    expectCode(() => run([], [{ $limit: i32(0) }]), 15958);
    expectCode(() => run([], [{ $skip: i32(-1) }]), 15956);
    expectCode(() => run([], [{ $limit: 'x' }]), 15972);
  });
});

describe('$group', () => {
  it("handles the driver's countDocuments pipeline", () => {
    const pipeline = [{ $match: { city: 'Oslo' } }, { $skip: i32(0) }, { $limit: i32(10) }, { $group: { _id: i32(1), n: { $sum: i32(1) } } }];
    const out = run(people, pipeline);
    expect(out).toHaveLength(1);
    expect(bsonType(out[0].n)).toBe('int');
    expect(plain(out[0])).toEqual({ _id: 1, n: 2 });
    // Skip/limit apply before counting; no documents means no group at all.
    expect(plain(run(people, [{ $match: {} }, { $skip: i32(1) }, { $limit: i32(2) }, { $group: { _id: i32(1), n: { $sum: i32(1) } } }]))).toEqual([
      { _id: 1, n: 2 },
    ]);
    expect(run(people, [{ $match: { city: 'Nowhere' } }, { $group: { _id: i32(1), n: { $sum: i32(1) } } }])).toEqual([]);
  });

  it('groups by a field, null/missing keys together', () => {
    const docs = [{ k: 'a' }, { k: null }, {}, { k: 'a' }];
    const out = run(docs, [{ $group: { _id: '$k', n: { $sum: 1 } } }]);
    expect(plain(out)).toEqual([
      { _id: 'a', n: 2 },
      { _id: null, n: 2 },
    ]);
  });

  it('groups numerically equal keys of different types together', () => {
    const docs = [{ k: i32(1) }, { k: dbl(1) }, { k: Long.fromNumber(1) }, { k: i32(2) }];
    const out = run(docs, [{ $group: { _id: '$k', n: { $count: {} } } }]);
    expect(plain(out)).toEqual([
      { _id: 1, n: 3 },
      { _id: 2, n: 1 },
    ]);
    expect(bsonType(out[0]._id)).toBe('int');
    expect(bsonType(out[0].n)).toBe('int');
  });

  it('supports compound _id expressions', () => {
    const out = run(people, [
      { $group: { _id: { city: '$city', old: { $gte: ['$age', 30] } }, names: { $push: '$name' } } },
      { $sort: { '_id.city': 1, '_id.old': 1 } },
    ]);
    expect(plain(out)).toEqual([
      { _id: { city: 'Oslo', old: true }, names: ['ann', 'cid'] },
      { _id: { city: 'Rome', old: false }, names: ['bob', 'dee'] },
    ]);
  });

  it('$sum: int stays int, overflows to long, doubles give double', () => {
    const ints = run([{ v: i32(1) }, { v: i32(2) }, { v: 'x' }], [{ $group: { _id: null, s: { $sum: '$v' } } }]);
    expect(bsonType(ints[0].s)).toBe('int');
    expect(plain(ints[0].s)).toBe(3);

    const big = run([{ v: i32(2147483647) }, { v: i32(1) }], [{ $group: { _id: null, s: { $sum: '$v' } } }]);
    expect(bsonType(big[0].s)).toBe('long');
    expect((big[0].s as Long).toBigInt()).toBe(2147483648n);

    const longs = run([{ v: Long.fromNumber(5) }, { v: i32(1) }], [{ $group: { _id: null, s: { $sum: '$v' } } }]);
    expect(bsonType(longs[0].s)).toBe('long');
    expect(plain(longs[0].s)).toBe(6);

    const mixed = run([{ v: i32(1) }, { v: dbl(0.5) }], [{ $group: { _id: null, s: { $sum: '$v' } } }]);
    expect(bsonType(mixed[0].s)).toBe('double');
    expect(plain(mixed[0].s)).toBe(1.5);

    const none = run([{ v: 'x' }], [{ $group: { _id: null, s: { $sum: '$v' } } }]);
    expect(bsonType(none[0].s)).toBe('int');
    expect(plain(none[0].s)).toBe(0);
  });

  it('$avg returns a double, or null without numbers', () => {
    const out = run([{ v: i32(1) }, { v: i32(2) }, { v: null }], [{ $group: { _id: null, a: { $avg: '$v' }, none: { $avg: '$missing' } } }]);
    expect(bsonType(out[0].a)).toBe('double');
    expect(plain(out[0].a)).toBe(1.5);
    expect(out[0].none).toBe(null);
  });

  it('$min / $max ignore null and missing and keep the original type', () => {
    const docs = [{ v: i32(3) }, { v: null }, {}, { v: dbl(1.5) }, { v: Long.fromNumber(7) }];
    const out = run(docs, [{ $group: { _id: null, lo: { $min: '$v' }, hi: { $max: '$v' }, nothing: { $max: '$zzz' } } }]);
    expect(bsonType(out[0].lo)).toBe('double');
    expect(plain(out[0].lo)).toBe(1.5);
    expect(bsonType(out[0].hi)).toBe('long');
    expect(plain(out[0].hi)).toBe(7);
    expect(out[0].nothing).toBe(null);
  });

  it('$min / $max compare across BSON types', () => {
    const out = run([{ v: 'str' }, { v: i32(5) }], [{ $group: { _id: null, lo: { $min: '$v' }, hi: { $max: '$v' } } }]);
    expect(plain(out[0])).toEqual({ _id: null, lo: 5, hi: 'str' });
  });

  it('$first / $last follow input order (missing becomes null)', () => {
    const out = run(
      [{ v: i32(1), w: 'a' }, { v: i32(2) }, { v: i32(3), w: 'c' }],
      [{ $group: { _id: null, f: { $first: '$v' }, l: { $last: '$v' }, lw: { $last: '$w' }, fw: { $first: '$w' } } }],
    );
    expect(plain(out[0])).toEqual({ _id: null, f: 1, l: 3, lw: 'c', fw: 'a' });
    const out2 = run([{ v: i32(1) }, { v: i32(2), w: 'b' }], [{ $group: { _id: null, fw: { $first: '$w' } } }]);
    expect(out2[0].fw).toBe(null);
  });

  it('$push keeps duplicates and skips missing; $addToSet dedupes', () => {
    const docs = [{ v: i32(1) }, { v: i32(1) }, {}, { v: dbl(1) }, { v: i32(2) }, { v: null }];
    const out = run(docs, [{ $group: { _id: null, p: { $push: '$v' }, s: { $addToSet: '$v' } } }]);
    expect(plain(out[0].p)).toEqual([1, 1, 1, 2, null]);
    expect(plain(out[0].s)).toEqual([1, 2, null]);
  });

  it('$push of computed documents', () => {
    const out = run(people.slice(0, 2), [{ $group: { _id: null, p: { $push: { n: '$name', a: '$age' } } } }]);
    expect(plain(out[0].p)).toEqual([
      { n: 'ann', a: 30 },
      { n: 'bob', a: 25 },
    ]);
  });

  it('$count accumulator and $mergeObjects', () => {
    const out = run([{ o: { a: 1 } }, { o: { b: 2 } }, { o: null }], [{ $group: { _id: null, c: { $count: {} }, m: { $mergeObjects: '$o' } } }]);
    expect(plain(out[0])).toEqual({ _id: null, c: 3, m: { a: 1, b: 2 } });
  });

  it('$stdDevPop / $stdDevSamp', () => {
    const docs = [2, 4, 4, 4, 5, 5, 7, 9].map((n) => ({ v: i32(n) }));
    const out = run(docs, [{ $group: { _id: null, p: { $stdDevPop: '$v' }, s: { $stdDevSamp: '$v' } } }]);
    expect(plain(out[0].p)).toBeCloseTo(2);
    expect(plain(out[0].s)).toBeCloseTo(2.138, 3);
  });

  it('validates its specification', () => {
    expectCode(() => run([], [{ $group: { n: { $sum: 1 } } }]), 15955);
    expectCode(() => run([], [{ $group: { _id: null, n: { $foo: 1 } } }]), 15952, "unknown group operator '$foo'");
    expectCode(() => run([], [{ $group: { _id: null, 'a.b': { $sum: 1 } } }]), 40235);
    expectCode(() => run([], [{ $group: { _id: null, n: { $sum: 1, $max: 1 } } }]), 40238);
    expectCode(() => run([], [{ $group: { _id: null, n: 5 } }]), 40234);
  });
});

describe('$count and $sortByCount', () => {
  it('$count emits an Int32 count, nothing for empty input', () => {
    const out = run(people, [{ $count: 'total' }]);
    expect(plain(out)).toEqual([{ total: 4 }]);
    expect(bsonType(out[0].total)).toBe('int');
    expect(run([], [{ $count: 'total' }])).toEqual([]);
    expectCode(() => run([], [{ $count: '' }]), 40156);
    expectCode(() => run([], [{ $count: '$x' }]), 40158);
    expectCode(() => run([], [{ $count: 'a.b' }]), 40160);
  });

  it('$sortByCount groups and sorts by descending count', () => {
    const out = run(people, [{ $unwind: '$tags' }, { $sortByCount: '$tags' }]);
    expect(plain(out)).toEqual([
      { _id: 'b', count: 2 },
      { _id: 'a', count: 1 },
    ]);
    expect(bsonType(out[0].count)).toBe('int');
  });
});

describe('$unwind', () => {
  const docs: Doc[] = [{ _id: 1, sizes: ['S', 'M'] }, { _id: 2, sizes: [] }, { _id: 3 }, { _id: 4, sizes: null }, { _id: 5, sizes: 'L' }];

  it('string form drops empty, null and missing', () => {
    expect(run(docs, [{ $unwind: '$sizes' }])).toEqual([
      { _id: 1, sizes: 'S' },
      { _id: 1, sizes: 'M' },
      { _id: 5, sizes: 'L' },
    ]);
  });

  it('preserveNullAndEmptyArrays keeps them (empty arrays lose the field)', () => {
    expect(run(docs, [{ $unwind: { path: '$sizes', preserveNullAndEmptyArrays: true } }])).toEqual([
      { _id: 1, sizes: 'S' },
      { _id: 1, sizes: 'M' },
      { _id: 2 },
      { _id: 3 },
      { _id: 4, sizes: null },
      { _id: 5, sizes: 'L' },
    ]);
  });

  it('includeArrayIndex adds a Long index, null for non-arrays', () => {
    const out = run(docs, [{ $unwind: { path: '$sizes', includeArrayIndex: 'idx', preserveNullAndEmptyArrays: true } }]);
    expect(out.map((d) => (d.idx === null ? null : bsonType(d.idx)))).toEqual(['long', 'long', null, null, null, null]);
    expect(plain(out.map((d) => d.idx))).toEqual([0, 1, null, null, null, null]);
  });

  it('unwinds nested paths', () => {
    const out = run([{ _id: 1, a: { b: [i32(1), i32(2)], c: 'x' } }], [{ $unwind: '$a.b' }]);
    expect(plain(out)).toEqual([
      { _id: 1, a: { b: 1, c: 'x' } },
      { _id: 1, a: { b: 2, c: 'x' } },
    ]);
  });

  it('validates options', () => {
    expectCode(() => run([], [{ $unwind: 'sizes' }]), 28818);
    expectCode(() => run([], [{ $unwind: { path: '$a', includeArrayIndex: '$i' } }]), 28822);
    expectCode(() => run([], [{ $unwind: { path: '$a', foo: 1 } }]), 28811);
    expectCode(() => run([], [{ $unwind: {} }]), 28812);
    expectCode(() => run([], [{ $unwind: { path: '$a', preserveNullAndEmptyArrays: 1 } }]), 28809);
  });
});

describe('$replaceRoot / $replaceWith', () => {
  const docs = [
    { _id: 1, inner: { a: i32(1) } },
    { _id: 2, inner: { a: i32(2) } },
  ];

  it('promotes an embedded document', () => {
    expect(plain(run(docs, [{ $replaceRoot: { newRoot: '$inner' } }]))).toEqual([{ a: 1 }, { a: 2 }]);
    expect(plain(run(docs, [{ $replaceWith: { $mergeObjects: [{ id: '$_id' }, '$inner'] } }]))).toEqual([
      { id: 1, a: 1 },
      { id: 2, a: 2 },
    ]);
  });

  it('errors when the new root is not a document', () => {
    expectCode(() => run([{ _id: 1 }], [{ $replaceRoot: { newRoot: '$missing' } }]), 40228);
    expectCode(() => run([{ _id: 1 }], [{ $replaceWith: '$_id' }]), 40228);
  });
});

describe('$lookup', () => {
  const orders: Doc[] = [
    { _id: 1, item: 'almonds', qty: i32(2) },
    { _id: 2, item: 'pecans', qty: i32(1) },
    { _id: 3, items: ['almonds', 'cashews'] },
    { _id: 4 },
  ];
  const inventory: Doc[] = [
    { _id: 10, sku: 'almonds', stock: i32(120) },
    { _id: 11, sku: 'cashews', stock: i32(60) },
    { _id: 12, sku: ['pecans', 'walnuts'], stock: i32(10) },
    { _id: 13, sku: null },
    { _id: 14 },
  ];

  it('joins on equality', () => {
    const out = run(orders.slice(0, 2), [{ $lookup: { from: 'inventory', localField: 'item', foreignField: 'sku', as: 'inv' } }], { inventory });
    expect(out[0].inv.map((d: Doc) => d._id)).toEqual([10]);
    // A foreign array field matches any of its elements.
    expect(out[1].inv.map((d: Doc) => d._id)).toEqual([12]);
  });

  it('expands local arrays and matches missing/null to null', () => {
    const out = run(
      orders.slice(2),
      [
        { $lookup: { from: 'inventory', localField: 'items', foreignField: 'sku', as: 'inv' } },
        { $lookup: { from: 'inventory', localField: 'item', foreignField: 'sku', as: 'byItem' } },
      ],
      { inventory },
    );
    expect(out[0].inv.map((d: Doc) => d._id)).toEqual([10, 11]);
    expect(out[1].byItem.map((d: Doc) => d._id)).toEqual([13, 14]);
  });

  it('yields empty arrays for a missing collection and does not mutate input', () => {
    const input = cloneValue(orders);
    const out = run(input, [{ $lookup: { from: 'nope', localField: 'item', foreignField: 'sku', as: 'inv' } }]);
    expect(out.every((d) => Array.isArray(d.inv) && d.inv.length === 0)).toBe(true);
    expect(input).toEqual(orders);
  });

  it('supports let/pipeline sub-queries', () => {
    const out = run(
      orders.slice(0, 2),
      [
        {
          $lookup: {
            from: 'inventory',
            let: { want: '$item', q: '$qty' },
            pipeline: [
              { $match: { $expr: { $and: [{ $eq: ['$sku', '$$want'] }, { $gte: ['$stock', { $multiply: ['$$q', 100] }] }] } } },
              { $project: { _id: 0, stock: 1 } },
            ],
            as: 'inv',
          },
        },
      ],
      { inventory },
    );
    expect(plain(out.map((d) => d.inv))).toEqual([[], []]);
    const out2 = run(
      [orders[0]],
      [
        {
          $lookup: {
            from: 'inventory',
            let: { want: '$item' },
            pipeline: [{ $match: { $expr: { $eq: ['$sku', '$$want'] } } }, { $project: { _id: 0, stock: 1 } }],
            as: 'inv',
          },
        },
      ],
      { inventory },
    );
    expect(plain(out2[0].inv)).toEqual([{ stock: 120 }]);
  });

  /** _ids of `locals` whose lookup against the single `foreign` document matches it. */
  function localsMatching(locals: Doc[], localField: string, foreign: Doc, foreignField: string): unknown[] {
    const out = run(locals, [{ $lookup: { from: 'f', localField, foreignField, as: 'm' } }], { f: [foreign] });
    return out.filter((d) => d.m.length > 0).map((d) => d._id);
  }
  /** _ids of `foreigns` that the single `local` document joins to. */
  function foreignsMatching(local: Doc, localField: string, foreigns: Doc[], foreignField: string): unknown[] {
    return run([local], [{ $lookup: { from: 'f', localField, foreignField, as: 'm' } }], { f: foreigns })[0].m.map((d: Doc) => d._id);
  }

  it('treats null, missing and (local) empty arrays alike', () => {
    const docs = [
      { _id: 0, other: 1 },
      { _id: 1, a: null },
      { _id: 2, a: [null, 1] },
      { _id: 3, a: [] },
      { _id: 4, a: 1 },
      { _id: 5, a: { x: null } },
      { _id: 6, a: [[null, 1], 2] },
      { _id: 7, a: false },
      { _id: 8, a: '' },
    ];
    expect(localsMatching(docs, 'a', { _id: 0, b: null }, 'b')).toEqual([0, 1, 2, 3]);
    expect(localsMatching(docs, 'a', { _id: 0 }, 'b')).toEqual([0, 1, 2, 3]);
    // On the foreign side an empty array is not null.
    expect(foreignsMatching({ _id: 0, b: null }, 'b', docs, 'a')).toEqual([0, 1, 2]);
    expect(foreignsMatching({ _id: 0 }, 'b', docs, 'a')).toEqual([0, 1, 2]);
  });

  it('expands arrays one level on the local side and matches whole arrays on the foreign side', () => {
    const docs = [
      { _id: 0, a: [[1, 2], 3] },
      { _id: 1, a: [[1, 2]] },
      { _id: 2, a: [1, 2] },
      { _id: 10, a: [[[1, 2], 3], 4] },
      { _id: 11, a: [2, 1] },
      { _id: 12, a: null },
    ];
    expect(localsMatching(docs, 'a', { _id: 0, b: [1, 2] }, 'b')).toEqual([0, 1, 2, 11]);
    expect(foreignsMatching({ _id: 0, b: [1, 2] }, 'b', docs, 'a')).toEqual([2, 11]);
    expect(localsMatching(docs, 'a', { _id: 0, b: [[1, 2], 42] }, 'b')).toEqual([0, 1]);
    expect(foreignsMatching({ _id: 0, b: [[1, 2], 42] }, 'b', docs, 'a')).toEqual([0, 1, 2]);
  });

  it('follows dotted paths through arrays of documents', () => {
    const docs = [
      { _id: 0, a: { x: 1 } },
      { _id: 1, a: [{ x: 1 }, { x: 2 }] },
      { _id: 2, a: [{ x: 1 }, { y: 2 }] },
      { _id: 3, a: { x: [1, 2] } },
      { _id: 4, a: [{ x: [1, 2] }] },
      { _id: 10, a: { x: [[1], 2] } },
      { _id: 11, a: [{ y: 1 }, { x: 2 }] },
      { _id: 12, a: [1] },
      { _id: 13, a: [] },
    ];
    expect(localsMatching(docs, 'a.x', { _id: 0, k: 1 }, 'k')).toEqual([0, 1, 2, 3, 4]);
    expect(foreignsMatching({ _id: 0, k: 1 }, 'k', docs, 'a.x')).toEqual([0, 1, 2, 3, 4]);
    // Missing on the path: locals only when no element has the field; foreigns when any lacks it.
    expect(localsMatching(docs, 'a.x', { _id: 0, k: null }, 'k')).toEqual([12, 13]);
    expect(foreignsMatching({ _id: 0, k: null }, 'k', docs, 'a.x')).toEqual([2, 11, 12, 13]);
  });

  it('validates its specification', () => {
    expectCode(() => run([], [{ $lookup: { from: 'x', localField: 'a', as: 'b' } }]), ErrorCodes.FailedToParse);
    expectCode(() => run([], [{ $lookup: { from: 'x', localField: 'a', foreignField: 'b' } }]), ErrorCodes.FailedToParse);
  });
});

describe('$facet and $unionWith', () => {
  it('$facet runs sub-pipelines over the same input', () => {
    const out = run(people, [{ $facet: { count: [{ $count: 'n' }], names: [{ $sort: { age: -1 } }, { $limit: 2 }, { $project: { _id: 0, name: 1 } }] } }]);
    expect(plain(out)).toEqual([{ count: [{ n: 4 }], names: [{ name: 'cid' }, { name: 'ann' }] }]);
  });

  it('$unionWith appends another collection', () => {
    const out = run([{ _id: 1 }], [{ $unionWith: { coll: 'other', pipeline: [{ $project: { _id: 1 } }] } }], { other: [{ _id: 2, x: 1 }] });
    expect(out).toEqual([{ _id: 1 }, { _id: 2 }]);
  });
});

describe('edge cases', () => {
  it('computed dotted fields replace scalars with documents', () => {
    expect(plain(run([{ _id: 1, a: i32(5) }], [{ $addFields: { 'a.b': i32(1) } }]))).toEqual([{ _id: 1, a: { b: 1 } }]);
  });

  it('projecting a sub-field of _id drops the default _id inclusion', () => {
    expect(plain(run([{ _id: { x: i32(1), y: i32(2) }, a: i32(3) }], [{ $project: { '_id.x': 1 } }]))).toEqual([{ _id: { x: 1 } }]);
  });

  it('$avg over decimals yields a decimal', () => {
    const out = run([{ v: Decimal128.fromString('1.5') }, { v: i32(2) }], [{ $group: { _id: null, a: { $avg: '$v' } } }]);
    expect(bsonType(out[0].a)).toBe('decimal');
    expect(out[0].a.toString()).toBe('1.75');
  });

  it('$sample returns the requested number of distinct input documents', () => {
    const docs = [1, 2, 3, 4, 5].map((n) => ({ _id: n }));
    const out = run(docs, [{ $sample: { size: i32(3) } }]);
    expect(out).toHaveLength(3);
    expect(new Set(out.map((d) => d._id)).size).toBe(3);
    expect(out.every((d) => docs.some((x) => x._id === d._id))).toBe(true);
  });

  it('$limit stops consuming the input early', () => {
    let pulled = 0;
    function* source() {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield { _id: i };
      }
    }
    expect(runPipeline(source(), [{ $limit: i32(3) }], ctxWith())).toHaveLength(3);
    expect(pulled).toBe(3);
  });

  it('$$NOW is a date', () => {
    expect(run([{ _id: 1 }], [{ $project: { now: '$$NOW' } }])[0].now).toBeInstanceOf(Date);
  });
});

describe('no mutation of input documents', () => {
  it('leaves input untouched across every document-changing stage', () => {
    const input: Doc[] = [
      { _id: 1, a: { b: i32(1), list: [{ x: i32(1) }] }, arr: [i32(3), i32(1)] },
      { _id: 2, a: { b: i32(2), list: [] }, arr: [] },
    ];
    const snapshot = cloneValue(input);
    const out = run(
      input,
      [
        { $addFields: { 'a.c': '$a.b', 'a.list.y': i32(5) } },
        { $set: { arr2: '$arr' } },
        { $unwind: { path: '$arr', includeArrayIndex: 'a.i', preserveNullAndEmptyArrays: true } },
        { $project: { 'a.b': 0 } },
        { $lookup: { from: 'self', localField: '_id', foreignField: '_id', as: 'a.self' } },
        { $sort: { arr: -1 } },
      ],
      { self: input },
    );
    expect(input).toEqual(snapshot);
    // Output values are copies, so mutating them does not leak back.
    out[0].a.list.push('junk');
    out[0].arr2.push('junk');
    expect(input).toEqual(snapshot);
  });
});

describe('expressions: paths and variables', () => {
  const doc = { a: { b: i32(1) }, arr: [{ b: i32(1) }, { b: [i32(2), i32(3)] }, { c: i32(1) }, i32(5)], n: null };

  it('resolves field paths, traversing arrays of documents', () => {
    expect(plain(ev('$a.b', doc))).toBe(1);
    expect(plain(ev('$arr.b', doc))).toEqual([1, [2, 3]]);
    expect(ev('$nope', doc)).toBe(undefined);
    expect(ev('$n.x', doc)).toBe(undefined);
  });

  it('supports $$ROOT, $$CURRENT, $$REMOVE and user variables', () => {
    expect(ev('$$ROOT', doc)).toBe(doc);
    expect(plain(ev('$$CURRENT.a.b', doc))).toBe(1);
    expect(ev('$$REMOVE', doc)).toBe(undefined);
    expect(ev('$$x', doc, { x: 'hello' })).toBe('hello');
    expect(plain(ev('$$x.k', doc, { x: { k: i32(3) } }))).toBe(3);
    expectCode(() => ev('$$nope', doc), 17276, 'Use of undefined variable: nope');
  });

  it('evaluates arrays (missing -> null) and objects (missing dropped)', () => {
    expect(plain(ev(['$a.b', '$missing', 'lit'], doc))).toEqual([1, null, 'lit']);
    expect(plain(ev({ x: '$a.b', y: '$missing', z: { w: '$a' } }, doc))).toEqual({ x: 1, z: { w: { b: 1 } } });
  });

  it('$literal and raw constants are wrapped', () => {
    expect(ev({ $literal: '$a' }, doc)).toBe('$a');
    expect(bsonType(ev(5, doc))).toBe('int');
    expect(bsonType(ev(5.5, doc))).toBe('double');
  });

  it('rejects unknown operators and malformed operator objects', () => {
    expectCode(() => ev({ $foo: 1 }), 168, "Unrecognized expression '$foo'");
    expectCode(() => ev({ $add: [1], b: 1 }), 15983);
    expectCode(() => ev({ $size: [1, 2] }), 16020);
  });
});

describe('expressions: arithmetic', () => {
  it('$add keeps int, promotes to long and double', () => {
    expect(bsonType(ev({ $add: [i32(1), i32(2)] }))).toBe('int');
    const big = ev({ $add: [i32(2147483647), i32(1)] });
    expect(bsonType(big)).toBe('long');
    expect(plain(big)).toBe(2147483648);
    expect(bsonType(ev({ $add: [i32(1), Long.fromNumber(2)] }))).toBe('long');
    const d = ev({ $add: [i32(1), dbl(0.5)] });
    expect(bsonType(d)).toBe('double');
    expect(plain(d)).toBe(1.5);
    expect(ev({ $add: [i32(1), null] })).toBe(null);
    expect(ev({ $add: [i32(1), '$missing'] })).toBe(null);
  });

  it('$add and $subtract with dates', () => {
    const date = new Date('2024-01-01T00:00:00Z');
    expect(ev({ $add: ['$d', i32(1000)] }, { d: date })).toEqual(new Date('2024-01-01T00:00:01Z'));
    expect(ev({ $subtract: ['$d', i32(1000)] }, { d: date })).toEqual(new Date('2023-12-31T23:59:59Z'));
    const diff = ev({ $subtract: ['$d', '$e'] }, { d: date, e: new Date('2023-12-31T00:00:00Z') });
    expect(bsonType(diff)).toBe('long');
    expect(plain(diff)).toBe(86_400_000);
    expectCode(() => ev({ $add: ['$d', '$d'] }, { d: date }), 16612);
    expectCode(() => ev({ $add: [i32(1), 'x'] }), ErrorCodes.TypeMismatch);
  });

  it('$subtract, $multiply, $divide, $mod', () => {
    expect(plain(ev({ $subtract: [i32(5), i32(7)] }))).toBe(-2);
    const m = ev({ $multiply: [i32(3), i32(4)] });
    expect(bsonType(m)).toBe('int');
    expect(plain(m)).toBe(12);
    expect(bsonType(ev({ $multiply: [i32(65536), i32(65536)] }))).toBe('long');
    const q = ev({ $divide: [i32(6), i32(3)] });
    expect(bsonType(q)).toBe('double');
    expect(plain(q)).toBe(2);
    expectCode(() => ev({ $divide: [i32(1), i32(0)] }), ErrorCodes.BadValue, "can't $divide by zero");
    expect(plain(ev({ $mod: [i32(7), i32(3)] }))).toBe(1);
    expect(bsonType(ev({ $mod: [i32(7), i32(3)] }))).toBe('int');
    expect(plain(ev({ $mod: [dbl(7.5), i32(2)] }))).toBe(1.5);
    expectCode(() => ev({ $mod: [i32(1), i32(0)] }), 16610);
  });

  it('$abs, $floor, $ceil, $round, $trunc, $pow, $sqrt', () => {
    expect(plain(ev({ $abs: i32(-3) }))).toBe(3);
    expect(bsonType(ev({ $abs: i32(-2147483648) }))).toBe('long');
    expect(plain(ev({ $floor: dbl(-1.5) }))).toBe(-2);
    expect(bsonType(ev({ $floor: dbl(-1.5) }))).toBe('double');
    expect(plain(ev({ $ceil: dbl(1.2) }))).toBe(2);
    expect(bsonType(ev({ $ceil: i32(3) }))).toBe('int');
    expect(plain(ev({ $round: [dbl(2.5), i32(0)] }))).toBe(2);
    expect(plain(ev({ $round: [dbl(3.5)] }))).toBe(4);
    expect(plain(ev({ $round: [dbl(19.25), i32(1)] }))).toBe(19.2);
    expect(plain(ev({ $round: [i32(1234), i32(-2)] }))).toBe(1200);
    expect(plain(ev({ $trunc: [dbl(-2.7)] }))).toBe(-2);
    expect(plain(ev({ $pow: [i32(2), i32(10)] }))).toBe(1024);
    expect(bsonType(ev({ $pow: [i32(2), i32(10)] }))).toBe('int');
    expect(plain(ev({ $sqrt: i32(16) }))).toBe(4);
    expect(ev({ $abs: null })).toBe(null);
  });

  it('$sum/$avg/$min/$max as expressions over arrays or arguments', () => {
    const doc = { xs: [i32(1), i32(2), 'x', i32(3)] };
    expect(plain(ev({ $sum: '$xs' }, doc))).toBe(6);
    expect(plain(ev({ $avg: '$xs' }, doc))).toBe(2);
    expect(plain(ev({ $max: '$xs' }, doc))).toBe('x');
    expect(plain(ev({ $min: [i32(4), i32(2), null] }))).toBe(2);
    expect(plain(ev({ $sum: [i32(1), dbl(1.5)] }))).toBe(2.5);
  });
});

describe('expressions: comparison, boolean, conditional', () => {
  it('compares values with BSON ordering', () => {
    expect(ev({ $eq: [i32(1), dbl(1)] })).toBe(true);
    expect(ev({ $ne: ['a', 'b'] })).toBe(true);
    expect(ev({ $gt: ['a', i32(1)] })).toBe(true);
    expect(ev({ $lte: [null, i32(0)] })).toBe(true);
    expect(ev({ $lt: [i32(2), i32(1)] })).toBe(false);
    expect(ev({ $gte: [i32(2), i32(2)] })).toBe(true);
    const c = ev({ $cmp: ['b', 'a'] });
    expect(bsonType(c)).toBe('int');
    expect(plain(c)).toBe(1);
  });

  it('orders missing before null', () => {
    expect(ev({ $eq: ['$missing', null] })).toBe(false);
    expect(ev({ $lt: ['$missing', null] })).toBe(true);
    expect(ev({ $eq: ['$missing', '$alsoMissing'] })).toBe(true);
  });

  it('$and, $or, $not with MongoDB truthiness', () => {
    expect(ev({ $and: [true, i32(1), 'x', []] })).toBe(true);
    expect(ev({ $and: [true, i32(0)] })).toBe(false);
    expect(ev({ $or: [null, '$missing', false] })).toBe(false);
    expect(ev({ $or: [null, dbl(0.1)] })).toBe(true);
    expect(ev({ $not: [null] })).toBe(true);
    expect(ev({ $and: [] })).toBe(true);
  });

  it('$cond (array and object forms), $ifNull, $switch', () => {
    expect(ev({ $cond: [{ $gt: ['$a', 1] }, 'big', 'small'] }, { a: i32(2) })).toBe('big');
    expect(ev({ $cond: { if: '$missing', then: 'yes', else: 'no' } })).toBe('no');
    expectCode(() => ev({ $cond: { if: true, then: 1 } }), 17082);
    expect(ev({ $ifNull: ['$missing', null, 'fallback'] })).toBe('fallback');
    expect(plain(ev({ $ifNull: ['$a', 'fallback'] }, { a: i32(0) }))).toBe(0);
    const sw = {
      $switch: {
        branches: [
          { case: { $lt: ['$n', 0] }, then: 'neg' },
          { case: { $eq: ['$n', 0] }, then: 'zero' },
        ],
        default: 'pos',
      },
    };
    expect(ev(sw, { n: i32(-1) })).toBe('neg');
    expect(ev(sw, { n: i32(0) })).toBe('zero');
    expect(ev(sw, { n: i32(5) })).toBe('pos');
    expectCode(() => ev({ $switch: { branches: [{ case: false, then: 1 }] } }), 40066);
  });
});

describe('expressions: strings', () => {
  it('$concat', () => {
    expect(ev({ $concat: ['a', '-', '$s'] }, { s: 'b' })).toBe('a-b');
    expect(ev({ $concat: ['a', '$missing'] })).toBe(null);
    expectCode(() => ev({ $concat: ['a', i32(1)] }), 16702);
  });

  it('$toLower, $toUpper, $substrCP, $strLenCP, $split, $trim', () => {
    expect(ev({ $toLower: 'AbC' })).toBe('abc');
    expect(ev({ $toUpper: '$missing' })).toBe('');
    expect(ev({ $toUpper: i32(5) })).toBe('5');
    expect(ev({ $substrCP: ['héllo wörld', i32(1), i32(4)] })).toBe('éllo');
    expect(ev({ $substrCP: ['abc', i32(1), i32(-1)] })).toBe('bc');
    expect(plain(ev({ $strLenCP: 'héllo🙂' }))).toBe(6);
    expect(bsonType(ev({ $strLenCP: 'abc' }))).toBe('int');
    expectCode(() => ev({ $strLenCP: '$missing' }), 34471);
    expect(ev({ $split: ['a,b,,c', ','] })).toEqual(['a', 'b', '', 'c']);
    expect(ev({ $split: [null, ','] })).toBe(null);
    expectCode(() => ev({ $split: ['abc', ''] }), 40087);
    expect(ev({ $trim: { input: '  hi  ' } })).toBe('hi');
    expect(ev({ $ltrim: { input: 'xxhixx', chars: 'x' } })).toBe('hixx');
    expect(ev({ $regexMatch: { input: 'Hello', regex: '^h', options: 'i' } })).toBe(true);
    expect(plain(ev({ $indexOfCP: ['hello', 'l'] }))).toBe(2);
    expect(plain(ev({ $strcasecmp: ['ABC', 'abc'] }))).toBe(0);
  });
});

describe('expressions: arrays', () => {
  const doc = { xs: [i32(1), i32(2), i32(3), i32(4)], ys: [{ v: i32(1) }, { v: i32(5) }] };

  it('$size, $arrayElemAt, $first, $last, $in', () => {
    expect(plain(ev({ $size: '$xs' }, doc))).toBe(4);
    expect(bsonType(ev({ $size: '$xs' }, doc))).toBe('int');
    expectCode(() => ev({ $size: '$missing' }, doc), 17124, 'The argument to $size must be an array. Type of argument: missing');
    expect(plain(ev({ $arrayElemAt: ['$xs', i32(1)] }, doc))).toBe(2);
    expect(plain(ev({ $arrayElemAt: ['$xs', i32(-1)] }, doc))).toBe(4);
    expect(ev({ $arrayElemAt: ['$xs', i32(10)] }, doc)).toBe(undefined);
    expect(plain(ev({ $first: '$xs' }, doc))).toBe(1);
    expect(plain(ev({ $last: '$xs' }, doc))).toBe(4);
    expect(ev({ $first: '$missing' }, doc)).toBe(null);
    expect(ev({ $in: [dbl(2), '$xs'] }, doc)).toBe(true);
    expect(ev({ $in: [i32(9), '$xs'] }, doc)).toBe(false);
    expectCode(() => ev({ $in: [i32(1), '$missing'] }, doc), 40081);
  });

  it('$filter, $map, $reduce', () => {
    expect(plain(ev({ $filter: { input: '$xs', as: 'x', cond: { $gt: ['$$x', 2] } } }, doc))).toEqual([3, 4]);
    expect(plain(ev({ $filter: { input: '$xs', cond: { $gt: ['$$this', 1] }, limit: i32(2) } }, doc))).toEqual([2, 3]);
    expect(plain(ev({ $map: { input: '$ys', as: 'y', in: { $multiply: ['$$y.v', 2] } } }, doc))).toEqual([2, 10]);
    expect(ev({ $map: { input: '$missing', in: '$$this' } }, doc)).toBe(null);
    expectCode(() => ev({ $map: { input: 'str', in: '$$this' } }, doc), 16883);
    expect(plain(ev({ $reduce: { input: '$xs', initialValue: i32(0), in: { $add: ['$$value', '$$this'] } } }, doc))).toBe(10);
  });

  it('$slice, $concatArrays, $reverseArray, $range, $indexOfArray, sets', () => {
    expect(plain(ev({ $slice: ['$xs', i32(2)] }, doc))).toEqual([1, 2]);
    expect(plain(ev({ $slice: ['$xs', i32(-2)] }, doc))).toEqual([3, 4]);
    expect(plain(ev({ $slice: ['$xs', i32(1), i32(2)] }, doc))).toEqual([2, 3]);
    expect(plain(ev({ $concatArrays: ['$xs', [i32(5)]] }, doc))).toEqual([1, 2, 3, 4, 5]);
    expect(ev({ $concatArrays: ['$xs', '$missing'] }, doc)).toBe(null);
    expect(plain(ev({ $reverseArray: '$xs' }, doc))).toEqual([4, 3, 2, 1]);
    expect(plain(ev({ $range: [i32(0), i32(6), i32(2)] }))).toEqual([0, 2, 4]);
    expect(plain(ev({ $indexOfArray: ['$xs', i32(3)] }, doc))).toBe(2);
    expect(
      plain(
        ev({
          $setUnion: [
            [i32(1), i32(2)],
            [i32(2), i32(3)],
          ],
        }),
      ),
    ).toEqual([1, 2, 3]);
    expect(
      plain(
        ev({
          $setIntersection: [
            [i32(1), i32(2)],
            [i32(2), i32(3)],
          ],
        }),
      ),
    ).toEqual([2]);
    expect(
      ev({
        $setEquals: [
          [i32(1), i32(2)],
          [i32(2), i32(1), i32(1)],
        ],
      }),
    ).toBe(true);
  });
});

describe('expressions: types, objects, dates', () => {
  it('$type', () => {
    expect(ev({ $type: '$missing' })).toBe('missing');
    expect(ev({ $type: i32(1) })).toBe('int');
    expect(ev({ $type: dbl(1) })).toBe('double');
    expect(ev({ $type: [[]] })).toBe('array');
    expect(ev({ $type: { $literal: {} } })).toBe('object');
  });

  it('$toString, $toInt, $toLong, $toDouble, $toDate, $toBool, $convert', () => {
    expect(ev({ $toString: i32(42) })).toBe('42');
    expect(ev({ $toString: dbl(1.5) })).toBe('1.5');
    expect(ev({ $toString: new Date('2024-05-06T07:08:09.010Z') })).toBe('2024-05-06T07:08:09.010Z');
    const oid = new ObjectId();
    expect(ev({ $toString: oid })).toBe(oid.toHexString());
    expect(ev({ $toString: '$missing' })).toBe(null);
    const n = ev({ $toInt: '12' });
    expect(bsonType(n)).toBe('int');
    expect(plain(n)).toBe(12);
    expect(plain(ev({ $toInt: dbl(3.9) }))).toBe(3);
    expectCode(() => ev({ $toInt: 'abc' }), 241);
    expect(bsonType(ev({ $toLong: i32(5) }))).toBe('long');
    expect(plain(ev({ $toLong: new Date(1000) }))).toBe(1000);
    expect(bsonType(ev({ $toDouble: '2.5' }))).toBe('double');
    expect(plain(ev({ $toDouble: '2.5' }))).toBe(2.5);
    expect(ev({ $toDate: '2024-01-02T03:04:05Z' })).toEqual(new Date('2024-01-02T03:04:05Z'));
    expect(ev({ $toDate: Long.fromNumber(0) })).toEqual(new Date(0));
    expect(ev({ $toBool: i32(0) })).toBe(false);
    expect(ev({ $convert: { input: 'abc', to: 'int', onError: 'bad' } })).toBe('bad');
    expect(ev({ $convert: { input: null, to: 'int', onNull: 'none' } })).toBe('none');
    expect(bsonType(ev({ $convert: { input: '7', to: i32(16) } }))).toBe('int');
  });

  it('$objectToArray, $arrayToObject, $mergeObjects', () => {
    expect(plain(ev({ $objectToArray: { $literal: { a: i32(1), b: 'x' } } }))).toEqual([
      { k: 'a', v: 1 },
      { k: 'b', v: 'x' },
    ]);
    expect(
      plain(
        ev({
          $arrayToObject: [
            [
              ['a', i32(1)],
              ['b', i32(2)],
            ],
          ],
        }),
      ),
    ).toEqual({ a: 1, b: 2 });
    expect(plain(ev({ $arrayToObject: { $literal: [{ k: 'a', v: i32(1) }] } }))).toEqual({ a: 1 });
    expect(plain(ev({ $mergeObjects: [{ a: i32(1), b: i32(1) }, null, { b: i32(2) }] }))).toEqual({ a: 1, b: 2 });
    expectCode(() => ev({ $mergeObjects: [{ a: 1 }, 'x'] }), 40400);
  });

  it('date parts in UTC and in a time zone', () => {
    const d = { d: new Date('2024-03-10T23:30:15.250Z') };
    expect(plain(ev({ $year: '$d' }, d))).toBe(2024);
    expect(plain(ev({ $month: '$d' }, d))).toBe(3);
    expect(plain(ev({ $dayOfMonth: '$d' }, d))).toBe(10);
    expect(plain(ev({ $hour: '$d' }, d))).toBe(23);
    expect(plain(ev({ $minute: '$d' }, d))).toBe(30);
    expect(plain(ev({ $dayOfWeek: '$d' }, d))).toBe(1);
    expect(bsonType(ev({ $year: '$d' }, d))).toBe('int');
    expect(plain(ev({ $hour: { date: '$d', timezone: '+02:00' } }, d))).toBe(1);
    expect(plain(ev({ $dayOfMonth: { date: '$d', timezone: 'Europe/Oslo' } }, d))).toBe(11);
    expect(ev({ $year: '$missing' }, d)).toBe(null);
    expectCode(() => ev({ $year: 'nope' }), 16006);
    expect(ev({ $dateToString: { date: '$d', format: '%Y-%m-%d %H:%M:%S.%L' } }, d)).toBe('2024-03-10 23:30:15.250');
  });

  it('$let binds variables', () => {
    expect(plain(ev({ $let: { vars: { x: i32(2), y: '$a' }, in: { $multiply: ['$$x', '$$y'] } } }, { a: i32(21) }))).toBe(42);
  });
});
