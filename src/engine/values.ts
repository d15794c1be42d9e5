// BSON value semantics shared by the matcher, updates, indexes and sorting.
// Documents are kept exactly as `bson.deserialize(..., { promoteValues: false })` returns them,
// so Int32 / Double / Long / Decimal128 keep their wire types and round-trip unchanged.
import { Double, Int32, Long, Decimal128 } from 'bson';

export type Doc = Record<string, any>;

export function bsonType(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) && Math.abs(v) <= 0x7fffffff ? 'int' : 'double';
    case 'bigint':
      return 'long';
  }
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  const t = (v as any)._bsontype as string | undefined;
  switch (t) {
    case 'Int32':
      return 'int';
    case 'Double':
      return 'double';
    case 'Long':
      return 'long';
    case 'Decimal128':
      return 'decimal';
    case 'ObjectId':
      return 'objectId';
    case 'Binary':
      return 'binData';
    case 'Timestamp':
      return 'timestamp';
    case 'BSONRegExp':
      return 'regex';
    case 'MinKey':
      return 'minKey';
    case 'MaxKey':
      return 'maxKey';
    case 'BSONSymbol':
      return 'symbol';
    case 'Code':
      return 'javascript';
    case 'DBRef':
      return 'object';
    case undefined:
      return 'object';
  }
  return 'object';
}

/** The numeric BSON type codes accepted by `$type`. */
export const typeAliases: Record<string, number> = {
  double: 1,
  string: 2,
  object: 3,
  array: 4,
  binData: 5,
  undefined: 6,
  objectId: 7,
  bool: 8,
  date: 9,
  null: 10,
  regex: 11,
  javascript: 13,
  symbol: 14,
  int: 16,
  timestamp: 17,
  long: 18,
  decimal: 19,
  minKey: -1,
  maxKey: 127,
};

/** MongoDB's cross-type order: https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/ */
export function typeOrder(v: unknown): number {
  switch (bsonType(v)) {
    case 'minKey':
      return 1;
    case 'null':
    case 'undefined':
      return 2;
    case 'int':
    case 'double':
    case 'long':
    case 'decimal':
      return 3;
    case 'string':
    case 'symbol':
      return 4;
    case 'object':
      return 5;
    case 'array':
      return 6;
    case 'binData':
      return 7;
    case 'objectId':
      return 8;
    case 'bool':
      return 9;
    case 'date':
      return 10;
    case 'timestamp':
      return 11;
    case 'regex':
      return 12;
    case 'maxKey':
      return 13;
    default:
      return 5;
  }
}

export function isNumber(v: unknown): boolean {
  const t = bsonType(v);
  return t === 'int' || t === 'double' || t === 'long' || t === 'decimal';
}

/** A numeric BSON value as a JS number (Long and Decimal128 may lose precision). */
export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v && typeof v === 'object') {
    const t = (v as any)._bsontype;
    if (t === 'Int32' || t === 'Double') return (v as Int32 | Double).value;
    if (t === 'Long') return (v as Long).toNumber();
    if (t === 'Decimal128') return Number.parseFloat((v as Decimal128).toString());
  }
  return Number.NaN;
}

