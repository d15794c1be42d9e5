// find() projections: inclusion, exclusion, dotted paths, $slice, $elemMatch, positional `.$`,
// and aggregation expressions for computed fields.
import { evaluateExpression } from './expressions.ts';
import { fail, ErrorCodes } from './errors.ts';
import { compileFilter, matchedArrayIndex } from './matcher.ts';
import { isNumber, isPlainDocument, toNumber, type Doc } from './values.ts';

type Action =
  | { kind: 'include' }
  | { kind: 'exclude' }
  | { kind: 'slice'; skip: number; limit: number | undefined }
  | { kind: 'elemMatch'; test: (v: unknown) => boolean }
  | { kind: 'positional' }
  | { kind: 'expression'; expr: unknown };

interface Node {
  action?: Action;
  children: Map<string, Node>;
}

export type Projector = (doc: Doc) => Doc;

export function compileProjection(projection: Doc | undefined, filter?: Doc): Projector | undefined {
  if (!projection || Object.keys(projection).length === 0) return undefined;
  const root: Node = { children: new Map() };
  let inclusion = false,
    exclusion = false,
    idExcluded = false;
  for (const [rawPath, spec] of Object.entries(projection)) {
    let path = rawPath;
    let action: Action;
    if (path.endsWith('.$')) {
      path = path.slice(0, -2);
      action = { kind: 'positional' };
    } else if (isPlainDocument(spec) && Object.hasOwn(spec, '$slice')) {
      action = sliceAction(spec.$slice);
    } else if (isPlainDocument(spec) && Object.hasOwn(spec, '$elemMatch')) {
      const match = compileFilter(spec.$elemMatch);
      action = { kind: 'elemMatch', test: (v) => isPlainDocument(v) && match(v) };
    } else if (typeof spec === 'boolean' || isNumber(spec)) {
      action = (typeof spec === 'boolean' ? spec : toNumber(spec) !== 0) ? { kind: 'include' } : { kind: 'exclude' };
    } else {
      action = { kind: 'expression', expr: spec };
    }
    if (path === '_id' && (action.kind === 'exclude' || action.kind === 'include')) {
      idExcluded = action.kind === 'exclude';
      if (idExcluded) continue;
    }
    if (action.kind === 'exclude') {
      if (inclusion) fail(31254, `Cannot do exclusion on field ${path} in inclusion projection`);
      exclusion = true;
    } else if (action.kind !== 'slice' && path !== '_id') {
      if (exclusion) fail(31253, `Cannot do inclusion on field ${path} in exclusion projection`);
      inclusion = true;
    }
    insert(root, path.split('.'), action, rawPath);
  }
  // Only `_id: 1` is an inclusion; only $slice (or `_id: 0`) keeps every other field.
  if (!inclusion && !exclusion && root.children.get('_id')?.action?.kind === 'include') inclusion = true;
  if (idExcluded) insert(root, ['_id'], { kind: 'exclude' }, '_id');
  else if (inclusion && !root.children.has('_id')) insert(root, ['_id'], { kind: 'include' }, '_id');
  if (inclusion) return (doc) => includeFields(doc, root, doc, filter);
  return (doc) => excludeFields(doc, root) as Doc;
}

function sliceAction(arg: unknown): Action {
  if (isNumber(arg)) {
    const n = toNumber(arg);
    return n >= 0 ? { kind: 'slice', skip: 0, limit: n } : { kind: 'slice', skip: n, limit: undefined };
  }
  if (Array.isArray(arg) && arg.length === 2 && isNumber(arg[0]) && isNumber(arg[1])) {
    const limit = toNumber(arg[1]);
    if (limit <= 0) fail(ErrorCodes.BadValue, '$slice limit must be positive');
    return { kind: 'slice', skip: toNumber(arg[0]), limit };
  }
  fail(ErrorCodes.BadValue, '$slice only supports numbers and [skip, limit] arrays');
}

function insert(root: Node, parts: string[], action: Action, rawPath: string): void {
  let node = root;
  for (const part of parts) {
    if (node.action && node.action.kind !== 'exclude') fail(31250, `Path collision at ${rawPath}`);
    let child = node.children.get(part);
    if (!child) node.children.set(part, (child = { children: new Map() }));
    node = child;
  }
  if (node.action || node.children.size) fail(31250, `Path collision at ${rawPath}`);
  node.action = action;
}

function includeFields(doc: Doc, node: Node, root: Doc, filter: Doc | undefined): Doc {
  const out: Doc = {};
  for (const [key, value] of Object.entries(doc)) {
    const child = node.children.get(key);
    if (!child) continue;
    const projected = projectValue(value, child, root, filter);
    if (projected !== undefined) out[key] = projected;
  }
  for (const [key, child] of node.children) {
    if (child.action?.kind === 'expression' && !Object.hasOwn(doc, key)) {
      const v = evaluateExpression(child.action.expr, root);
      if (v !== undefined) out[key] = v;
    }
  }
  return out;
}

function projectValue(value: unknown, node: Node, root: Doc, filter: Doc | undefined): unknown {
  const action = node.action;
  if (action) {
    switch (action.kind) {
      case 'include':
        return value;
      case 'exclude':
        return undefined;
      case 'expression':
        return evaluateExpression(action.expr, root);
      case 'slice':
        return Array.isArray(value) ? slice(value, action.skip, action.limit) : value;
      case 'elemMatch': {
        if (!Array.isArray(value)) return undefined;
        const hit = value.find(action.test);
        return hit === undefined ? undefined : [hit];
      }
      case 'positional': {
        if (!Array.isArray(value)) return value;
        const i = filter ? matchedArrayIndex(filter, root) : undefined;
        if (i === undefined) fail(51246, 'Executor error during find command: positional operator ($) requires the array field to appear in the query');
        return i < value.length ? [value[i]] : undefined;
      }
    }
  }
  if (Array.isArray(value)) {
    return value.filter(isPlainDocument).map((e) => includeFields(e, node, root, filter));
  }
  if (isPlainDocument(value)) return includeFields(value, node, root, filter);
  return undefined;
}

function excludeFields(value: unknown, node: Node): unknown {
  if (Array.isArray(value)) return value.map((e) => (isPlainDocument(e) ? excludeFields(e, node) : e));
  if (!isPlainDocument(value)) return value;
  const out: Doc = {};
  for (const [key, v] of Object.entries(value)) {
    const child = node.children.get(key);
    if (!child) {
      out[key] = v;
      continue;
    }
    if (child.action?.kind === 'exclude') continue;
    if (child.action?.kind === 'slice') out[key] = Array.isArray(v) ? slice(v, child.action.skip, child.action.limit) : v;
    else out[key] = excludeFields(v, child);
  }
  return out;
}

function slice(array: unknown[], skip: number, limit: number | undefined): unknown[] {
  const start = skip < 0 ? Math.max(array.length + skip, 0) : Math.min(skip, array.length);
  return limit === undefined ? array.slice(start) : array.slice(start, start + limit);
}
