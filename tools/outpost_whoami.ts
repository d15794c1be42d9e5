import { defineTool } from '../src/mcp/tool.ts';

export default defineTool({
  operation: 'getMe',
  title: 'Who am I',
  description: 'Show the Outpost account this connection acts for, and the scopes its token carries.',
});
