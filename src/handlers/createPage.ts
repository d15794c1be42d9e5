import { createPage, decryptAll } from '../pages/pages.ts';
import { defineHandler } from '../server/operation.ts';
import { pageContent } from '../server/page-content.ts';
import { pageView } from '../server/views.ts';
import { previewUrl } from '../pages/preview.ts';

export default defineHandler('createPage', async ({ body, caller, app }) => {
  const page = await createPage(app.db, app.keyring, caller.user.id, {
    name: body.name,
    visibility: body.visibility ?? 'public',
    passcodes: body.passcodes ? [...body.passcodes] : undefined,
    allowedEmails: body.allowed_emails ? [...body.allowed_emails] : undefined,
    files: pageContent(body),
  }, app.config.uploadLimitBytes);
  return { status: 201, body: pageView(page, app.config.publicUrl, decryptAll(app.keyring, page), previewUrl(app.keys.jwt, app.config.publicUrl, page._id)) };
});
