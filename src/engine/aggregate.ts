// Aggregation pipeline: https://www.mongodb.com/docs/manual/reference/operator/aggregation-pipeline/
//
// The whole pipeline (stages and their expressions) is parsed up front, so malformed pipelines
// fail even on empty collections, as in MongoDB. Streaming stages ($match, $project, $skip,
// $limit, $unwind, ...) are generators; blocking ones ($sort, $group, ...) materialise.
// Stages never mutate the documents they receive; the final output is deep-copied so callers
// may hold on to it independently of the stored documents.
import { fail, ErrorCodes } from './errors.ts';
import {
  compileExpression,
  type Evaluator,
  getField,
  isTruthy,
  mergeObjectsInto,
  NumericSum,
  putField,
  type Scope,
  typeName,
  withNow,
  wrapInteger,
} from './expressions.ts';
import { compileFilter } from './matcher.ts';
import { type Doc, bsonType, canonicalKey, cloneValue, compareValues, Double, isNumber, isPlainDocument, toNumber } from './values.ts';

export { evaluateExpression } from './expressions.ts';

export interface PipelineContext {
  /** Documents of another collection in the same database, for $lookup; undefined if it doesn't exist. */
  collectionDocs(name: string): Iterable<Doc> | undefined;
}

/** Run `pipeline` over `input` and return fresh (deep-copied) result documents. */
export function runPipeline(input: Iterable<Doc>, pipeline: Doc[], ctx: PipelineContext): Doc[] {
  const stages = compilePipeline(pipeline, { nested: false });
  return withNow(() => {
    const out: Doc[] = [];
    for (const doc of execute(stages, input, { ctx, vars: {} })) out.push(cloneValue(doc));
    return out;
  });
}

// ---------------------------------------------------------------------------------------------
// Pipeline compilation

interface Env {
  ctx: PipelineContext;
  /** Variables visible to expressions (`$lookup` `let`). */
  vars: Record<string, unknown>;
}

type Stage = (input: Iterable<Doc>, env: Env) => Iterable<Doc>;

interface CompileOptions {
  /** Inside $facet / $lookup / $unionWith sub-pipelines. */
  nested: boolean;
  inFacet?: boolean;
}

type StageCompiler = (spec: unknown, opts: CompileOptions) => Stage;

function compilePipeline(pipeline: unknown, opts: CompileOptions): Stage[] {
  if (!Array.isArray(pipeline)) fail(ErrorCodes.TypeMismatch, "'pipeline' option must be specified as an array");
  return pipeline.map((stage) => compileStage(stage, opts));
}

function compileStage(stage: unknown, opts: CompileOptions): Stage {
  if (!isPlainDocument(stage) || Object.keys(stage).length !== 1) {
    fail(40323, 'A pipeline stage specification object must contain exactly one field.');
  }
  const name = Object.keys(stage)[0];
  if (unsupportedStages.has(name)) fail(ErrorCodes.IllegalOperation, `${name} is not supported by the embedded engine`);
  const compiler = Object.hasOwn(stageCompilers, name) ? stageCompilers[name] : undefined;
  if (!compiler) fail(ErrorCodes.Location40324, `Unrecognized pipeline stage name: '${name}'`);
  return compiler(stage[name], opts);
}

function execute(stages: Stage[], input: Iterable<Doc>, env: Env): Iterable<Doc> {
  let docs = input;
  for (const stage of stages) docs = stage(docs, env);
  return docs;
}

/** Stages MongoDB knows but this engine deliberately rejects rather than silently ignoring. */
const unsupportedStages = new Set([
  '$out',
  '$merge',
  '$bucket',
  '$bucketAuto',
  '$graphLookup',
  '$geoNear',
  '$setWindowFields',
  '$densify',
  '$fill',
  '$redact',
  '$search',
  '$searchMeta',
  '$vectorSearch',
  '$collStats',
  '$indexStats',
  '$currentOp',
  '$listSessions',
  '$listLocalSessions',
  '$planCacheStats',
  '$changeStream',
  '$documents',
  '$changeStreamSplitLargeEvent',
  '$listSearchIndexes',
  '$shardedDataDistribution',
]);

function scopeFor(doc: Doc, env: Env): Scope {
  return { root: doc, current: doc, vars: env.vars };
}

const stageCompilers: Record<string, StageCompiler> = Object.create(null);

// ---------------------------------------------------------------------------------------------
// $match

stageCompilers.$match = (spec) => {
  if (!isPlainDocument(spec)) fail(15959, 'the match filter must be an expression in an object');
  // Top-level $expr is evaluated here so that it sees $lookup `let` variables.
  const { $expr: expr, ...rest } = spec;
  const exprEv = Object.hasOwn(spec, '$expr') ? compileExpression(expr) : undefined;
  const filter = Object.keys(rest).length ? compileFilter(rest) : undefined;
  return function* match(input, env) {
    for (const doc of input) {
      if (filter && !filter(doc)) continue;
      if (exprEv && !isTruthy(exprEv(scopeFor(doc, env)))) continue;
      yield doc;
    }
  };
};

