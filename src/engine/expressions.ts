// Aggregation expression evaluator: https://www.mongodb.com/docs/manual/reference/operator/aggregation/
//
// Expressions are compiled once into closures (`Evaluator`) and then run against a `Scope`.
// A missing value ("the field does not exist", `$$REMOVE`) is represented by `undefined`; it is
// distinct from `null`: object expressions and projections drop missing fields, arrays turn them
// into null, and comparisons order missing before null (as MongoDB does).
//
// Numbers in results are always BSON-wrapped (Int32 / Long / Double / Decimal128), following
// MongoDB's type promotion: int op int -> int (long on overflow), long overflow -> double,
// any double -> double, any decimal -> decimal (decimal arithmetic is approximated with doubles).
import { BSONRegExp, ObjectId, type Timestamp } from 'bson';
import { CommandError, ErrorCodes, fail } from './errors.ts';
import { type Doc, bsonType, canonicalKey, compareValues, Decimal128, Double, Int32, isNumber, isPlainDocument, Long, toNumber } from './values.ts';

export interface Scope {
  /** `$$ROOT`: the document the pipeline stage is processing. */
  root: Doc;
  /** `$$CURRENT`: the base of `$field` paths (same as ROOT in every supported stage). */
  current: unknown;
  /** User variables (`$let`, `$map`/`$filter`/`$reduce`, `$lookup` `let`). */
  vars: Record<string, unknown>;
}

export type Evaluator = (scope: Scope) => unknown;

// ---------------------------------------------------------------------------------------------
// Public entry points

const compiledCache = new WeakMap<object, Evaluator>();

/** Compile an aggregation expression into a reusable evaluator. Throws on malformed expressions. */
export function compileExpression(expr: unknown): Evaluator {
  if (expr !== null && typeof expr === 'object') {
    const hit = compiledCache.get(expr);
    if (hit) return hit;
    const ev = compileUncached(expr);
    compiledCache.set(expr, ev);
    return ev;
  }
  return compileUncached(expr);
}

/** Evaluate `expr` with `$$ROOT` / `$$CURRENT` bound to `doc`. Returns `undefined` for "missing". */
export function evaluateExpression(expr: unknown, doc: Doc, vars?: Record<string, unknown>): unknown {
  return compileExpression(expr)({ root: doc, current: doc, vars: vars ?? {} });
}

/** MongoDB's truthiness for expression results: false, null, missing and numeric zero are false. */
export function isTruthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false) return false;
  if (isNumber(v)) return toNumber(v) !== 0;
  return true;
}

/** Ordering used by aggregation comparisons: like compareValues, but missing < null. */
export function compareAgg(a: unknown, b: unknown): number {
  if (a === undefined || b === undefined) {
    if (a === b) return 0;
    const other = a === undefined ? b : a;
    const missingFirst = bsonType(other) === 'minKey' ? 1 : -1;
    return a === undefined ? missingFirst : -missingFirst;
  }
  return compareValues(a, b);
}

/** Set a field without ever touching the prototype (for keys like `__proto__`). */
export function putField(obj: Doc, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

export function getField(obj: Doc, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/**
 * Resolve a field path the way `$a.b.c` expressions do: descending into embedded documents, and
 * over arrays by collecting the path's value from each document element (non-documents skipped).
 */
export function resolvePath(value: unknown, parts: readonly string[], i = 0): unknown {
  if (i >= parts.length) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const el of value) {
      if (!isPlainDocument(el)) continue;
      const r = resolvePath(el, parts, i);
      if (r !== undefined) out.push(r);
    }
    return out;
  }
  if (!isPlainDocument(value)) return undefined;
  return resolvePath(getField(value, parts[i]), parts, i + 1);
}

/** Raw JS numbers/bigints (e.g. from hand-written pipelines) become BSON-wrapped numbers. */
export function normalizeConstant(v: unknown): unknown {
  if (typeof v === 'number') return wrapJsNumber(v);
  if (typeof v === 'bigint') return Long.fromBigInt(v);
  if (Array.isArray(v)) return v.map(normalizeConstant);
  if (isPlainDocument(v)) {
    const out: Doc = {};
    for (const k of Object.keys(v)) putField(out, k, normalizeConstant(v[k]));
    return out;
  }
  return v;
}

export function typeName(v: unknown): string {
  return v === undefined ? 'missing' : bsonType(v);
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** 0 = int, 1 = long, 2 = double, 3 = decimal: the promotion order of MongoDB arithmetic. */
type Kind = 0 | 1 | 2 | 3;

function kindOf(v: unknown): Kind {
  switch (bsonType(v)) {
    case 'int':
      return 0;
    case 'long':
      return 1;
    case 'decimal':
      return 3;
    default:
      return 2;
  }
}

const INT32_MIN = -2147483648n,
  INT32_MAX = 2147483647n;
const INT64_MIN = -(2n ** 63n),
  INT64_MAX = 2n ** 63n - 1n;

function toBig(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (v && (v as any)._bsontype === 'Long') return (v as Long).toBigInt();
  return BigInt(Math.trunc(toNumber(v)));
}

/** An exact integer result: Int32 if `kind` is int and it fits, else Long, else Double. */
export function wrapInteger(b: bigint, kind: Kind = 0): Int32 | Long | Double {
  if (kind === 0 && b >= INT32_MIN && b <= INT32_MAX) return new Int32(Number(b));
  if (b >= INT64_MIN && b <= INT64_MAX) return Long.fromBigInt(b);
  return new Double(Number(b));
}

function decimalFromNumber(n: number): Decimal128 {
  if (Number.isNaN(n)) return Decimal128.fromString('NaN');
  if (!Number.isFinite(n)) return Decimal128.fromString(n > 0 ? 'Infinity' : '-Infinity');
  return Decimal128.fromString(String(n));
}

function wrapFloat(n: number, kind: Kind): Double | Decimal128 {
  return kind === 3 ? decimalFromNumber(n) : new Double(n);
}

function wrapJsNumber(n: number): Int32 | Long | Double {
  if (Number.isInteger(n) && Number.isSafeInteger(n)) return wrapInteger(BigInt(n), 0);
  return new Double(n);
}

/** Exact-where-possible numeric sum with MongoDB's result typing ($add, $sum). */
export class NumericSum {
  private kind: Kind = 0;
  private big = 0n;
  private dbl = 0;

  add(v: unknown): void {
    const k = kindOf(v);
    if (k > this.kind) this.kind = k;
    if (k <= 1) this.big += toBig(v);
    else this.dbl += toNumber(v);
  }

  result(): Int32 | Long | Double | Decimal128 {
    if (this.kind <= 1) return wrapInteger(this.big, this.kind);
    return wrapFloat(Number(this.big) + this.dbl, this.kind);
  }

  /** The mean over `count` values: Double, or Decimal128 if any input was decimal. */
  average(count: number): Double | Decimal128 {
    return wrapFloat(this.value() / count, this.kind === 3 ? 3 : 2);
  }

  /** The sum as a JS number. */
  value(): number {
    return Number(this.big) + this.dbl;
  }
}

function isNullish(v: unknown): boolean {
  return v === undefined || v === null;
}

function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  if (Math.abs(x % 1) === 0.5) return 2 * Math.round(x / 2);
  return Math.round(x);
}

// ---------------------------------------------------------------------------------------------
// Compilation

function compileUncached(expr: unknown): Evaluator {
  if (typeof expr === 'string') {
    if (expr.startsWith('$')) return compileFieldPath(expr);
    return () => expr;
  }
  if (Array.isArray(expr)) {
    const items = expr.map(compileExpression);
    return (sc) =>
      items.map((ev) => {
        const v = ev(sc);
        return v === undefined ? null : v;
      });
  }
  if (isPlainDocument(expr)) return compileObject(expr);
  const constant = normalizeConstant(expr);
  return () => constant;
}

