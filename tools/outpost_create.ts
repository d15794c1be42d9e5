import { defineTool } from '../src/mcp/tool.ts';

export default defineTool({
  operation: 'createPage',
  title: 'Publish a page',
  ui: 'page-card',
  description:
    'Create a new page from a `source_url` (Outpost captures the page with its same-domain assets and rewrites ' +
    'references to the local copies), from inline `html` (one HTML document) or from `files` (a small site: ' +
    '[{path, content, encoding}]), with visibility, passcodes, allowed_emails, script_shims, expires_at (a future RFC 3339 ' +
    'time) and max_views (visitor views allowed) in the same call. Returns the page ' +
    'and its URL; a capture still running after `wait` seconds (default 60) returns its job instead: poll it with ' +
    'outpost_get_job. With `source_url`, `render: true` also loads the page in a browser to keep what its scripts fetch ' +
    '(servers with CAPTURE_BROWSER, where it is the default). For local files (a ZIP or an HTML file on disk) use outpost_upload_url.',
  result: (body) => {
    const reply = body as { id?: string; job?: unknown };
    if (!reply.id) return reply; // still capturing: the job and how to follow it
    return { ...reply, message: reply.job ? 'Page created from source_url' : 'Page created' };
  },
});
