// Databases, collections and indexes.
import { calculateObjectSize } from 'bson';
import { fail, ErrorCodes } from '../errors.ts';
import { validateIndexSpec, type IndexSpec } from '../indexes.ts';
import { compileFilter } from '../matcher.ts';
import { validateNamespace } from '../store.ts';
import { canonicalKey, isPlainDocument, type Doc } from '../values.ts';
import { collectionName, documentArray, optionalDocument } from './args.ts';
import type { CommandContext, CommandHandler } from './context.ts';

/** Fields every command may carry that do not change what it does. */
const GENERIC_FIELDS = new Set([
  '$db',
  'lsid',
  '$clusterTime',
  '$readPreference',
  'writeConcern',
  'readConcern',
  'comment',
  'maxTimeMS',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
]);

function requireCollection(ctx: CommandContext, name: string) {
  const coll = ctx.store.collection(ctx.db, name);
  if (!coll) fail(ErrorCodes.NamespaceNotFound, `ns does not exist: ${ctx.db}.${name}`);
  return coll;
}

const listDatabases: CommandHandler = (cmd, ctx) => {
  const filter = compileFilter(optionalDocument(cmd, 'filter'));
  const databases: Doc[] = [];
  let totalSize = 0;
  for (const [name, collections] of ctx.store.dbs) {
    let sizeOnDisk = 0;
    for (const coll of collections.values()) for (const doc of coll.docs.values()) sizeOnDisk += calculateObjectSize(doc);
    const entry = cmd.nameOnly ? { name } : { name, sizeOnDisk, empty: sizeOnDisk === 0 };
    if (!filter(entry)) continue;
    databases.push(entry);
    totalSize += sizeOnDisk;
  }
  databases.sort((a, b) => (a.name < b.name ? -1 : 1));
  return cmd.nameOnly ? { databases, ok: 1 } : { databases, totalSize, totalSizeMb: Math.floor(totalSize / 1048576), ok: 1 };
};

const listCollections: CommandHandler = (cmd, ctx) => {
  const filter = compileFilter(optionalDocument(cmd, 'filter'));
  const collections = [...(ctx.store.dbs.get(ctx.db)?.keys() ?? [])].sort();
  const infos = collections
    .map((name) => ({
      name,
      type: 'collection',
      options: {},
      info: { readOnly: false },
      idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
    }))
    .filter((info) => filter(info))
    .map((info) => (cmd.nameOnly ? { name: info.name, type: info.type } : info));
  return ctx.cursors.open(`${ctx.db}.$cmd.listCollections`, infos, undefined, true);
};

const create: CommandHandler = (cmd, ctx) => {
  const name = collectionName(cmd, 'create');
  const options = Object.keys(cmd).filter((o) => o !== 'create' && !GENERIC_FIELDS.has(o));
  validateNamespace(ctx.db, name);
  if (ctx.store.collection(ctx.db, name)) {
    // Like MongoDB 7.0: creating an existing collection with the same (default) options succeeds.
    if (options.length === 0) return { ok: 1 };
    fail(ErrorCodes.NamespaceExists, `Collection ${ctx.db}.${name} already exists with different options.`);
  }
  if (options.length) fail(ErrorCodes.InvalidOptions, `Collection option '${options[0]}' is not supported by the embedded engine`);
  ctx.store.ensureCollection(ctx.db, name);
  return { ok: 1 };
};

const drop: CommandHandler = (cmd, ctx) => {
  const name = collectionName(cmd, 'drop');
  const dropped = ctx.store.dropCollection(ctx.db, name);
  // Like MongoDB 7.0, dropping a missing collection succeeds.
  return dropped ? { nIndexesWas: dropped.indexes.length, ns: dropped.ns, ok: 1 } : { ok: 1 };
};

const dropDatabase: CommandHandler = (_cmd, ctx) => {
  ctx.store.dropDatabase(ctx.db);
  return { dropped: ctx.db, ok: 1 };
};

