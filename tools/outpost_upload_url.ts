import { defineTool, shellQuote as sh } from '../src/mcp/tool.ts';

export default defineTool({
  title: 'Recipe: publish a local file',
  description:
    'Return curl commands that create a NEW page from a local file (a .zip of a static site or one .html file). ' +
    'MCP cannot carry the file itself, so run the command in a shell. Passcodes and allowed emails you pass ' +
    'are part of the upload, so the page is never public in between. For inline HTML use outpost_create.',
  input: 'UploadRecipeRequest',
  output: 'UploadRecipe',
  scopes: ['pages:write'],
  run: (args, { publicUrl }) => {
    const { name, visibility, passcodes, allowed_emails: emails } = args;
    const auth = `-H ${sh('Authorization: Bearer op_YOUR_TOKEN')}`;
    const pageUrl = `${publicUrl}/api/pages/<NEW_PAGE_ID>`;
    const patch = (body: object) => ({
      endpoint: `PATCH ${pageUrl}`,
      example: ['curl -sS -X PATCH', sh(pageUrl), auth, `-H ${sh('Content-Type: application/json')}`, `-d ${sh(JSON.stringify(body))}`].join(' '),
    });
    // Form fields split lists on commas, so a passcode with a comma travels in a JSON follow-up;
    // the upload is then private, so the page is never visible without its passcodes.
    const viaFollowUp = (passcodes ?? []).some((p) => p.includes(','));
    const access = { visibility, passcodes, allowed_emails: emails };
    const fields = [
      name !== undefined ? `-F ${sh(`name=${name}`)}` : '',
      viaFollowUp ? `-F ${sh('visibility=private')}` : visibility !== undefined ? `-F ${sh(`visibility=${visibility}`)}` : '',
      ...(viaFollowUp ? [] : (passcodes ?? []).map((p) => `-F ${sh(`passcodes=${p}`)}`)),
      !viaFollowUp && emails?.length ? `-F ${sh(`allowed_emails=${emails.join(',')}`)}` : '',
    ].filter(Boolean);
    const endpoint = `${publicUrl}/api/pages`;
    return {
      note:
        "Creates a NEW page from a local file. For inline HTML use outpost_create; to replace a page's files use outpost_update_files." +
        (viaFollowUp ? ' Run after_upload next (with the new page id): it sets the access settings.' : ''),
      upload_file: {
        endpoint: `POST ${endpoint}`,
        example: ['curl -sS -X POST', sh(endpoint), auth, ...fields, `-F ${sh('file=@./my_site.zip')}`].join(' '),
      },
      after_upload: viaFollowUp
        ? [patch(Object.fromEntries(Object.entries(access).filter(([, v]) => v !== undefined)))]
        : [patch({ visibility: 'shared', passcodes: ['…'] })],
    };
  },
});
