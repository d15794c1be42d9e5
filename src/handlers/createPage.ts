import { defineHandler } from '../rest/operation.ts';
import { createPageFrom, pageEndOf } from '../rest/page-writes.ts';

export default defineHandler('createPage', async ({ body, query, caller, app, request }) => {
  const settings = {
    name: body.name,
    visibility: body.visibility ?? 'public',
    passcodes: body.passcodes ? [...body.passcodes] : undefined,
    allowedEmails: body.allowed_emails ? [...body.allowed_emails] : undefined,
    scriptShims: body.script_shims,
    ...pageEndOf(body),
  };
  return createPageFrom(app, request, caller.user.id, settings, body, query.wait);
});
