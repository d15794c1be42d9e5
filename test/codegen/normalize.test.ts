// Schema normalization through codegen's exported functions: OpenAPI-isms become JSON Schema
// 2020-12, readOnly/writeOnly split input from output, and $refs are inlined.
import { fileURLToPath } from 'node:url';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { buildComponents, buildOperations, type Operation } from '../../codegen/operations.ts';
import { loadSpec, SpecError } from '../../codegen/spec.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const loaded = loadSpec(fixture('normalization.yaml'));
const operations = buildOperations(loaded);
const components = buildComponents(loaded);
const op = (id: string) => operations.find((o) => o.operationId === id) as Operation;
const input = components.input.Widget as Record<string, any>;
const output = components.output.Widget as Record<string, any>;

describe('loadSpec', () => {
  it('parses the document and locates nodes as file:line:col', () => {
    expect(loaded.spec.openapi).toBe('3.1.0');
    expect(loaded.locate(['paths', '/widgets', 'post'])).toMatch(/normalization\.yaml:\d+:\d+$/);
    const [line] = loaded.locate(['components', 'schemas', 'Widget']).split(':').slice(-2).map(Number);
    expect(line).toBe(15);
    // A path that does not exist falls back to its nearest existing parent.
    expect(loaded.locate(['components', 'schemas', 'Widget', 'nope'])).toBe(loaded.locate(['components', 'schemas', 'Widget']));
  });

  it('throws SpecError with a position for invalid YAML', () => {
    expect(() => loadSpec(fixture('invalid-yaml.yaml'))).toThrow(SpecError);
    expect(() => loadSpec(fixture('invalid-yaml.yaml'))).toThrow(/invalid-yaml\.yaml:9:40: invalid YAML/);
  });
});

describe('nullable', () => {
  it('a typed schema becomes a type union with null, and the OpenAPI keywords are gone', () => {
    expect(input.properties.name).toEqual({ type: ['string', 'null'], examples: ['Sprocket'] });
    expect(JSON.stringify(components)).not.toMatch(/"nullable"|"example"/);
  });

  it('an untyped enum gains null', () => {
    expect(input.properties.color).toEqual({ enum: ['red', 'green', null] });
  });

  it('allOf wrapping a $ref becomes anyOf with null', () => {
    expect(output.properties.parent).toEqual({ anyOf: [{ allOf: [{ type: 'string', readOnly: true }] }, { type: 'null' }] });
    expect(Compile(output.properties.parent).Check(null)).toBe(true);
    expect(Compile(output.properties.parent).Check('usr_1')).toBe(true);
    expect(Compile(output.properties.parent).Check(5)).toBe(false);
  });

  it('a typed enum accepts null (null is added to the enum too)', () => {
    const size = input.properties.size;
    expect(size.type).toEqual(['string', 'null']);
    expect(Compile(size).Check('small')).toBe(true);
    expect(Compile(size).Check('medium')).toBe(false);
    expect(Compile(size).Check(null)).toBe(true);
  });
});

describe('numeric bounds', () => {
  it('boolean exclusiveMinimum/exclusiveMaximum become the numeric bounds, replacing minimum/maximum', () => {
    expect(input.properties.count).toEqual({ type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 10 });
    const check = Compile(input.properties.count);
    expect([0, 1, 9, 10].map((n) => check.Check(n))).toEqual([false, true, true, false]);
  });

  it('exclusiveMinimum: false is dropped and minimum kept', () => {
    expect(input.properties.ratio).toEqual({ type: 'number', minimum: 0 });
  });
});

describe('examples', () => {
  it('`example` becomes `examples: [example]`, also inside array items', () => {
    expect(input.properties.name.examples).toEqual(['Sprocket']);
    expect(input.properties.tags).toEqual({ type: 'array', items: { type: ['string', 'null'], examples: ['red'] } });
  });
});

describe('readOnly and writeOnly', () => {
  it('input (request bodies): readOnly properties are dropped, also through a $ref, and leave `required`', () => {
    expect(Object.keys(input.properties)).toEqual(['name', 'secret', 'count', 'ratio', 'tags', 'color', 'size', 'parent']);
    expect(input.required).toEqual(['name', 'secret', 'count']);
    expect(input.additionalProperties).toBe(false);
  });

  it('output (responses): writeOnly properties are dropped and leave `required`', () => {
    expect(Object.keys(output.properties)).toEqual(['id', 'owner', 'name', 'count', 'ratio', 'tags', 'color', 'size', 'parent']);
    expect(output.required).toEqual(['id', 'owner', 'name', 'count']);
  });

  it('the operation body is the input form and the response the output form', () => {
    const create = op('createWidget');
    expect(create.body).toEqual(input);
    expect(create.bodyRequired).toBe(true);
    expect(create.bodyContentTypes).toEqual(['application/json']);
    expect(create.responses['201'].schema).toEqual(output);
    const body = Compile(create.body as any);
    expect(body.Check({ name: 'w', secret: 's', count: 1 })).toBe(true);
    expect(body.Check({ id: 'wid_1', name: 'w', secret: 's', count: 1 })).toBe(false);
  });

  it('array items of a response are inlined in output form', () => {
    const list = op('listWidgets');
    expect(list.responses['200'].schema).toEqual({ type: 'array', items: output });
  });
});

describe('operations', () => {
  it('are sorted by operationId and carry method, path and scopes', () => {
    expect(operations.map((o) => [o.operationId, o.method, o.path, o.scopes])).toEqual([
      ['createWidget', 'POST', '/widgets', ['widgets:write']],
      ['listWidgets', 'GET', '/widgets', ['widgets:read']],
    ]);
  });

  it('query parameters become a closed object schema with the parameter description', () => {
    expect(op('listWidgets').query).toEqual({
      type: 'object',
      properties: { limit: { type: 'integer', minimum: 1, description: 'How many.' } },
      required: [],
      additionalProperties: false,
    });
    expect(op('listWidgets').params).toBeNull();
    expect(op('listWidgets').body).toBeNull();
  });

  it('buildOperations rejects broken specs with SpecError', () => {
    expect(() => buildOperations(loadSpec(fixture('dangling-ref.yaml')))).toThrow(SpecError);
    expect(() => buildOperations(loadSpec(fixture('missing-operation-id.yaml')))).toThrow(/has no operationId/);
    expect(() => buildOperations(loadSpec(fixture('duplicate-operation-id.yaml')))).toThrow(/duplicate operationId "getThing"/);
  });
});
