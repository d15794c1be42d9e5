// OpenAPI 3.1 schema objects → self-contained JSON Schema 2020-12, normalized once here:
// $refs inlined, `nullable` → type unions, boolean exclusive bounds → numeric, `example` →
// `examples`, readOnly properties out of inputs, writeOnly properties out of outputs.
// The values are plain JSON; where they came from (a component $ref, a merged allOf) is kept on
// the side so the emitter can name a component instead of repeating it.
import { componentName, SpecError, type Json, type JsonObject, type LoadedSpec } from './spec.ts';

export type Direction = 'input' | 'output';

/** A component schema in one direction: what a `$ref: '#/components/schemas/Name'` resolved to. */
export interface ComponentRef {
  component: string;
  direction: Direction;
}

const componentRefs = new WeakMap<JsonObject, ComponentRef>();
const mergedParts = new WeakMap<JsonObject, JsonObject[]>();

/** The component a normalized schema was resolved from, if it is the result of a component $ref. */
export function componentRefOf(schema: JsonObject): ComponentRef | undefined {
  return componentRefs.get(schema);
}

/** For the `properties` of a merged allOf: the normalized parts whose properties it joins, in order. */
export function mergedPartsOf(properties: JsonObject): JsonObject[] | undefined {
  return mergedParts.get(properties);
}

/** Keywords of OpenAPI that JSON Schema validators do not know. */
const OPENAPI_ONLY = new Set(['discriminator', 'xml', 'externalDocs', 'example', 'nullable']);
/**
 * Extensions kept for the validator: `x-error-message` names the message when this value is wrong,
 * `x-one-of-message` the message when it matches none or several of its `oneOf` schemas.
 */
const MESSAGE_KEYWORDS = new Set(['x-error-message', 'x-one-of-message']);

export class SchemaResolver {
  private readonly loaded: LoadedSpec;

  constructor(loaded: LoadedSpec) {
    this.loaded = loaded;
  }

  /** Follows a local `$ref` (only `#/…` pointers) to its target and path. */
  resolveRef(ref: string, at: (string | number)[]): { value: Json; path: (string | number)[] } {
    if (!ref.startsWith('#/')) throw new SpecError(`${this.loaded.locate(at)}: only local $refs ("#/…") are supported, got "${ref}"`);
    const parts = ref
      .slice(2)
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    let value: Json = this.loaded.spec;
    for (const part of parts) {
      if (value === null || typeof value !== 'object' || !(part in value)) {
        throw new SpecError(`${this.loaded.locate(at)}: $ref "${ref}" points to nothing`);
      }
      value = (value as JsonObject)[part];
    }
    return { value, path: parts };
  }