// ---------------------------------------------------------------------------------------------
// $project / $addFields / $set / $unset

type ProjLeaf = { kind: 'include' } | { kind: 'exclude' } | { kind: 'computed'; ev: Evaluator };

interface ProjNode {
  kind: 'node';
  children: Map<string, ProjLeaf | ProjNode>;
  hasComputed: boolean;
}

type ProjectionMode = 'project' | 'addFields' | 'unset';

interface ParsedProjection {
  tree: ProjNode;
  inclusion: boolean;
  /** `_id` explicitly listed at the top level. */
  idSpecified: boolean;
}

function newNode(): ProjNode {
  return { kind: 'node', children: new Map(), hasComputed: false };
}

function isOperatorObject(v: unknown): v is Doc {
  return isPlainDocument(v) && Object.keys(v).some((k) => k.startsWith('$'));
}

function parseProjection(spec: Doc, mode: ProjectionMode, stageName: string): ParsedProjection {
  const tree = newNode();
  let sawInclusion = false,
    sawExclusion = false,
    idSpecified = false;

  const addLeaf = (path: string, leaf: ProjLeaf) => {
    const parts = path.split('.');
    for (const p of parts) {
      if (p === '') fail(ErrorCodes.Location40352, `Invalid ${stageName} :: caused by :: FieldPath field names may not be empty strings.`);
      if (p.startsWith('$'))
        fail(
          ErrorCodes.Location16410,
          `Invalid ${stageName} :: caused by :: FieldPath field names may not start with '$'. Consider using $getField or $setField.`,
        );
    }
    let node = tree;
    const chain: ProjNode[] = [tree];
    for (let i = 0; i < parts.length - 1; i++) {
      const existing = node.children.get(parts[i]);
      if (existing && existing.kind !== 'node') {
        fail(31250, `Invalid ${stageName} :: caused by :: Path collision at ${path} remaining portion ${parts.slice(i + 1).join('.')}`);
      }
      if (!existing) {
        const child = newNode();
        node.children.set(parts[i], child);
        node = child;
      } else {
        node = existing;
      }
      chain.push(node);
    }
    const last = parts[parts.length - 1];
    if (node.children.has(last)) fail(31250, `Invalid ${stageName} :: caused by :: Path collision at ${path}`);
    node.children.set(last, leaf);
    if (leaf.kind === 'computed') for (const n of chain) n.hasComputed = true;
  };

  const walk = (obj: Doc, prefix: string) => {
    const keys = Object.keys(obj);
    for (const key of keys) {
      const path = prefix ? `${prefix}.${key}` : key;
      const value = obj[key];
      const isTopId = path === '_id';
      if (isTopId || path.startsWith('_id.')) idSpecified = true;
      if (isPlainDocument(value) && !isOperatorObject(value)) {
        if (Object.keys(value).length === 0) {
          if (mode === 'project')
            fail(51270, `Invalid ${stageName} :: caused by :: An empty sub-projection is not a valid value. Found empty object at path ${path}`);
          addLeaf(path, { kind: 'computed', ev: () => ({}) });
          continue;
        }
        walk(value, path);
        continue;
      }
      if (mode === 'project' && (typeof value === 'boolean' || isNumber(value) || typeof value === 'number')) {
        const include = typeof value === 'boolean' ? value : toNumber(value) !== 0;
        if (include) {
          if (sawExclusion && !isTopId) fail(31253, `Invalid ${stageName} :: caused by :: Cannot do inclusion on field ${path} in exclusion projection`);
          if (!isTopId) sawInclusion = true;
          addLeaf(path, { kind: 'include' });
        } else {
          if (sawInclusion && !isTopId)
            fail(ErrorCodes.Location31254, `Invalid ${stageName} :: caused by :: Cannot do exclusion on field ${path} in inclusion projection`);
          if (!isTopId) sawExclusion = true;
          addLeaf(path, { kind: 'exclude' });
        }
        continue;
      }
      if (mode === 'project' && sawExclusion) {
        fail(31252, `Invalid ${stageName} :: caused by :: Cannot use expression other than $meta in exclusion projection`);
      }
      sawInclusion = true;
      addLeaf(path, { kind: 'computed', ev: compileExpression(value) });
    }
  };

  walk(spec, '');
  // `{_id: 0}` or `{_id: 1}` alone: the former excludes, the latter keeps only _id.
  let inclusion = sawInclusion;
  if (!sawInclusion && !sawExclusion) {
    const id = tree.children.get('_id');
    inclusion = !id || id.kind !== 'exclude';
  }
  return { tree, inclusion, idSpecified };
}

