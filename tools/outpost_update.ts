import { defineTool } from '../src/mcp/tool.ts';

export default defineTool({
  operation: 'updatePage',
  title: 'Update a page',
  ui: 'page-card',
  description:
    'Update any subset of name, visibility, passcodes and allowed_emails (an empty array clears a list). ' +
    'Files are not touched: use outpost_update_files for content.',
});
