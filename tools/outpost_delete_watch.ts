import { defineTool } from '../src/mcp/tool.ts';

export default defineTool({
  operation: 'deleteWatch',
  title: 'Delete a watch',
  description: 'Delete a watch and its signals. The page and its content stay.',
});
