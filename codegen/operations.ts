// The operations table: for each operationId its route, security and normalized schemas.
import { SchemaResolver } from './schema.ts';
import { componentName, SpecError, type Json, type JsonObject, type LoadedSpec } from './spec.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

export interface Operation {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  tags: string[];
  /** null: no authentication; otherwise the scopes the credential must all carry. */
  scopes: string[] | null;
  params: JsonObject | null;
  query: JsonObject | null;
  headers: JsonObject | null;
  body: JsonObject | null;
  bodyRequired: boolean;
  bodyContentTypes: string[];
  responses: Record<string, { description: string; schema: JsonObject | null; headers: string[] }>;
}

const responseRefs = new WeakMap<object, string>();

/** The name in components/responses an operation's response was resolved from, if any. */
export function responseRefOf(response: object): string | undefined {
  return responseRefs.get(response);
}

function asObject(v: Json | undefined): JsonObject {
  return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
}

export function buildOperations(loaded: LoadedSpec): Operation[] {
  const { spec, locate } = loaded;
  const resolver = new SchemaResolver(loaded);
  checkAllRefs(loaded, resolver, spec, []);
  const globalSecurity = spec.security as Json[] | undefined;
  const seen = new Map<string, string>();
  const operations: Operation[] = [];
  for (const [path, rawItem] of Object.entries(asObject(spec.paths))) {
    const item = asObject(rawItem);
    const shared = (item.parameters as Json[] | undefined) ?? [];
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const at = ['paths', path, method];
      const operation = asObject(op);
      const operationId = operation.operationId;
      if (typeof operationId !== 'string' || !operationId) {
        throw new SpecError(`${locate(at)}: ${method.toUpperCase()} ${path} has no operationId`);
      }
      if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(operationId)) {
        throw new SpecError(`${locate([...at, 'operationId'])}: operationId "${operationId}" must be an identifier (letters, digits, _)`);
      }
      const previous = seen.get(operationId);
      if (previous) throw new SpecError(`${locate([...at, 'operationId'])}: duplicate operationId "${operationId}" (first used at ${previous})`);
      seen.set(operationId, locate([...at, 'operationId']));

      const parameters = [...shared, ...((operation.parameters as Json[] | undefined) ?? [])].map((p, i) => {
        const ref = asObject(p).$ref;
        return typeof ref === 'string' ? asObject(resolver.resolveRef(ref, [...at, 'parameters', i]).value) : asObject(p);
      });
      const group = (where: string) => {
        const props: JsonObject = {};
        const required: string[] = [];
        for (const [i, p] of parameters.entries()) {
          if (p.in !== where) continue;
          const name = where === 'header' ? String(p.name).toLowerCase() : String(p.name);
          const schema = resolver.schema(p.schema ?? {}, [...at, 'parameters', i, 'schema'], 'input');
          if (typeof p.description === 'string' && !schema.description) schema.description = p.description;
          props[name] = schema;
          if (p.required === true || where === 'path') required.push(name);
        }
        if (Object.keys(props).length === 0) return null;
        // Unknown query parameters are errors; unknown headers are normal HTTP.
        return { type: 'object', properties: props, required, additionalProperties: where === 'header' } as JsonObject;
      };
      for (const name of path.matchAll(/\{([^}]+)\}/g)) {
        if (!parameters.some((p) => p.in === 'path' && p.name === name[1])) {
          throw new SpecError(`${locate(at)}: path parameter "${name[1]}" of ${path} is not declared`);
        }
      }

      let body: JsonObject | null = null;
      let bodyRequired = false;
      let bodyContentTypes: string[] = [];
      if (operation.requestBody) {
        let rb = asObject(operation.requestBody);
        if (typeof rb.$ref === 'string') rb = asObject(resolver.resolveRef(rb.$ref, [...at, 'requestBody']).value);
        const content = asObject(rb.content);
        bodyContentTypes = Object.keys(content);
        // The JSON form is the one validated and typed; other media types (multipart/form-data
        // uploads) are decoded by the route layer into the same shape.
        const jsonType = content['application/json'] ? 'application/json' : bodyContentTypes[0];
        const json = content[jsonType];
        if (json && asObject(json).schema) {
          body = resolver.schema(asObject(json).schema, [...at, 'requestBody', 'content', jsonType, 'schema'], 'input');
        }
        bodyRequired = rb.required === true;
      }

      const responses: Operation['responses'] = {};
      for (const [status, rawResponse] of Object.entries(asObject(operation.responses))) {
        let response = asObject(rawResponse);
        const ref = response.$ref;
        if (typeof ref === 'string') response = asObject(resolver.resolveRef(ref, [...at, 'responses', status]).value);
        const content = asObject(response.content);
        const json = asObject(content['application/json']);
        responses[status] = {
          description: String(response.description ?? ''),
          schema: json.schema ? resolver.schema(json.schema, [...at, 'responses', status, 'content', 'application/json', 'schema'], 'output') : null,
          headers: Object.keys(asObject(response.headers)),
        };
        const name = typeof ref === 'string' ? componentName(ref, 'responses') : undefined;
        if (name !== undefined) responseRefs.set(responses[status], name);
      }
      if (!Object.keys(responses).some((s) => s.startsWith('2'))) {
        throw new SpecError(`${locate([...at, 'responses'])}: ${operationId} declares no 2xx response`);
      }

      // Public must be said (`security: []`): a forgotten `security` must not make a route public.
      const security = (operation.security as Json[] | undefined) ?? globalSecurity;
      if (!security) {
        throw new SpecError(`${locate(at)}: ${operationId} declares no security; use \`security: []\` for a public operation`);
      }
      if (security.length > 1) {
        throw new SpecError(`${locate([...at, 'security'])}: ${operationId} lists alternative security requirements, which Outpost does not support`);
      }
      const scopes = security.length === 0 ? null : [...new Set(Object.values(asObject(security[0])).flatMap((s) => (s as string[]) ?? []))];

      operations.push({
        operationId,
        method: method.toUpperCase(),
        path,
        summary: String(operation.summary ?? ''),
        description: String(operation.description ?? operation.summary ?? '').trim(),
        tags: (operation.tags as string[] | undefined) ?? [],
        scopes,
        params: group('path'),
        query: group('query'),
        headers: group('header'),
        body,
        bodyRequired,
        bodyContentTypes,
        responses,
      });
    }
  }
  return operations.sort((a, b) => (a.operationId < b.operationId ? -1 : 1));
}