/** Pass 1 of an inclusion projection: keep listed fields, in the input document's order. */
function includeFields(node: ProjNode, value: unknown): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const el of value) {
      if (isPlainDocument(el) || Array.isArray(el)) out.push(includeFields(node, el));
    }
    return out;
  }
  if (!isPlainDocument(value)) return undefined;
  const out: Doc = {};
  for (const k of Object.keys(value)) {
    const entry = node.children.get(k);
    if (!entry) continue;
    if (entry.kind === 'include') putField(out, k, value[k]);
    else if (entry.kind === 'node') {
      const v = includeFields(entry, value[k]);
      if (v !== undefined) putField(out, k, v);
    }
  }
  return out;
}

/** Pass 2: set computed fields (in specification order) on a fresh copy of `target`. */
function applyComputed(node: ProjNode, target: Doc, scope: Scope): Doc {
  const out: Doc = { ...target };
  for (const [k, entry] of node.children) {
    if (entry.kind === 'computed') {
      const v = entry.ev(scope);
      if (v === undefined) delete out[k];
      else putField(out, k, v);
    } else if (entry.kind === 'node' && entry.hasComputed) {
      putField(out, k, computedIntoValue(entry, getField(out, k), scope));
    }
  }
  return out;
}

function computedIntoValue(node: ProjNode, value: unknown, scope: Scope): unknown {
  if (isPlainDocument(value)) return applyComputed(node, value, scope);
  if (Array.isArray(value)) return value.map((el) => computedIntoValue(node, el, scope));
  return applyComputed(node, {}, scope);
}

function excludeFields(node: ProjNode, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((el) => (isPlainDocument(el) || Array.isArray(el) ? excludeFields(node, el) : el));
  if (!isPlainDocument(value)) return value;
  const out: Doc = {};
  for (const k of Object.keys(value)) {
    const entry = node.children.get(k);
    if (entry?.kind === 'exclude') continue;
    putField(out, k, entry?.kind === 'node' ? excludeFields(entry, value[k]) : value[k]);
  }
  return out;
}

function compileProjection(parsed: ParsedProjection): (doc: Doc, env: Env) => Doc {
  const { tree, inclusion, idSpecified } = parsed;
  if (!inclusion) return (doc) => excludeFields(tree, doc) as Doc;
  if (!idSpecified) {
    // `_id` is included by default; it is placed first like in MongoDB's output.
    const withId: ProjNode = { ...tree, children: new Map([['_id', { kind: 'include' }], ...tree.children]) };
    return (doc, env) => {
      const base = includeFields(withId, doc) as Doc;
      return tree.hasComputed ? applyComputed(tree, base, scopeFor(doc, env)) : base;
    };
  }
  return (doc, env) => {
    const base = includeFields(tree, doc) as Doc;
    return tree.hasComputed ? applyComputed(tree, base, scopeFor(doc, env)) : base;
  };
}

function mapStage(fn: (doc: Doc, env: Env) => Doc): Stage {
  return function* map(input, env) {
    for (const doc of input) yield fn(doc, env);
  };
}

stageCompilers.$project = (spec) => {
  if (!isPlainDocument(spec)) fail(15969, '$project specification must be an object');
  if (Object.keys(spec).length === 0) fail(51272, 'Invalid $project :: caused by :: projection specification must have at least one field');
  return mapStage(compileProjection(parseProjection(spec, 'project', '$project')));
};

function compileAddFields(stageName: string): StageCompiler {
  return (spec) => {
    if (!isPlainDocument(spec)) fail(40272, `${stageName} specification stage must be an object, got ${typeName(spec)}`);
    const { tree } = parseProjection(spec, 'addFields', stageName);
    return mapStage((doc, env) => applyComputed(tree, doc, scopeFor(doc, env)));
  };
}
stageCompilers.$addFields = compileAddFields('$addFields');
stageCompilers.$set = compileAddFields('$set');

stageCompilers.$unset = (spec) => {
  const fields = typeof spec === 'string' ? [spec] : spec;
  if (!Array.isArray(fields) || fields.length === 0 || fields.some((f) => typeof f !== 'string')) {
    fail(31002, '$unset specification must be a string or an array containing only string values');
  }
  const projection: Doc = {};
  for (const f of fields as string[]) {
    if (f === '') fail(ErrorCodes.Location40352, 'Invalid $unset :: caused by :: FieldPath cannot be constructed with empty string');
    projection[f] = 0;
  }
  const parsed = parseProjection(projection, 'project', '$unset');
  return mapStage((doc) => excludeFields(parsed.tree, doc) as Doc);
};

// ---------------------------------------------------------------------------------------------
// $replaceRoot / $replaceWith

function replaceRootStage(ev: Evaluator): Stage {
  return mapStage((doc, env) => {
    const v = ev(scopeFor(doc, env));
    if (!isPlainDocument(v)) {
      fail(
        40228,
        `'newRoot' expression must evaluate to an object, but resulting value was: ${v === undefined ? 'MISSING' : (JSON.stringify(v) ?? String(v))}. Type of resulting value: '${typeName(v)}'.`,
      );
    }
    return v;
  });
}