function compileObject(expr: Doc): Evaluator {
  const keys = Object.keys(expr);
  if (keys.length === 0) return () => ({});
  if (keys.some((k) => k.startsWith('$'))) {
    if (keys.length !== 1) {
      fail(15983, `an expression specification must contain exactly one field, the name of the expression. Found ${keys.length} fields in ${describe(expr)}`);
    }
    const op = keys[0];
    const impl = Object.hasOwn(operators, op) ? operators[op] : undefined;
    if (!impl) fail(ErrorCodes.InvalidPipelineOperator, `Unrecognized expression '${op}'`);
    return impl(expr[op], op);
  }
  const fields: [string, Evaluator][] = keys.map((k) => {
    checkFieldName(k);
    return [k, compileExpression(expr[k])];
  });
  return (sc) => {
    const out: Doc = {};
    for (const [k, ev] of fields) {
      const v = ev(sc);
      if (v !== undefined) putField(out, k, v);
    }
    return out;
  };
}

function checkFieldName(k: string): void {
  if (k === '') fail(16411, 'FieldPath field names may not be empty strings.');
  if (k.startsWith('$')) fail(16410, `FieldPath field names may not start with '$'. Consider using $getField or $setField.`);
  if (k.includes('.')) fail(16412, `FieldPath field names may not contain '.'. Consider using $getField or $setField.`);
}

function splitFieldPath(path: string): string[] {
  const parts = path.split('.');
  for (const p of parts) {
    if (p === '') fail(15998, 'FieldPath field names may not be empty strings.');
  }
  return parts;
}

let pipelineNow: Date | undefined;

function compileFieldPath(expr: string): Evaluator {
  if (expr === '$') fail(16872, "'$' by itself is not a valid FieldPath");
  if (expr.startsWith('$$')) {
    const [name, ...rest] = splitFieldPath(expr.slice(2));
    let base: Evaluator;
    switch (name) {
      case 'ROOT':
        base = (sc) => sc.root;
        break;
      case 'CURRENT':
        base = (sc) => sc.current;
        break;
      case 'REMOVE':
        return () => undefined;
      case 'NOW':
        base = () => pipelineNow ?? new Date();
        break;
      default:
        if (!/^[a-z\u0080-\uffff_][A-Za-z0-9_\u0080-\uffff]*$/.test(name) || name.startsWith('_')) {
          // Uppercase names other than the system variables are reserved.
          fail(17276, `Use of undefined variable: ${name}`);
        }
        base = (sc) => {
          if (!Object.hasOwn(sc.vars, name)) fail(17276, `Use of undefined variable: ${name}`);
          return sc.vars[name];
        };
    }
    if (rest.length === 0) return base;
    return (sc) => resolvePath(base(sc), rest);
  }
  const parts = splitFieldPath(expr.slice(1));
  for (const p of parts) {
    if (p.startsWith('$')) fail(16410, "FieldPath field names may not start with '$'. Consider using $getField or $setField.");
  }
  return (sc) => resolvePath(sc.current, parts);
}

/** Run `fn` with a fixed `$$NOW` (one value per pipeline execution). */
export function withNow<T>(fn: () => T): T {
  const prev = pipelineNow;
  pipelineNow = prev ?? new Date();
  try {
    return fn();
  } finally {
    pipelineNow = prev;
  }
}

function describe(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
  } catch {
    return String(v);
  }
}

// ---------------------------------------------------------------------------------------------
// Operator table helpers

type OperatorCompiler = (arg: unknown, op: string) => Evaluator;

const operators: Record<string, OperatorCompiler> = Object.create(null);

function argList(arg: unknown): unknown[] {
  return Array.isArray(arg) ? arg : [arg];
}

function compileArgs(op: string, arg: unknown, min: number, max = min): Evaluator[] {
  const args = argList(arg);
  if (args.length < min || args.length > max) {
    if (min === max) fail(16020, `Expression ${op} takes exactly ${min} arguments. ${args.length} were passed in.`);
    if (args.length < min) fail(16020, `Expression ${op} takes at least ${min} arguments, and ${args.length} were passed in.`);
    fail(16020, `Expression ${op} takes at most ${max} arguments, and ${args.length} were passed in.`);
  }
  return args.map(compileExpression);
}

/** Operators with a fixed list of evaluated arguments. */
function defineFixed(names: string | string[], min: number, max: number, fn: (args: unknown[], op: string) => unknown): void {
  for (const name of argList(names) as string[]) {
    operators[name] = (arg, op) => {
      const evs = compileArgs(op, arg, min, max);
      return (sc) =>
        fn(
          evs.map((ev) => ev(sc)),
          op,
        );
    };
  }
}

/** Operators whose argument is an object of named, evaluated options. */
function objectArgs(op: string, arg: unknown, allowed: string[], required: string[]): Record<string, Evaluator> {
  if (!isPlainDocument(arg)) fail(ErrorCodes.FailedToParse, `${op} only supports an object as its argument`);
  const out: Record<string, Evaluator> = {};
  for (const k of Object.keys(arg)) {
    if (!allowed.includes(k)) fail(ErrorCodes.FailedToParse, `${op} found an unknown argument: ${k}`);
    out[k] = compileExpression(arg[k]);
  }
  for (const k of required) {
    if (!out[k]) fail(ErrorCodes.FailedToParse, `Missing '${k}' parameter to ${op}`);
  }
  return out;
}

