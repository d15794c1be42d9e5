import { defineTool } from '../src/mcp/tool.ts';

export default defineTool({
  operation: 'getPage',
  title: 'Get a page',
  ui: 'page-card',
  description: 'Get a single page including its passcodes (decrypted) and allowed emails.',
});