stageCompilers.$replaceRoot = (spec) => {
  if (!isPlainDocument(spec)) fail(40229, `expected an object as specification for $replaceRoot stage, got ${typeName(spec)}`);
  for (const k of Object.keys(spec)) if (k !== 'newRoot') fail(40415, `BSON field '$replaceRoot.${k}' is an unknown field.`);
  if (!Object.hasOwn(spec, 'newRoot')) fail(40414, "BSON field '$replaceRoot.newRoot' is missing but a required field");
  return replaceRootStage(compileExpression(spec.newRoot));
};
stageCompilers.$replaceWith = (spec) => replaceRootStage(compileExpression(spec));

// ---------------------------------------------------------------------------------------------
// $sort

/** Below every value but MinKey: the sort key of an empty array. */
const EMPTY_ARRAY = Symbol('emptyArray');

function compareSortKeys(a: unknown, b: unknown): number {
  if (a === EMPTY_ARRAY || b === EMPTY_ARRAY) {
    if (a === b) return 0;
    const other = a === EMPTY_ARRAY ? b : a;
    const emptyFirst = bsonType(other) === 'minKey' ? 1 : -1;
    return a === EMPTY_ARRAY ? emptyFirst : -emptyFirst;
  }
  return compareValues(a, b);
}

/** Every value a sort on `parts` considers (arrays contribute their elements). */
function collectSortValues(value: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    if (Array.isArray(value)) {
      if (value.length === 0) out.push(EMPTY_ARRAY);
      else out.push(...value);
    } else {
      out.push(value === undefined ? null : value);
    }
    return;
  }
  if (Array.isArray(value)) {
    const before = out.length;
    if (/^\d+$/.test(parts[i]) && Number(parts[i]) < value.length) collectSortValues(value[Number(parts[i])], parts, i + 1, out);
    for (const el of value) if (isPlainDocument(el)) collectSortValues(el, parts, i, out);
    if (out.length === before) out.push(null);
    return;
  }
  if (isPlainDocument(value)) {
    collectSortValues(getField(value, parts[i]), parts, i + 1, out);
    return;
  }
  out.push(null);
}

export function sortKeyFor(doc: Doc, parts: string[], dir: 1 | -1): unknown {
  const values: unknown[] = [];
  collectSortValues(doc, parts, 0, values);
  let best = values[0];
  for (let i = 1; i < values.length; i++) if (compareSortKeys(values[i], best) * dir < 0) best = values[i];
  return best;
}

interface SortSpecKey {
  parts: string[];
  dir: 1 | -1;
}

function parseSortSpec(spec: unknown): SortSpecKey[] {
  if (!isPlainDocument(spec)) fail(15973, 'the $sort key specification must be an object');
  const keys = Object.keys(spec);
  if (keys.length === 0) fail(15976, '$sort stage must have at least one sort key');
  return keys.map((k) => {
    const v = spec[k];
    if (isPlainDocument(v)) fail(ErrorCodes.IllegalOperation, `$sort by ${JSON.stringify(v)} is not supported by the embedded engine`);
    const n = typeof v === 'number' || isNumber(v) ? toNumber(v) : Number.NaN;
    if (n !== 1 && n !== -1) fail(15975, '$sort key ordering must be 1 (for ascending) or -1 (for descending)');
    if (k === '' || k.split('.').some((p) => p === '')) fail(ErrorCodes.Location40352, 'FieldPath field names may not be empty strings.');
    return { parts: k.split('.'), dir: n as 1 | -1 };
  });
}