function requireInteger(op: string, what: string, v: unknown): number {
  if (!isNumber(v)) fail(ErrorCodes.TypeMismatch, `${op}: ${what} must be a numeric type (is BSON type ${typeName(v)})`);
  const n = toNumber(v);
  if (!Number.isInteger(n)) fail(ErrorCodes.BadValue, `${op}: ${what} must be an integral value, found ${n}`);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Literals, variables, conditionals

operators.$literal = (arg) => {
  const v = normalizeConstant(arg);
  return () => v;
};

operators.$let = (arg, op) => {
  if (!isPlainDocument(arg)) fail(16874, `${op} only supports an object as its argument`);
  for (const k of Object.keys(arg)) {
    if (k !== 'vars' && k !== 'in') fail(16875, `Unrecognized parameter to $let: ${k}`);
  }
  if (!isPlainDocument(arg.vars)) fail(16876, "Missing 'vars' parameter to $let");
  if (!Object.hasOwn(arg, 'in')) fail(16877, "Missing 'in' parameter to $let");
  const vars = Object.keys(arg.vars).map((name) => {
    checkVariableName(name);
    return [name, compileExpression(arg.vars[name])] as const;
  });
  const body = compileExpression(arg.in);
  return (sc) => {
    const inner: Record<string, unknown> = { ...sc.vars };
    for (const [name, ev] of vars) inner[name] = ev(sc);
    return body({ ...sc, vars: inner });
  };
};

function checkVariableName(name: string): void {
  if (!/^[a-z\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*$/.test(name)) {
    fail(16870, `'${name}' starts with an invalid character for a user variable name`);
  }
}

operators.$cond = (arg) => {
  let parts: unknown[];
  if (isPlainDocument(arg)) {
    for (const k of Object.keys(arg)) {
      if (k !== 'if' && k !== 'then' && k !== 'else') fail(17083, `Unrecognized parameter to $cond: ${k}`);
    }
    if (!Object.hasOwn(arg, 'if')) fail(17080, "Missing 'if' parameter to $cond");
    if (!Object.hasOwn(arg, 'then')) fail(17081, "Missing 'then' parameter to $cond");
    if (!Object.hasOwn(arg, 'else')) fail(17082, "Missing 'else' parameter to $cond");
    parts = [arg.if, arg.then, arg.else];
  } else {
    parts = argList(arg);
    if (parts.length !== 3) fail(16020, `Expression $cond takes exactly 3 arguments. ${parts.length} were passed in.`);
  }
  const [c, t, e] = parts.map(compileExpression);
  return (sc) => (isTruthy(c(sc)) ? t(sc) : e(sc));
};

operators.$ifNull = (arg) => {
  const evs = argList(arg).map(compileExpression);
  if (evs.length < 2) fail(1257300, `$ifNull needs at least two arguments, had: ${evs.length}`);
  return (sc) => {
    for (let i = 0; i < evs.length - 1; i++) {
      const v = evs[i](sc);
      if (!isNullish(v)) return v;
    }
    return evs[evs.length - 1](sc);
  };
};

operators.$switch = (arg) => {
  if (!isPlainDocument(arg)) fail(40060, `$switch requires an object as an argument, found: ${typeName(arg)}`);
  const branches: [Evaluator, Evaluator][] = [];
  let fallback: Evaluator | undefined;
  for (const k of Object.keys(arg)) {
    if (k === 'branches') {
      if (!Array.isArray(arg.branches)) fail(40061, `$switch expected an array for 'branches', found: ${typeName(arg.branches)}`);
      for (const b of arg.branches) {
        if (!isPlainDocument(b)) fail(40062, `$switch expected each branch to be an object, found: ${typeName(b)}`);
        for (const bk of Object.keys(b)) {
          if (bk !== 'case' && bk !== 'then') fail(40063, `$switch found an unknown argument to a branch: ${bk}`);
        }
        if (!Object.hasOwn(b, 'case')) fail(40064, "$switch requires each branch have a 'case' expression");
        if (!Object.hasOwn(b, 'then')) fail(40065, "$switch requires each branch have a 'then' expression.");
        branches.push([compileExpression(b.case), compileExpression(b.then)]);
      }
    } else if (k === 'default') {
      fallback = compileExpression(arg.default);
    } else {
      fail(40067, `$switch found an unknown argument: ${k}`);
    }
  }
  if (branches.length === 0) fail(40068, '$switch requires at least one branch.');
  return (sc) => {
    for (const [c, t] of branches) if (isTruthy(c(sc))) return t(sc);
    if (!fallback) fail(40066, '$switch could not find a matching branch for an input, and no default was specified.');
    return fallback(sc);
  };
};

// ---------------------------------------------------------------------------------------------
// Boolean and comparison

operators.$and = (arg) => {
  const evs = argList(arg).map(compileExpression);
  return (sc) => evs.every((ev) => isTruthy(ev(sc)));
};
operators.$or = (arg) => {
  const evs = argList(arg).map(compileExpression);
  return (sc) => evs.some((ev) => isTruthy(ev(sc)));
};
defineFixed('$not', 1, 1, ([v]) => !isTruthy(v));

const comparisons: Record<string, (c: number) => boolean> = {
  $eq: (c) => c === 0,
  $ne: (c) => c !== 0,
  $gt: (c) => c > 0,
  $gte: (c) => c >= 0,
  $lt: (c) => c < 0,
  $lte: (c) => c <= 0,
};
for (const [name, test] of Object.entries(comparisons)) defineFixed(name, 2, 2, ([a, b]) => test(compareAgg(a, b)));
defineFixed('$cmp', 2, 2, ([a, b]) => new Int32(Math.sign(compareAgg(a, b))));

// ---------------------------------------------------------------------------------------------
// Arithmetic

operators.$add = (arg) => {
  const evs = argList(arg).map(compileExpression);
  return (sc) => {
    const sum = new NumericSum();
    let date: Date | undefined;
    let sawNull = false;
    for (const ev of evs) {
      const v = ev(sc);
      if (isNullish(v)) {
        sawNull = true;
        continue;
      }
      if (v instanceof Date) {
        if (date) fail(16612, 'only one date allowed in an $add expression');
        date = v;
      } else if (isNumber(v)) {
        sum.add(v);
      } else {
        fail(ErrorCodes.TypeMismatch, `$add only supports numeric or date types, not ${typeName(v)}`);
      }
    }
    if (sawNull) return null;
    if (date) return new Date(date.getTime() + Math.round(sum.value()));
    return sum.result();
  };
};

defineFixed('$subtract', 2, 2, ([a, b]) => {
  if (isNullish(a) || isNullish(b)) return null;
  if (isNumber(a) && isNumber(b)) {
    const k = Math.max(kindOf(a), kindOf(b)) as Kind;
    if (k <= 1) return wrapInteger(toBig(a) - toBig(b), k);
    return wrapFloat(toNumber(a) - toNumber(b), k);
  }
  if (a instanceof Date && b instanceof Date) return Long.fromNumber(a.getTime() - b.getTime());
  if (a instanceof Date && isNumber(b)) return new Date(a.getTime() - Math.round(toNumber(b)));
  fail(ErrorCodes.TypeMismatch, `can't $subtract ${typeName(b)} from ${typeName(a)}`);
});

operators.$multiply = (arg) => {
  const evs = argList(arg).map(compileExpression);
  return (sc) => {
    let kind: Kind = 0;
    let big = 1n;
    let dbl = 1;
    let sawNull = false;
    for (const ev of evs) {
      const v = ev(sc);
      if (isNullish(v)) {
        sawNull = true;
        continue;
      }
      if (!isNumber(v)) fail(ErrorCodes.TypeMismatch, `$multiply only supports numeric types, not ${typeName(v)}`);
      const k = kindOf(v);
      if (k > kind) kind = k;
      if (k <= 1) big *= toBig(v);
      else dbl *= toNumber(v);
    }
    if (sawNull) return null;
    if (kind <= 1) return wrapInteger(big, kind);
    return wrapFloat(Number(big) * dbl, kind);
  };
};

defineFixed('$divide', 2, 2, ([a, b]) => {
  if (isNullish(a) || isNullish(b)) return null;
  if (!isNumber(a) || !isNumber(b)) {
    fail(ErrorCodes.TypeMismatch, `$divide only supports numeric types, not ${typeName(a)} and ${typeName(b)}`);
  }
  const d = toNumber(b);
  if (d === 0) fail(ErrorCodes.BadValue, "can't $divide by zero");
  return wrapFloat(toNumber(a) / d, kindOf(a) === 3 || kindOf(b) === 3 ? 3 : 2);
});

defineFixed('$mod', 2, 2, ([a, b]) => {
  if (isNullish(a) || isNullish(b)) return null;
  if (!isNumber(a) || !isNumber(b)) {
    fail(ErrorCodes.TypeMismatch, `$mod only supports numeric types, not ${typeName(a)} and ${typeName(b)}`);
  }
  if (toNumber(b) === 0) fail(16610, "can't $mod by zero");
  const k = Math.max(kindOf(a), kindOf(b)) as Kind;
  if (k <= 1) return wrapInteger(toBig(a) % toBig(b), k);
  return wrapFloat(toNumber(a) % toNumber(b), k);
});

/** Unary numeric operators: integers are kept (with overflow promotion), doubles mapped. */
function defineUnaryMath(name: string, onInt: ((b: bigint) => bigint) | null, onFloat: (n: number) => number): void {
  defineFixed(name, 1, 1, ([v], op) => {
    if (isNullish(v)) return null;
    if (!isNumber(v)) fail(ErrorCodes.TypeMismatch, `${op} only supports numeric types, not ${typeName(v)}`);
    const k = kindOf(v);
    if (k <= 1 && onInt) return wrapInteger(onInt(toBig(v)), k);
    if (k <= 1) return new Double(onFloat(toNumber(v)));
    return wrapFloat(onFloat(toNumber(v)), k);
  });
}
defineUnaryMath('$abs', (b) => (b < 0n ? -b : b), Math.abs);
defineUnaryMath('$floor', (b) => b, Math.floor);
defineUnaryMath('$ceil', (b) => b, Math.ceil);
defineUnaryMath('$sqrt', null, (n) => {
  if (n < 0) fail(28714, "$sqrt's argument must be greater than or equal to 0");
  return Math.sqrt(n);
});
defineUnaryMath('$exp', null, Math.exp);
defineUnaryMath('$ln', null, (n) => {
  if (n <= 0) fail(28766, `$ln's argument must be a positive number, but is ${n}`);
  return Math.log(n);
});
defineUnaryMath('$log10', null, (n) => {
  if (n <= 0) fail(28761, `$log10's argument must be a positive number, but is ${n}`);
  return Math.log10(n);
});

defineFixed('$pow', 2, 2, ([a, b]) => {
  if (isNullish(a) || isNullish(b)) return null;
  if (!isNumber(a) || !isNumber(b)) fail(28762, `$pow's base and exponent must be numeric, not ${typeName(a)} and ${typeName(b)}`);
  const k = Math.max(kindOf(a), kindOf(b)) as Kind;
  if (k <= 1) {
    const e = toBig(b);
    const base = toBig(a);
    if (e >= 0n) return wrapInteger(base ** e, k);
    if (base === 0n) fail(28764, '$pow cannot take a base of 0 and a negative exponent');
  }
  return wrapFloat(toNumber(a) ** toNumber(b), k <= 1 ? 2 : k);
});

function defineRounding(name: string, rounder: (x: number) => number): void {
  defineFixed(name, 1, 2, ([v, placeArg], op) => {
    if (isNullish(v)) return null;
    if (!isNumber(v)) fail(ErrorCodes.TypeMismatch, `${op} only supports numeric types, not ${typeName(v)}`);
    let place = 0;
    if (placeArg !== undefined) {
      if (isNullish(placeArg)) return null;
      place = requireInteger(op, 'place', placeArg);
      if (place < -20 || place > 100) fail(ErrorCodes.BadValue, `cannot apply ${op} with precision value ${place} value must be in [-20, 100]`);
    }
    const k = kindOf(v);
    if (k <= 1) {
      if (place >= 0) return v instanceof Int32 || v instanceof Long ? v : wrapInteger(toBig(v), k);
      const scale = 10n ** BigInt(-place);
      const n = toBig(v);
      const rounded = BigInt(rounder(Number(n) / Number(scale))) * scale;
      return wrapInteger(rounded, k);
    }
    const x = toNumber(v);
    if (!Number.isFinite(x)) return wrapFloat(x, k);
    const f = 10 ** place;
    return wrapFloat(rounder(x * f) / f, k);
  });
}
defineRounding('$round', roundHalfEven);
defineRounding('$trunc', Math.trunc);

// ---------------------------------------------------------------------------------------------
// Accumulator-style expressions over arrays: {$sum: "$arr"} or {$sum: [a, b, c]}

function accumulatorOperands(evs: Evaluator[], sc: Scope): unknown[] {
  if (evs.length === 1) {
    const v = evs[0](sc);
    return Array.isArray(v) ? v : [v];
  }
  return evs.map((ev) => ev(sc));
}

function defineArrayAccumulator(name: string, fn: (values: unknown[]) => unknown): void {
  operators[name] = (arg) => {
    const evs = argList(arg).map(compileExpression);
    return (sc) => fn(accumulatorOperands(evs, sc));
  };
}

export function sumOf(values: Iterable<unknown>): unknown {
  const s = new NumericSum();
  for (const v of values) if (isNumber(v)) s.add(v);
  return s.result();
}

export function avgOf(values: Iterable<unknown>): unknown {
  const s = new NumericSum();
  let n = 0;
  for (const v of values) {
    if (!isNumber(v)) continue;
    s.add(v);
    n++;
  }
  return n === 0 ? null : s.average(n);
}

export function extremeOf(values: Iterable<unknown>, sign: 1 | -1): unknown {
  let best: unknown;
  for (const v of values) {
    if (isNullish(v)) continue;
    if (best === undefined || compareValues(v, best) * sign > 0) best = v;
  }
  return best === undefined ? null : best;
}

export function stdDevOf(values: Iterable<unknown>, sample: boolean): unknown {
  let n = 0,
    mean = 0,
    m2 = 0;
  for (const v of values) {
    if (!isNumber(v)) continue;
    const x = toNumber(v);
    n++;
    const d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }
  if (n === 0 || (sample && n === 1)) return null;
  return new Double(Math.sqrt(m2 / (sample ? n - 1 : n)));
}

defineArrayAccumulator('$sum', sumOf);
defineArrayAccumulator('$avg', avgOf);
defineArrayAccumulator('$min', (vs) => extremeOf(vs, -1));
defineArrayAccumulator('$max', (vs) => extremeOf(vs, 1));
defineArrayAccumulator('$stdDevPop', (vs) => stdDevOf(vs, false));
defineArrayAccumulator('$stdDevSamp', (vs) => stdDevOf(vs, true));

// ---------------------------------------------------------------------------------------------
// Strings

function numberToString(v: unknown): string {
  switch (bsonType(v)) {
    case 'int':
    case 'long':
      return toBig(v).toString();
    case 'decimal':
      return (v as Decimal128).toString();
    default:
      return String(toNumber(v));
  }
}

function dateToIso(d: Date): string {
  if (Number.isNaN(d.getTime())) fail(ErrorCodes.BadValue, 'invalid date');
  return d.toISOString();
}

/** String coercion used by $toLower, $toUpper, $substrCP...: null/missing become "". */
function coerceToString(op: string, v: unknown): string {
  if (isNullish(v)) return '';
  if (typeof v === 'string') return v;
  if (isNumber(v)) return numberToString(v);
  if (v instanceof Date) return dateToIso(v);
  const t = bsonType(v);
  if (t === 'symbol') return String((v as any).value);
  if (t === 'timestamp') return String((v as any).toString());
  fail(16007, `can't convert from BSON type ${t} to String (in ${op})`);
}

operators.$concat = (arg) => {
  const evs = argList(arg).map(compileExpression);
  return (sc) => {
    let out = '';
    let sawNull = false;
    for (const ev of evs) {
      const v = ev(sc);
      if (isNullish(v)) {
        sawNull = true;
        continue;
      }
      if (typeof v !== 'string') fail(16702, `$concat only supports strings, not ${typeName(v)}`);
      out += v;
    }
    return sawNull ? null : out;
  };
};

defineFixed('$toLower', 1, 1, ([v], op) => coerceToString(op, v).toLowerCase());
defineFixed('$toUpper', 1, 1, ([v], op) => coerceToString(op, v).toUpperCase());

defineFixed('$strcasecmp', 2, 2, ([a, b], op) => {
  const x = coerceToString(op, a).toUpperCase(),
    y = coerceToString(op, b).toUpperCase();
  return new Int32(x < y ? -1 : x > y ? 1 : 0);
});

defineFixed('$substrCP', 3, 3, ([s, start, len], op) => {
  const str = coerceToString(op, s);
  const i = requireInteger(op, 'starting index', start);
  const n = requireInteger(op, 'length', len);
  if (i < 0) fail(34455, '$substrCP: the starting index must be nonnegative integer.');
  const cps = Array.from(str);
  return cps.slice(i, n < 0 ? undefined : i + n).join('');
});

defineFixed(['$substrBytes', '$substr'], 3, 3, ([s, start, len], op) => {
  const buf = Buffer.from(coerceToString(op, s), 'utf8');
  const i = requireInteger(op, 'starting index', start);
  const n = requireInteger(op, 'length', len);
  if (i < 0) return '';
  const end = n < 0 ? buf.length : Math.min(buf.length, i + n);
  const isContinuation = (b: number | undefined) => b !== undefined && (b & 0xc0) === 0x80;
  if (isContinuation(buf[i]) || (end < buf.length && isContinuation(buf[end]))) {
    fail(28656, `${op}: Invalid range, starting index is a UTF-8 continuation byte.`);
  }
  return buf.subarray(i, end).toString('utf8');
});

defineFixed('$strLenCP', 1, 1, ([v]) => {
  if (typeof v !== 'string') fail(34471, `$strLenCP requires a string argument, found: ${typeName(v)}`);
  return new Int32(Array.from(v).length);
});
defineFixed('$strLenBytes', 1, 1, ([v]) => {
  if (typeof v !== 'string') fail(34473, `$strLenBytes requires a string argument, found: ${typeName(v)}`);
  return new Int32(Buffer.byteLength(v, 'utf8'));
});

defineFixed('$split', 2, 2, ([s, sep]) => {
  if (isNullish(s)) return null;
  if (typeof s !== 'string') fail(40085, `$split requires an expression that evaluates to a string as a first argument, found: ${typeName(s)}`);
  if (typeof sep !== 'string') fail(40086, `$split requires an expression that evaluates to a string as a second argument, found: ${typeName(sep)}`);
  if (sep === '') fail(40087, '$split requires a non-empty separator');
  return s.split(sep);
});

defineFixed('$indexOfCP', 2, 4, ([s, sub, start, end]) => {
  if (isNullish(s)) return null;
  if (typeof s !== 'string') fail(40093, `$indexOfCP requires a string as the first argument, found: ${typeName(s)}`);
  if (typeof sub !== 'string') fail(40094, `$indexOfCP requires a string as the second argument, found: ${typeName(sub)}`);
  const cps = Array.from(s);
  const from = start === undefined ? 0 : requireInteger('$indexOfCP', 'starting index', start);
  const to = end === undefined ? cps.length : Math.min(cps.length, requireInteger('$indexOfCP', 'ending index', end));
  const subCps = Array.from(sub);
  for (let i = from; i + subCps.length <= to; i++) {
    if (subCps.every((c, j) => cps[i + j] === c)) return new Int32(i);
  }
  return new Int32(-1);
});

function defineTrim(name: string, left: boolean, right: boolean): void {
  operators[name] = (arg, op) => {
    const a = objectArgs(op, arg, ['input', 'chars'], ['input']);
    return (sc) => {
      const input = a.input(sc);
      if (isNullish(input)) return null;
      if (typeof input !== 'string') fail(50699, `${op} requires its input to be a string, got ${typeName(input)}`);
      let chars: string[] | undefined;
      if (a.chars) {
        const c = a.chars(sc);
        if (isNullish(c)) return null;
        if (typeof c !== 'string') fail(50700, `${op} requires 'chars' to be a string, got ${typeName(c)}`);
        chars = Array.from(c);
      }
      // eslint-disable-next-line no-control-regex
      const isTrimmed = (ch: string) => (chars ? chars.includes(ch) : /[\s\u0000]/u.test(ch));
      const cps = Array.from(input);
      let i = 0,
        j = cps.length;
      if (left) while (i < j && isTrimmed(cps[i])) i++;
      if (right) while (j > i && isTrimmed(cps[j - 1])) j--;
      return cps.slice(i, j).join('');
    };
  };
}
defineTrim('$trim', true, true);
defineTrim('$ltrim', true, false);
defineTrim('$rtrim', false, true);

function toJsRegExp(op: string, regex: unknown, options: unknown): RegExp {
  let source: string,
    flags = '';
  if (typeof regex === 'string') source = regex;
  else if (regex instanceof RegExp) {
    source = regex.source;
    flags = regex.flags;
  } else if (regex instanceof BSONRegExp) {
    source = regex.pattern;
    flags = regex.options;
  } else fail(51105, `${op} needs 'regex' to be of type string or regex`);
  if (!isNullish(options)) {
    if (typeof options !== 'string') fail(51106, `${op} needs 'options' to be of type string`);
    flags += options;
  }
  const js = [...new Set(flags.split('').filter((f) => 'imsu'.includes(f)))].join('');
  try {
    return new RegExp(source, js);
  } catch (e) {
    fail(51111, `Invalid Regex in ${op}: ${(e as Error).message}`);
  }
}

operators.$regexMatch = (arg, op) => {
  const a = objectArgs(op, arg, ['input', 'regex', 'options'], ['input', 'regex']);
  return (sc) => {
    const input = a.input(sc);
    const regex = a.regex(sc);
    if (isNullish(regex)) return false;
    const re = toJsRegExp(op, regex, a.options?.(sc));
    if (isNullish(input)) return false;
    if (typeof input !== 'string') fail(51104, `${op} needs 'input' to be of type string`);
    return re.test(input);
  };
};

// ---------------------------------------------------------------------------------------------
// Arrays

defineFixed('$size', 1, 1, ([v]) => {
  if (!Array.isArray(v)) fail(17124, `The argument to $size must be an array. Type of argument: ${typeName(v)}`);
  return new Int32(v.length);
});

defineFixed('$isArray', 1, 1, ([v]) => Array.isArray(v));

defineFixed('$arrayElemAt', 2, 2, ([arr, idx]) => {
  if (isNullish(arr) || isNullish(idx)) return null;
  if (!Array.isArray(arr)) fail(28689, `$arrayElemAt's first argument must be an array, but is ${typeName(arr)}`);
  if (!isNumber(idx)) fail(28690, `$arrayElemAt's second argument must be a numeric value, but is ${typeName(idx)}`);
  const i = toNumber(idx);
  if (!Number.isInteger(i)) fail(28691, `$arrayElemAt's second argument must be representable as a 32-bit integer: ${i}`);
  return i < 0 ? arr[arr.length + i] : arr[i];
});

function defineFirstLast(name: string, pick: (a: unknown[]) => unknown): void {
  defineFixed(name, 1, 1, ([v], op) => {
    if (isNullish(v)) return null;
    if (!Array.isArray(v)) fail(28689, `${op}'s argument must be an array, but is ${typeName(v)}`);
    return pick(v);
  });
}
defineFirstLast('$first', (a) => a[0]);
defineFirstLast('$last', (a) => a[a.length - 1]);

defineFixed('$in', 2, 2, ([v, arr]) => {
  if (!Array.isArray(arr)) fail(40081, `$in requires an array as a second argument, found: ${typeName(arr)}`);
  return arr.some((x) => compareAgg(v, x) === 0);
});

defineFixed('$indexOfArray', 2, 4, ([arr, v, start, end]) => {
  if (isNullish(arr)) return null;
  if (!Array.isArray(arr)) fail(40090, `$indexOfArray requires an array as a first argument, found: ${typeName(arr)}`);
  const from = start === undefined ? 0 : requireInteger('$indexOfArray', 'starting index', start);
  const to = end === undefined ? arr.length : Math.min(arr.length, requireInteger('$indexOfArray', 'ending index', end));
  for (let i = from; i < to; i++) if (compareAgg(arr[i], v) === 0) return new Int32(i);
  return new Int32(-1);
});

defineFixed('$slice', 2, 3, (args) => {
  const [arr] = args;
  if (args.some(isNullish)) return null;
  if (!Array.isArray(arr)) fail(28724, `First argument to $slice must be an array, but is of type: ${typeName(arr)}`);
  if (args.length === 2) {
    const n = requireInteger('$slice', 'second argument', args[1]);
    return n >= 0 ? arr.slice(0, n) : arr.slice(Math.max(0, arr.length + n));
  }
  let pos = requireInteger('$slice', 'second argument', args[1]);
  const n = requireInteger('$slice', 'third argument', args[2]);
  if (n <= 0) fail(28729, `Third argument to $slice must be positive: ${n}`);
  if (pos < 0) pos = Math.max(0, arr.length + pos);
  return arr.slice(pos, pos + n);
});

operators.$concatArrays = (arg) => {
  const evs = argList(arg).map(compileExpression);
  return (sc) => {
    const out: unknown[] = [];
    let sawNull = false;
    for (const ev of evs) {
      const v = ev(sc);
      if (isNullish(v)) {
        sawNull = true;
        continue;
      }
      if (!Array.isArray(v)) fail(28664, `$concatArrays only supports arrays, not ${typeName(v)}`);
      out.push(...v);
    }
    return sawNull ? null : out;
  };
};

defineFixed('$reverseArray', 1, 1, ([v]) => {
  if (isNullish(v)) return null;
  if (!Array.isArray(v)) fail(34435, `The argument to $reverseArray must be an array, but was of type: ${typeName(v)}`);
  return [...v].reverse();
});

defineFixed('$range', 2, 3, ([start, end, step]) => {
  const a = requireInteger('$range', 'starting value', start);
  const b = requireInteger('$range', 'ending value', end);
  const s = step === undefined ? 1 : requireInteger('$range', 'step value', step);
  if (s === 0) fail(34449, '$range requires a non-zero step value');
  const out: Int32[] = [];
  for (let i = a; s > 0 ? i < b : i > b; i += s) out.push(new Int32(i));
  return out;
});

/** `as` variable name for $map / $filter, validated. */
function loopVariable(arg: Doc): string {
  const name = arg.as ?? 'this';
  if (typeof name !== 'string') fail(ErrorCodes.FailedToParse, "'as' must be a string");
  checkVariableName(name);
  return name;
}

operators.$map = (arg) => {
  if (!isPlainDocument(arg)) fail(16878, '$map only supports an object as its argument');
  for (const k of Object.keys(arg)) if (!['input', 'as', 'in'].includes(k)) fail(16879, `Unrecognized parameter to $map: ${k}`);
  if (!Object.hasOwn(arg, 'input')) fail(16880, "Missing 'input' parameter to $map");
  if (!Object.hasOwn(arg, 'in')) fail(16882, "Missing 'in' parameter to $map");
  const name = loopVariable(arg);
  const input = compileExpression(arg.input);
  const body = compileExpression(arg.in);
  return (sc) => {
    const arr = input(sc);
    if (isNullish(arr)) return null;
    if (!Array.isArray(arr)) fail(16883, `input to $map must be an array not ${typeName(arr)}`);
    return arr.map((el) => {
      const v = body({ ...sc, vars: { ...sc.vars, [name]: el } });
      return v === undefined ? null : v;
    });
  };
};

operators.$filter = (arg) => {
  if (!isPlainDocument(arg)) fail(28646, '$filter only supports an object as its argument');
  for (const k of Object.keys(arg)) if (!['input', 'as', 'cond', 'limit'].includes(k)) fail(28647, `Unrecognized parameter to $filter: ${k}`);
  if (!Object.hasOwn(arg, 'input')) fail(28648, "Missing 'input' parameter to $filter");
  if (!Object.hasOwn(arg, 'cond')) fail(28650, "Missing 'cond' parameter to $filter");
  const name = loopVariable(arg);
  const input = compileExpression(arg.input);
  const cond = compileExpression(arg.cond);
  const limit = Object.hasOwn(arg, 'limit') ? compileExpression(arg.limit) : undefined;
  return (sc) => {
    const arr = input(sc);
    if (isNullish(arr)) return null;
    if (!Array.isArray(arr)) fail(28651, `input to $filter must be an array not ${typeName(arr)}`);
    let max = Infinity;
    if (limit) {
      const l = limit(sc);
      if (!isNullish(l)) {
        max = requireInteger('$filter', 'limit', l);
        if (max <= 0) fail(327391, `$filter: limit must be greater than 0: ${max}`);
      }
    }
    const out: unknown[] = [];
    for (const el of arr) {
      if (out.length >= max) break;
      if (isTruthy(cond({ ...sc, vars: { ...sc.vars, [name]: el } }))) out.push(el);
    }
    return out;
  };
};

operators.$reduce = (arg) => {
  if (!isPlainDocument(arg)) fail(40075, '$reduce only supports an object as its argument');
  for (const k of Object.keys(arg)) if (!['input', 'initialValue', 'in'].includes(k)) fail(40076, `$reduce found an unknown argument: ${k}`);
  if (!Object.hasOwn(arg, 'input')) fail(40077, "$reduce requires 'input' to be specified");
  if (!Object.hasOwn(arg, 'initialValue')) fail(40078, "$reduce requires 'initialValue' to be specified");
  if (!Object.hasOwn(arg, 'in')) fail(40079, "$reduce requires 'in' to be specified");
  const input = compileExpression(arg.input);
  const initial = compileExpression(arg.initialValue);
  const body = compileExpression(arg.in);
  return (sc) => {
    const arr = input(sc);
    if (isNullish(arr)) return null;
    if (!Array.isArray(arr)) fail(40080, `$reduce requires that 'input' be an array, found: ${typeName(arr)}`);
    let acc = initial(sc);
    for (const el of arr) acc = body({ ...sc, vars: { ...sc.vars, value: acc, this: el } });
    return acc;
  };
};

defineFixed('$allElementsTrue', 1, 1, ([v]) => {
  if (!Array.isArray(v)) fail(17040, `$allElementsTrue's argument must be an array, but is ${typeName(v)}`);
  return v.every(isTruthy);
});
defineFixed('$anyElementTrue', 1, 1, ([v]) => {
  if (!Array.isArray(v)) fail(17041, `$anyElementTrue's argument must be an array, but is ${typeName(v)}`);
  return v.some(isTruthy);
});

function uniqueValues(arr: unknown[]): Map<string, unknown> {
  const m = new Map<string, unknown>();
  for (const v of arr) if (!m.has(canonicalKey(v))) m.set(canonicalKey(v), v);
  return m;
}

function setArgs(op: string, args: unknown[]): unknown[][] | null {
  if (args.some(isNullish)) return null;
  for (const a of args) if (!Array.isArray(a)) fail(17044, `All operands of ${op} must be arrays. One argument is of type: ${typeName(a)}`);
  return args as unknown[][];
}

operators.$setUnion = (arg, op) => {
  const evs = argList(arg).map(compileExpression);
  return (sc) => {
    const arrs = setArgs(
      op,
      evs.map((ev) => ev(sc)),
    );
    return arrs && [...uniqueValues(arrs.flat()).values()];
  };
};
operators.$setIntersection = (arg, op) => {
  const evs = argList(arg).map(compileExpression);
  return (sc) => {
    const arrs = setArgs(
      op,
      evs.map((ev) => ev(sc)),
    );
    if (!arrs) return null;
    if (arrs.length === 0) return [];
    let m = uniqueValues(arrs[0]);
    for (const a of arrs.slice(1)) {
      const other = uniqueValues(a);
      m = new Map([...m].filter(([k]) => other.has(k)));
    }
    return [...m.values()];
  };
};
defineFixed('$setDifference', 2, 2, (args, op) => {
  const arrs = setArgs(op, args);
  if (!arrs) return null;
  const other = uniqueValues(arrs[1]);
  return [...uniqueValues(arrs[0])].filter(([k]) => !other.has(k)).map(([, v]) => v);
});
defineFixed('$setIsSubset', 2, 2, ([a, b], op) => {
  if (!Array.isArray(a)) fail(17046, `both operands of ${op} must be arrays. First argument is of type: ${typeName(a)}`);
  if (!Array.isArray(b)) fail(17042, `both operands of ${op} must be arrays. Second argument is of type: ${typeName(b)}`);
  const other = uniqueValues(b);
  return [...uniqueValues(a).keys()].every((k) => other.has(k));
});
operators.$setEquals = (arg, op) => {
  const evs = compileArgs(op, arg, 2, Infinity);
  return (sc) => {
    const vals = evs.map((ev) => ev(sc));
    for (const v of vals) if (!Array.isArray(v)) fail(17044, `All operands of ${op} must be arrays. One argument is of type: ${typeName(v)}`);
    const keys = vals.map((v) => [...uniqueValues(v as unknown[]).keys()].sort().join('\u0000'));
    return keys.every((k) => k === keys[0]);
  };
};

// ---------------------------------------------------------------------------------------------
// Objects

defineFixed('$objectToArray', 1, 1, ([v]) => {
  if (isNullish(v)) return null;
  if (!isPlainDocument(v)) fail(40390, `$objectToArray requires a document input, found: ${typeName(v)}`);
  return Object.keys(v).map((k) => ({ k, v: v[k] }));
});

defineFixed('$arrayToObject', 1, 1, ([v]) => {
  if (isNullish(v)) return null;
  if (!Array.isArray(v)) fail(40386, `$arrayToObject requires an array input, found: ${typeName(v)}`);
  const out: Doc = {};
  for (const el of v) {
    let k: unknown, val: unknown;
    if (Array.isArray(el)) {
      if (el.length !== 2) fail(40397, `$arrayToObject requires an array of size 2 arrays,found array of size: ${el.length}`);
      [k, val] = el;
    } else if (isPlainDocument(el)) {
      const keys = Object.keys(el);
      if (keys.length !== 2 || !Object.hasOwn(el, 'k') || !Object.hasOwn(el, 'v')) {
        fail(40392, "$arrayToObject requires an object keys of 'k' and 'v'. Found incorrect number of keys or incorrect key names");
      }
      k = el.k;
      val = el.v;
    } else {
      fail(40398, `Unrecognised input type format for $arrayToObject: ${typeName(el)}`);
    }
    if (typeof k !== 'string')
      fail(40395, `$arrayToObject requires an array of key-value pairs, where the key must be of type string. Found key type: ${typeName(k)}`);
    if (k.includes('\u0000')) fail(4940400, 'Key field cannot contain an embedded null byte');
    if (Object.hasOwn(out, k)) delete out[k];
    putField(out, k, val);
  }
  return out;
});

export function mergeObjectsInto(out: Doc, v: unknown): void {
  if (isNullish(v)) return;
  if (!isPlainDocument(v)) fail(40400, `$mergeObjects requires object inputs, but input ${describe(v)} is of type ${typeName(v)}`);
  for (const k of Object.keys(v)) putField(out, k, v[k]);
}

operators.$mergeObjects = (arg) => {
  const evs = argList(arg).map(compileExpression);
  return (sc) => {
    const out: Doc = {};
    for (const ev of evs) mergeObjectsInto(out, ev(sc));
    return out;
  };
};

operators.$getField = (arg, op) => {
  const a = isPlainDocument(arg) ? objectArgs(op, arg, ['field', 'input'], ['field']) : { field: compileExpression(arg) };
  return (sc) => {
    const field = a.field(sc);
    if (typeof field !== 'string') fail(3041704, `${op} requires 'field' to evaluate to type String, but got ${typeName(field)}`);
    const input = a.input ? a.input(sc) : sc.current;
    if (isNullish(input)) return input === undefined ? undefined : null;
    if (!isPlainDocument(input)) return undefined;
    return getField(input, field);
  };
};

// ---------------------------------------------------------------------------------------------
// Types and conversion

defineFixed('$type', 1, 1, ([v]) => typeName(v));
defineFixed('$isNumber', 1, 1, ([v]) => isNumber(v));

const ConversionFailure = 241;

const typeNamesByCode: Record<number, string> = {
  1: 'double',
  2: 'string',
  3: 'object',
  4: 'array',
  5: 'binData',
  7: 'objectId',
  8: 'bool',
  9: 'date',
  10: 'null',
  11: 'regex',
  13: 'javascript',
  16: 'int',
  17: 'timestamp',
  18: 'long',
  19: 'decimal',
  [-1]: 'minKey',
  127: 'maxKey',
};

function conversionError(from: unknown, to: string, detail?: string): never {
  const msg = detail ?? `Unsupported conversion from ${typeName(from)} to ${to} in $convert with no onError value`;
  throw new CommandError(ConversionFailure, msg);
}

function parseNumberString(s: string, to: string): number {
  const t = s;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  const lower = t.toLowerCase();
  if (lower === 'nan') return Number.NaN;
  if (['inf', 'infinity', '+inf', '+infinity'].includes(lower)) return Infinity;
  if (['-inf', '-infinity'].includes(lower)) return -Infinity;
  conversionError(s, to, `Failed to parse number '${s}' in $convert with no onError value: Did not consume whole string.`);
}

function integerFromNumber(v: unknown, to: 'int' | 'long'): bigint {
  const k = kindOf(v);
  if (k <= 1) return toBig(v);
  const n = toNumber(v);
  if (!Number.isFinite(n)) conversionError(v, to, `Attempt to convert ${n} value to integer type in $convert with no onError value`);
  return BigInt(Math.trunc(n));
}

function checkRange(b: bigint, v: unknown, to: 'int' | 'long'): bigint {
  const [lo, hi] = to === 'int' ? [INT32_MIN, INT32_MAX] : [INT64_MIN, INT64_MAX];
  if (b < lo || b > hi) conversionError(v, to, `Conversion would overflow target type in $convert with no onError value: ${b}`);
  return b;
}

/** `$convert` to the named type; `v` is neither null nor missing. */
export function convertValue(v: unknown, to: string): unknown {
  const from = bsonType(v);
  switch (to) {
    case 'double': {
      if (isNumber(v)) return new Double(toNumber(v));
      if (typeof v === 'boolean') return new Double(v ? 1 : 0);
      if (typeof v === 'string') return new Double(parseNumberString(v, to));
      if (v instanceof Date) return new Double(v.getTime());
      break;
    }
    case 'int':
    case 'long': {
      let b: bigint | undefined;
      if (isNumber(v)) b = integerFromNumber(v, to);
      else if (typeof v === 'boolean') b = v ? 1n : 0n;
      else if (typeof v === 'string') {
        if (!/^[+-]?\d+$/.test(v)) conversionError(v, to, `Failed to parse number '${v}' in $convert with no onError value: Did not consume whole string.`);
        b = BigInt(v);
      } else if (v instanceof Date && to === 'long') b = BigInt(v.getTime());
      if (b === undefined) break;
      checkRange(b, v, to);
      return to === 'int' ? new Int32(Number(b)) : Long.fromBigInt(b);
    }
    case 'decimal': {
      if (isNumber(v)) return from === 'decimal' ? v : from === 'double' ? decimalFromNumber(toNumber(v)) : Decimal128.fromString(toBig(v).toString());
      if (typeof v === 'boolean') return Decimal128.fromString(v ? '1' : '0');
      if (typeof v === 'string') {
        try {
          return Decimal128.fromString(v.trim() === v ? v : 'x');
        } catch {
          conversionError(v, to, `Failed to parse number '${v}' in $convert with no onError value`);
        }
      }
      if (v instanceof Date) return Decimal128.fromString(String(v.getTime()));
      break;
    }
    case 'string': {
      if (typeof v === 'string') return v;
      if (isNumber(v)) return numberToString(v);
      if (typeof v === 'boolean') return v ? 'true' : 'false';
      if (v instanceof Date) return dateToIso(v);
      if (from === 'objectId') return (v as ObjectId).toHexString();
      if (from === 'symbol') return String((v as any).value);
      if (from === 'binData' && (v as any).sub_type === 4) return (v as any).toUUID().toHexString(true);
      break;
    }
    case 'bool': {
      if (typeof v === 'boolean') return v;
      if (isNumber(v)) return toNumber(v) !== 0;
      return true;
    }
    case 'date': {
      if (v instanceof Date) return v;
      if (from === 'long' || from === 'double' || from === 'decimal') {
        const n = toNumber(v);
        if (!Number.isFinite(n)) conversionError(v, to, `Attempt to convert ${n} to date in $convert with no onError value`);
        return new Date(Math.trunc(n));
      }
      if (typeof v === 'string') {
        const ms = Date.parse(v);
        if (Number.isNaN(ms)) conversionError(v, to, `Error parsing date string '${v}' in $convert with no onError value`);
        return new Date(ms);
      }
      if (from === 'objectId') return (v as ObjectId).getTimestamp();
      if (from === 'timestamp') return new Date(Number((v as Timestamp).high) * 1000);
      break;
    }
    case 'objectId': {
      if (from === 'objectId') return v;
      if (typeof v === 'string') {
        if (!/^[0-9a-fA-F]{24}$/.test(v))
          conversionError(
            v,
            to,
            `Failed to parse objectId '${v}' in $convert with no onError value: Invalid string length for parsing to OID, expected 24 but found ${v.length}`,
          );
        return ObjectId.createFromHexString(v);
      }
      break;
    }
    default:
      if (to === from) return v;
  }
  conversionError(v, to);
}

function targetTypeName(to: unknown): string {
  if (typeof to === 'string') {
    if (!Object.values(typeNamesByCode).includes(to)) fail(ErrorCodes.BadValue, `Unknown type name: ${to}`);
    return to;
  }
  if (isNumber(to)) {
    const name = typeNamesByCode[toNumber(to)];
    if (!name) fail(ErrorCodes.FailedToParse, `In $convert, numeric 'to' argument is not an integer or not a valid type: ${toNumber(to)}`);
    return name;
  }
  fail(ErrorCodes.FailedToParse, `$convert's 'to' argument must be a string or number, but is ${typeName(to)}`);
}

operators.$convert = (arg, op) => {
  const a = objectArgs(op, arg, ['input', 'to', 'onError', 'onNull', 'format', 'base64'], ['input', 'to']);
  return (sc) => {
    const input = a.input(sc);
    const to = a.to(sc);
    if (isNullish(input)) return a.onNull ? a.onNull(sc) : null;
    if (isNullish(to)) return null;
    const target = targetTypeName(to);
    if (!a.onError) return convertValue(input, target);
    try {
      return convertValue(input, target);
    } catch (e) {
      if (e instanceof CommandError && e.code === ConversionFailure) return a.onError(sc);
      throw e;
    }
  };
};

for (const [name, to] of Object.entries({
  $toString: 'string',
  $toInt: 'int',
  $toLong: 'long',
  $toDouble: 'double',
  $toDecimal: 'decimal',
  $toBool: 'bool',
  $toDate: 'date',
  $toObjectId: 'objectId',
})) {
  defineFixed(name, 1, 1, ([v]) => (isNullish(v) ? null : convertValue(v, to)));
}

// ---------------------------------------------------------------------------------------------
// Dates

/** Offset in milliseconds of `tz` from UTC at instant `ms`. */
function timezoneOffset(tz: string, ms: number): number {
  if (tz === 'UTC' || tz === 'GMT' || tz === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(tz);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60_000;
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    fail(40485, `unrecognized time zone identifier: "${tz}"`);
  }
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return local - (ms - (((ms % 1000) + 1000) % 1000));
}

function toDateValue(op: string, v: unknown): Date {
  if (v instanceof Date) return v;
  const t = bsonType(v);
  if (t === 'objectId') return (v as ObjectId).getTimestamp();
  if (t === 'timestamp') return new Date(Number((v as Timestamp).high) * 1000);
  fail(16006, `can't convert from BSON type ${typeName(v)} to Date (in ${op})`);
}

/** A Date shifted so that its UTC fields read as local time in the zone. */
function localDate(op: string, v: unknown, tz: unknown): Date {
  const d = toDateValue(op, v);
  if (isNullish(tz)) return d;
  if (typeof tz !== 'string') fail(40517, `timezone must evaluate to a string, found ${typeName(tz)}`);
  return new Date(d.getTime() + timezoneOffset(tz, d.getTime()));
}

function dayOfYear(d: Date): number {
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

function isoWeekParts(d: Date): { year: number; week: number; day: number } {
  const day = d.getUTCDay() || 7;
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 4 - day));
  const year = thursday.getUTCFullYear();
  const week = Math.ceil(((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return { year, week, day };
}

function weekOfYear(d: Date): number {
  // %U: weeks start on Sunday; days before the first Sunday are week 0.
  const doy = dayOfYear(d) - 1;
  return Math.floor((doy + 7 - d.getUTCDay()) / 7);
}

const dateParts: Record<string, (d: Date) => number> = {
  $year: (d) => d.getUTCFullYear(),
  $month: (d) => d.getUTCMonth() + 1,
  $dayOfMonth: (d) => d.getUTCDate(),
  $hour: (d) => d.getUTCHours(),
  $minute: (d) => d.getUTCMinutes(),
  $second: (d) => d.getUTCSeconds(),
  $millisecond: (d) => d.getUTCMilliseconds(),
  $dayOfWeek: (d) => d.getUTCDay() + 1,
  $dayOfYear: dayOfYear,
  $week: weekOfYear,
  $isoWeek: (d) => isoWeekParts(d).week,
  $isoWeekYear: (d) => isoWeekParts(d).year,
  $isoDayOfWeek: (d) => isoWeekParts(d).day,
};

for (const [name, part] of Object.entries(dateParts)) {
  operators[name] = (arg, op) => {
    let date: Evaluator, tz: Evaluator | undefined;
    if (isPlainDocument(arg) && Object.hasOwn(arg, 'date')) {
      const a = objectArgs(op, arg, ['date', 'timezone'], ['date']);
      date = a.date;
      tz = a.timezone;
    } else {
      [date] = compileArgs(op, arg, 1, 1);
    }
    return (sc) => {
      const v = date(sc);
      if (isNullish(v)) return null;
      const z = tz?.(sc);
      if (tz && isNullish(z)) return null;
      return new Int32(part(localDate(op, v, z)));
    };
  };
}

function pad(n: number, width: number): string {
  return String(Math.abs(n)).padStart(width, '0');
}

function formatDate(op: string, format: string, d: Date, offsetMs: number): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const f = format[++i];
    switch (f) {
      case 'Y':
        out += pad(d.getUTCFullYear(), 4);
        break;
      case 'm':
        out += pad(d.getUTCMonth() + 1, 2);
        break;
      case 'd':
        out += pad(d.getUTCDate(), 2);
        break;
      case 'H':
        out += pad(d.getUTCHours(), 2);
        break;
      case 'M':
        out += pad(d.getUTCMinutes(), 2);
        break;
      case 'S':
        out += pad(d.getUTCSeconds(), 2);
        break;
      case 'L':
        out += pad(d.getUTCMilliseconds(), 3);
        break;
      case 'j':
        out += pad(dayOfYear(d), 3);
        break;
      case 'w':
        out += String(d.getUTCDay() + 1);
        break;
      case 'u':
        out += String(isoWeekParts(d).day);
        break;
      case 'U':
        out += pad(weekOfYear(d), 2);
        break;
      case 'V':
        out += pad(isoWeekParts(d).week, 2);
        break;
      case 'G':
        out += pad(isoWeekParts(d).year, 4);
        break;
      case 'b':
        out += d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
        break;
      case 'B':
        out += d.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
        break;
      case 'z': {
        const mins = Math.round(offsetMs / 60_000);
        out += `${mins < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(mins) / 60), 2)}${pad(Math.abs(mins) % 60, 2)}`;
        break;
      }
      case 'Z':
        out += String(Math.round(offsetMs / 60_000));
        break;
      case '%':
        out += '%';
        break;
      default:
        fail(18536, `Invalid format character '%${f ?? ''}' in format string (in ${op})`);
    }
  }
  return out;
}

operators.$dateToString = (arg, op) => {
  const a = objectArgs(op, arg, ['date', 'format', 'timezone', 'onNull'], ['date']);
  return (sc) => {
    const v = a.date(sc);
    if (isNullish(v)) return a.onNull ? a.onNull(sc) : null;
    const tz = a.timezone?.(sc);
    if (a.timezone && isNullish(tz)) return null;
    const format = a.format ? a.format(sc) : '%Y-%m-%dT%H:%M:%S.%LZ';
    if (isNullish(format)) return null;
    if (typeof format !== 'string') fail(18533, `$dateToString requires that 'format' be a string, found: ${typeName(format)}`);
    const d = toDateValue(op, v);
    const offset = isNullish(tz) ? 0 : localDate(op, d, tz).getTime() - d.getTime();
    return formatDate(op, format, new Date(d.getTime() + offset), offset);
  };
};

// ---------------------------------------------------------------------------------------------
// Misc

operators.$rand = (arg) => {
  if (!isPlainDocument(arg) || Object.keys(arg).length) fail(3040500, '$rand does not currently accept arguments');
  return () => new Double(Math.random());
};
