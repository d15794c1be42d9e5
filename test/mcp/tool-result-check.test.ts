// The tool-call lane's result check answers as the SDK's CallToolResultSchema does, with or without zod.
import { describe, expect, it } from 'vitest';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { checkToolResult } from '../../src/mcp/tool-result-check.ts';

const text = (t: string) => ({ type: 'text', text: t });

const results: [string, unknown][] = [
  ['text only', { content: [text('{}')] }],
  ['text and structured content', { content: [text('{"a":1}')], structuredContent: { a: 1, b: [1, { c: null }] } }],
  ['an error result', { content: [text('{"error":"no"}')], isError: true }],
  ['no content', { content: [] }],
  ['a resource link after the text', { content: [text('{}'), { type: 'resource_link', uri: 'outpost://pages/x', name: 'x' }] }],
  ['a text item with annotations', { content: [{ type: 'text', text: 'x', annotations: { priority: 0.5 } }] }],
  ['a text item with an unknown key (stripped)', { content: [{ type: 'text', text: 'x', extra: 1 }] }],
  ['another key at the top (kept)', { content: [text('x')], task: { id: 't' } }],
  ['a text that is not a string', { content: [{ type: 'text', text: 1 }] }],
  ['an unknown content type', { content: [{ type: 'nothing' }] }],
  ['structured content that is a list', { content: [text('[]')], structuredContent: [1] }],
  ['isError that is not a boolean', { content: [text('x')], isError: 'yes' }],
  ['content that is not a list', { content: text('x') }],
  ['no content at all (the schema defaults it)', { structuredContent: { a: 1 } }],
  ['not an object', 'text'],
];

describe('checkToolResult', () => {
  for (const [what, result] of results) {
    it(`answers as the schema does: ${what}`, () => {
      const ours = checkToolResult(result);
      const sdk = CallToolResultSchema.safeParse(result);
      expect(ours.success).toBe(sdk.success);
      if (sdk.success) expect(JSON.stringify(ours.data)).toBe(JSON.stringify(sdk.data));
      else expect(!ours.success && ours.error.message).toBe(sdk.error.message);
    });
  }
});
