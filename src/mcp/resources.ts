// The caller's pages as MCP resources.
export const PAGE_URI_PREFIX = 'outpost://pages/';

export function pageUri(pageId: string): string {
  return `${PAGE_URI_PREFIX}${pageId}`;
}
