// MongoDB query semantics over BSON-typed documents
// (https://www.mongodb.com/docs/manual/reference/operator/query/).
import { fail, ErrorCodes } from './errors.ts';
import { pathValues } from './paths.ts';
import { bsonType, compareValues, isNumber, isPlainDocument, toNumber, typeAliases, typeOrder, type Doc } from './values.ts';
import { evaluateExpression } from './expressions.ts';

export type Predicate = (doc: Doc) => boolean;
type ValueTest = (values: unknown[]) => boolean;
type ElementTest = (value: unknown) => boolean;

export function compileFilter(filter: Doc | undefined | null): Predicate {
  if (!filter) return () => true;
  if (!isPlainDocument(filter)) fail(ErrorCodes.BadValue, 'query filter must be an object');
  const tests: Predicate[] = [];
  for (const key of Object.keys(filter)) tests.push(compileTopLevel(key, filter[key]));
  if (tests.length === 1) return tests[0];
  return (doc) => tests.every((t) => t(doc));
}

function compileTopLevel(key: string, value: unknown): Predicate {
  if (key.startsWith('$')) {
    switch (key) {
      case '$and':
      case '$or':
      case '$nor': {
        if (!Array.isArray(value) || value.length === 0) fail(ErrorCodes.BadValue, `${key} must be a nonempty array`);
        const parts = value.map((clause) => {
          if (!isPlainDocument(clause)) fail(ErrorCodes.BadValue, `${key} argument's entries must be objects`);
          return compileFilter(clause);
        });
        if (key === '$and') return (doc) => parts.every((p) => p(doc));
        if (key === '$or') return (doc) => parts.some((p) => p(doc));
        return (doc) => !parts.some((p) => p(doc));
      }
      case '$expr':
        return (doc) => truthy(evaluateExpression(value, doc));
      case '$comment':
        return () => true;
      default:
        fail(ErrorCodes.BadValue, `unknown top level operator: ${key}`);
    }
  }
  const test = compileCondition(value);
  const parts = key.split('.');
  return (doc) => test(pathValues(doc, parts));
}

function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false) return false;
  if (isNumber(v)) return toNumber(v) !== 0;
  return true;
}

