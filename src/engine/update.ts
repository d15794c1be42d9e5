// MongoDB update semantics: operator updates, replacements and upsert seeds
// (https://www.mongodb.com/docs/manual/reference/operator/update/).
//
// An operator update is compiled into a tree shaped like mongod's UpdateNode tree: one node per
// path component, with `$[]` / `$[id]` components under "array" nodes and leaves carrying the
// operator. Building the tree is what detects conflicting paths, and walking it applies the
// operators in mongod's order (field names sorted, numeric names numerically), which decides
// where new fields land and which errors win.
import { Timestamp } from 'bson';
import { compileFilter, type Predicate } from './matcher.ts';
import { ErrorCodes, fail } from './errors.ts';
import {
  bsonType,
  canonicalKey,
  cloneValue,
  compareValues,
  Decimal128,
  Double,
  Int32,
  isNumber,
  isPlainDocument,
  Long,
  toNumber,
  valuesEqual,
  type Doc,
} from './values.ts';

export interface UpdateContext {
  arrayFilters?: Doc[];
  /** True when this update builds an upserted document: `$setOnInsert` applies only then. */
  isInsert: boolean;
  /** Index of the array element matched by the query, for the positional `$` operator. */
  positional?: number;
  /** The time `$currentDate` writes (default: now). */
  now?: Date;
}

// Codes mongod uses that errors.ts does not name.
const EmptyFieldName = 56;
const CannotBackfillArray = 34;
const MaxArrayPadding = 1_500_000;

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Whether `update` is an operator update (`{$set: ...}`) rather than a replacement document.
 * Like mongod, the first field decides; mixing the two styles is an error either way.
 */
export function isOperatorUpdate(update: Doc): boolean {
  const keys = Object.keys(update);
  if (keys.length === 0 || !keys[0].startsWith('$')) {
    const dollar = keys.find((k) => k.startsWith('$'));
    if (dollar !== undefined) failDollarField(dollar);
    return false;
  }
  const plain = keys.find((k) => !k.startsWith('$'));
  if (plain !== undefined) failUnknownModifier(plain);
  return true;
}

/** Throws the error mongod reports for a malformed operator update or `arrayFilters`, without applying it. */
export function validateUpdate(update: Doc, arrayFilters?: Doc[]): void {
  compiled(update, arrayFilters);
}

/** Applies an operator update; returns a new document and leaves `doc` untouched. */
export function applyUpdate(doc: Doc, update: Doc, ctx: UpdateContext): Doc {
  const plan = compiled(update, ctx.arrayFilters);
  const root = toStored(doc) as Doc;
  const hasId = Object.hasOwn(doc, '_id');
  const st: ApplyState = {
    root,
    ctx,
    now: ctx.now ?? new Date(),
    filters: plan.filters,
    hasOriginalId: hasId,
    // A separate copy: the update may change root._id in place.
    originalId: hasId ? toStored(doc._id) : undefined,
  };
  applyObject(st, plan.root, []);
  // Any change to an existing _id has already failed; a newly created one must be storable.
  if (!hasId && Object.hasOwn(root, '_id')) checkIdValue(root._id);
  return root;
}

/**
 * The document a replacement update produces: the replacement's fields, with `doc`'s `_id` kept
 * as the first field. `doc` is undefined for an upsert without a seed.
 */
export function applyReplacement(doc: Doc | undefined, replacement: Doc): Doc {
  for (const key of Object.keys(replacement)) if (key.startsWith('$')) failDollarField(key);
  const out: Doc = {};
  const keepId = doc !== undefined && Object.hasOwn(doc, '_id');
  if (keepId) {
    if (Object.hasOwn(replacement, '_id') && !valuesEqual(replacement._id, doc._id)) {
      fail(
        ErrorCodes.ImmutableField,
        `After applying the update, the (immutable) field '_id' was found to have been altered to ${formatElement('_id', replacement._id)}`,
      );
    }
    out._id = toStored(doc._id);
  } else if (Object.hasOwn(replacement, '_id')) {
    checkIdValue(replacement._id);
    out._id = toStored(replacement._id);
  }
  for (const key of Object.keys(replacement)) if (key !== '_id') setField(out, key, toStored(replacement[key]));
  return out;
}

/**
 * The document an upsert starts from: the filter's equality conditions (`field: value`,
 * `field: {$eq: value}`, a one-element `$in`, including those under `$and` or a one-clause `$or`),
 * with dotted paths expanded into embedded documents and `_id` first.
 */
export function upsertSeed(filter: Doc): Doc {
  const equalities: [string[], unknown][] = [];
  collectEqualities(filter, equalities);
  const seed: Doc = {};
  for (const [path, value] of equalities) {
    const look = lookup(seed, path);
    if (look.found) setAt(look.parent!, path[path.length - 1], toStored(value));
    else createAt(seed, path, look, toStored(value));
  }
  if (!Object.hasOwn(seed, '_id')) return seed;
  const { _id, ...rest } = seed;
  return { _id, ...rest };
}

/**
 * Whether `after` differs from `before`, for `nModified`: values, field order and BSON types all
 * count, so `Int32(1)` becoming `Double(1)` is a modification.
 */
export function updateWouldChange(before: Doc, after: Doc): boolean {
  return !sameValue(before, after);
}

// ---------------------------------------------------------------------------------------------
// The update tree

type UpdateNode = ObjectNode | ArrayNode | LeafNode;

interface ObjectNode {
  kind: 'object';
  children: Map<string, UpdateNode>;
  /** The child under a `$` component. */
  positional?: UpdateNode;
}

/** Children of a path component followed by `$[]` (key '') or `$[id]` (key 'id'). */
interface ArrayNode {
  kind: 'array';
  children: Map<string, UpdateNode>;
}

interface LeafNode {
  kind: 'leaf';
  run: (st: ApplyState, path: string[]) => void;
  /** The path reported if the leaf alters `_id` (the rename source; otherwise the applied path). */
  idPath?: string;
}

interface CompiledUpdate {
  root: ObjectNode;
  filters: Map<string, Predicate>;
}

interface ApplyState {
  root: Doc;
  ctx: UpdateContext;
  now: Date;
  filters: Map<string, Predicate>;
  hasOriginalId: boolean;
  originalId: unknown;
}

// A multi-document update applies the same update object to every matched document.
const compileCache = new WeakMap<Doc, { arrayFilters: Doc[] | undefined; plan: CompiledUpdate }>();

