import { defineTool } from '../src/mcp/tool.ts';

export default defineTool({
  operation: 'getWatch',
  title: 'Get a watch',
  description: 'Get one watch: its schedule, state, next run, last signal, and its webhook (with the reason if it was disabled).',
});
