// Writes: insert, update, delete, findAndModify.
import { ObjectId } from 'bson';
import { runPipeline } from '../aggregate.ts';
import type { Collection } from '../collection.ts';
import { CommandError, fail, ErrorCodes } from '../errors.ts';
import { matchedArrayIndex } from '../matcher.ts';
import { compileProjection } from '../projection.ts';
import { applyReplacement, applyUpdate, isOperatorUpdate, updateWouldChange, upsertSeed, validateUpdate } from '../update.ts';
import { isPlainDocument, type Doc } from '../values.ts';
import { collectionName, documentArray, optionalDocument, rejectCollation } from './args.ts';
import type { CommandContext, CommandHandler } from './context.ts';
import { runQuery } from './read.ts';

interface WriteError {
  index: number;
  code: number;
  errmsg: string;
  [extra: string]: unknown;
}

function toWriteError(index: number, e: unknown): WriteError {
  if (e instanceof CommandError) return { index, code: e.code, errmsg: e.message, ...e.extra };
  throw e;
}

/** Runs each statement; ordered writes stop at the first error, unordered ones go on. */
function eachStatement<T>(statements: T[], ordered: boolean, run: (s: T, i: number) => void): WriteError[] {
  const errors: WriteError[] = [];
  for (let i = 0; i < statements.length; i++) {
    try {
      run(statements[i], i);
    } catch (e) {
      errors.push(toWriteError(i, e));
      if (ordered) break;
    }
  }
  return errors;
}

function reply(fields: Doc, writeErrors: WriteError[]): Doc {
  return writeErrors.length ? { ...fields, writeErrors, ok: 1 } : { ...fields, ok: 1 };
}

const insert: CommandHandler = (cmd, ctx) => {
  const name = collectionName(cmd, 'insert');
  const documents = documentArray(cmd, 'documents');
  const coll = ctx.store.ensureCollection(ctx.db, name);
  let n = 0;
  const errors = eachStatement(documents, cmd.ordered !== false, (doc) => {
    coll.insert(doc);
    n++;
  });
  return reply({ n }, errors);
};

/** The document an update statement turns `doc` into (`doc` undefined: an upsert's new document). */
function updatedDocument(doc: Doc | undefined, filter: Doc, u: unknown, arrayFilters: Doc[] | undefined): Doc {
  if (Array.isArray(u)) {
    const base = doc ?? upsertSeed(filter);
    const [out] = runPipeline([base], u, { collectionDocs: () => undefined });
    if (!out) fail(ErrorCodes.BadValue, 'An update pipeline must produce a document');
    return doc ? applyReplacement(doc, out) : out;
  }
  if (!isPlainDocument(u)) fail(ErrorCodes.FailedToParse, 'Update argument must be either an object or an array');
  if (isOperatorUpdate(u)) {
    return applyUpdate(doc ?? upsertSeed(filter), u, {
      arrayFilters,
      isInsert: doc === undefined,
      positional: doc ? matchedArrayIndex(filter, doc) : undefined,
    });
  }
  // An upsert's replacement starts from the filter's equality fields; a different _id is an error.
  return applyReplacement(doc ?? upsertSeed(filter), u);
}

/** Rejects a malformed update before any document is looked at, as mongod does. */
function validateUpdateArgument(u: unknown, arrayFilters: Doc[] | undefined): void {
  if (Array.isArray(u)) return;
  if (!isPlainDocument(u)) fail(ErrorCodes.FailedToParse, 'Update argument must be either an object or an array');
  if (isOperatorUpdate(u)) validateUpdate(u, arrayFilters);
}

function insertUpserted(coll: Collection, doc: Doc): Doc {
  return coll.insert(Object.hasOwn(doc, '_id') ? doc : { _id: new ObjectId(), ...doc });
}