/** Every $ref anywhere in the document must resolve, even in parts no operation uses. */
function checkAllRefs(loaded: LoadedSpec, resolver: SchemaResolver, value: Json, at: (string | number)[]): void {
  if (Array.isArray(value)) value.forEach((v, i) => checkAllRefs(loaded, resolver, v, [...at, i]));
  else if (value && typeof value === 'object') {
    if (typeof value.$ref === 'string') resolver.resolveRef(value.$ref, [...at, '$ref']);
    for (const [k, v] of Object.entries(value)) if (k !== '$ref') checkAllRefs(loaded, resolver, v, [...at, k]);
  }
}

/** Component schemas, normalized for each direction (for tools with no REST twin). */
export function buildComponents(loaded: LoadedSpec): { input: Record<string, JsonObject>; output: Record<string, JsonObject> } {
  const resolver = new SchemaResolver(loaded);
  const input: Record<string, JsonObject> = {};
  const output: Record<string, JsonObject> = {};
  for (const [name, schema] of Object.entries(asObject(asObject(loaded.spec.components).schemas))) {
    const at = ['components', 'schemas', name];
    input[name] = resolver.schema(schema, at, 'input');
    output[name] = resolver.schema(schema, at, 'output');
  }
  return { input, output };
}

/** The `format`s the schemas use, so the runtime can check each is registered. */
export function collectFormats(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => collectFormats(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'format' && typeof v === 'string') out.add(v);
      else collectFormats(v, out);
    }
  }
  return out;
}
