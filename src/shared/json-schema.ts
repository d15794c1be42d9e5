// The parts of a JSON Schema that Outpost's own code reads (validation coercion, tool argument schemas);
// everything else is the validator's business.
export interface JsonSchema {
  type?: string | readonly string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: readonly string[];
  [keyword: string]: unknown;
}

/** Keywords that combine whole schemas; at an object's root they constrain its properties together. */
export const COMBINATORS = ['oneOf', 'anyOf', 'allOf', 'not'] as const;

/** `schema` without the combinators at its root (nested ones stay). */
export function withoutRootCombinators(schema: JsonSchema): JsonSchema {
  const rest = { ...schema };
  for (const keyword of COMBINATORS) delete rest[keyword];
  return rest;
}
