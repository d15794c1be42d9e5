import { defineTool, shellQuote as sh } from '../src/mcp/tool.ts';

export default defineTool({
  title: "Replace a page's files",
  ui: 'page-card',
  description:
    'Replace all files of an existing page; its id and URL stay the same. Pass inline `html` or `files` to ' +
    'replace them now. With only `page_id`, returns curl commands that replace them from a local file (a .zip or ' +
    '.html) or a URL, since MCP cannot carry the file; they need no token (each carries a one-time upload link). ' +
    'Use outpost_update for name, visibility and access settings.',
  input: 'UpdateFilesRequest',
  output: 'UpdateFilesResult',
  scopes: ['pages:write'],
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  run: async (args, { call }) => {
    const { page_id: pageId, html, files } = args;
    if (html !== undefined || files !== undefined) {
      const page = await call('replacePageFiles', { page_id: pageId, html, files });
      return { ...page, message: 'Page files replaced' };
    }
    // One link per recipe, so each runs as given; asking for one also checks that the page is the caller's.
    const fileLink = await call('createUploadLink', { page_id: pageId });
    const urlLink = await call('createUploadLink', { page_id: pageId });
    const recipe = (url: string, field: string) => ({ endpoint: `POST ${url}`, example: `curl -sS -X POST ${sh(url)} -F ${sh(field)}` });
    return {
      note:
        'Replaces ALL files of the page; its id and URL stay the same. Run replace_with_file.example as given from the ' +
        "folder holding my_site.zip (or change ./my_site.zip to the file's path, a .zip or an .html), or " +
        'replace_from_url.example with the URL to capture. No token is needed: each link works for one upload until ' +
        `${fileLink.expires_at as string}.`,
      replace_with_file: recipe(fileLink.url as string, 'file=@./my_site.zip'),
      replace_from_url: recipe(urlLink.url as string, 'source_url=https://example.com/'),
      expires_at: fileLink.expires_at,
      hint: 'Use outpost_update to change the name, visibility, passcodes or allowed emails; outpost_update_from_url replaces the files from a URL without a shell.',
    };
  },
});
