// The parts of a JSON Schema that Outpost's own code reads (validation coercion, tool argument schemas);
// everything else is the validator's business.
export interface JsonSchema {
  type?: string | readonly string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: readonly string[];
  [keyword: string]: unknown;
}
