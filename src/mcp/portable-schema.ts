// Tool schemas in the subset MCP clients accept, derived from the contract's schemas (openapi.yaml
// itself stays as it is):
// - the root is a plain object without oneOf/anyOf/allOf/not: Claude's and OpenAI's APIs refuse
//   the whole tool list when one tool's schema has them. A rule over which properties are given
//   becomes a sentence for the tool's description; alternative object shapes (an output that is
//   the page or the job) become one object with the properties of all and the required of each;
// - no `type` arrays (the MCP Inspector's `type-union` portability warning; clients that read `type`
//   as one string refuse them): `["string","null"]` becomes `anyOf` with `{"type":"null"}`, the
//   annotations (description, default, …) staying beside it.
import { COMBINATORS, withoutRootCombinators, type JsonSchema as Schema } from '../shared/json-schema.ts';

export interface PortableSchema {
  schema: Schema;
  /** What the dropped root combinators required, in words (for the tool's description). */
  rules: string[];
}

/** `schema` as a tool's inputSchema or outputSchema; `rename` maps a property to its argument name. */
export function portableSchema(schema: Schema, rename: (name: string) => string = (name) => name): PortableSchema {
  const { schema: flat, rules } = flatRoot(schema, rename);
  return { schema: withoutTypeArrays(flat) as Schema, rules };
}

/** Keywords that describe a value without constraining it: they stay outside a type union's anyOf. */
const ANNOTATIONS = new Set(['title', 'description', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly', '$comment']);
/** Keywords whose value is a schema, a list of schemas, or a map of names to schemas. */
const ONE_SCHEMA = new Set([
  'items',
  'additionalProperties',
  'not',
  'contains',
  'propertyNames',
  'if',
  'then',
  'else',
  'unevaluatedProperties',
  'unevaluatedItems',
]);
const SCHEMA_LIST = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_MAP = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);

/** A copy of `schema` where every `type` array, at any depth, is an anyOf of single types. */
export function withoutTypeArrays(schema: unknown): unknown {
  if (!isSchema(schema)) return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ONE_SCHEMA.has(key)) out[key] = withoutTypeArrays(value);
    else if (SCHEMA_LIST.has(key) && Array.isArray(value)) out[key] = value.map(withoutTypeArrays);
    else if (SCHEMA_MAP.has(key) && isSchema(value)) out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutTypeArrays(v)]));
    else out[key] = value;
  }
  return Array.isArray(out.type) ? typeUnion(out, out.type as string[]) : out;
}

function typeUnion(schema: Schema, types: string[]): Schema {
  if (types.length === 1) return { ...schema, type: types[0] };
  const outer: Schema = {};
  const constraints: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'type') continue;
    if (ANNOTATIONS.has(key) || key.startsWith('x-')) outer[key] = value;
    else constraints[key] = value;
  }
  const branches: Schema[] = types
    .filter((t) => t !== 'null')
    .map((type) => {
      const branch: Schema = { type, ...constraints };
      if (Array.isArray(branch.enum)) branch.enum = branch.enum.filter((v) => v !== null);
      return branch;
    });
  if (types.includes('null')) branches.push({ type: 'null' });
  return { ...outer, anyOf: branches };
}

/** The schema with its root combinators turned into properties (alternative shapes) or rules (which properties to give). */
function flatRoot(schema: Schema, rename: (name: string) => string): PortableSchema {
  const out = withoutRootCombinators(schema);
  const rules: string[] = [];
  for (const keyword of COMBINATORS) {
    const value = schema[keyword];
    if (value === undefined) continue;
    const branches = (Array.isArray(value) ? value : [value]) as Schema[];
    const sets = branches.map(requiredOnly);
    if (sets.every((s) => s !== undefined)) rules.push(requiredRule(keyword, sets as string[][], rename));
    else if (keyword !== 'not' && branches.every(isObjectSchema)) mergeShapes(out, branches, keyword === 'allOf');
    else rules.push(`The arguments must also satisfy ${JSON.stringify({ [keyword]: value })}.`);
  }
  return { schema: out, rules };
}

/** The names a branch requires, if requiring them is all it does. */
function requiredOnly(branch: Schema): string[] | undefined {
  const keys = Object.keys(branch);
  return keys.length === 1 && keys[0] === 'required' && Array.isArray(branch.required) ? [...(branch.required as string[])] : undefined;
}

function requiredRule(keyword: (typeof COMBINATORS)[number], sets: string[][], rename: (name: string) => string): string {
  const names = (set: string[]) => set.map((n) => `\`${rename(n)}\``);
  const list = (items: string[]) => items.join(', ');
  if (keyword === 'not') return `Do not give ${names(sets[0]).join(' and ')} together.`;
  if (keyword === 'allOf') return `${list(sets.flatMap(names))} ${sets.flat().length > 1 ? 'are' : 'is'} required.`;
  const many = keyword === 'oneOf' ? 'Exactly one' : 'At least one';
  if (sets.every((s) => s.length === 1)) return `${many} of ${list(sets.map((s) => names(s)[0]))} is required.`;
  return `${many} of these sets of arguments is required: ${sets.map((s) => names(s).join(' with ')).join('; ')}.`;
}

const isSchema = (v: unknown): v is Schema => !!v && typeof v === 'object' && !Array.isArray(v);
const isObjectSchema = (s: unknown): s is Schema => isSchema(s) && (s.type === 'object' || (s.type === undefined && isSchema(s.properties)));

/**
 * Object shapes folded into `out`: the properties of every shape (a name with different schemas
 * takes any of them); a name is required where every shape (anyOf/oneOf) or any shape (allOf) requires it.
 */
function mergeShapes(out: Schema, shapes: Schema[], all: boolean): void {
  const options = new Map<string, Schema[]>(Object.entries(out.properties ?? {}).map(([name, prop]) => [name, [prop]]));
  for (const shape of shapes) {
    for (const [name, prop] of Object.entries(shape.properties ?? {})) {
      const known = options.get(name) ?? [];
      // The same schema described in other words is not another option.
      if (!known.some((k) => JSON.stringify(unannotated(k)) === JSON.stringify(unannotated(prop)))) options.set(name, [...known, prop]);
    }
  }
  out.type = 'object';
  out.properties = Object.fromEntries([...options].map(([name, list]) => [name, list.length === 1 ? list[0] : { anyOf: list }]));
  const requiredBy = shapes.map((s) => new Set(s.required ?? []));
  const named = [...new Set(shapes.flatMap((s) => [...(s.required ?? [])]))];
  const required = [...new Set([...(out.required ?? []), ...named.filter((n) => (all ? true : requiredBy.every((r) => r.has(n))))])];
  if (required.length) out.required = required;
  // Closed only if every shape is: another shape's properties are now known ones.
  if (!all && !shapes.every((s) => s.additionalProperties === false)) delete out.additionalProperties;
}

function unannotated(schema: Schema): Schema {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => !ANNOTATIONS.has(key)));
}
