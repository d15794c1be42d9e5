import { defineTool } from '../src/mcp/tool.ts';

export default defineTool({
  operation: 'updatePage',
  title: 'Update a page',
  ui: 'page-card',
  description:
    'Update any subset of name, visibility, passcodes, allowed_emails (an empty array clears a list), script_shims ' +
    "(in-memory cookies, storage and workers for the page's scripts, which its sandbox refuses), expires_at and " +
    'max_views (null clears them; after either, the page answers 410 Gone and shows status "expired"). ' +
    'Files are not touched: use outpost_update_files for content.',
});
