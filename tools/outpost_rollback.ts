import { defineTool } from '../src/mcp/tool.ts';

export default defineTool({
  operation: 'rollbackPage',
  title: 'Roll a page back to a version',
  ui: 'page-card',
  description:
    'Show version `number` of a page again (numbers from outpost_list_versions). This adds a new version equal to it; ' +
    'history is never rewritten, so a rollback can itself be undone the same way.',
});