function compareNumbers(a: unknown, b: unknown): number {
  const ta = bsonType(a),
    tb = bsonType(b);
  if (ta === 'long' && tb === 'long') {
    const x = toBigInt(a),
      y = toBigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (ta === 'long' || tb === 'long') {
    // Compare a Long with a double exactly when the double is integral.
    const other = ta === 'long' ? b : a;
    const on = toNumber(other);
    if (Number.isInteger(on)) {
      const x = ta === 'long' ? toBigInt(a) : BigInt(on);
      const y = ta === 'long' ? BigInt(on) : toBigInt(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
  }
  const x = toNumber(a),
    y = toNumber(b);
  // MongoDB sorts NaN before every other number.
  if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
  if (Number.isNaN(y)) return 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

function toBigInt(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (v && (v as any)._bsontype === 'Long') return (v as Long).toBigInt();
  return BigInt(Math.trunc(toNumber(v)));
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length - b.length < 0 ? -1 : a.length > b.length ? 1 : 0;
}

/** Total order over BSON values, as MongoDB compares them in queries and sorts. */
export function compareValues(a: unknown, b: unknown): number {
  const oa = typeOrder(a),
    ob = typeOrder(b);
  if (oa !== ob) return oa < ob ? -1 : 1;
  switch (oa) {
    case 1:
    case 2:
    case 13:
      return 0;
    case 3:
      return compareNumbers(a, b);
    case 4: {
      const x = String(a),
        y = String(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 5:
      return compareDocuments(a as Doc, b as Doc);
    case 6: {
      const x = a as unknown[],
        y = b as unknown[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = compareValues(x[i], y[i]);
        if (c) return c;
      }
      return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
    }
    case 7: {
      const x = a as any,
        y = b as any;
      // BinData orders by length, then subtype, then bytes.
      if (x.position !== y.position) return x.position < y.position ? -1 : 1;
      if (x.sub_type !== y.sub_type) return x.sub_type < y.sub_type ? -1 : 1;
      return compareBytes(x.buffer.subarray(0, x.position), y.buffer.subarray(0, y.position));
    }
    case 8:
      return compareBytes((a as any).id, (b as any).id);
    case 9:
      return a === b ? 0 : a ? 1 : -1;
    case 10: {
      const x = (a as Date).getTime(),
        y = (b as Date).getTime();
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 11: {
      const x = (a as any).toBigInt?.() ?? (BigInt((a as any).t) << 32n) | BigInt((a as any).i);
      const y = (b as any).toBigInt?.() ?? (BigInt((b as any).t) << 32n) | BigInt((b as any).i);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 12: {
      const x = regexParts(a),
        y = regexParts(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
  }
  return 0;
}

function regexParts(v: unknown): string {
  if (v instanceof RegExp) return `${v.source}/${v.flags}`;
  return `${(v as any).pattern}/${(v as any).options}`;
}

function compareDocuments(a: Doc, b: Doc): number {
  const ka = Object.keys(a),
    kb = Object.keys(b);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[ka[i]], b[kb[i]]);
    if (c) return c;
    if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  }
  return ka.length === kb.length ? 0 : ka.length < kb.length ? -1 : 1;
}

export function valuesEqual(a: unknown, b: unknown): boolean {
  return compareValues(a, b) === 0;
}

/**
 * A string that is equal for two values exactly when `compareValues` says they are equal:
 * the hash key used by indexes, `_id` lookups, `distinct` and `$group`.
 */
export function canonicalKey(v: unknown): string {
  switch (typeOrder(v)) {
    case 1:
      return 'm';
    case 2:
      return 'z';
    case 3:
      return `n${numberKey(v)}`;
    case 4:
      return `s${String(v)}`;
    case 5: {
      let out = 'o{';
      for (const k of Object.keys(v as Doc)) out += `${JSON.stringify(k)}:${canonicalKey((v as Doc)[k])},`;
      return `${out}}`;
    }
    case 6:
      return `a[${(v as unknown[]).map(canonicalKey).join(',')}]`;
    case 7: {
      const x = v as any;
      return `b${x.sub_type}:${Buffer.from(x.buffer.buffer, x.buffer.byteOffset, x.position).toString('base64')}`;
    }
    case 8:
      return `i${(v as any).toHexString()}`;
    case 9:
      return v ? 't' : 'f';
    case 10:
      return `d${(v as Date).getTime()}`;
    case 11:
      return `T${(v as any).t}:${(v as any).i}`;
    case 12:
      return `r${regexParts(v)}`;
    case 13:
      return 'M';
  }
  return `?${String(v)}`;
}

function numberKey(v: unknown): string {
  const t = bsonType(v);
  if (t === 'long') return toBigInt(v).toString();
  const n = toNumber(v);
  if (Number.isNaN(n)) return 'NaN';
  if (Number.isInteger(n)) return BigInt(n).toString();
  return String(n);
}

/** Deep copy of a document or value; BSON value objects are immutable and shared. */
export function cloneValue<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneValue) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (v && typeof v === 'object' && isPlainDocument(v)) {
    const out: Doc = {};
    for (const k of Object.keys(v)) out[k] = cloneValue((v as Doc)[k]);
    return out as T;
  }
  return v;
}

/** True for embedded documents (not arrays, not BSON value classes, not dates). */
export function isPlainDocument(v: unknown): v is Doc {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Date || v instanceof RegExp) return false;
  const t = (v as any)._bsontype;
  return t === undefined || t === 'DBRef';
}

export { Double, Int32, Long, Decimal128 };