function isOperatorDocument(v: unknown): v is Doc {
  if (!isPlainDocument(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys[0].startsWith('$');
}

/** A field's condition: a literal (equality) or an operator document. */
export function compileCondition(cond: unknown): ValueTest {
  if (!isOperatorDocument(cond)) return anyValue(equalsTest(cond));
  const keys = Object.keys(cond);
  const tests: ValueTest[] = [];
  for (const op of keys) {
    if (op === '$options') {
      if (!Object.hasOwn(cond, '$regex')) fail(ErrorCodes.BadValue, '$options needs a $regex');
      continue;
    }
    tests.push(compileOperator(op, cond[op], cond));
  }
  return tests.length === 1 ? tests[0] : (values) => tests.every((t) => t(values));
}

/** True when some reached value, or some element of a reached array, passes. */
function anyValue(test: ElementTest, arraysToo = true): ValueTest {
  return (values) => {
    for (const v of values) {
      if (test(v)) return true;
      if (arraysToo && Array.isArray(v)) for (const e of v) if (test(e)) return true;
    }
    return false;
  };
}

function isRegex(v: unknown): boolean {
  return v instanceof RegExp || (v as any)?._bsontype === 'BSONRegExp';
}

function toRegExp(v: unknown, extraOptions = ''): RegExp {
  if (v instanceof RegExp) return extraOptions ? new RegExp(v.source, mergeFlags(v.flags, extraOptions)) : v;
  if ((v as any)?._bsontype === 'BSONRegExp') return makeRegExp((v as any).pattern, (v as any).options + extraOptions);
  if (typeof v === 'string') return makeRegExp(v, extraOptions);
  fail(ErrorCodes.BadValue, '$regex has to be a string');
}

function mergeFlags(a: string, b: string): string {
  return [...new Set((a + b).split(''))].join('');
}

function makeRegExp(pattern: string, options: string): RegExp {
  let flags = '';
  for (const o of new Set(options.split(''))) {
    if (o === 'i' || o === 'm' || o === 's') flags += o;
    else if (o === 'x')
      pattern = pattern
        .replace(/\\#/g, '\u0000')
        .replace(/#.*$/gm, '')
        .replace(/\s+/g, '')
        // eslint-disable-next-line no-control-regex
        .replace(/\u0000/g, '\\#');
    else if (o === 'u' || o === 'l' || o === 'g' || o === 'y' || o === 'd' || o === '') continue;
    else fail(ErrorCodes.BadValue, `invalid flag in regex options: ${o}`);
  }
  try {
    return new RegExp(pattern, flags);
  } catch (e) {
    fail(51091, `Regular expression is invalid: ${(e as Error).message}`);
  }
}

function equalsTest(q: unknown): ElementTest {
  if (isRegex(q)) {
    const re = toRegExp(q);
    return (v) => (typeof v === 'string' || bsonType(v) === 'symbol' ? re.test(String(v)) : isRegex(v) && compareValues(v, q) === 0);
  }
  if (q === null || q === undefined) return (v) => v === null || v === undefined;
  const order = typeOrder(q);
  return (v) => typeOrder(v) === order && compareValues(v, q) === 0;
}

function rangeTest(op: string, q: unknown): ElementTest {
  const order = typeOrder(q);
  const pass = op === '$gt' ? (c: number) => c > 0 : op === '$gte' ? (c: number) => c >= 0 : op === '$lt' ? (c: number) => c < 0 : (c: number) => c <= 0;
  // Comparisons only match values of the same type bracket; MinKey/MaxKey compare with everything.
  return (v) => {
    const vo = typeOrder(v);
    if (vo !== order && order !== 1 && order !== 13) return false;
    return pass(compareValues(v, q));
  };
}

function compileOperator(op: string, arg: unknown, whole: Doc): ValueTest {
  switch (op) {
    case '$eq':
      return anyValue(equalsTest(arg));
    case '$ne': {
      const eq = anyValue(equalsTest(arg));
      return (values) => !eq(values);
    }
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte': {
      if (isRegex(arg)) return anyValue(equalsTest(arg));
      const t = rangeTest(op, arg);
      // An array compares as a whole too when the operand is an array.
      return anyValue(t);
    }
    case '$in':
    case '$nin': {
      if (!Array.isArray(arg)) fail(ErrorCodes.BadValue, `${op} needs an array`);
      const tests = arg.map((q) => {
        if (isOperatorDocument(q)) fail(ErrorCodes.BadValue, 'cannot nest $ under $in');
        return equalsTest(q);
      });
      const any = anyValue((v) => tests.some((t) => t(v)));
      return op === '$in' ? any : (values) => !any(values);
    }
    case '$exists': {
      const want = truthy(arg);
      return (values) => values.some((v) => v !== undefined) === want;
    }
    case '$type': {
      const wanted = (Array.isArray(arg) ? arg : [arg]).map(typeMatcher);
      return anyValue((v) => wanted.some((w) => w(v)));
    }
    case '$size': {
      if (!isNumber(arg) || !Number.isInteger(toNumber(arg)) || toNumber(arg) < 0) {
        fail(ErrorCodes.BadValue, '$size needs a non-negative whole number');
      }
      const n = toNumber(arg);
      return (values) => values.some((v) => Array.isArray(v) && v.length === n);
    }
    case '$all': {
      if (!Array.isArray(arg)) fail(ErrorCodes.BadValue, '$all needs an array');
      if (arg.length === 0) return () => false;
      const tests = arg.map((q) =>
        isPlainDocument(q) && Object.hasOwn(q, '$elemMatch') ? compileOperator('$elemMatch', q.$elemMatch, q) : anyValue(equalsTest(q)),
      );
      return (values) => tests.every((t) => t(values));
    }
    case '$elemMatch': {
      if (!isPlainDocument(arg)) fail(ErrorCodes.BadValue, '$elemMatch needs an Object');
      const elementTest: ElementTest =
        isOperatorDocument(arg) && !['$and', '$or', '$nor', '$expr'].includes(Object.keys(arg)[0])
          ? (
              (t) => (e: unknown) =>
                t([e])
            )(compileCondition(arg))
          : (
              (p) => (e: unknown) =>
                isPlainDocument(e) && p(e)
            )(compileFilter(arg));
      return (values) => values.some((v) => Array.isArray(v) && v.some(elementTest));
    }
    case '$regex': {
      const re = toRegExp(arg, typeof whole.$options === 'string' ? whole.$options : '');
      return anyValue((v) => typeof v === 'string' && re.test(v));
    }
    case '$not': {
      if (!isRegex(arg) && !isOperatorDocument(arg)) fail(ErrorCodes.BadValue, '$not needs a regex or a document');
      const inner = isRegex(arg) ? anyValue(equalsTest(arg)) : compileCondition(arg);
      return (values) => !inner(values);
    }
    case '$mod': {
      if (!Array.isArray(arg) || arg.length !== 2) fail(ErrorCodes.BadValue, 'malformed mod, needs to be an array of [divisor, remainder]');
      const d = Math.trunc(toNumber(arg[0])),
        r = Math.trunc(toNumber(arg[1]));
      if (!Number.isFinite(d) || !Number.isFinite(r)) fail(ErrorCodes.BadValue, 'malformed mod, divisor and remainder must be numbers');
      if (d === 0) fail(ErrorCodes.BadValue, 'divisor cannot be 0');
      return anyValue((v) => isNumber(v) && Math.trunc(toNumber(v)) % d === r);
    }
    case '$comment':
      return () => true;
    default:
      fail(ErrorCodes.BadValue, `unknown operator: ${op}`);
  }
}

function typeMatcher(t: unknown): ElementTest {
  if (t === 'number') return isNumber;
  let code: number | undefined;
  if (typeof t === 'string') code = typeAliases[t];
  else if (isNumber(t)) code = toNumber(t);
  if (code === undefined || !Object.values(typeAliases).includes(code)) fail(ErrorCodes.BadValue, `Unknown type name alias: ${String(t)}`);
  return (v) => v !== undefined && typeAliases[bsonType(v)] === code;
}

/**
 * The index of the first array element that satisfied the query, for the positional `$`
 * update operator: found by testing each condition against the elements of the first array
 * on its path.
 */
export function matchedArrayIndex(filter: Doc, doc: Doc): number | undefined {
  for (const key of Object.keys(filter)) {
    if (key === '$and') {
      for (const clause of filter.$and as Doc[]) {
        const i = matchedArrayIndex(clause, doc);
        if (i !== undefined) return i;
      }
      continue;
    }
    if (key.startsWith('$')) continue;
    const parts = key.split('.');
    let value: unknown = doc;
    for (let depth = 0; depth < parts.length; depth++) {
      if (!isPlainDocument(value)) break;
      value = value[parts[depth]];
      if (Array.isArray(value)) {
        const rest = parts.slice(depth + 1);
        const cond = filter[key];
        const test = isOperatorDocument(cond) && Object.hasOwn(cond, '$elemMatch') ? compileCondition(cond.$elemMatch) : compileCondition(cond);
        const useElementAsValue = isOperatorDocument(cond) && Object.hasOwn(cond, '$elemMatch') && isOperatorDocument(cond.$elemMatch);
        for (let i = 0; i < value.length; i++) {
          const element = value[i];
          if (Object.hasOwn(cond ?? {}, '$elemMatch') && !useElementAsValue) {
            if (isPlainDocument(element) && compileFilter(cond.$elemMatch)(element)) return i;
            continue;
          }
          const reached = rest.length ? pathValues(element, rest) : [element];
          if (test(reached)) return i;
        }
        break;
      }
    }
  }
  return undefined;
}
