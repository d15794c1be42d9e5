// Hash indexes: equality lookups on a key tuple and on its first field, uniqueness, multikey.
import { fail, ErrorCodes } from './errors.ts';
import { compileFilter, type Predicate } from './matcher.ts';
import { keyValues } from './paths.ts';
import { canonicalKey, isNumber, isPlainDocument, toNumber, type Doc } from './values.ts';

export interface IndexSpec {
  v?: number;
  key: Doc;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  expireAfterSeconds?: number;
  partialFilterExpression?: Doc;
}

const allowedOptions = new Set(['v', 'key', 'name', 'unique', 'sparse', 'expireAfterSeconds', 'partialFilterExpression', 'background', 'ns']);

export function validateIndexSpec(spec: Doc): IndexSpec {
  if (!isPlainDocument(spec.key) || Object.keys(spec.key).length === 0) fail(ErrorCodes.BadValue, 'Index key pattern must be a non-empty object');
  for (const [field, dir] of Object.entries(spec.key)) {
    if (!isNumber(dir) || toNumber(dir) === 0) {
      fail(
        ErrorCodes.BadValue,
        `Values in the index key pattern must be 1 or -1; index type ${JSON.stringify(String(dir))} on field '${field}' is not supported by the embedded engine`,
      );
    }
  }
  if (typeof spec.name !== 'string' || !spec.name) fail(ErrorCodes.BadValue, 'The index name must be a non-empty string');
  for (const option of Object.keys(spec)) {
    if (!allowedOptions.has(option)) fail(ErrorCodes.InvalidOptions, `Index option '${option}' is not supported by the embedded engine`);
  }
  if (spec.expireAfterSeconds !== undefined && (!isNumber(spec.expireAfterSeconds) || toNumber(spec.expireAfterSeconds) < 0)) {
    fail(ErrorCodes.InvalidOptions, 'expireAfterSeconds must be a non-negative number');
  }
  if (spec.partialFilterExpression !== undefined && !isPlainDocument(spec.partialFilterExpression)) {
    fail(ErrorCodes.BadValue, 'partialFilterExpression must be an object');
  }
  const out: IndexSpec = { v: 2, key: spec.key, name: spec.name };
  if (spec.unique) out.unique = true;
  if (spec.sparse) out.sparse = true;
  if (spec.expireAfterSeconds !== undefined) out.expireAfterSeconds = spec.expireAfterSeconds;
  if (spec.partialFilterExpression) out.partialFilterExpression = spec.partialFilterExpression;
  return out;
}

export function idIndexSpec(): IndexSpec {
  return { v: 2, key: { _id: 1 }, name: '_id_' };
}

export class Index {
  readonly spec: IndexSpec;
  readonly fields: string[];
  /** tuple key → ids of documents with that key. */
  private readonly entries = new Map<string, Set<string>>();
  /** first field's key → ids, for prefix lookups on compound indexes. */
  private readonly prefix: Map<string, Set<string>> | undefined;
  private readonly partial: Predicate | undefined;

  constructor(spec: IndexSpec) {
    this.spec = spec;
    this.fields = Object.keys(spec.key);
    this.prefix = this.fields.length > 1 ? new Map() : undefined;
    this.partial = spec.partialFilterExpression ? compileFilter(spec.partialFilterExpression) : undefined;
  }

  get name(): string {
    return this.spec.name;
  }

  /** Whether a lookup on the first field finds every matching document. */
  get usableForEquality(): boolean {
    return !this.partial && !this.spec.sparse;
  }

  private tupleKeys(doc: Doc): string[] | undefined {
    if (this.partial && !this.partial(doc)) return undefined;
    const perField = this.fields.map((f) => keyValues(doc, f));
    if (this.spec.sparse && perField.every((vals, i) => vals.length === 1 && vals[0] === null && !hasPath(doc, this.fields[i]))) return undefined;
    let keys = [''];
    for (const vals of perField) {
      const parts = [...new Set(vals.map(canonicalKey))];
      keys = keys.flatMap((k) => parts.map((p) => (k ? `${k}|${p}` : p)));
    }
    return keys;
  }

  private firstKeys(doc: Doc): string[] {
    return [...new Set(keyValues(doc, this.fields[0]).map(canonicalKey))];
  }

  /** The conflicting tuple key if inserting `doc` would violate uniqueness. */
  findConflict(doc: Doc, idKey: string): string | undefined {
    if (!this.spec.unique) return undefined;
    for (const k of this.tupleKeys(doc) ?? []) {
      const ids = this.entries.get(k);
      if (ids) for (const other of ids) if (other !== idKey) return k;
    }
    return undefined;
  }

  add(doc: Doc, idKey: string): void {
    const keys = this.tupleKeys(doc);
    if (!keys) return;
    for (const k of keys) addTo(this.entries, k, idKey);
    if (this.prefix) for (const k of this.firstKeys(doc)) addTo(this.prefix, k, idKey);
  }

  remove(doc: Doc, idKey: string): void {
    const keys = this.tupleKeys(doc);
    if (!keys) return;
    for (const k of keys) removeFrom(this.entries, k, idKey);
    if (this.prefix) for (const k of this.firstKeys(doc)) removeFrom(this.prefix, k, idKey);
  }

  /** Ids of documents whose first indexed field equals `value` (or contains it, for arrays). */
  lookupFirst(value: unknown): Iterable<string> {
    const key = canonicalKey(value);
    return (this.prefix ? this.prefix.get(key) : this.entries.get(key)) ?? [];
  }

  /** `{ field: value, … }` of the tuple `key`, for duplicate-key errors. */
  describeKey(doc: Doc): Doc {
    const out: Doc = {};
    for (const f of this.fields) out[f] = keyValues(doc, f)[0];
    return out;
  }
}

function hasPath(doc: Doc, path: string): boolean {
  let v: unknown = doc;
  for (const part of path.split('.')) {
    if (!isPlainDocument(v) || !Object.hasOwn(v, part)) return Array.isArray(v);
    v = v[part];
  }
  return true;
}

function addTo(map: Map<string, Set<string>>, key: string, id: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}

function removeFrom(map: Map<string, Set<string>>, key: string, id: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
}
