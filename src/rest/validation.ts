// Request validation with the generated JSON Schemas, compiled by TypeBox.
import Boom from '@hapi/boom';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import Format from 'typebox/format';
import { formats } from '../generated/operations.ts';
import type { JsonSchema as Schema } from '../shared/json-schema.ts';

export type Source = 'params' | 'query' | 'payload' | 'headers';

for (const format of formats) {
  if (!Format.Has(format)) throw new Error(`openapi.yaml uses the format "${format}", which the validator does not know`);
}

export interface Validator {
  /**
   * Returns the value (coerced and with defaults) or throws a Boom 400. `sent` says whether the request
   * carried a body at all: hapi hands over both an empty body and a JSON `null` as null.
   */
  (value: unknown, sent?: boolean): unknown;
}

/**
 * A hapi validate hook for one request part. Query and path values arrive as strings, so they
 * are coerced to the schema's scalar types first (so are header values); bodies are taken as sent.
 */
export function requestValidator(schema: Schema, source: Source, { optional = false } = {}): Validator {
  // Compiled on first use: a start registers every operation's validators, most of which a run never needs.
  let compiled: ReturnType<typeof Compile> | undefined;
  const coerce = source === 'query' || source === 'params' || source === 'headers';
  return (raw, sent = false) => {
    compiled ??= Compile(schema as TSchema);
    if (source === 'payload' && raw === null && sent) throw validationError('payload', 'The request body must be a JSON object, not null', []);
    // An optional body that was left out validates as an empty object (so defaults apply).
    let value: unknown = raw ?? (source === 'payload' && !optional ? undefined : {});
    if (coerce) value = coerceStrings(schema, value);
    value = applyDefaults(schema, value);
    if (compiled.Check(value)) return value;
    const errors = [...compiled.Errors(value)];
    const keys = new Set<string>();
    for (const e of errors) {
      const base = pointerToPath(e.instancePath);
      const extra = e.params as { additionalProperties?: string[]; requiredProperties?: string[]; passingSchemas?: number[] };
      if (e.keyword === 'additionalProperties' && extra.additionalProperties) extra.additionalProperties.forEach((k) => keys.add(join(base, k)));
      else if (e.keyword === 'required' && extra.requiredProperties) extra.requiredProperties.forEach((k) => keys.add(join(base, k)));
      else if (e.keyword === 'oneOf' && extra.passingSchemas?.length) {
        // Several branches matched: name the properties those branches require (the ones given together).
        const branches = (nodeAt(schema, e.schemaPath) as Schema | undefined)?.oneOf as Schema[] | undefined;
        for (const i of extra.passingSchemas) for (const k of branches?.[i]?.required ?? []) keys.add(join(base, k));
      } else if (e.keyword !== 'boolean' || !base) keys.add(base);
    }
    const messages = errors
      .filter((e) => e.keyword !== 'boolean')
      .map(
        (e) =>
          oneOfMessage(schema, e.keyword, e.schemaPath) ??
          customMessage(schema, e.schemaPath) ??
          describe(e.keyword, pointerToPath(e.instancePath), e.message, e.params as Record<string, unknown>),
      );
    throw validationError(
      source,
      value === undefined && source === 'payload' ? 'The request body is required' : [...new Set(messages)].join('; '),
      [...keys].filter(Boolean),
    );
  };
}

/**
 * A 400 whose payload carries `validation: {source, keys}`. hapi rebuilds that object from the
 * error's Joi-style `details`, so the keys travel there.
 */
export function validationError(source: Source, message: string, keys: string[]): Boom.Boom {
  const error = Boom.badRequest(message);
  Object.assign(error, { details: keys.map((key) => ({ path: key.split('.'), message })) });
  (error.output.payload as Record<string, unknown>).validation = { source, keys };
  return error;
}

function describe(keyword: string, path: string, message: string, params: Record<string, unknown>): string {
  const names = (list: string[]) => list.map((k) => `"${join(path, k)}"`).join(', ');
  const be = (list: string[]) => (list.length > 1 ? 'are' : 'is');
  if (keyword === 'required') return `${names(params.requiredProperties as string[])} ${be(params.requiredProperties as string[])} required`;
  if (keyword === 'additionalProperties') return `${names(params.additionalProperties as string[])} ${be(params.additionalProperties as string[])} not allowed`;
  return path ? `"${path}" ${message}` : `The value ${message}`;
}

/** The `x-error-message` openapi.yaml gives the failing subschema (e.g. "Invalid visibility"), if any. */
function customMessage(schema: Schema, schemaPath: string): string | undefined {
  let node: unknown = schema;
  let found: string | undefined;
  for (const part of schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    if (!node || typeof node !== 'object') break;
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    const message = (node as Schema | undefined)?.['x-error-message'];
    if (typeof message === 'string') found = message;
  }
  return found;
}

/**
 * The `x-one-of-message` of the schema whose `oneOf` failed (e.g. "exactly one of html, files,
 * source_url"), for the failure itself and for its branches' failures, which explain the same thing.
 */
function oneOfMessage(schema: Schema, keyword: string, schemaPath: string): string | undefined {
  const owner = keyword === 'oneOf' ? schemaPath : /^(.*)\/oneOf\/\d+(?:\/|$)/.exec(schemaPath)?.[1];
  if (owner === undefined) return undefined;
  const message = (nodeAt(schema, owner) as Schema | undefined)?.['x-one-of-message'];
  return typeof message === 'string' ? message : undefined;
}

/** The subschema at a JSON pointer (`#/properties/x`). */
function nodeAt(schema: Schema, schemaPath: string): unknown {
  let node: unknown = schema;
  for (const part of schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

const join = (base: string, key: string) => (base ? `${base}.${key}` : key);

function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function coerceStrings(schema: Schema, value: unknown): unknown {
  if (!value || typeof value !== 'object' || !schema.properties) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [key, v] of Object.entries(out)) {
    const prop = schema.properties[key];
    if (prop) out[key] = coerceScalar(prop, v);
  }
  return out;
}

function coerceScalar(schema: Schema, v: unknown): unknown {
  const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('array')) {
    const list = Array.isArray(v) ? v : [v];
    const items = schema.items;
    return items ? list.map((item) => coerceScalar(items, item)) : list;
  }
  if (typeof v !== 'string') return v;
  if ((types.includes('integer') || types.includes('number')) && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  if (types.includes('boolean') && (v === 'true' || v === 'false')) return v === 'true';
  return v;
}

function applyDefaults(schema: Schema, value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value) || !schema.properties) return value;
  let out: Record<string, unknown> | undefined;
  for (const [key, prop] of Object.entries(schema.properties as Record<string, Schema>)) {
    if (prop.default !== undefined && (value as Record<string, unknown>)[key] === undefined) {
      out ??= { ...(value as Record<string, unknown>) };
      out[key] = structuredClone(prop.default);
    }
  }
  return out ?? value;
}

/** For tests and the development response check: does `value` satisfy `schema`? */
export function responseChecker(schema: Schema): (value: unknown) => string[] {
  const compiled = Compile(schema as TSchema);
  return (value) => (compiled.Check(value) ? [] : [...compiled.Errors(value)].map((e) => `${e.instancePath || '/'} ${e.message}`));
}

/** Whether a request's headers announce a body (a length above zero, or a chunked one). */
export function bodySent(headers: Record<string, string | string[] | undefined>): boolean {
  return headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
}
