import { defineTool, shellQuote as sh } from '../src/mcp/tool.ts';

export default defineTool({
  title: 'Recipe: publish a local file',
  description:
    'Return a curl command that creates a NEW page from a local file (a .zip of a static site or one .html file). ' +
    'MCP cannot carry the file itself, so run the command in a shell. It needs no token: it carries a one-time ' +
    'upload link (15 minutes) that already holds the name, visibility, passcodes and allowed emails you pass, so ' +
    'the page is never public in between. For inline HTML or a URL use outpost_create.',
  input: 'UploadRecipeRequest',
  output: 'UploadRecipe',
  scopes: ['pages:write'],
  run: async (args, { call }) => {
    const { name, visibility, passcodes, allowed_emails } = args;
    const link = await call('createUploadLink', { name, visibility, passcodes, allowed_emails });
    const url = link.url as string;
    return {
      note:
        'Creates a NEW page from a local file. Run upload_file.example as given from the folder holding my_site.zip ' +
        `(or change ./my_site.zip to the file's path, a .zip or an .html); no token is needed. Its link works for one ` +
        `upload until ${link.expires_at as string}; the page's settings are part of it, so nothing has to follow. ` +
        "For inline HTML or a URL use outpost_create; to replace a page's files use outpost_update_files.",
      upload_file: { endpoint: `POST ${url}`, example: `curl -sS -X POST ${sh(url)} -F ${sh('file=@./my_site.zip')}` },
      after_upload: [],
      expires_at: link.expires_at,
    };
  },
});
