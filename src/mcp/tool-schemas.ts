// From an operation to a tool: one flat object input schema, the 2xx output schema, annotations.
// Both schemas are portable (see portable-schema.ts); the input's rules that cannot stay in it are words.
import type { Operations, OperationId } from '../generated/operations.ts';
import type { ToolAnnotations } from './tool.ts';
import type { JsonSchema as Schema } from '../shared/json-schema.ts';
import { portableSchema } from './portable-schema.ts';

type Operation = Operations[OperationId];

export type ArgumentSource = { from: 'params' | 'query' | 'body'; name: string };

export interface ToolInput {
  schema: Schema;
  /** Where each argument goes in the HTTP request. */
  sources: Record<string, ArgumentSource>;
  /** What the parts' root combinators required (e.g. exactly one of some arguments), in words; REST still enforces it. */
  rules: string[];
}

/**
 * Path, query and body fields in one object. On a clash the later part's field is renamed with
 * its part as prefix (`query_name`, `body_name`), so names stay deterministic.
 */
export function toolInput(op: Operation): ToolInput {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  const sources: Record<string, ArgumentSource> = {};
  const rules: string[] = [];
  const parts: ['params' | 'query' | 'body', Schema | null][] = [
    ['params', op.params],
    ['query', op.query],
    ['body', op.body],
  ];
  for (const [from, schema] of parts) {
    if (!schema) continue;
    if (schema.type !== 'object' || !schema.properties) {
      throw new Error(`${op.operationId}: the ${from} schema must be an object with properties to become tool arguments`);
    }
    const keys: Record<string, string> = {};
    for (const [name, prop] of Object.entries(schema.properties)) {
      const key = Object.hasOwn(properties, name) ? `${from}_${name}` : name;
      keys[name] = key;
      properties[key] = prop;
      sources[key] = { from, name };
      if ((schema.required ?? []).includes(name) && !(from === 'body' && !op.bodyRequired)) required.push(key);
    }
    rules.push(...portableSchema(schema, (name) => keys[name] ?? name).rules);
  }
  const schema: Schema = { type: 'object', properties, additionalProperties: false };
  if (required.length) schema.required = required;
  return { schema: portableSchema(schema).schema, sources, rules };
}

/** The 2xx response schema as an object-rooted output schema, if the operation returns JSON. */
export function toolOutput(op: Operation): Schema | undefined {
  const schemas = Object.entries(op.responses)
    .filter(([status]) => status.startsWith('2'))
    .map(([, response]) => objectRooted(response.schema as Schema | null | undefined));
  if (!schemas.length || schemas.some((s) => !s)) return undefined;
  // Several shapes (e.g. the page, or the job to poll while a capture runs): the result is one of them.
  return portableSchema(schemas.length === 1 ? schemas[0]! : { type: 'object', anyOf: schemas.map((s) => portableSchema(s!).schema) }).schema;
}

function objectRooted(schema: Schema | null | undefined): Schema | undefined {
  if (!schema) return undefined;
  if (schema.type === 'object') return schema;
  if (Array.isArray(schema.allOf) && schema.allOf.every((s: Schema) => s.type === 'object')) return { type: 'object', ...schema };
  return undefined;
}

export function methodAnnotations(method: string): ToolAnnotations {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return { readOnlyHint: true, openWorldHint: false };
    case 'PUT':
    case 'PATCH':
      return { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false };
    case 'DELETE':
      return { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false };
    default:
      return { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false };
  }
}
