// A `oneOf` of `required` sets (which of an object's properties to give) survives codegen: it moves
// to the object an allOf merges, keeps its message for the validator, and reaches the SDK's types
// as a union of exclusive shapes.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generate } from '../../codegen/index.ts';
import { buildComponents, buildOperations } from '../../codegen/operations.ts';
import { loadSpec } from '../../codegen/spec.ts';

const spec = fileURLToPath(new URL('./fixtures/one-of-required.yaml', import.meta.url));
const ONE_OF = [{ required: ['text'] }, { required: ['url'] }];

describe('a oneOf of required sets', () => {
  it('stays on its component with its message, and moves to the object a merged allOf becomes', () => {
    const { input } = buildComponents(loadSpec(spec));
    expect(input.NoteContent).toMatchObject({ type: 'object', oneOf: ONE_OF, 'x-one-of-message': 'Give exactly one of text and url' });
    const body = buildOperations(loadSpec(spec))[0].body;
    expect(body).toEqual({
      type: 'object',
      properties: { text: { type: 'string' }, url: { type: 'string' }, title: { type: 'string' } },
      additionalProperties: false,
      oneOf: ONE_OF,
      'x-one-of-message': 'Give exactly one of text and url',
    });
  });

  it('is a union of exclusive shapes in the SDK types', async () => {
    const types = (await generate(spec)).get('openapi.d.ts')!;
    const squashed = types.replace(/\s+/g, ' ');
    expect(squashed).toContain('} & ({ text: unknown; url?: never; } | { text?: never; url: unknown; });');
  });
});
