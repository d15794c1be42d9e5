// Queries: find, getMore, killCursors, count, distinct, aggregate.
import { Long } from 'bson';
import { runPipeline } from '../aggregate.ts';
import { sortComparator, type Collection } from '../collection.ts';
import { fail, ErrorCodes } from '../errors.ts';
import { compileFilter } from '../matcher.ts';
import { pathValues } from '../paths.ts';
import { compileProjection } from '../projection.ts';
import { canonicalKey, isPlainDocument, type Doc } from '../values.ts';
import { collectionName, optionalDocument, optionalNumber, rejectCollation } from './args.ts';
import type { CommandContext, CommandHandler } from './context.ts';

export interface QueryOptions {
  filter?: Doc;
  sort?: Doc;
  skip?: number;
  limit?: number;
}

/** Documents of `coll` matching a query, sorted, skipped and limited. */
export function runQuery(coll: Collection | undefined, { filter, sort, skip = 0, limit = 0 }: QueryOptions): Doc[] {
  if (!coll) return [];
  if (skip < 0) fail(ErrorCodes.BadValue, 'skip value must be non-negative');
  const matches = compileFilter(filter);
  const sorted = sort && Object.keys(sort).length > 0 && !(Object.keys(sort).length === 1 && Object.hasOwn(sort, '$natural'));
  const wanted = limit > 0 && !sorted ? skip + limit : Number.POSITIVE_INFINITY;
  let out: Doc[] = [];
  for (const doc of coll.candidates(filter)) {
    if (!matches(doc)) continue;
    out.push(doc);
    if (out.length >= wanted) break;
  }
  if (sorted) out.sort(sortComparator(sort));
  else if (sort?.$natural !== undefined && Number(sort.$natural.valueOf()) < 0) out.reverse();
  if (skip || limit) out = out.slice(skip, limit > 0 ? skip + limit : undefined);
  return out;
}

const find: CommandHandler = (cmd, ctx) => {
  const name = collectionName(cmd, 'find');
  rejectCollation(cmd);
  const filter = optionalDocument(cmd, 'filter');
  const rawLimit = optionalNumber(cmd, 'limit') ?? 0;
  const docs = runQuery(ctx.store.collection(ctx.db, name), {
    filter,
    sort: optionalDocument(cmd, 'sort'),
    skip: optionalNumber(cmd, 'skip'),
    limit: Math.abs(rawLimit),
  });
  const project = compileProjection(optionalDocument(cmd, 'projection'), filter);
  const singleBatch = cmd.singleBatch === true || rawLimit < 0;
  return ctx.cursors.open(`${ctx.db}.${name}`, project ? docs.map(project) : docs, optionalNumber(cmd, 'batchSize'), singleBatch);
};

const getMore: CommandHandler = (cmd, ctx) => {
  const id = cmd.getMore;
  if (!(id instanceof Long)) fail(ErrorCodes.TypeMismatch, "Field 'getMore' must be of type long");
  const collection = cmd.collection;
  if (typeof collection !== 'string') fail(ErrorCodes.TypeMismatch, "Field 'collection' must be of type string");
  return ctx.cursors.getMore(id, collection, ctx.db, optionalNumber(cmd, 'batchSize'));
};

const killCursors: CommandHandler = (cmd, ctx) => {
  const ids = cmd.cursors;
  if (!Array.isArray(ids) || !ids.every((id) => id instanceof Long)) fail(ErrorCodes.TypeMismatch, "Field 'cursors' must be an array of longs");
  return ctx.cursors.kill(ids);
};

const count: CommandHandler = (cmd, ctx) => {
  const name = collectionName(cmd, 'count');
  rejectCollation(cmd);
  const n = runQuery(ctx.store.collection(ctx.db, name), {
    filter: optionalDocument(cmd, 'query'),
    skip: optionalNumber(cmd, 'skip'),
    limit: Math.abs(optionalNumber(cmd, 'limit') ?? 0),
  }).length;
  return { n, ok: 1 };
};

const distinct: CommandHandler = (cmd, ctx) => {
  const name = collectionName(cmd, 'distinct');
  rejectCollation(cmd);
  const key = cmd.key;
  if (typeof key !== 'string' || !key) fail(ErrorCodes.TypeMismatch, "Field 'key' must be a non-empty string");
  const seen = new Map<string, unknown>();
  const add = (v: unknown) => {
    if (v === undefined) return;
    const k = canonicalKey(v);
    if (!seen.has(k)) seen.set(k, v);
  };
  for (const doc of runQuery(ctx.store.collection(ctx.db, name), { filter: optionalDocument(cmd, 'query') })) {
    for (const v of pathValues(doc, key)) {
      if (Array.isArray(v)) v.forEach(add);
      else add(v);
    }
  }
  return { values: [...seen.values()], ok: 1 };
};

const aggregate: CommandHandler = (cmd, ctx) => {
  const target = cmd.aggregate;
  if (typeof target !== 'string') fail(ErrorCodes.InvalidNamespace, 'Database-level aggregation ({aggregate: 1}) is not supported by the embedded engine');
  rejectCollation(cmd);
  if (cmd.explain) fail(ErrorCodes.IllegalOperation, 'explain is not supported by the embedded engine');
  const pipeline = cmd.pipeline;
  if (!Array.isArray(pipeline)) fail(ErrorCodes.TypeMismatch, "'pipeline' option must be specified as an array");
  if (!isPlainDocument(cmd.cursor)) fail(ErrorCodes.FailedToParse, "The 'cursor' option is required, except for aggregate with the explain argument");
  const coll = ctx.store.collection(ctx.db, target);
  // A leading $match narrows the input through the indexes.
  const first = pipeline[0];
  const input = coll ? (isPlainDocument(first) && isPlainDocument(first.$match) ? coll.candidates(first.$match) : coll.docs.values()) : [];
  const docs = runPipeline(input, pipeline, {
    collectionDocs: (other) => ctx.store.collection(ctx.db, other)?.docs.values(),
  });
  return ctx.cursors.open(`${ctx.db}.${target}`, docs, optionalNumber(cmd.cursor, 'batchSize'));
};

export const readCommands: Record<string, CommandHandler> = {
  find,
  getMore,
  killCursors,
  count,
  distinct,
  aggregate,
};

export type { CommandContext };