const update: CommandHandler = (cmd, ctx) => {
  const name = collectionName(cmd, 'update');
  const statements = documentArray(cmd, 'updates');
  let n = 0,
    nModified = 0;
  const upserted: Doc[] = [];
  const errors = eachStatement(statements, cmd.ordered !== false, (s, index) => {
    rejectCollation(s);
    const filter = optionalDocument(s, 'q') ?? {};
    const u = s.u;
    const multi = s.multi === true;
    if (multi && isPlainDocument(u) && !isOperatorUpdate(u)) fail(ErrorCodes.FailedToParse, 'multi update is not supported for replacement-style update');
    const arrayFilters = s.arrayFilters === undefined ? undefined : documentArray(s, 'arrayFilters');
    validateUpdateArgument(u, arrayFilters);
    const existing = ctx.store.collection(ctx.db, name);
    const targets = runQuery(existing, { filter, limit: multi ? 0 : 1 });
    if (targets.length === 0) {
      if (!s.upsert) return;
      const coll = ctx.store.ensureCollection(ctx.db, name);
      const doc = insertUpserted(coll, updatedDocument(undefined, filter, u, arrayFilters));
      n++;
      upserted.push({ index, _id: doc._id });
      return;
    }
    const coll = existing!;
    for (const doc of targets) {
      const after = updatedDocument(doc, filter, u, arrayFilters);
      n++;
      if (!updateWouldChange(doc, after)) continue;
      coll.replace(doc, after);
      nModified++;
    }
  });
  return reply(upserted.length ? { n, nModified, upserted } : { n, nModified }, errors);
};

const remove: CommandHandler = (cmd, ctx) => {
  const name = collectionName(cmd, 'delete');
  const statements = documentArray(cmd, 'deletes');
  let n = 0;
  const errors = eachStatement(statements, cmd.ordered !== false, (s) => {
    rejectCollation(s);
    const coll = ctx.store.collection(ctx.db, name);
    const limit = Number(s.limit?.valueOf() ?? 0);
    if (limit !== 0 && limit !== 1) fail(ErrorCodes.FailedToParse, 'The limit field in delete objects must be 0 or 1');
    for (const doc of runQuery(coll, { filter: optionalDocument(s, 'q') ?? {}, limit })) {
      coll!.remove(doc);
      n++;
    }
  });
  return reply({ n }, errors);
};

const findAndModify: CommandHandler = (cmd, ctx) => {
  const name = collectionName(cmd, 'findAndModify');
  rejectCollation(cmd);
  const filter = optionalDocument(cmd, 'query') ?? {};
  const removeDoc = cmd.remove === true;
  const u = cmd.update;
  if (removeDoc === (u !== undefined)) fail(ErrorCodes.FailedToParse, 'Either an update or remove=true must be specified');
  if (removeDoc && (cmd.upsert || cmd.new)) fail(ErrorCodes.FailedToParse, 'Cannot specify both a remove and an upsert or new=true');
  const project = compileProjection(optionalDocument(cmd, 'fields'), filter);
  const shape = (d: Doc | null) => (d && project ? project(d) : d);
  const arrayFilters = cmd.arrayFilters === undefined ? undefined : documentArray(cmd, 'arrayFilters');
  if (!removeDoc) validateUpdateArgument(u, arrayFilters);
  const existing = ctx.store.collection(ctx.db, name);
  const [doc] = runQuery(existing, { filter, sort: optionalDocument(cmd, 'sort'), limit: 1 });
  if (removeDoc) {
    if (doc) existing!.remove(doc);
    return { lastErrorObject: { n: doc ? 1 : 0 }, value: shape(doc ?? null), ok: 1 };
  }
  if (doc) {
    const after = updatedDocument(doc, filter, u, arrayFilters);
    if (updateWouldChange(doc, after)) existing!.replace(doc, after);
    return { lastErrorObject: { n: 1, updatedExisting: true }, value: shape(cmd.new ? after : doc), ok: 1 };
  }
  if (!cmd.upsert) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
  const coll = ctx.store.ensureCollection(ctx.db, name);
  const inserted = insertUpserted(coll, updatedDocument(undefined, filter, u, arrayFilters));
  return {
    lastErrorObject: { n: 1, updatedExisting: false, upserted: inserted._id },
    value: cmd.new ? shape(inserted) : null,
    ok: 1,
  };
};

export const writeCommands: Record<string, CommandHandler> = {
  insert,
  update,
  delete: remove,
  findAndModify,
  findandmodify: findAndModify,
};

export type { CommandContext };
