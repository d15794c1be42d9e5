import { defineTool } from '../src/mcp/tool.ts';

export default defineTool({
  operation: 'listPages',
  title: 'List pages',
  description: 'List all pages owned by the authenticated user, newest first (pass next_cursor as cursor for more).',
});
