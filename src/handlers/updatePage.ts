import { updatePage } from '../pages/pages.ts';
import { defineHandler } from '../rest/operation.ts';
import { pageReply } from '../rest/page-reply.ts';

export default defineHandler('updatePage', async ({ params, body, caller, app }) => {
  const page = await updatePage(app.db, app.keyring, caller.user.id, params.page_id, {
    name: body.name,
    visibility: body.visibility,
    passcodes: body.passcodes ? [...body.passcodes] : undefined,
    allowedEmails: body.allowed_emails ? [...body.allowed_emails] : undefined,
  });
  return { status: 200, body: pageReply(app, page) };
});