export function sortDocuments(docs: Iterable<Doc>, keys: SortSpecKey[]): Doc[] {
  const decorated = Array.from(docs, (doc) => ({ doc, sortKeys: keys.map((k) => sortKeyFor(doc, k.parts, k.dir)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const c = compareSortKeys(a.sortKeys[i], b.sortKeys[i]);
      if (c) return c * keys[i].dir;
    }
    return 0;
  });
  return decorated.map((d) => d.doc);
}

stageCompilers.$sort = (spec) => {
  const keys = parseSortSpec(spec);
  return (input) => sortDocuments(input, keys);
};

// ---------------------------------------------------------------------------------------------
// $skip / $limit / $sample

function nonNegativeInteger(stage: string, v: unknown): number {
  if (!isNumber(v) && typeof v !== 'number') fail(15972, `Argument to ${stage} must be a number`);
  const n = toNumber(v);
  if (!Number.isInteger(n)) fail(15972, `Argument to ${stage} cannot be converted to an integer: ${n}`);
  if (n < 0) fail(15956, `Argument to ${stage} cannot be negative`);
  return n;
}

stageCompilers.$skip = (spec) => {
  const n = nonNegativeInteger('$skip', spec);
  return function* skip(input) {
    let i = 0;
    for (const doc of input) if (i++ >= n) yield doc;
  };
};

stageCompilers.$limit = (spec) => {
  const n = nonNegativeInteger('$limit', spec);
  if (n === 0) fail(15958, 'the limit must be positive');
  return function* limit(input) {
    if (n <= 0) return;
    let i = 0;
    for (const doc of input) {
      yield doc;
      if (++i >= n) return;
    }
  };
};

stageCompilers.$sample = (spec) => {
  if (!isPlainDocument(spec) || !Object.hasOwn(spec, 'size')) fail(28749, '$sample stage must specify a size');
  for (const k of Object.keys(spec)) if (k !== 'size') fail(28748, `unrecognized option to $sample: ${k}`);
  const size = nonNegativeInteger('$sample size', spec.size);
  return (input) => {
    const all = Array.from(input);
    for (let i = all.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [all[i], all[j]] = [all[j], all[i]];
    }
    return all.slice(0, size);
  };
};

// ---------------------------------------------------------------------------------------------
// $group

interface Accumulator {
  add(v: unknown): void;
  result(): unknown;
}

type AccumulatorFactory = () => Accumulator;

const accumulators: Record<string, (op: string, arg: unknown) => AccumulatorFactory> = {
  $sum: () => () => {
    const s = new NumericSum();
    return {
      add: (v) => {
        if (isNumber(v)) s.add(v);
      },
      result: () => s.result(),
    };
  },
  $avg: () => () => {
    const s = new NumericSum();
    let n = 0;
    return {
      add: (v) => {
        if (isNumber(v)) {
          s.add(v);
          n++;
        }
      },
      result: () => (n === 0 ? null : s.average(n)),
    };
  },
  $min: () => extremeAccumulator(-1),
  $max: () => extremeAccumulator(1),
  $first: () => () => {
    let seen = false,
      first: unknown = null;
    return {
      add: (v) => {
        if (!seen) {
          seen = true;
          first = v === undefined ? null : v;
        }
      },
      result: () => first,
    };
  },
  $last: () => () => {
    let last: unknown = null;
    return {
      add: (v) => {
        last = v === undefined ? null : v;
      },
      result: () => last,
    };
  },
  $push: () => () => {
    const out: unknown[] = [];
    return {
      add: (v) => {
        if (v !== undefined) out.push(v);
      },
      result: () => out,
    };
  },
  $addToSet: () => () => {
    const seen = new Map<string, unknown>();
    return {
      add: (v) => {
        if (v !== undefined && !seen.has(canonicalKey(v))) seen.set(canonicalKey(v), v);
      },
      result: () => [...seen.values()],
    };
  },
  $count: (_op, arg) => {
    if (!isPlainDocument(arg) || Object.keys(arg).length) fail(ErrorCodes.TypeMismatch, '$count takes no arguments, i.e. $count:{}');
    return () => {
      let n = 0n;
      return {
        add: () => {
          n++;
        },
        result: () => wrapInteger(n),
      };
    };
  },
  $mergeObjects: () => () => {
    const out: Doc = {};
    return { add: (v) => mergeObjectsInto(out, v), result: () => out };
  },
  $stdDevPop: () => () => stdDevAccumulator(false),
  $stdDevSamp: () => () => stdDevAccumulator(true),
};

function extremeAccumulator(sign: 1 | -1): AccumulatorFactory {
  return () => {
    let best: unknown;
    return {
      add: (v) => {
        if (v === undefined || v === null) return;
        if (best === undefined || compareValues(v, best) * sign > 0) best = v;
      },
      result: () => (best === undefined ? null : best),
    };
  };
}

/** Welford's online algorithm; non-numeric values are ignored. */
function stdDevAccumulator(sample: boolean): Accumulator {
  let n = 0,
    mean = 0,
    m2 = 0;
  return {
    add: (v) => {
      if (!isNumber(v)) return;
      const x = toNumber(v);
      n++;
      const d = x - mean;
      mean += d / n;
      m2 += d * (x - mean);
    },
    result: () => (n === 0 || (sample && n === 1) ? null : new Double(Math.sqrt(m2 / (sample ? n - 1 : n)))),
  };
}

interface GroupField {
  name: string;
  ev: Evaluator;
  make: AccumulatorFactory;
}

function compileGroup(spec: unknown): { id: Evaluator; fields: GroupField[] } {
  if (!isPlainDocument(spec)) fail(15947, "a group's fields must be specified in an object");
  if (!Object.hasOwn(spec, '_id')) fail(15955, 'a group specification must include an _id');
  const id = compileExpression(spec._id);
  const fields: GroupField[] = [];
  for (const name of Object.keys(spec)) {
    if (name === '_id') continue;
    if (name.includes('.')) fail(40235, `The field name '${name}' cannot contain '.'`);
    if (name.startsWith('$')) fail(40236, `The field name '${name}' cannot be an operator name`);
    const accSpec = spec[name];
    if (!isPlainDocument(accSpec)) fail(40234, `The field '${name}' must be an accumulator object`);
    const keys = Object.keys(accSpec);
    if (keys.length !== 1) fail(40238, `The field '${name}' must specify one accumulator`);
    const op = keys[0];
    const factory = Object.hasOwn(accumulators, op) ? accumulators[op] : undefined;
    if (!factory) fail(15952, `unknown group operator '${op}'`);
    const arg = accSpec[op];
    fields.push({ name, ev: op === '$count' ? () => null : compileExpression(arg), make: factory(op, arg) });
  }
  return { id, fields };
}

function groupDocuments(input: Iterable<Doc>, env: Env, id: Evaluator, fields: GroupField[]): Doc[] {
  const groups = new Map<string, { id: unknown; accs: Accumulator[] }>();
  for (const doc of input) {
    const scope = scopeFor(doc, env);
    let key = id(scope);
    if (key === undefined) key = null;
    const ck = canonicalKey(key);
    let g = groups.get(ck);
    if (!g) {
      g = { id: key, accs: fields.map((f) => f.make()) };
      groups.set(ck, g);
    }
    for (let i = 0; i < fields.length; i++) g.accs[i].add(fields[i].ev(scope));
  }
  const out: Doc[] = [];
  for (const g of groups.values()) {
    const doc: Doc = { _id: g.id };
    fields.forEach((f, i) => putField(doc, f.name, g.accs[i].result()));
    out.push(doc);
  }
  return out;
}

stageCompilers.$group = (spec) => {
  const { id, fields } = compileGroup(spec);
  return (input, env) => groupDocuments(input, env, id, fields);
};

stageCompilers.$count = (spec) => {
  if (typeof spec !== 'string' || spec === '') fail(40156, 'the count field must be a non-empty string');
  if (spec.startsWith('$')) fail(40158, 'the count field cannot be a $-prefixed path');
  if (spec.includes('.')) fail(40160, "the count field cannot contain '.'");
  return function* count(input) {
    let n = 0n;
    for (const _ of input) n++;
    if (n > 0n) yield { [spec]: wrapInteger(n) };
  };
};

stageCompilers.$sortByCount = (spec) => {
  const ok = (typeof spec === 'string' && spec.startsWith('$')) || isOperatorObject(spec);
  if (!ok) fail(40148, 'the sortByCount field must be defined as a $-prefixed path or an expression');
  const id = compileExpression(spec);
  const fields: GroupField[] = [{ name: 'count', ev: () => null, make: accumulators.$count('$count', {}) }];
  const keys: SortSpecKey[] = [{ parts: ['count'], dir: -1 }];
  return (input, env) => sortDocuments(groupDocuments(input, env, id, fields), keys);
};

// ---------------------------------------------------------------------------------------------
// $unwind

/** Copy-on-write set of a dotted path (intermediate non-documents are replaced). */
function setPath(doc: Doc, parts: string[], value: unknown, i = 0): Doc {
  const out: Doc = { ...doc };
  const k = parts[i];
  if (i === parts.length - 1) {
    putField(out, k, value);
  } else {
    const child = getField(doc, k);
    putField(out, k, setPath(isPlainDocument(child) ? child : {}, parts, value, i + 1));
  }
  return out;
}

function removePath(doc: Doc, parts: string[], i = 0): Doc {
  const k = parts[i];
  if (!Object.hasOwn(doc, k)) return doc;
  const out: Doc = { ...doc };
  if (i === parts.length - 1) delete out[k];
  else {
    const child = doc[k];
    if (isPlainDocument(child)) putField(out, k, removePath(child, parts, i + 1));
  }
  return out;
}

/** Value at a dotted path, through embedded documents only (no array traversal). */
function getPathNoArrays(doc: Doc, parts: string[]): unknown {
  let v: unknown = doc;
  for (const p of parts) {
    if (!isPlainDocument(v)) return undefined;
    v = getField(v, p);
  }
  return v;
}

stageCompilers.$unwind = (spec) => {
  let path: unknown,
    indexField: unknown,
    preserve: unknown = false;
  if (typeof spec === 'string') {
    path = spec;
  } else if (isPlainDocument(spec)) {
    for (const k of Object.keys(spec)) {
      if (k === 'path') path = spec.path;
      else if (k === 'includeArrayIndex') indexField = spec.includeArrayIndex;
      else if (k === 'preserveNullAndEmptyArrays') preserve = spec.preserveNullAndEmptyArrays;
      else fail(28811, `unrecognized option to $unwind stage: ${k}`);
    }
    if (path === undefined) fail(28812, 'no path specified to $unwind stage');
  } else {
    fail(15981, `expected either a string or an object as specification for $unwind stage, got ${typeName(spec)}`);
  }
  if (typeof path !== 'string') fail(28808, `expected a string as the path for $unwind stage, got ${typeName(path)}`);
  if (!path.startsWith('$')) fail(28818, `path option to $unwind stage should be prefixed with a '$': ${path}`);
  if (typeof preserve !== 'boolean') fail(28809, `expected a boolean for the preserveNullAndEmptyArrays option to $unwind stage, got ${typeName(preserve)}`);
  if (indexField !== undefined) {
    if (typeof indexField !== 'string' || indexField === '') fail(28810, 'expected a non-empty string for the includeArrayIndex option to $unwind stage');
    if (indexField.startsWith('$')) fail(28822, `includeArrayIndex option to $unwind stage should not be prefixed with a '$': ${indexField}`);
  }
  const parts = path.slice(1).split('.');
  if (parts.some((p) => p === '' || p.startsWith('$'))) fail(ErrorCodes.Location40352, `Invalid $unwind path: ${path}`);
  const indexParts = typeof indexField === 'string' ? indexField.split('.') : undefined;
  const keepEmpty = preserve;

  return function* unwind(input) {
    for (const doc of input) {
      const value = getPathNoArrays(doc, parts);
      if (Array.isArray(value)) {
        if (value.length === 0) {
          if (keepEmpty) {
            const out = removePath(doc, parts);
            yield indexParts ? setPath(out, indexParts, null) : out;
          }
          continue;
        }
        for (let i = 0; i < value.length; i++) {
          let out = setPath(doc, parts, value[i]);
          if (indexParts) out = setPath(out, indexParts, wrapInteger(BigInt(i), 1));
          yield out;
        }
      } else if (value === undefined || value === null) {
        if (keepEmpty) yield indexParts ? setPath(doc, indexParts, null) : doc;
      } else {
        yield indexParts ? setPath(doc, indexParts, null) : doc;
      }
    }
  };
};

// ---------------------------------------------------------------------------------------------
// $lookup / $unionWith / $facet

/** Keys under which `{path: value}` equality (matcher semantics) would match this document. */
function equalityKeys(doc: Doc, parts: string[]): Set<string> {
  const keys = new Set<string>();
  const visit = (value: unknown, i: number) => {
    if (i === parts.length) {
      keys.add(canonicalKey(value === undefined ? null : value));
      if (Array.isArray(value)) for (const el of value) keys.add(canonicalKey(el));
      return;
    }
    if (Array.isArray(value)) {
      let matchedAny = false;
      if (/^\d+$/.test(parts[i]) && Number(parts[i]) < value.length) {
        visit(value[Number(parts[i])], i + 1);
        matchedAny = true;
      }
      for (const el of value) {
        if (isPlainDocument(el)) {
          visit(el, i);
          matchedAny = true;
        }
      }
      if (!matchedAny) keys.add(canonicalKey(null));
      return;
    }
    if (isPlainDocument(value)) {
      visit(getField(value, parts[i]), i + 1);
      return;
    }
    keys.add(canonicalKey(null));
  };
  visit(doc, 0);
  return keys;
}

/** The values of `localField` that $lookup looks up: arrays are expanded, missing becomes null. */
function localValues(doc: Doc, parts: string[]): unknown[] {
  const out: unknown[] = [];
  const visit = (value: unknown, i: number) => {
    if (Array.isArray(value)) {
      for (const el of value) {
        if (i === parts.length) out.push(el);
        else if (isPlainDocument(el)) visit(el, i);
      }
      return;
    }
    if (i === parts.length) {
      if (value !== undefined) out.push(value);
      return;
    }
    if (isPlainDocument(value)) visit(getField(value, parts[i]), i + 1);
  };
  visit(doc, 0);
  if (out.length === 0) out.push(null);
  return out;
}

function fieldPathOption(stage: string, name: string, v: unknown): string[] {
  if (typeof v !== 'string') fail(ErrorCodes.FailedToParse, `${stage} argument '${name}' must be a string, found ${typeName(v)}`);
  const parts = v.split('.');
  if (v === '' || parts.some((p) => p === '' || p.startsWith('$'))) {
    fail(ErrorCodes.FailedToParse, `${stage} argument '${name}' must be a valid field path, found '${v}'`);
  }
  return parts;
}

stageCompilers.$lookup = (spec, opts) => {
  if (!isPlainDocument(spec)) fail(ErrorCodes.FailedToParse, 'the $lookup specification must be an Object');
  const allowed = ['from', 'as', 'localField', 'foreignField', 'let', 'pipeline'];
  for (const k of Object.keys(spec)) if (!allowed.includes(k)) fail(ErrorCodes.FailedToParse, `unknown argument to $lookup: ${k}`);
  const { from, as } = spec;
  if (typeof as !== 'string') fail(ErrorCodes.FailedToParse, "must specify 'as' field for a $lookup");
  const asParts = fieldPathOption('$lookup', 'as', as);
  const hasPipeline = Object.hasOwn(spec, 'pipeline');
  if (from === undefined && !hasPipeline) fail(ErrorCodes.FailedToParse, "must specify 'from' field for a $lookup");
  if (from !== undefined && typeof from !== 'string') {
    fail(ErrorCodes.FailedToParse, "$lookup 'from' field must be a string (database-qualified namespaces are not supported)");
  }
  const hasLocal = Object.hasOwn(spec, 'localField'),
    hasForeign = Object.hasOwn(spec, 'foreignField');
  if (hasLocal !== hasForeign) fail(ErrorCodes.FailedToParse, "$lookup requires both or neither of 'localField' and 'foreignField' to be specified");
  if (!hasLocal && !hasPipeline) fail(ErrorCodes.FailedToParse, "$lookup requires either 'pipeline' or both 'localField' and 'foreignField' to be specified");
  if (Object.hasOwn(spec, 'let') && !hasPipeline) fail(ErrorCodes.FailedToParse, "$lookup with 'let' must also specify 'pipeline'");
  const localParts = hasLocal ? fieldPathOption('$lookup', 'localField', spec.localField) : undefined;
  const foreignParts = hasForeign ? fieldPathOption('$lookup', 'foreignField', spec.foreignField) : undefined;

  let letVars: [string, Evaluator][] = [];
  if (Object.hasOwn(spec, 'let')) {
    if (!isPlainDocument(spec.let)) fail(ErrorCodes.FailedToParse, "$lookup argument 'let' must be an object");
    letVars = Object.keys(spec.let).map((k) => {
      if (!/^[a-z\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*$/.test(k)) fail(16870, `'${k}' starts with an invalid character for a user variable name`);
      return [k, compileExpression(spec.let[k])];
    });
  }
  const subStages = hasPipeline ? compilePipeline(spec.pipeline, { ...opts, nested: true }) : undefined;

  return function* lookup(input, env) {
    const foreign = typeof from === 'string' ? Array.from(env.ctx.collectionDocs(from) ?? []) : [];
    // Equality index over the foreign collection, built on first use.
    let index: Map<string, number[]> | undefined;
    const candidates = (doc: Doc): Doc[] => {
      if (!localParts || !foreignParts) return foreign;
      if (!index) {
        index = new Map();
        foreign.forEach((f, i) => {
          for (const k of equalityKeys(f, foreignParts)) {
            const list = index!.get(k);
            if (list) list.push(i);
            else index!.set(k, [i]);
          }
        });
      }
      const hits = new Set<number>();
      for (const v of localValues(doc, localParts)) for (const i of index.get(canonicalKey(v)) ?? []) hits.add(i);
      return [...hits].sort((a, b) => a - b).map((i) => foreign[i]);
    };
    for (const doc of input) {
      let matched = candidates(doc);
      if (subStages) {
        const vars = { ...env.vars };
        const scope = scopeFor(doc, env);
        for (const [k, ev] of letVars) vars[k] = ev(scope);
        matched = Array.from(execute(subStages, matched, { ctx: env.ctx, vars }));
      }
      yield setPath(doc, asParts, matched);
    }
  };
};

stageCompilers.$unionWith = (spec, opts) => {
  let coll: unknown,
    pipeline: unknown = [];
  if (typeof spec === 'string') coll = spec;
  else if (isPlainDocument(spec)) {
    for (const k of Object.keys(spec)) if (k !== 'coll' && k !== 'pipeline') fail(40415, `BSON field '$unionWith.${k}' is an unknown field.`);
    coll = spec.coll;
    if (Object.hasOwn(spec, 'pipeline')) pipeline = spec.pipeline;
  } else {
    fail(ErrorCodes.FailedToParse, `the $unionWith stage specification must be an object or string, but found ${typeName(spec)}`);
  }
  if (typeof coll !== 'string') fail(ErrorCodes.FailedToParse, "$unionWith requires a 'coll' string");
  const stages = compilePipeline(pipeline, { ...opts, nested: true });
  return function* unionWith(input, env) {
    yield* input;
    yield* execute(stages, env.ctx.collectionDocs(coll) ?? [], env);
  };
};

stageCompilers.$facet = (spec, opts) => {
  if (opts.inFacet) fail(40600, '$facet is not allowed to be used within a $facet stage');
  if (!isPlainDocument(spec) || Object.keys(spec).length === 0) fail(40169, 'the $facet specification must be a non-empty object');
  const facets = Object.keys(spec).map((name) => {
    if (name === '' || name.startsWith('$') || name.includes('.')) fail(40170, `$facet pipeline names must be valid field names: '${name}'`);
    const sub = spec[name];
    if (!Array.isArray(sub)) fail(40170, `arguments to $facet must be arrays, ${name} is type ${typeName(sub)}`);
    return [name, compilePipeline(sub, { nested: true, inFacet: true })] as const;
  });
  return function* facet(input, env) {
    const docs = Array.from(input);
    const out: Doc = {};
    for (const [name, stages] of facets) putField(out, name, Array.from(execute(stages, docs, env)));
    yield out;
  };
};
