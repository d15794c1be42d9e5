// What a tool result means to the card: a page to show (outpost_create, outpost_get, outpost_update*), a
// note when the result holds no page (a capture still running, upload recipes), or the tool's error in words.
import type { McpUiToolResultNotification } from '@modelcontextprotocol/ext-apps';
import type { components } from '@outpost/sdk';

/** A tools/call result, as the host hands it over and as callServerTool answers. */
export type ToolResult = McpUiToolResultNotification['params'];
export type Page = components['schemas']['Page'];
export type Visibility = components['schemas']['Visibility'];

export type Shown = { kind: 'page'; page: Page } | { kind: 'note'; text: string } | { kind: 'error'; text: string };

const VISIBILITIES: readonly string[] = ['public', 'shared', 'private'] satisfies Visibility[];

function isPage(value: unknown): value is Page {
  if (!value || typeof value !== 'object') return false;
  const page = value as Record<string, unknown>;
  return (
    typeof page.id === 'string' &&
    typeof page.name === 'string' &&
    typeof page.url === 'string' &&
    /^https?:\/\//.test(page.url) &&
    VISIBILITIES.includes(page.visibility as string)
  );
}

/** The result's first text, parsed as JSON when it is JSON (Outpost's tools answer `{"error": …}` or the value). */
function textPayload(result: ToolResult): unknown {
  const text = result.content?.find((block) => block.type === 'text')?.text;
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The error a failed call carries, in the tool's own words. */
export function errorText(result: ToolResult): string {
  const payload = textPayload(result);
  if (payload && typeof payload === 'object' && typeof (payload as { error?: unknown }).error === 'string') return (payload as { error: string }).error;
  if (typeof payload === 'string' && payload.trim()) return payload;
  return 'The tool failed without saying why.';
}

export function readResult(result: ToolResult): Shown {
  if (result.isError) return { kind: 'error', text: errorText(result) };
  const value = result.structuredContent ?? textPayload(result);
  if (isPage(value)) return { kind: 'page', page: value };
  const message = value && typeof value === 'object' ? (value as { message?: unknown; hint?: unknown }) : {};
  const text = typeof message.message === 'string' ? message.message : typeof message.hint === 'string' ? message.hint : undefined;
  return { kind: 'note', text: text ?? 'This result has no page to show.' };
}
