import { defineTool } from '../src/mcp/tool.ts';

export default defineTool({
  operation: 'listWatches',
  title: 'List watches',
  description: 'List your watches, newest first: source URL, page, schedule, state (active/paused), next run and last signal.',
});
