import { defineTool } from '../src/mcp/tool.ts';

export default defineTool({
  operation: 'deletePage',
  title: 'Delete a page',
  description: 'Delete a page and all its files. This cannot be undone.',
  result: () => ({ deleted: true, message: 'Page deleted' }),
});
