import { defineTool } from '../src/mcp/tool.ts';

export default defineTool({
  title: "Replace a page's files from a URL",
  ui: 'page-card',
  description:
    'Replace the content of an existing page by capturing `source_url` again (the page and its same-domain assets). ' +
    'The page id, URL and access settings stay the same; a failed capture leaves the current files in place. ' +
    'A capture still running after `wait` seconds (default 60) returns its job: poll it with outpost_get_job. ' +
    '`render: true` also loads the page in a browser to keep what its scripts fetch (servers with CAPTURE_BROWSER; their default).',
  input: 'UpdateFromUrlRequest',
  output: 'CaptureResult',
  scopes: ['pages:write'],
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  run: async (args, { call }) => {
    const { page_id, source_url, render, wait } = args;
    const reply = await call('replacePageFiles', { page_id, source_url, render, wait });
    if (!reply.id) return reply;
    return { ...reply, message: 'Page files replaced from source_url' };
  },
});
