// Dotted-path resolution with MongoDB's implicit traversal of arrays.
import { isPlainDocument, type Doc } from './values.ts';

const isIndex = (part: string) => /^(0|[1-9][0-9]*)$/.test(part);

/**
 * Every value a query path reaches. `a.b` over `{a: [{b: 1}, {c: 2}]}` yields `[1, undefined]`:
 * arrays on the way are traversed element by element, and a numeric part may also index the array.
 * A missing field yields `undefined`, which queries treat like null.
 */
export function pathValues(doc: unknown, path: string | string[]): unknown[] {
  const parts = typeof path === 'string' ? path.split('.') : path;
  const out: unknown[] = [];
  collect(doc, parts, 0, out);
  return out;
}

function collect(value: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    out.push(value);
    return;
  }
  const part = parts[i];
  if (Array.isArray(value)) {
    if (isIndex(part)) {
      const idx = Number(part);
      if (idx < value.length) collect(value[idx], parts, i + 1, out);
    }
    let sawDocument = false;
    for (const element of value) {
      if (isPlainDocument(element)) {
        sawDocument = true;
        collect(element, parts, i, out);
      }
    }
    if (!sawDocument && !isIndex(part)) out.push(undefined);
    return;
  }
  if (isPlainDocument(value)) {
    collect(Object.hasOwn(value, part) ? value[part] : undefined, parts, i + 1, out);
    return;
  }
  out.push(undefined);
}

/**
 * The key values an index (or a sort) sees at a path: arrays contribute each element
 * (multikey), a missing field contributes null.
 */
export function keyValues(doc: Doc, path: string): unknown[] {
  const values = pathValues(doc, path);
  const out: unknown[] = [];
  for (const v of values) {
    if (Array.isArray(v)) {
      if (v.length === 0) out.push(undefined);
      else out.push(...v);
    } else out.push(v === undefined ? null : v);
  }
  return out.length ? out : [null];
}
