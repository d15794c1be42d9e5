import { defineTool, shellQuote as sh } from '../src/mcp/tool.ts';

export default defineTool({
  title: "Replace a page's files",
  description:
    'Replace all files of an existing page; its id and URL stay the same. Pass inline `html` or `files` to ' +
    'replace them now. With only `page_id`, returns curl recipes to replace them from a local file (a .zip or ' +
    '.html), since MCP cannot carry the file. Use outpost_update for name, visibility and access settings.',
  input: 'UpdateFilesRequest',
  output: 'UpdateFilesResult',
  scopes: ['pages:write'],
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  run: async (args, { publicUrl, call }) => {
    const { page_id: pageId, html, files } = args;
    if (html !== undefined || files !== undefined) {
      const page = await call('replacePageFiles', { page_id: pageId, html, files });
      return { ...page, message: 'Page files replaced' };
    }
    // Only recipes: still make sure the page is the caller's, so a wrong id is caught now.
    await call('getPage', { page_id: pageId });
    const endpoint = `${publicUrl}/api/pages/${pageId}/files`;
    return {
      note: 'Replaces ALL files of the page from a local file; the page id and URL stay the same.',
      replace_with_file: {
        endpoint: `POST ${endpoint}`,
        example: ['curl -sS -X POST', sh(endpoint), `-H ${sh('Authorization: Bearer op_YOUR_TOKEN')}`, `-F ${sh('file=@./my_site.zip')}`].join(' '),
      },
      hint: 'Use outpost_update to change the name, visibility, passcodes or allowed emails.',
    };
  },
});
