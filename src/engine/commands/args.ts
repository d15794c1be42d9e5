// Reading typed command arguments (numbers arrive as BSON Int32 / Double / Long).
import { fail, ErrorCodes } from '../errors.ts';
import { isNumber, isPlainDocument, toNumber, type Doc } from '../values.ts';

export function optionalNumber(cmd: Doc, field: string): number | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  if (!isNumber(v)) fail(ErrorCodes.TypeMismatch, `Field '${field}' must be a number`);
  return toNumber(v);
}

export function optionalDocument(cmd: Doc, field: string): Doc | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  if (!isPlainDocument(v)) fail(ErrorCodes.TypeMismatch, `Field '${field}' must be an object`);
  return v;
}

export function collectionName(cmd: Doc, command: string): string {
  const v = cmd[command];
  if (typeof v !== 'string' || !v) fail(ErrorCodes.InvalidNamespace, `collection name has invalid type ${typeof v}`);
  return v;
}

export function documentArray(cmd: Doc, field: string): Doc[] {
  const v = cmd[field];
  if (!Array.isArray(v)) fail(ErrorCodes.TypeMismatch, `Field '${field}' must be an array`);
  for (const d of v) if (!isPlainDocument(d)) fail(ErrorCodes.TypeMismatch, `Every element of '${field}' must be an object`);
  return v;
}

/** Only the default (simple) collation is implemented; anything else is refused, not ignored. */
export function rejectCollation(spec: Doc): void {
  const collation = spec.collation;
  if (collation === undefined || collation === null) return;
  if (isPlainDocument(collation) && collation.locale === 'simple') return;
  fail(ErrorCodes.BadValue, 'Collations other than { locale: "simple" } are not supported by the embedded engine');
}
