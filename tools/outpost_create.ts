import { defineTool } from '../src/mcp/tool.ts';

export default defineTool({
  operation: 'createPage',
  title: 'Publish a page',
  description:
    'Create a new page from inline `html` (one HTML document) or `files` (a small site: [{path, content, encoding}]), '
    + 'with visibility, passcodes and allowed_emails in the same call. Returns the page and its URL. '
    + 'For local files (a ZIP or an HTML file on disk) use outpost_upload_url.',
  result: (page) => ({ ...(page as object), message: 'Page created' }),
});
