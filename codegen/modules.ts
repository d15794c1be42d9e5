// The text of the two schema modules: schemas.ts (one constant per component schema) and
// operations.ts (the shared responses and the operations table, naming those constants).
import { dependenciesFirst, type NamedConstant, type SchemaConstants } from './constants.ts';
import { responseRefOf, type Operation } from './operations.ts';
import { printValue, type Printer } from './print.ts';
import type { JsonObject } from './spec.ts';

export function schemasModule(constants: SchemaConstants): string {
  const printed = new Map<NamedConstant, { source: string; uses: Set<NamedConstant> }>();
  for (const constant of constants.all) {
    const printer: Printer = { constantFor: (v) => constants.forValue(v), nameOf: (c) => c.name, used: new Set() };
    printed.set(constant, { source: printValue(constant.value, printer), uses: printer.used });
  }
  const declarations = dependenciesFirst<NamedConstant>(constants.all, (c) => printed.get(c)!.uses).map(
    (c) => `export const ${c.name} = ${printed.get(c)!.source} as const;\n`,
  );
  const byComponent = (direction: 'input' | 'output') =>
    constants.all
      .filter((c) => c.directions.includes(direction))
      .map((c) => `  ${JSON.stringify(c.component)}: ${c.name}`)
      .join(',\n');
  return `
// One constant per component schema. A component whose readOnly or writeOnly properties make its
// request and response forms differ has two: …InputSchema (readOnly properties removed) and
// …OutputSchema (writeOnly properties removed).

${declarations.join('\n')}
/** Component schemas as request input (readOnly fields removed). */
export const inputSchemas = {
${byComponent('input')}
} as const;

/** Component schemas as response output (writeOnly fields removed). */
export const outputSchemas = {
${byComponent('output')}
} as const;
`;
}

export function operationsModule(operations: Operation[], constants: SchemaConstants, responses: Map<string, NamedConstant>, formats: string[]): string {
  const schemaConstants = new Set<NamedConstant>(constants.all);
  const printer: Printer = {
    constantFor: (v) => {
      const response = responseRefOf(v);
      return response === undefined ? constants.forValue(v) : responses.get(response);
    },
    nameOf: (c) => (schemaConstants.has(c) ? `schemas.${c.name}` : c.name),
    used: new Set(),
  };
  // A shared response's own declaration names the schemas in it, not itself.
  const inResponse: Printer = { ...printer, constantFor: (v) => constants.forValue(v) };
  const shared = [...responses.values()].map((c) => `const ${c.name} = ${printValue(c.value, inResponse)} as const;\n`);
  const table = printValue(Object.fromEntries(operations.map((op) => [op.operationId, op])) as unknown as JsonObject, printer);
  const usesSchemas = [...printer.used].some((c) => schemaConstants.has(c));
  return `${usesSchemas ? "\nimport * as schemas from './schemas.ts';\n" : ''}${
    shared.length
      ? `
/** Responses that several operations share (components/responses in openapi.yaml). */
${shared.join('\n')}`
      : ''
  }
/** Every REST operation: route, required scopes (null: public) and normalized JSON Schemas. */
export const operations = ${table} as const;

export type Operations = typeof operations;
export type OperationId = keyof Operations;

/** The JSON Schema formats the schemas use; each must be known to the validator. */
export const formats = ${JSON.stringify(formats, null, 2)} as const;
`;
}
