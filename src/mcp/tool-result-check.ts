// The SDK's check of a tools/call result (CallToolResultSchema), answered without zod for the shape Outpost's tools
// return: text content and, optionally, an object as structured content and an isError flag. The schema passes
// such a result unchanged; anything else (a resource link, other content, other keys) goes through the schema.
import { CallToolResultSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export type ToolResultCheck = { success: true; data: CallToolResult } | { success: false; data?: undefined; error: { message: string } };

const RESULT_KEYS = new Set(['content', 'structuredContent', 'isError']);

/** An object made by `{}` or JSON.parse (not an array, class instance or null). */
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/** Whether `result` is the plain shape, which the schema accepts as it is. */
function plainResult(result: unknown): result is CallToolResult {
  if (!isPlainObject(result) || !Array.isArray(result.content)) return false;
  for (const key in result) if (!RESULT_KEYS.has(key)) return false;
  for (const item of result.content as unknown[]) {
    if (!isPlainObject(item) || item.type !== 'text' || typeof item.text !== 'string') return false;
    let keys = 0;
    for (const _ in item) keys++;
    if (keys !== 2) return false;
  }
  const { structuredContent, isError } = result;
  return (structuredContent === undefined || isPlainObject(structuredContent)) && (isError === undefined || typeof isError === 'boolean');
}

/** The result as CallToolResultSchema.safeParse gives it. */
export function checkToolResult(result: unknown): ToolResultCheck {
  if (plainResult(result)) return { success: true, data: result };
  const checked = CallToolResultSchema.safeParse(result);
  return checked.success ? { success: true, data: checked.data } : { success: false, error: { message: checked.error.message } };
}
