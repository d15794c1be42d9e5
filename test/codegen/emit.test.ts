// The generated modules write each component schema once: schemas.ts declares one constant per
// component (an input/output pair only where readOnly/writeOnly make the two forms differ),
// operations.ts names those constants and the shared responses, and both still evaluate to
// exactly the JSON of the normalized, fully inlined schemas.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../codegen/index.ts';
import { buildComponents, buildOperations } from '../../codegen/operations.ts';
import { loadSpec } from '../../codegen/spec.ts';
import * as repoOperations from '../../src/generated/operations.ts';
import * as repoSchemas from '../../src/generated/schemas.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

type Module = Record<string, unknown>;
interface Generated {
  spec: string;
  operations: Module;
  schemas: Module;
  schemasSource: string;
  operationsSource: string;
}

/** The constants schemas.ts exports for components (everything but the two lookup tables). */
function componentConstants(schemas: Module): Map<string, object> {
  return new Map(Object.entries(schemas).filter(([name]) => name !== 'inputSchemas' && name !== 'outputSchemas') as [string, object][]);
}

/** The declarations the constant names each component should have: a pair only where the forms differ. */
function expectedConstants(spec: string): string[] {
  const { input, output } = buildComponents(loadSpec(spec));
  return Object.keys(input).flatMap((name) =>
    JSON.stringify(input[name]) === JSON.stringify(output[name]) ? [`${name}Schema`] : [`${name}InputSchema`, `${name}OutputSchema`],
  );
}

/** Places where a value equal to a component constant is a copy of it instead of the constant itself. */
function copiesOfConstants(roots: Record<string, unknown>, constants: Map<string, object>): string[] {
  const byJson = new Map<string, Set<object>>();
  for (const value of constants.values()) {
    const json = JSON.stringify(value);
    byJson.set(json, (byJson.get(json) ?? new Set()).add(value));
  }
  const copies: string[] = [];
  const visit = (value: unknown, where: string, isRoot: boolean) => {
    if (!value || typeof value !== 'object') return;
    if (!isRoot) {
      const same = byJson.get(JSON.stringify(value));
      if (same?.has(value)) return;
      if (same) copies.push(where);
    }
    for (const [key, child] of Object.entries(value)) visit(child, `${where}.${key}`, false);
  };
  for (const [name, root] of Object.entries(roots)) visit(root, name, true);
  return copies;
}

function checkEmittedOnce(generated: Generated) {
  const constants = componentConstants(generated.schemas);
  const declared = [...generated.schemasSource.matchAll(/^export const (\w+) = /gm)].map((m) => m[1]);
  expect(declared.filter((name) => constants.has(name)).sort()).toEqual(expectedConstants(generated.spec).sort());
  expect(new Set(declared).size).toBe(declared.length);
  expect(copiesOfConstants({ operations: generated.operations.operations, ...Object.fromEntries(constants) }, constants)).toEqual([]);
}

function checkSameJson(generated: Generated) {
  const loaded = loadSpec(generated.spec);
  const table = Object.fromEntries(buildOperations(loaded).map((op) => [op.operationId, op]));
  const components = buildComponents(loaded);
  // Byte-identical JSON, key order included: naming a constant never changes the value.
  expect(JSON.stringify(generated.operations.operations)).toBe(JSON.stringify(table));
  expect(JSON.stringify(generated.schemas.inputSchemas)).toBe(JSON.stringify(components.input));
  expect(JSON.stringify(generated.schemas.outputSchemas)).toBe(JSON.stringify(components.output));
}

describe('the repository (src/generated from openapi.yaml)', () => {
  const generated: Generated = {
    spec: path.join(ROOT, 'openapi.yaml'),
    operations: repoOperations,
    schemas: repoSchemas,
    schemasSource: fs.readFileSync(path.join(ROOT, 'src/generated/schemas.ts'), 'utf8'),
    operationsSource: fs.readFileSync(path.join(ROOT, 'src/generated/operations.ts'), 'utf8'),
  };

  it('declares each component once and uses the constant wherever the component appears', () => {
    checkEmittedOnce(generated);
    expect(generated.operationsSource).not.toMatch(/^export const \w+Schema/m);
  });

  it('evaluates to the same JSON as the normalized schemas', () => {
    checkSameJson(generated);
  });
});

describe('a spec with shared components', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-codegen-emit-'));
  const generated = { spec: fixture('shared-components.yaml') } as Generated;

  beforeAll(async () => {
    for (const [name, content] of await generate(generated.spec)) fs.writeFileSync(path.join(dir, name), content);
    generated.schemasSource = fs.readFileSync(path.join(dir, 'schemas.ts'), 'utf8');
    generated.operationsSource = fs.readFileSync(path.join(dir, 'operations.ts'), 'utf8');
    generated.schemas = await import(pathToFileURL(path.join(dir, 'schemas.ts')).href);
    generated.operations = await import(pathToFileURL(path.join(dir, 'operations.ts')).href);
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has an input/output pair only for components that readOnly/writeOnly make differ, also through a $ref', () => {
    expect([...componentConstants(generated.schemas).keys()].sort()).toEqual([
      'DescribedSchema',
      'ItemIdSchema',
      'ItemInputSchema',
      'ItemListInputSchema',
      'ItemListOutputSchema',
      'ItemOutputSchema',
      'ProblemSchema',
      'TaggedItemSchema',
      'TaggedSchema',
    ]);
    checkEmittedOnce(generated);
  });

  it('names the constants in operations.ts and keeps the lookup tables by component name', () => {
    const ops = generated.operationsSource;
    expect(ops).toContain('"body": schemas.ItemInputSchema');
    expect(ops).toContain('"schema": schemas.ItemOutputSchema');
    expect(ops).toContain('"item_id": schemas.ItemIdSchema');
    expect(generated.schemas.inputSchemas).toMatchObject({ Item: generated.schemas.ItemInputSchema, Problem: generated.schemas.ProblemSchema });
    expect(generated.schemas.outputSchemas).toMatchObject({ Item: generated.schemas.ItemOutputSchema, Problem: generated.schemas.ProblemSchema });
  });

  it('writes a shared response once and names it in each operation', () => {
    const ops = generated.operationsSource;
    expect(ops.match(/^const NotFoundResponse = /gm)).toHaveLength(1);
    expect(ops.match(/"404": NotFoundResponse/g)).toHaveLength(2);
    const operations = generated.operations.operations as Record<string, { responses: Record<string, unknown> }>;
    expect(operations.getItem.responses['404']).toBe(operations.deleteItem.responses['404']);
  });

  it('spreads a component a $ref refines with sibling keywords, and the components an allOf joins', () => {
    expect(generated.schemasSource).toMatch(/"parent": \{\n\s+\.\.\.ItemIdSchema,\n\s+"description": "The parent item/);
    expect(generated.schemasSource).toMatch(/"id": \{\n\s+\.\.\.ItemIdSchema,\n\s+"readOnly": true\n/);
    expect(generated.schemasSource).toMatch(/"properties": \{\n\s+\.\.\.TaggedSchema\.properties,\n\s+"colour"/);
  });

  it('evaluates to the same JSON as the normalized schemas', () => {
    checkSameJson(generated);
  });

  it('rejects two components that would get the same constant name', async () => {
    await expect(generate(fixture('constant-name-clash.yaml'))).rejects.toThrow(
      /constant-name-clash\.yaml:15:7: components "Account" and "AccountInput" would both generate the constant AccountInputSchema; rename one$/,
    );
  });
});
