// One collection: documents by _id, its indexes, and the query planner that picks candidates.
import { ObjectId } from 'bson';
import { CommandError, fail, ErrorCodes } from './errors.ts';
import { Index, idIndexSpec, type IndexSpec } from './indexes.ts';
import type { JournalOp } from './journal.ts';
import { keyValues } from './paths.ts';
import { canonicalKey, compareValues, isPlainDocument, type Doc } from './values.ts';

/** Receives each change, with the document it supersedes (for the journal's garbage accounting). */
export type Journaler = (op: JournalOp, superseded?: Doc) => void;

export class Collection {
  readonly dbName: string;
  readonly name: string;
  readonly docs = new Map<string, Doc>();
  readonly indexes: Index[] = [new Index(idIndexSpec())];
  private readonly journal: Journaler;

  constructor(dbName: string, name: string, journal: Journaler) {
    this.dbName = dbName;
    this.name = name;
    this.journal = journal;
  }

  get ns(): string {
    return `${this.dbName}.${this.name}`;
  }

  get secondaryIndexes(): Index[] {
    return this.indexes.slice(1);
  }

  getById(id: unknown): Doc | undefined {
    return this.docs.get(canonicalKey(id));
  }

  /** Inserts a document (adding an ObjectId `_id` first when missing). Throws E11000 on a duplicate. */
  insert(input: Doc): Doc {
    const doc = withIdFirst(input);
    validateId(doc._id);
    const idKey = canonicalKey(doc._id);
    if (this.docs.has(idKey)) this.duplicate(this.indexes[0], doc);
    this.checkUnique(doc, idKey);
    this.docs.set(idKey, doc);
    for (const index of this.secondaryIndexes) index.add(doc, idKey);
    this.journal({ t: 'put', ns: this.ns, d: doc });
    return doc;
  }

  /** Replaces `before` (same _id) with `after`, keeping its position. */
  replace(before: Doc, after: Doc): void {
    const idKey = canonicalKey(before._id);
    if (canonicalKey(after._id) !== idKey) {
      fail(ErrorCodes.ImmutableField, "Performing an update on the path '_id' would modify the immutable field '_id'");
    }
    this.checkUnique(after, idKey);
    for (const index of this.secondaryIndexes) index.remove(before, idKey);
    this.docs.set(idKey, after);
    for (const index of this.secondaryIndexes) index.add(after, idKey);
    this.journal({ t: 'put', ns: this.ns, d: after }, before);
  }

  remove(doc: Doc): void {
    const idKey = canonicalKey(doc._id);
    if (!this.docs.delete(idKey)) return;
    for (const index of this.secondaryIndexes) index.remove(doc, idKey);
    this.journal({ t: 'del', ns: this.ns, id: doc._id }, doc);
  }

  /** Loads a document from the journal: no uniqueness checks, no journaling. */
  /** Loads a document from the journal: no uniqueness checks, no journaling. Returns what it replaced. */
  restore(doc: Doc): Doc | undefined {
    const idKey = canonicalKey(doc._id);
    const before = this.docs.get(idKey);
    if (before) for (const index of this.secondaryIndexes) index.remove(before, idKey);
    this.docs.set(idKey, doc);
    for (const index of this.secondaryIndexes) index.add(doc, idKey);
    return before;
  }

  restoreDelete(id: unknown): Doc | undefined {
    const idKey = canonicalKey(id);
    const before = this.docs.get(idKey);
    if (!before) return undefined;
    this.docs.delete(idKey);
    for (const index of this.secondaryIndexes) index.remove(before, idKey);
    return before;
  }

  addIndex(spec: IndexSpec, journal = true): void {
    const index = new Index(spec);
    if (spec.unique) {
      const probe = new Index(spec);
      for (const [idKey, doc] of this.docs) {
        if (probe.findConflict(doc, idKey)) this.duplicate(probe, doc);
        probe.add(doc, idKey);
      }
    }
    for (const [idKey, doc] of this.docs) index.add(doc, idKey);
    this.indexes.push(index);
    if (journal) this.journal({ t: 'createIndex', ns: this.ns, spec });
  }

  dropIndex(name: string, journal = true): void {
    const i = this.indexes.findIndex((x) => x.name === name);
    if (i <= 0) return;
    this.indexes.splice(i, 1);
    if (journal) this.journal({ t: 'dropIndex', ns: this.ns, name });
  }

  private checkUnique(doc: Doc, idKey: string): void {
    for (const index of this.secondaryIndexes) {
      if (index.findConflict(doc, idKey)) this.duplicate(index, doc);
    }
  }

