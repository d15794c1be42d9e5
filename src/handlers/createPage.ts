import { createPage } from '../pages/pages.ts';
import { normalizeEmails, normalizePasscodes } from '../pages/secrets.ts';
import { captureInto } from '../rest/capture-reply.ts';
import { defineHandler } from '../rest/operation.ts';
import { pageContent } from '../rest/page-content.ts';
import { pageReply } from '../rest/page-reply.ts';

export default defineHandler('createPage', async ({ body, query, caller, app, request }) => {
  const settings = {
    name: body.name,
    visibility: body.visibility ?? 'public',
    passcodes: body.passcodes ? [...body.passcodes] : undefined,
    allowedEmails: body.allowed_emails ? [...body.allowed_emails] : undefined,
  };
  const content = pageContent(body);
  if (content.sourceUrl !== undefined) {
    // Checked before the capture, so a typo is not found out a minute later.
    normalizeEmails(settings.allowedEmails ?? [], 'allowed_emails');
    normalizePasscodes(settings.passcodes ?? []);
    await app.pageLimits.disk?.check();
    const outcome = await captureInto(app, request, { action: 'create', page: settings }, caller.user.id, content.sourceUrl, query.wait);
    return outcome.status === 'done' ? { status: 201, body: outcome.page } : { status: 202, body: outcome.body, headers: outcome.headers };
  }
  const page = await createPage(app.db, app.keyring, caller.user.id, { ...settings, files: content.files }, app.pageLimits);
  return { status: 201, body: pageReply(app, page) };
});