  /** A normalized, fully inlined copy of the schema at `at`. */
  schema(value: Json, at: (string | number)[], direction: Direction, seen: string[] = []): JsonObject {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      if (value === true) return {};
      throw new SpecError(`${this.loaded.locate(at)}: a schema must be an object`);
    }
    if (typeof value.$ref === 'string') {
      const ref = value.$ref;
      if (seen.includes(ref)) throw new SpecError(`${this.loaded.locate(at)}: recursive $ref "${ref}" cannot be inlined`);
      const target = this.resolveRef(ref, [...at, '$ref']);
      const resolved = this.schema(target.value, target.path, direction, [...seen, ref]);
      // Sibling keywords of a $ref (3.1 allows description etc.) refine the target.
      const { $ref: _ignored, ...siblings } = value;
      const result = { ...resolved, ...this.schema(siblings, at, direction, seen) };
      const component = componentName(ref, 'schemas');
      if (component !== undefined) componentRefs.set(result, { component, direction });
      return result;
    }
    const out: JsonObject = {};
    for (const [key, v] of Object.entries(value)) {
      if (OPENAPI_ONLY.has(key) || (key.startsWith('x-') && !MESSAGE_KEYWORDS.has(key))) continue;
      switch (key) {
        case 'properties': {
          const props: JsonObject = {};
          for (const [name, sub] of Object.entries(v as JsonObject)) {
            if (hidden(sub, direction, this)) continue;
            props[name] = this.schema(sub, [...at, 'properties', name], direction, seen);
          }
          out.properties = props;
          break;
        }
        case 'items':
        case 'additionalProperties':
        case 'not':
        case 'contains':
        case 'propertyNames':
        case 'if':
        case 'then':
        case 'else':
        case 'unevaluatedProperties':
        case 'unevaluatedItems':
          out[key] = typeof v === 'boolean' ? v : this.schema(v, [...at, key], direction, seen);
          break;
        case 'allOf':
        case 'anyOf':
        case 'oneOf':
        case 'prefixItems':
          out[key] = (v as Json[]).map((sub, i) => this.schema(sub, [...at, key, i], direction, seen));
          break;
        case 'patternProperties':
        case '$defs':
        case 'dependentSchemas': {
          const map: JsonObject = {};
          for (const [name, sub] of Object.entries(v as JsonObject)) map[name] = this.schema(sub, [...at, key, name], direction, seen);
          out[key] = map;
          break;
        }
        case 'exclusiveMinimum':
        case 'exclusiveMaximum':
          // OpenAPI 3.0 booleans: `minimum: 1, exclusiveMinimum: true` → `exclusiveMinimum: 1`.
          if (typeof v === 'boolean') {
            const bound = key === 'exclusiveMinimum' ? 'minimum' : 'maximum';
            if (v && typeof value[bound] === 'number') out[key] = value[bound];
          } else out[key] = v;
          break;
        case 'minimum':
        case 'maximum':
          if (!(value[key === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum'] === true)) out[key] = v;
          break;
        default:
          out[key] = v;
      }
    }
    if (Object.hasOwn(value, 'example') && !Object.hasOwn(value, 'examples')) out.examples = [value.example as Json];
    if (value.nullable === true) makeNullable(out);
    if (Array.isArray(out.allOf)) mergeObjectAllOf(out);
    if (out.properties && Array.isArray(out.required)) {
      const present = out.properties as JsonObject;
      out.required = (out.required as string[]).filter((name) => name in present);
    }
    return out;
  }
}

function hidden(sub: Json, direction: Direction, resolver: SchemaResolver): boolean {
  let s = sub;
  if (s && typeof s === 'object' && !Array.isArray(s) && typeof s.$ref === 'string') {
    const own = s as JsonObject;
    if (own.readOnly !== undefined || own.writeOnly !== undefined) return flagged(own, direction);
    s = resolver.resolveRef(own.$ref as string, []).value;
  }
  return Boolean(s && typeof s === 'object' && !Array.isArray(s) && flagged(s as JsonObject, direction));
}

function flagged(s: JsonObject, direction: Direction): boolean {
  return direction === 'input' ? s.readOnly === true : s.writeOnly === true;
}

function makeNullable(out: JsonObject): void {
  // An enum restricts values on its own, so it needs null too.
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.type === 'string') out.type = [out.type, 'null'];
  else if (Array.isArray(out.type)) {
    if (!out.type.includes('null')) out.type = [...out.type, 'null'];
  } else if (!Array.isArray(out.enum)) {
    const copy = { ...out };
    for (const k of Object.keys(out)) delete out[k];
    out.anyOf = [copy, { type: 'null' }];
  }
}

/**
 * `allOf` of object schemas becomes one object (properties merged, required united), so every
 * object is flat: TypeBox and MCP tool schemas (which need a plain object root) see it directly.
 * `unevaluatedProperties: false` on the whole becomes `additionalProperties: false`. One part's
 * `oneOf` of `required` sets (which of its properties must be given) moves to the whole.
 */
function mergeObjectAllOf(out: JsonObject): void {
  const parts = out.allOf as JsonObject[];
  const mergeable = parts.every(
    (p) => (p.type === 'object' || (p.type === undefined && p.properties)) && !p.allOf && !p.anyOf && (!p.oneOf || onlyRequiredSets(p.oneOf)),
  );
  const withOneOf = parts.filter((p) => p.oneOf);
  if (!mergeable || withOneOf.length > 1 || (withOneOf.length && out.oneOf)) return;
  const properties: JsonObject = {};
  const required = new Set<string>();
  let closed = out.unevaluatedProperties === false;
  for (const part of parts) {
    for (const [name, prop] of Object.entries((part.properties as JsonObject | undefined) ?? {})) {
      if (name in properties) return; // a property defined twice: keep the allOf as it is
      properties[name] = prop;
    }
    for (const name of (part.required as string[] | undefined) ?? []) required.add(name);
    if (part.additionalProperties === false) closed = true;
  }
  const description = out.description ?? parts.find((p) => p.description)?.description;
  delete out.allOf;
  delete out.unevaluatedProperties;
  out.type = 'object';
  if (description !== undefined) out.description = description;
  out.properties = properties;
  mergedParts.set(properties, parts);
  if (required.size) out.required = [...required];
  if (closed) out.additionalProperties = false;
  for (const part of withOneOf) {
    out.oneOf = part.oneOf;
    if (part['x-one-of-message'] !== undefined) out['x-one-of-message'] ??= part['x-one-of-message'];
  }
}

/** Branches that only name properties to give: they evaluate no property, so they hold for the merged whole too. */
function onlyRequiredSets(branches: Json): boolean {
  return (
    Array.isArray(branches) && branches.every((b) => b !== null && typeof b === 'object' && !Array.isArray(b) && Object.keys(b).every((k) => k === 'required'))
  );
}