function compiled(update: Doc, arrayFilters: Doc[] | undefined): CompiledUpdate {
  const hit = compileCache.get(update);
  if (hit && hit.arrayFilters === arrayFilters) return hit.plan;
  const plan = compileUpdate(update, arrayFilters);
  compileCache.set(update, { arrayFilters, plan });
  return plan;
}

function compileUpdate(update: Doc, arrayFilters: Doc[] | undefined): CompiledUpdate {
  const filters = compileArrayFilters(arrayFilters);
  const used = new Set<string>();
  const root: ObjectNode = { kind: 'object', children: new Map() };
  const add = (path: string, make: () => LeafNode, setsTopLevel: boolean) => addPath(root, path, make, filters, used, setsTopLevel);
  for (const op of Object.keys(update)) {
    const makeLeaf = Object.hasOwn(leafMakers, op) ? leafMakers[op] : undefined;
    if (!makeLeaf && op !== '$rename') failUnknownModifier(op);
    const spec = update[op];
    if (!isPlainDocument(spec)) {
      fail(
        ErrorCodes.FailedToParse,
        `Modifiers operate on fields but we found type ${bsonType(spec)} instead. For example: {$mod: {<field>: ...}} not {${formatElement(op, spec)}}`,
      );
    }
    for (const field of Object.keys(spec)) {
      const arg = spec[field];
      if (op === '$rename') {
        // The source gets a placeholder so that other operators on it conflict.
        add(field, () => ({ kind: 'leaf', run: () => {} }), false);
        if (typeof arg !== 'string') fail(ErrorCodes.BadValue, `The 'to' field for $rename must be a string: ${formatElement(field, arg)}`);
        add(arg, () => renameLeaf(field, arg), true);
      } else {
        add(field, () => makeLeaf!(field, arg), op !== '$unset' && op !== '$pop' && op !== '$pull' && op !== '$pullAll');
      }
    }
  }
  for (const id of filters.keys()) {
    if (!used.has(id)) {
      fail(ErrorCodes.FailedToParse, `The array filter for identifier '${id}' was not used in the update ${formatValue(update)}`);
    }
  }
  return { root, filters };
}

function isArrayFilterComponent(part: string): boolean {
  return part.length >= 3 && part.startsWith('$[') && part.endsWith(']');
}

function addPath(root: ObjectNode, dotted: string, make: () => LeafNode, filters: Map<string, Predicate>, used: Set<string>, setsTopLevel: boolean): void {
  if (dotted === '') fail(EmptyFieldName, 'An empty update path is not valid.');
  const parts = dotted.split('.');
  if (parts.some((p) => p === '')) {
    fail(EmptyFieldName, `The update path '${dotted}' contains an empty field name, which is not allowed.`);
  }
  const positionals = parts.filter((p) => p === '$').length;
  if (positionals > 1) fail(ErrorCodes.BadValue, `Too many positional (i.e. '$') elements found in path '${dotted}'`);
  if (parts[0] === '$') fail(ErrorCodes.BadValue, `Cannot have positional (i.e. '$') element in the first position in path '${dotted}'`);
  if (setsTopLevel && parts[0].startsWith('$') && !isArrayFilterComponent(parts[0])) failDollarField(parts[0]);

  const childName = (i: number): string => {
    const part = parts[i];
    if (!isArrayFilterComponent(part)) return part;
    if (i === 0) {
      fail(ErrorCodes.BadValue, `Cannot have array filter identifier (i.e. '$[<id>]') element in the first position in path '${dotted}'`);
    }
    const id = part.slice(2, -1);
    if (id !== '') {
      if (!filters.has(id)) fail(ErrorCodes.BadValue, `No array filter found for identifier '${id}' in path '${dotted}'`);
      used.add(id);
    }
    return id;
  };
  const conflict = (at: string): never => fail(ErrorCodes.ConflictingUpdateOperators, `Updating the path '${dotted}' would create a conflict at '${at}'`);

  const leaf = make();
  let current: ObjectNode | ArrayNode = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const name = childName(i);
    const wantArray = isArrayFilterComponent(parts[i + 1]);
    let child = getChild(current, name);
    if (child) {
      if (child.kind !== (wantArray ? 'array' : 'object')) conflict(parts.slice(0, i + 1).join('.'));
    } else {
      child = wantArray ? { kind: 'array', children: new Map() } : { kind: 'object', children: new Map() };
      setChild(current, name, child);
    }
    current = child as ObjectNode | ArrayNode;
  }
  const last = childName(parts.length - 1);
  if (getChild(current, last)) conflict(dotted);
  setChild(current, last, leaf);
}

function getChild(node: ObjectNode | ArrayNode, name: string): UpdateNode | undefined {
  if (node.kind === 'object' && name === '$') return node.positional;
  return node.children.get(name);
}

function setChild(node: ObjectNode | ArrayNode, name: string, child: UpdateNode): void {
  if (node.kind === 'object' && name === '$') node.positional = child;
  else node.children.set(name, child);
}

/**
 * Combines two subtrees that apply to the same element (`$` and a concrete index, or two array
 * filters matching one element); two leaves meeting is a conflict.
 */
function mergeNodes(a: UpdateNode, b: UpdateNode, path: string[]): UpdateNode {
  if (a.kind === 'object' && b.kind === 'object') {
    const out: ObjectNode = { kind: 'object', children: mergeChildren(a.children, b.children, path, false) };
    if (a.positional && b.positional) out.positional = mergeNodes(a.positional, b.positional, [...path, '$']);
    else if (a.positional || b.positional) out.positional = a.positional ?? b.positional;
    return out;
  }
  if (a.kind === 'array' && b.kind === 'array') {
    return { kind: 'array', children: mergeChildren(a.children, b.children, path, true) };
  }
  return fail(ErrorCodes.ConflictingUpdateOperators, `Update created a conflict at '${path.join('.')}'`);
}

function mergeChildren(a: Map<string, UpdateNode>, b: Map<string, UpdateNode>, path: string[], identifiers: boolean): Map<string, UpdateNode> {
  const out = new Map(a);
  for (const [name, node] of b) {
    const mine = out.get(name);
    out.set(name, mine ? mergeNodes(mine, node, [...path, identifiers ? `$[${name}]` : name]) : node);
  }
  return out;
}

/**
 * mongod's field order for applying children: plain string order, except that two names that
 * both start with a digit (and are not zero-padded) compare as numbers.
 */