  private duplicate(index: Index, doc: Doc): never {
    const keyValue = index.describeKey(doc);
    throw new CommandError(ErrorCodes.DuplicateKey, `E11000 duplicate key error collection: ${this.ns} index: ${index.name} dup key: ${describe(keyValue)}`, {
      keyPattern: index.spec.key,
      keyValue,
    });
  }

  /**
   * Documents that may match `filter`: by `_id` or by the first field of an index when the filter
   * pins it to values, otherwise every document. The caller still applies the full filter.
   */
  candidates(filter: Doc | undefined): Iterable<Doc> {
    if (!filter) return this.docs.values();
    const ids = equalityValues(filter, '_id');
    if (ids) {
      const out: Doc[] = [];
      for (const id of ids) {
        const doc = this.docs.get(canonicalKey(id));
        if (doc) out.push(doc);
      }
      return dedupe(out);
    }
    for (const index of this.secondaryIndexes) {
      if (!index.usableForEquality) continue;
      const values = equalityValues(filter, index.fields[0]);
      if (!values) continue;
      const out: Doc[] = [];
      for (const value of values) {
        for (const idKey of index.lookupFirst(value)) {
          const doc = this.docs.get(idKey);
          if (doc) out.push(doc);
        }
      }
      // Like mongod, an indexed query without a sort returns documents in index order.
      return dedupe(out);
    }
    return this.docs.values();
  }
}

function dedupe(docs: Doc[]): Doc[] {
  return docs.length < 2 ? docs : [...new Set(docs)];
}

/** The values `filter` pins `field` to by equality, if it does (else undefined). */
export function equalityValues(filter: Doc, field: string): unknown[] | undefined {
  if (Object.hasOwn(filter, field)) {
    const cond = filter[field];
    if (!isPlainDocument(cond) || !Object.keys(cond).some((k) => k.startsWith('$'))) {
      return indexable(cond) ? [cond] : undefined;
    }
    if (Object.hasOwn(cond, '$eq') && indexable(cond.$eq)) return [cond.$eq];
    if (Array.isArray(cond.$in) && cond.$in.every(indexable)) return cond.$in;
  }
  if (Array.isArray(filter.$and)) {
    for (const clause of filter.$and) {
      const v = isPlainDocument(clause) ? equalityValues(clause, field) : undefined;
      if (v) return v;
    }
  }
  return undefined;
}

function indexable(v: unknown): boolean {
  return v !== null && v !== undefined && !Array.isArray(v) && !(v instanceof RegExp) && (v as any)?._bsontype !== 'BSONRegExp';
}

function withIdFirst(doc: Doc): Doc {
  const keys = Object.keys(doc);
  if (keys[0] === '_id') return doc;
  const out: Doc = { _id: Object.hasOwn(doc, '_id') ? doc._id : new ObjectId() };
  for (const k of keys) if (k !== '_id') out[k] = doc[k];
  return out;
}

function validateId(id: unknown): void {
  if (Array.isArray(id)) fail(ErrorCodes.InvalidIdField, `The '_id' value cannot be of type array`);
  if (id instanceof RegExp || (id as any)?._bsontype === 'BSONRegExp') fail(ErrorCodes.InvalidIdField, `The '_id' value cannot be of type regex`);
  if (id === undefined) fail(ErrorCodes.InvalidIdField, `The '_id' value cannot be undefined`);
}

function describe(value: Doc): string {
  const parts = Object.entries(value).map(([k, v]) => `${k}: ${typeof v === 'string' ? JSON.stringify(v) : String(v?.toString?.() ?? v)}`);
  return `{ ${parts.join(', ')} }`;
}

/** Sort comparator for a `{field: 1 | -1}` spec; arrays sort by their min (asc) or max (desc) element. */
export function sortComparator(sort: Doc): (a: Doc, b: Doc) => number {
  const keys = Object.entries(sort).map(([field, dir]) => {
    if (isPlainDocument(dir)) fail(ErrorCodes.BadValue, `$meta sort by ${JSON.stringify(dir)} is not supported by the embedded engine`);
    const n = Number(typeof dir === 'object' && dir !== null ? (dir as any).valueOf() : dir);
    if (n !== 1 && n !== -1) fail(ErrorCodes.BadValue, `$sort key ordering must be 1 (for ascending) or -1 (for descending)`);
    return { field, dir: n };
  });
  const sortKey = (doc: Doc, field: string, dir: number) => {
    const values = keyValues(doc, field).map((v) => (v === undefined ? null : v));
    let best = values[0];
    for (const v of values) if (compareValues(v, best) * dir < 0) best = v;
    return best;
  };
  return (a, b) => {
    for (const { field, dir } of keys) {
      const c = compareValues(sortKey(a, field, dir), sortKey(b, field, dir));
      if (c) return c * dir;
    }
    return 0;
  };
}
