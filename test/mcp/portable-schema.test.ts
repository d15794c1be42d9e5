// The portable form of a tool schema, rule by rule: type arrays become anyOf at any depth, and a
// root combinator becomes merged properties (alternative shapes) or a sentence (which to give).
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { portableSchema } from '../../src/mcp/portable-schema.ts';

describe('type arrays', () => {
  it('become anyOf at any depth, constraints in the typed branches, annotations beside, null out of enums', () => {
    const schema = {
      type: 'object',
      properties: {
        unit: { type: ['string', 'null'], enum: ['F', 'C', null], default: null, description: 'The unit.' },
        sizes: { type: 'array', items: { type: ['integer', 'string', 'null'], minimum: 1 } },
        plain: { type: ['boolean'] },
      },
    };
    const { schema: portable } = portableSchema(schema);
    expect(portable.properties).toEqual({
      unit: { default: null, description: 'The unit.', anyOf: [{ type: 'string', enum: ['F', 'C'] }, { type: 'null' }] },
      sizes: { type: 'array', items: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'string', minimum: 1 }, { type: 'null' }] } },
      plain: { type: 'boolean' },
    });
    // The same values pass and fail as before.
    const before = Compile(schema as never);
    const after = Compile(portable as never);
    for (const value of [{ unit: 'F' }, { unit: null }, { unit: 'K' }, { sizes: [1, 'x', null] }, { sizes: [0] }, { plain: 'yes' }]) {
      expect(after.Check(value), JSON.stringify(value)).toBe(before.Check(value));
    }
  });
});

describe('a root combinator', () => {
  it('of required sets becomes a sentence naming the arguments, and leaves the root', () => {
    const base = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string' } } };
    const rename = (n: string) => (n === 'c' ? 'body_c' : n);
    expect(portableSchema({ ...base, oneOf: [{ required: ['a'] }, { required: ['b'] }, { required: ['c'] }] }, rename)).toEqual({
      schema: base,
      rules: ['Exactly one of `a`, `b`, `body_c` is required.'],
    });
    expect(portableSchema({ ...base, anyOf: [{ required: ['a', 'b'] }, { required: ['c'] }] }).rules).toEqual([
      'At least one of these sets of arguments is required: `a` with `b`; `c`.',
    ]);
    expect(portableSchema({ ...base, not: { required: ['a', 'b'] } }).rules).toEqual(['Do not give `a` and `b` together.']);
  });

  it('of object shapes becomes one object with the properties of all, requiring what every shape requires', () => {
    const page = { type: 'object', required: ['id', 'job'], properties: { id: { type: 'string' }, job: { type: 'object', description: 'The capture.' } } };
    const pending = {
      type: 'object',
      required: ['job', 'message'],
      additionalProperties: false,
      properties: { job: { type: 'object' }, message: { type: 'string' } },
    };
    const { schema, rules } = portableSchema({ type: 'object', description: 'Either.', anyOf: [page, pending] });
    expect(rules).toEqual([]);
    expect(schema).toEqual({
      type: 'object',
      description: 'Either.',
      properties: { id: { type: 'string' }, job: { type: 'object', description: 'The capture.' }, message: { type: 'string' } },
      required: ['job'],
    });
  });

  it('of anything else is kept in words', () => {
    const { schema, rules } = portableSchema({
      type: 'object',
      properties: { n: { type: 'integer' } },
      oneOf: [{ properties: { n: { minimum: 1 } } }, { required: ['n'] }],
    });
    expect(schema).toEqual({ type: 'object', properties: { n: { type: 'integer' } } });
    expect(rules).toEqual(['The arguments must also satisfy {"oneOf":[{"properties":{"n":{"minimum":1}}},{"required":["n"]}]}.']);
  });
});