function compareFieldNames(a: string, b: string): number {
  const numeric = (s: string) => s.length > 0 && s[0] >= '0' && s[0] <= '9' && !(s[0] === '0' && s.length > 1);
  if (numeric(a) && numeric(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Applying the tree

function applyNode(st: ApplyState, node: UpdateNode, path: string[]): void {
  if (node.kind === 'object') applyObject(st, node, path);
  else if (node.kind === 'array') applyArray(st, node, path);
  else applyLeaf(st, node, path);
}

function applyObject(st: ApplyState, node: ObjectNode, path: string[]): void {
  let entries = [...node.children];
  if (node.positional) {
    if (st.ctx.positional === undefined) fail(ErrorCodes.BadValue, 'The positional operator did not find the match needed from the query.');
    const field = String(st.ctx.positional);
    const same = node.children.get(field);
    const merged = same ? mergeNodes(node.positional, same, [...path, field]) : node.positional;
    entries = entries.filter(([name]) => name !== field);
    entries.push([field, merged]);
  }
  entries.sort((x, y) => compareFieldNames(x[0], y[0]));
  for (const [name, child] of entries) applyNode(st, child, [...path, name]);
}

function applyArray(st: ApplyState, node: ArrayNode, path: string[]): void {
  const look = lookup(st.root, path);
  if (!look.found) fail(ErrorCodes.BadValue, `The path '${path.join('.')}' must exist in the document in order to apply array updates.`);
  const array = look.value;
  if (!Array.isArray(array)) {
    fail(ErrorCodes.BadValue, `Cannot apply array updates to non-array element ${formatElement(path[path.length - 1], array)}`);
  }
  const ids = [...node.children.keys()].sort(compareFieldNames);
  // Like mongod, decide which elements each filter selects before changing any of them.
  const plan: [number, UpdateNode][] = [];
  for (let i = 0; i < array.length; i++) {
    let merged: UpdateNode | undefined;
    for (const id of ids) {
      if (id !== '' && !st.filters.get(id)!(wrapIn(id, array[i]))) continue;
      const child = node.children.get(id)!;
      merged = merged ? mergeNodes(merged, child, [...path, String(i)]) : child;
    }
    if (merged) plan.push([i, merged]);
  }
  for (const [i, child] of plan) applyNode(st, child, [...path, String(i)]);
}

function applyLeaf(st: ApplyState, leaf: LeafNode, path: string[]): void {
  leaf.run(st, path);
  // `_id` may be rewritten only with an identical value (or created, in an upsert without one).
  if (st.hasOriginalId && !(Object.hasOwn(st.root, '_id') && sameValue(st.root._id, st.originalId))) {
    const shown = leaf.idPath ?? path.join('.');
    fail(ErrorCodes.ImmutableField, `Performing an update on the path '${shown}' would modify the immutable field '_id'`);
  }
}

// ---------------------------------------------------------------------------------------------
// Paths in documents

type Container = Doc | unknown[];

interface PathLookup {
  found: boolean;
  /** The value at the path, when found. */
  value: unknown;
  /** The array or document holding the value, when found. */
  parent?: Container;
  /** Number of leading path components that exist. */
  depth: number;
  /** The existing elements along the path: [field name, value] for components 0..depth-1. */
  chain: [string, unknown][];
}

function arrayIndex(part: string): number | undefined {
  return /^[0-9]+$/.test(part) ? Number(part) : undefined;
}

function lookup(root: Doc, path: string[]): PathLookup {
  let current: unknown = root;
  let parent: Container | undefined;
  const chain: [string, unknown][] = [];
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    let found = false;
    let next: unknown;
    if (Array.isArray(current)) {
      const idx = arrayIndex(part);
      if (idx !== undefined && idx < current.length) {
        found = true;
        next = current[idx];
      }
    } else if (isPlainDocument(current) && Object.hasOwn(current, part)) {
      found = true;
      next = current[part];
    }
    if (!found) return { found: false, value: undefined, depth: i, chain };
    parent = current as Container;
    current = next;
    chain.push([part, next]);
  }
  return { found: true, value: current, parent, depth: path.length, chain };
}

/** The deepest existing element on a path that was not found: [field name, value]. */
function deepestElement(root: Doc, look: PathLookup): [string, unknown] {
  return look.depth === 0 ? ['', root] : look.chain[look.depth - 1];
}

function setField(doc: Doc, key: string, value: unknown): void {
  // A plain assignment to '__proto__' would replace the prototype instead of adding a field.
  if (key === '__proto__') Object.defineProperty(doc, key, { value, writable: true, enumerable: true, configurable: true });
  else doc[key] = value;
}

function setAt(container: Container, key: string, value: unknown): void {
  if (Array.isArray(container)) container[Number(key)] = value;
  else setField(container, key, value);
}

/** Creates the missing part of `path` (found up to `look.depth`) holding `value`, as mongod's createPathAt. */
function createAt(root: Doc, path: string[], look: PathLookup, value: unknown): void {
  const [name, element] = deepestElement(root, look);
  const part = path[look.depth];
  let nested = value;
  for (let i = path.length - 1; i > look.depth; i--) {
    const doc: Doc = {};
    setField(doc, path[i], nested);
    nested = doc;
  }
  if (Array.isArray(element)) {
    const idx = arrayIndex(part);
    if (idx === undefined) failCannotCreate(part, name, element);
    if (idx - element.length > MaxArrayPadding) fail(CannotBackfillArray, `can't backfill more than ${MaxArrayPadding} elements`);
    while (element.length < idx) element.push(null);
    element.push(nested);
  } else if (isPlainDocument(element)) {
    setField(element, part, nested);
  } else {
    failCannotCreate(part, name, element);
  }
}

function failCannotCreate(part: string, name: string, element: unknown): never {
  return fail(ErrorCodes.PathNotViable, `Cannot create field '${part}' in element {${formatElement(name, element)}}`);
}

/** For operators that never create paths: a missing path is fine unless it runs into a scalar. */
function checkViability(root: Doc, path: string[], look: PathLookup): void {
  const [name, element] = deepestElement(root, look);
  if (isPlainDocument(element)) return;
  if (Array.isArray(element) && arrayIndex(path[look.depth]) !== undefined) return;
  fail(
    ErrorCodes.PathNotViable,
    `Cannot use the part (${path[look.depth]}) of (${path.join('.')}) to traverse the element ({${formatElement(name, element)}})`,
  );
}

const NoChange = Symbol('no change');

/**
 * The common shape of operators that write a value: `compute` gets the current value (undefined
 * when missing) and returns the new one, or NoChange; missing paths are created.
 */
function modify(st: ApplyState, path: string[], compute: (current: unknown, exists: boolean) => unknown): void {
  const look = lookup(st.root, path);
  const next = compute(look.value, look.found);
  if (next === NoChange) return;
  if (look.found) setAt(look.parent!, path[path.length - 1], next);
  else createAt(st.root, path, look, next);
}

function idElement(root: Doc): string {
  return Object.hasOwn(root, '_id') ? formatElement('_id', root._id) : 'no id';
}

// ---------------------------------------------------------------------------------------------
// Operators

type LeafMaker = (field: string, arg: unknown) => LeafNode;

const leafNode = (run: LeafNode['run']): LeafNode => ({ kind: 'leaf', run });

const leafMakers: Record<string, LeafMaker> = {
  $set: (_field, arg) => setLeaf(toStored(arg), false),
  $setOnInsert: (_field, arg) => setLeaf(toStored(arg), true),
  $unset: () =>
    leafNode((st, path) => {
      const look = lookup(st.root, path);
      if (!look.found) return;
      const key = path[path.length - 1];
      if (Array.isArray(look.parent)) look.parent[Number(key)] = null;
      else delete (look.parent as Doc)[key];
    }),
  $inc: (field, arg) => arithmeticLeaf('$inc', field, arg),
  $mul: (field, arg) => arithmeticLeaf('$mul', field, arg),
  $min: (_field, arg) => compareLeaf(toStored(arg), -1),
  $max: (_field, arg) => compareLeaf(toStored(arg), 1),
  $currentDate: currentDateLeaf,
  $push: pushLeaf,
  $addToSet: addToSetLeaf,
  $pop: popLeaf,
  $pull: (_field, arg) => cullingLeaf(pullMatcher(arg)),
  $pullAll: (_field, arg) => {
    if (!Array.isArray(arg)) fail(ErrorCodes.BadValue, `$pullAll requires an array argument but was given a ${bsonType(arg)}`);
    return cullingLeaf((e) => arg.some((v) => valuesEqual(e, v)));
  },
  $bit: bitLeaf,
};

function setLeaf(value: unknown, onInsertOnly: boolean): LeafNode {
  return leafNode((st, path) => {
    if (onInsertOnly && !st.ctx.isInsert) return;
    modify(st, path, (current, exists) => (exists && sameValue(current, value) ? NoChange : cloneValue(value)));
  });
}

function arithmeticLeaf(op: '$inc' | '$mul', field: string, arg: unknown): LeafNode {
  if (!isNumber(arg)) {
    fail(ErrorCodes.TypeMismatch, `Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${formatElement(field, arg)}}`);
  }
  const operand = toStored(arg);
  const kind = op === '$inc' ? 'add' : 'mul';
  return leafNode((st, path) =>
    modify(st, path, (current, exists) => {
      // A missing field becomes the increment, or a zero of the multiplier's type.
      if (!exists) return op === '$inc' ? operand : arithmetic('mul', operand, new Int32(0));
      if (!isNumber(current)) {
        fail(
          ErrorCodes.TypeMismatch,
          `Cannot apply ${op} to a value of non-numeric type. {${idElement(st.root)}} has the field '${path[path.length - 1]}' of non-numeric type ${bsonType(current)}`,
        );
      }
      const result = arithmetic(kind, current, operand);
      if (result === undefined) {
        fail(ErrorCodes.BadValue, `Failed to apply ${op} operations to current value (${debugNumber(current)}) for document {${idElement(st.root)}}`);
      }
      return sameValue(result, current) ? NoChange : result;
    }),
  );
}

function compareLeaf(value: unknown, direction: 1 | -1): LeafNode {
  return leafNode((st, path) =>
    modify(st, path, (current, exists) => {
      if (!exists) return cloneValue(value);
      return compareValues(value, current) * direction > 0 ? cloneValue(value) : NoChange;
    }),
  );
}

let lastTimestamp = { t: 0, i: 0 };

function currentDateLeaf(_field: string, arg: unknown): LeafNode {
  let asDate: boolean;
  if (typeof arg === 'boolean') {
    asDate = true;
  } else if (isPlainDocument(arg)) {
    let type: string | undefined;
    for (const key of Object.keys(arg)) {
      if (key !== '$type') fail(ErrorCodes.BadValue, `Unrecognized $currentDate option: ${key}`);
      if (arg.$type === 'date' || arg.$type === 'timestamp') type = arg.$type;
    }
    if (type === undefined) {
      fail(ErrorCodes.BadValue, "The '$type' string field is required to be 'date' or 'timestamp': {$currentDate: {field : {$type: 'date'}}}");
    }
    asDate = type === 'date';
  } else {
    return fail(
      ErrorCodes.BadValue,
      `${bsonType(arg)} is not valid type for $currentDate. Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).`,
    );
  }
  return leafNode((st, path) =>
    modify(st, path, () => {
      if (asDate) return new Date(st.now.getTime());
      // Timestamps are unique and increasing, like the cluster time mongod hands out.
      const t = Math.floor(st.now.getTime() / 1000);
      lastTimestamp = t > lastTimestamp.t ? { t, i: 1 } : { t: lastTimestamp.t, i: lastTimestamp.i + 1 };
      return new Timestamp(lastTimestamp);
    }),
  );
}

interface PushSpec {
  each: unknown[];
  position: number;
  slice?: number;
  sort?: (a: unknown, b: unknown) => number;
}

function pushLeaf(_field: string, arg: unknown): LeafNode {
  const spec = parsePush(arg);
  return leafNode((st, path) =>
    modify(st, path, (current, exists) => {
      if (!exists) return performPush([], spec);
      if (!Array.isArray(current)) {
        fail(ErrorCodes.BadValue, `The field '${path.join('.')}' must be an array but is of type ${bsonType(current)} in document {${idElement(st.root)}}`);
      }
      return performPush(current, spec);
    }),
  );
}

function parsePush(arg: unknown): PushSpec {
  if (!isPlainDocument(arg) || !Object.hasOwn(arg, '$each')) return { each: [toStored(arg)], position: Infinity };
  for (const key of Object.keys(arg)) {
    if (key !== '$each' && key !== '$slice' && key !== '$sort' && key !== '$position') {
      fail(ErrorCodes.BadValue, `Unrecognized clause in $push: ${key}`);
    }
  }
  if (!Array.isArray(arg.$each)) {
    fail(ErrorCodes.BadValue, `The argument to $each in $push must be an array but it was of type: ${bsonType(arg.$each)}`);
  }
  const spec: PushSpec = { each: arg.$each.map(toStored), position: Infinity };
  if (Object.hasOwn(arg, '$slice')) {
    const n = integerValue(arg.$slice);
    if (n === undefined) fail(ErrorCodes.BadValue, `The value for $slice must be an integer value but was given type: ${bsonType(arg.$slice)}`);
    spec.slice = n;
  }
  if (Object.hasOwn(arg, '$sort')) spec.sort = parsePushSort(arg.$sort);
  if (Object.hasOwn(arg, '$position')) {
    const n = integerValue(arg.$position);
    if (n === undefined) fail(ErrorCodes.BadValue, `The value for $position must be an integer value, not of type: ${bsonType(arg.$position)}`);
    spec.position = n;
  }
  return spec;
}

function parsePushSort(sort: unknown): (a: unknown, b: unknown) => number {
  if (isNumber(sort)) {
    const dir = toNumber(sort);
    if (dir !== 1 && dir !== -1) fail(ErrorCodes.BadValue, 'The $sort element value must be either 1 or -1');
    return (a, b) => dir * compareValues(a, b);
  }
  if (!isPlainDocument(sort)) {
    fail(ErrorCodes.BadValue, 'The $sort is invalid: use 1/-1 to sort the whole element, or {field:1/-1} to sort embedded fields');
  }
  const keys = Object.keys(sort);
  if (keys.length === 0) fail(ErrorCodes.BadValue, 'The sort pattern is empty when it should be a set of fields.');
  const fields = keys.map((key): [string[], number] => {
    const dir = isNumber(sort[key]) ? toNumber(sort[key]) : 0;
    if (dir !== 1 && dir !== -1) fail(ErrorCodes.BadValue, 'The sort element value must be either 1 or -1');
    const parts = key.split('.');
    if (parts.some((p) => p === '')) fail(ErrorCodes.BadValue, `The sort field is a dotted field but has an empty part: ${key}`);
    return [parts, dir];
  });
  // Elements that are not documents have no fields: they sort as if every key were null.
  const keyOf = (v: unknown, parts: string[]): unknown => {
    let cur = v;
    for (const part of parts) {
      if (Array.isArray(cur)) {
        const idx = arrayIndex(part);
        cur = idx !== undefined ? cur[idx] : undefined;
      } else if (isPlainDocument(cur) && Object.hasOwn(cur, part)) {
        cur = cur[part];
      } else {
        cur = undefined;
      }
      if (cur === undefined) return null;
    }
    return cur;
  };
  return (a, b) => {
    for (const [parts, dir] of fields) {
      const c = compareValues(keyOf(a, parts), keyOf(b, parts));
      if (c) return c * dir;
    }
    return 0;
  };
}

function performPush(array: unknown[], spec: PushSpec): unknown[] {
  const out = array.slice();
  if (spec.each.length) {
    const size = out.length;
    const pos = spec.position;
    let at: number;
    if (size === 0 || pos > size) at = size;
    else if (pos >= 0) at = pos;
    else if (-pos < size) at = size + pos;
    else at = 0;
    out.splice(at, 0, ...spec.each.map(cloneValue));
  }
  if (spec.sort) out.sort(spec.sort);
  if (spec.slice !== undefined) {
    const keep = Math.abs(spec.slice);
    if (out.length > keep) return spec.slice >= 0 ? out.slice(0, keep) : out.slice(out.length - keep);
  }
  return out;
}

function addToSetLeaf(_field: string, arg: unknown): LeafNode {
  let values: unknown[];
  if (isPlainDocument(arg) && Object.keys(arg)[0] === '$each') {
    if (!Array.isArray(arg.$each)) {
      fail(ErrorCodes.TypeMismatch, `The argument to $each in $addToSet must be an array but it was of type ${bsonType(arg.$each)}`);
    }
    if (Object.keys(arg).length > 1) fail(ErrorCodes.BadValue, `Found unexpected fields after $each in $addToSet: ${formatValue(arg)}`);
    values = [];
    for (const v of arg.$each) if (!values.some((seen) => valuesEqual(seen, v))) values.push(toStored(v));
  } else {
    values = [toStored(arg)];
  }
  return leafNode((st, path) =>
    modify(st, path, (current, exists) => {
      if (!exists) return values.map(cloneValue);
      if (!Array.isArray(current)) {
        fail(ErrorCodes.BadValue, `Cannot apply $addToSet to non-array field. Field named '${path[path.length - 1]}' has non-array type ${bsonType(current)}`);
      }
      const added = values.filter((v) => !current.some((e) => valuesEqual(e, v)));
      return added.length ? [...current, ...added.map(cloneValue)] : NoChange;
    }),
  );
}

function popLeaf(field: string, arg: unknown): LeafNode {
  if (!isNumber(arg)) fail(ErrorCodes.FailedToParse, `Expected a number in: ${formatElement(field, arg)}`);
  const n = integerValue(arg);
  if (n === undefined) fail(ErrorCodes.FailedToParse, `Expected an integer: ${formatElement(field, arg)}`);
  if (n !== 1 && n !== -1) fail(ErrorCodes.FailedToParse, `$pop expects 1 or -1, found: ${n}`);
  return arrayEditLeaf(
    (value, path) => fail(ErrorCodes.TypeMismatch, `Path '${path.join('.')}' contains an element of non-array type '${bsonType(value)}'`),
    (array) => (array.length === 0 ? undefined : n === 1 ? array.slice(0, -1) : array.slice(1)),
  );
}

/**
 * A leaf that replaces the array at its path with `edit`'s result (undefined: unchanged). A missing field is
 * left alone once the path is known to be viable; a value that is not an array fails with `notArray`.
 */
function arrayEditLeaf(notArray: (value: unknown, path: string[]) => never, edit: (array: unknown[]) => unknown[] | undefined): LeafNode {
  return leafNode((st, path) => {
    const look = lookup(st.root, path);
    if (!look.found) {
      checkViability(st.root, path, look);
      return;
    }
    const array = look.value;
    if (!Array.isArray(array)) notArray(array, path);
    const edited = edit(array);
    if (edited !== undefined) setAt(look.parent!, path[path.length - 1], edited);
  });
}

const logicalOperators = new Set(['$and', '$or', '$nor', '$expr', '$where', '$text', '$comment', '$jsonSchema']);

/**
 * How `$pull` tests an element: a document condition without a leading operator is a query
 * over embedded documents; an operator document or regex is a condition on the element itself;
 * anything else is an exact-equality test.
 */
function pullMatcher(cond: unknown): (element: unknown) => boolean {
  if (isPlainDocument(cond)) {
    const first = Object.keys(cond)[0];
    if (first === undefined || !first.startsWith('$') || logicalOperators.has(first)) {
      const pred = compileFilter(cond);
      return (e) => isPlainDocument(e) && pred(e);
    }
  }
  if (isPlainDocument(cond) || bsonType(cond) === 'regex') {
    const pred = compileFilter({ v: cond });
    return (e) => pred({ v: e });
  }
  return (e) => valuesEqual(e, cond);
}

function cullingLeaf(matches: (element: unknown) => boolean): LeafNode {
  return arrayEditLeaf(
    () => fail(ErrorCodes.BadValue, 'Cannot apply $pull to a non-array value'),
    (array) => {
      const kept = array.filter((e) => !matches(e));
      return kept.length === array.length ? undefined : kept;
    },
  );
}

function bitLeaf(_field: string, arg: unknown): LeafNode {
  if (!isPlainDocument(arg)) {
    fail(
      ErrorCodes.BadValue,
      `The $bit modifier is not compatible with a ${bsonType(arg)}. You must pass in an embedded document: {$bit: {field: {and/or/xor: #}}`,
    );
  }
  const ops: [string, unknown][] = [];
  for (const key of Object.keys(arg)) {
    const operand = arg[key];
    if (key !== 'and' && key !== 'or' && key !== 'xor') {
      fail(
        ErrorCodes.BadValue,
        `The $bit modifier only supports 'and', 'or', and 'xor', not '${key}' which is an unknown operator: {${formatElement(key, operand)}}`,
      );
    }
    const type = bsonType(operand);
    if (type !== 'int' && type !== 'long') {
      fail(ErrorCodes.BadValue, `The $bit modifier field must be an Integer(32/64 bit); a '${type}' is not supported here: {${formatElement(key, operand)}}`);
    }
    ops.push([key, toStored(operand)]);
  }
  if (ops.length === 0) {
    fail(ErrorCodes.BadValue, 'You must pass in at least one bitwise operation. The format is: {$bit: {field: {and/or/xor: #}}');
  }
  const apply = (start: unknown): unknown => ops.reduce((v, [op, operand]) => bitwise(op, v, operand), start);
  return leafNode((st, path) =>
    modify(st, path, (current, exists) => {
      if (!exists) return apply(new Int32(0));
      const type = bsonType(current);
      if (type !== 'int' && type !== 'long') {
        fail(
          ErrorCodes.BadValue,
          `Cannot apply $bit to a value of non-integral type.${idElement(st.root)} has the field ${path[path.length - 1]} of non-integer type ${type}`,
        );
      }
      const result = apply(current);
      return sameValue(result, current) ? NoChange : result;
    }),
  );
}

function bitwise(op: string, a: unknown, b: unknown): unknown {
  const x = integerBig(a),
    y = integerBig(b);
  const r = op === 'and' ? x & y : op === 'or' ? x | y : x ^ y;
  if (bsonType(a) === 'long' || bsonType(b) === 'long') return Long.fromBigInt(BigInt.asIntN(64, r));
  return new Int32(Number(BigInt.asIntN(32, r)));
}

function renameLeaf(from: string, to: string): LeafNode {
  const fromParts = from.split('.');
  const toParts = to.split('.');
  if (from === to) fail(ErrorCodes.BadValue, `The source and target field for $rename must differ: ${formatElement(from, to)}`);
  const isPrefix = (a: string[], b: string[]) => a.length < b.length && a.every((p, i) => p === b[i]);
  if (isPrefix(fromParts, toParts) || isPrefix(toParts, fromParts)) {
    fail(ErrorCodes.BadValue, `The source and target field for $rename must not be on the same path: ${formatElement(from, to)}`);
  }
  const dynamic = (parts: string[]) => parts.some((p) => p === '$' || isArrayFilterComponent(p));
  if (dynamic(fromParts)) fail(ErrorCodes.BadValue, `The source field for $rename may not be dynamic: ${from}`);
  if (dynamic(toParts)) fail(ErrorCodes.BadValue, `The destination field for $rename may not be dynamic: ${to}`);
  return {
    kind: 'leaf',
    idPath: fromParts[0] === '_id' ? from : undefined,
    run: (st, path) => {
      const source = lookup(st.root, fromParts);
      if (!source.found) {
        // mongod refuses a source path that runs into a scalar or names a field of an array.
        if (source.depth > 0) {
          const [name, element] = source.chain[source.depth - 1];
          const viable = isPlainDocument(element) || (Array.isArray(element) && arrayIndex(fromParts[source.depth]) !== undefined);
          if (!viable) {
            fail(ErrorCodes.PathNotViable, `cannot use the part (${name} of ${from}) to traverse the element ({${formatElement(name, element)}})`);
          }
        }
        return;
      }
      const arrayIn = (chain: [string, unknown][]) => chain.findLast(([, v]) => Array.isArray(v))?.[0];
      const sourceArray = arrayIn(source.chain.slice(0, -1));
      if (sourceArray !== undefined) {
        fail(
          ErrorCodes.BadValue,
          `The source field cannot be an array element, '${from}' in doc with ${idElement(st.root)} has an array field called '${sourceArray}'`,
        );
      }
      const target = lookup(st.root, path);
      const targetArray = arrayIn(target.found ? target.chain.slice(0, -1) : target.chain);
      if (targetArray !== undefined) {
        fail(
          ErrorCodes.BadValue,
          `The destination field cannot be an array element, '${to}' in doc with ${idElement(st.root)} has an array field called '${targetArray}'`,
        );
      }
      const value = source.value;
      if (target.found) setAt(target.parent!, path[path.length - 1], value);
      else createAt(st.root, path, target, value);
      delete (source.parent as Doc)[fromParts[fromParts.length - 1]];
    },
  };
}

// ---------------------------------------------------------------------------------------------
// arrayFilters

function compileArrayFilters(arrayFilters: Doc[] | undefined): Map<string, Predicate> {
  const out = new Map<string, Predicate>();
  for (const filter of arrayFilters ?? []) {
    if (!isPlainDocument(filter)) fail(ErrorCodes.TypeMismatch, 'Each array filter must be an object');
    const predicate = compileFilter(filter);
    const id = filterIdentifier(filter);
    if (id === undefined) fail(ErrorCodes.FailedToParse, 'Cannot use an expression without a top-level field name in arrayFilters');
    if (!/^[a-z][a-zA-Z0-9]*$/.test(id)) {
      fail(
        ErrorCodes.BadValue,
        `Error parsing array filter :: caused by :: The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '${id}'`,
      );
    }
    if (out.has(id)) fail(ErrorCodes.FailedToParse, `Found multiple array filters with the same top-level field name ${id}`);
    out.set(id, predicate);
  }
  return out;
}

/** The single top-level field (before any dot) a filter tests, looking inside $and/$or/$nor. */
function filterIdentifier(filter: Doc): string | undefined {
  let found: string | undefined;
  for (const key of Object.keys(filter)) {
    const ids: (string | undefined)[] = [];
    if (key === '$and' || key === '$or' || key === '$nor') {
      if (Array.isArray(filter[key])) for (const clause of filter[key]) if (isPlainDocument(clause)) ids.push(filterIdentifier(clause));
    } else if (!key.startsWith('$')) {
      ids.push(key.split('.')[0]);
    }
    for (const id of ids) {
      if (id === undefined) continue;
      if (found !== undefined && found !== id) {
        fail(ErrorCodes.FailedToParse, `Error parsing array filter :: caused by :: Expected a single top-level field name, found '${found}' and '${id}'`);
      }
      found = id;
    }
  }
  return found;
}

function wrapIn(key: string, value: unknown): Doc {
  const doc: Doc = {};
  setField(doc, key, value);
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Upsert seeds

const NotEquality = Symbol('not an equality');

function collectEqualities(filter: Doc, out: [string[], unknown][]): void {
  for (const key of Object.keys(filter)) {
    const value = filter[key];
    if (key === '$and' || key === '$or') {
      // A one-clause $or is the same as its clause once mongod normalizes the query.
      if (!Array.isArray(value) || (key === '$or' && value.length !== 1)) continue;
      for (const clause of value) if (isPlainDocument(clause)) collectEqualities(clause, out);
      continue;
    }
    if (key.startsWith('$')) continue;
    const eq = equalityValue(value);
    if (eq === NotEquality) continue;
    const path = key.split('.');
    for (const [other] of out) {
      const n = Math.min(other.length, path.length);
      if (!other.slice(0, n).every((p, i) => p === path[i])) continue;
      if (other.length === path.length) {
        fail(ErrorCodes.NotSingleValueField, `cannot infer query fields to set, path '${key}' is matched twice`);
      }
      const [longer, shorter] = other.length > path.length ? [other, path] : [path, other];
      fail(ErrorCodes.NotSingleValueField, `cannot infer query fields to set, both paths '${longer.join('.')}' and '${shorter.join('.')}' are matched`);
    }
    out.push([path, eq]);
  }
}

function equalityValue(cond: unknown): unknown {
  if (bsonType(cond) === 'regex') return NotEquality;
  if (!isPlainDocument(cond)) return cond;
  const keys = Object.keys(cond);
  if (keys.length === 0 || !keys[0].startsWith('$')) return cond;
  if (Object.hasOwn(cond, '$eq')) return cond.$eq;
  if (Array.isArray(cond.$in) && cond.$in.length === 1 && bsonType(cond.$in[0]) !== 'regex') return cond.$in[0];
  return NotEquality;
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** `value` deep-copied with raw JS numbers wrapped in the BSON types the driver would send. */
function toStored(value: unknown): unknown {
  if (typeof value === 'number') return bsonType(value) === 'int' ? new Int32(value) : new Double(value);
  if (typeof value === 'bigint') return Long.fromBigInt(value);
  if (Array.isArray(value)) return value.map(toStored);
  if (value instanceof Date) return new Date(value.getTime());
  if (isPlainDocument(value) && (value as Doc)._bsontype === undefined) {
    const out: Doc = {};
    for (const key of Object.keys(value)) setField(out, key, toStored(value[key]));
    return out;
  }
  return value;
}

/** An integral number as a JS number (mongod's parseIntegerElementToLong), else undefined. */
function integerValue(v: unknown): number | undefined {
  if (!isNumber(v)) return undefined;
  if (bsonType(v) === 'long') return Number(integerBig(v));
  const n = toNumber(v);
  return Number.isInteger(n) ? n : undefined;
}

function integerBig(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (bsonType(v) === 'long') return (v as Long).toBigInt();
  return BigInt(Math.trunc(toNumber(v)));
}

const Int64Min = -(2n ** 63n),
  Int64Max = 2n ** 63n - 1n;

/**
 * mongod's SafeNum arithmetic: the result has the widest operand type (int < long < double <
 * decimal), an int result that overflows widens to long, and a long overflow is undefined.
 */
function arithmetic(op: 'add' | 'mul', a: unknown, b: unknown): unknown {
  const ta = bsonType(a),
    tb = bsonType(b);
  if (ta === 'decimal' || tb === 'decimal') return decimalArithmetic(op, a, b);
  if (ta === 'double' || tb === 'double') {
    const x = toNumber(a),
      y = toNumber(b);
    return new Double(op === 'add' ? x + y : x * y);
  }
  const x = integerBig(a),
    y = integerBig(b);
  const r = op === 'add' ? x + y : x * y;
  if (ta === 'int' && tb === 'int' && r >= -(2n ** 31n) && r < 2n ** 31n) return new Int32(Number(r));
  if (r < Int64Min || r > Int64Max) return undefined;
  return Long.fromBigInt(r);
}

interface DecimalParts {
  negative: boolean;
  coefficient: bigint;
  exponent: number;
}

function decimalParts(v: unknown): DecimalParts | undefined {
  const type = bsonType(v);
  let text: string;
  if (type === 'decimal') text = (v as Decimal128).toString();
  else if (type === 'double') {
    const n = toNumber(v);
    if (!Number.isFinite(n)) return undefined;
    // mongod converts a double to decimal with 15 significant digits.
    text = n.toPrecision(15);
    if (Object.is(n, -0)) text = `-${text}`;
  } else text = integerBig(v).toString();
  const m = /^(-)?(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return undefined;
  const fraction = m[3] ?? '';
  return {
    negative: m[1] === '-',
    coefficient: BigInt(m[2] + fraction),
    exponent: Number(m[4] ?? 0) - fraction.length,
  };
}

function decimalArithmetic(op: 'add' | 'mul', a: unknown, b: unknown): Decimal128 {
  const x = decimalParts(a),
    y = decimalParts(b);
  if (!x || !y) {
    // NaN and infinities: plain floating point gives the same special value.
    const r = op === 'add' ? toNumber(a) + toNumber(b) : toNumber(a) * toNumber(b);
    return Decimal128.fromString(Number.isNaN(r) ? 'NaN' : r > 0 ? 'Infinity' : '-Infinity');
  }
  let negative: boolean, coefficient: bigint, exponent: number;
  if (op === 'mul') {
    negative = x.negative !== y.negative;
    coefficient = x.coefficient * y.coefficient;
    exponent = x.exponent + y.exponent;
  } else {
    exponent = Math.min(x.exponent, y.exponent);
    const sx = (x.negative ? -1n : 1n) * x.coefficient * 10n ** BigInt(x.exponent - exponent);
    const sy = (y.negative ? -1n : 1n) * y.coefficient * 10n ** BigInt(y.exponent - exponent);
    const sum = sx + sy;
    negative = sum < 0n || (sum === 0n && x.negative && y.negative);
    coefficient = sum < 0n ? -sum : sum;
  }
  try {
    return Decimal128.fromStringWithRounding(`${negative ? '-' : ''}${coefficient}E${exponent}`);
  } catch {
    // Beyond the decimal128 exponent range: let floating point say whether it is infinite or zero.
    const r = op === 'add' ? toNumber(a) + toNumber(b) : toNumber(a) * toNumber(b);
    return Decimal128.fromString(Number.isFinite(r) ? (negative ? '-0' : '0') : r > 0 ? 'Infinity' : '-Infinity');
  }
}

function debugNumber(v: unknown): string {
  const type = bsonType(v);
  const names: Record<string, string> = { int: 'NumberInt', long: 'NumberLong', double: 'NumberDouble', decimal: 'NumberDecimal' };
  const text = type === 'long' ? integerBig(v).toString() : type === 'decimal' ? String(v) : String(toNumber(v));
  return `(${names[type] ?? type})${text}`;
}

// ---------------------------------------------------------------------------------------------
// Comparison and formatting

/** Identical values: same BSON types all the way down, same field order, same values. */
function sameValue(a: unknown, b: unknown): boolean {
  const type = bsonType(a);
  if (type !== bsonType(b)) return false;
  switch (type) {
    case 'array': {
      const x = a as unknown[],
        y = b as unknown[];
      return x.length === y.length && x.every((v, i) => sameValue(v, y[i]));
    }
    case 'object': {
      if (!isPlainDocument(a) || !isPlainDocument(b)) return canonicalKey(a) === canonicalKey(b);
      const ka = Object.keys(a),
        kb = Object.keys(b);
      return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameValue(a[k], b[k]));
    }
    case 'int':
      return toNumber(a) === toNumber(b);
    case 'long':
      return integerBig(a) === integerBig(b);
    case 'double':
      return Object.is(toNumber(a), toNumber(b));
    case 'decimal':
      return String(a) === String(b);
    default:
      return canonicalKey(a) === canonicalKey(b);
  }
}

/** A BSON element as mongod prints it in error messages: `name: value`. */
function formatElement(name: string, value: unknown): string {
  return `${name}: ${formatValue(value)}`;
}

function formatValue(v: unknown): string {
  const type = bsonType(v);
  switch (type) {
    case 'null':
      return 'null';
    case 'undefined':
      return 'undefined';
    case 'string':
      return JSON.stringify(v);
    case 'bool':
      return String(v);
    case 'int':
      return String(toNumber(v));
    case 'long':
      return integerBig(v).toString();
    case 'double': {
      const n = toNumber(v);
      if (Object.is(n, -0)) return '-0.0';
      return Number.isInteger(n) && Math.abs(n) < 1e21 ? `${n}.0` : String(n);
    }
    case 'decimal':
      return `NumberDecimal("${String(v)}")`;
    case 'date':
      return `new Date(${(v as Date).getTime()})`;
    case 'objectId':
      return `ObjectId('${(v as { toHexString(): string }).toHexString()}')`;
    case 'timestamp':
      return `Timestamp(${(v as Timestamp).t}, ${(v as Timestamp).i})`;
    case 'regex': {
      const r = v as { source?: string; flags?: string; pattern?: string; options?: string };
      return v instanceof RegExp ? `/${r.source}/${r.flags}` : `/${r.pattern}/${r.options}`;
    }
    case 'minKey':
      return 'MinKey';
    case 'maxKey':
      return 'MaxKey';
    case 'array': {
      const items = (v as unknown[]).map(formatValue);
      return items.length ? `[ ${items.join(', ')} ]` : '[]';
    }
    case 'object': {
      if (!isPlainDocument(v)) return String(v);
      const fields = Object.keys(v).map((k) => formatElement(k, v[k]));
      return fields.length ? `{ ${fields.join(', ')} }` : '{}';
    }
    case 'binData': {
      const b = v as { sub_type: number; buffer: Uint8Array; position: number };
      return `BinData(${b.sub_type}, ${Buffer.from(b.buffer.subarray(0, b.position)).toString('hex').toUpperCase()})`;
    }
    default:
      return String(v);
  }
}

// ---------------------------------------------------------------------------------------------
// Shared errors and checks

function failUnknownModifier(name: string): never {
  return fail(ErrorCodes.FailedToParse, `Unknown modifier: ${name}. Expected a valid update modifier or pipeline-style update specified as an array`);
}

function failDollarField(name: string): never {
  return fail(
    ErrorCodes.DollarPrefixedFieldName,
    `The dollar ($) prefixed field '${name}' in '${name}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`,
  );
}

function checkIdValue(id: unknown): void {
  const type = bsonType(id);
  if (type === 'array' || type === 'regex' || type === 'undefined') {
    fail(ErrorCodes.InvalidIdField, `The '_id' value cannot be of type ${type}`);
  }
}
