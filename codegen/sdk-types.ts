// The SDK's TypeScript types (openapi-typescript) from openapi.yaml. openapi-typescript types a
// `oneOf` branch that only names a property to give (`required: [html]`) as `unknown`; such a
// `oneOf` of single properties is handed to it in the equivalent explicit form (that property
// given, the others absent), so `{ html } | { files } | { source_url }` reaches the types.
import openapiTS, { astToString } from 'openapi-typescript';
import type { Json, JsonObject } from './spec.ts';

export async function sdkTypes(spec: JsonObject): Promise<string> {
  return astToString(await openapiTS(explicitOneOfs(structuredClone(spec)) as never));
}

/** Rewrites, in place, every `oneOf` of single `required` properties into exclusive object branches. */
function explicitOneOfs(value: Json): Json {
  if (Array.isArray(value)) value.forEach(explicitOneOfs);
  else if (value && typeof value === 'object') {
    Object.values(value).forEach(explicitOneOfs);
    const names = singlePropertyChoices(value.oneOf);
    if (names) {
      value.oneOf = names.map((name) => ({
        type: 'object',
        required: [name],
        properties: Object.fromEntries(names.map((other) => [other, other === name ? {} : false])),
      }));
    }
  }
  return value;
}

/** The property names of a `oneOf` whose every branch is `{required: [name]}`, names all different. */
function singlePropertyChoices(oneOf: Json | undefined): string[] | undefined {
  if (!Array.isArray(oneOf) || !oneOf.length) return undefined;
  const names: string[] = [];
  for (const branch of oneOf) {
    if (!branch || typeof branch !== 'object' || Array.isArray(branch) || Object.keys(branch).length !== 1) return undefined;
    const required = branch.required;
    if (!Array.isArray(required) || required.length !== 1 || typeof required[0] !== 'string' || names.includes(required[0])) return undefined;
    names.push(required[0]);
  }
  return names;
}
