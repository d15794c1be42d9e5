import { defineTool } from '../src/mcp/tool.ts';

export default defineTool({
  operation: 'cancelJob',
  title: 'Cancel a capture job',
  description: 'Stop a capture that is still running; the page is left as it was.',
});
