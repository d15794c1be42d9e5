import { defineTool } from '../src/mcp/tool.ts';

export default defineTool({
  operation: 'replacePageFiles',
  title: 'Replace a page\'s files',
  description:
    'Replace all files of an existing page with inline `html` or `files`; the page id and URL stay the same. '
    + 'Use outpost_update for name, visibility and access settings.',
  result: (page) => ({ ...(page as object), message: 'Page files replaced' }),
});