function sameOptions(a: IndexSpec, b: IndexSpec): boolean {
  const opts = (s: IndexSpec) =>
    canonicalKey({
      unique: Boolean(s.unique),
      sparse: Boolean(s.sparse),
      ttl: s.expireAfterSeconds ?? null,
      partial: s.partialFilterExpression ?? null,
    });
  return opts(a) === opts(b);
}

const createIndexes: CommandHandler = (cmd, ctx) => {
  const name = collectionName(cmd, 'createIndexes');
  const specs = documentArray(cmd, 'indexes').map(validateIndexSpec);
  if (specs.length === 0) fail(ErrorCodes.BadValue, 'Must specify at least one index to create');
  const existed = Boolean(ctx.store.collection(ctx.db, name));
  const coll = ctx.store.ensureCollection(ctx.db, name);
  const before = coll.indexes.length;
  for (const spec of specs) {
    const sameName = coll.indexes.find((i) => i.name === spec.name);
    const sameKey = coll.indexes.find((i) => canonicalKey(i.spec.key) === canonicalKey(spec.key));
    if (sameName) {
      if (canonicalKey(sameName.spec.key) !== canonicalKey(spec.key)) {
        fail(
          ErrorCodes.IndexKeySpecsConflict,
          `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName.spec)}`,
        );
      }
      if (!sameOptions(sameName.spec, spec)) {
        fail(
          ErrorCodes.IndexOptionsConflict,
          `An equivalent index already exists with the same name but different options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName.spec)}`,
        );
      }
      continue;
    }
    if (sameKey && sameOptions(sameKey.spec, spec)) {
      fail(ErrorCodes.IndexOptionsConflict, `Index already exists with a different name: ${sameKey.name}`);
    }
    if (spec.name === '_id_' || (canonicalKey(spec.key) === canonicalKey({ _id: 1 }) && spec.unique === false)) {
      fail(ErrorCodes.BadValue, 'The _id index cannot be redefined');
    }
    coll.addIndex(spec);
  }
  const reply: Doc = { numIndexesBefore: before, numIndexesAfter: coll.indexes.length, createdCollectionAutomatically: !existed, ok: 1 };
  if (before === coll.indexes.length) reply.note = 'all indexes already exist';
  return reply;
};

const listIndexes: CommandHandler = (cmd, ctx) => {
  const name = collectionName(cmd, 'listIndexes');
  const coll = requireCollection(ctx, name);
  return ctx.cursors.open(
    `${coll.ns}`,
    coll.indexes.map((i) => ({ ...i.spec })),
    undefined,
    true,
  );
};

const dropIndexes: CommandHandler = (cmd, ctx) => {
  const name = collectionName(cmd, 'dropIndexes');
  const coll = ctx.store.collection(ctx.db, name);
  if (!coll) fail(ErrorCodes.NamespaceNotFound, `ns not found ${ctx.db}.${name}`);
  const before = coll.indexes.length;
  const target = cmd.index;
  let names: string[];
  if (target === '*') names = coll.secondaryIndexes.map((i) => i.name);
  else if (typeof target === 'string') names = [target];
  else if (Array.isArray(target)) names = target.map(String);
  else if (isPlainDocument(target)) {
    const found = coll.indexes.find((i) => canonicalKey(i.spec.key) === canonicalKey(target));
    if (!found) fail(ErrorCodes.IndexNotFound, `can't find index with key: ${JSON.stringify(target)}`);
    names = [found.name];
  } else fail(ErrorCodes.TypeMismatch, "The 'index' field must be a string, an array of strings or an object");
  for (const n of names) {
    if (n === '_id_') fail(ErrorCodes.InvalidOptions, 'cannot drop _id index');
    if (!coll.indexes.some((i) => i.name === n)) fail(ErrorCodes.IndexNotFound, `index not found with name [${n}]`);
  }
  for (const n of names) coll.dropIndex(n);
  return { nIndexesWas: before, ok: 1 };
};

export const catalogCommands: Record<string, CommandHandler> = {
  listDatabases,
  listCollections,
  create,
  drop,
  dropDatabase,
  createIndexes,
  listIndexes,
  dropIndexes,
};
