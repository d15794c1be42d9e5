import { getPage } from '../pages/pages.ts';
import { createUploadLink, uploadLinkUrl, type UploadTarget } from '../pages/upload-links.ts';
import { defineHandler } from '../rest/operation.ts';
import { validationError } from '../rest/validation.ts';

const SETTINGS = ['name', 'visibility', 'passcodes', 'allowed_emails'] as const;

export default defineHandler('createUploadLink', async ({ body, caller, app }) => {
  let target: UploadTarget;
  if (body.page_id !== undefined) {
    const given = SETTINGS.filter((k) => body[k] !== undefined);
    if (given.length) {
      throw validationError('payload', "A link that replaces a page's files keeps its settings: change them with PATCH /api/pages/{page_id}", [...given]);
    }
    await getPage(app.db, caller.user.id, body.page_id); // another user's page: 404, and no link
    target = { action: 'replace', pageId: body.page_id };
  } else {
    target = {
      action: 'create',
      page: {
        name: body.name,
        visibility: body.visibility ?? 'public',
        passcodes: body.passcodes ? [...body.passcodes] : undefined,
        allowedEmails: body.allowed_emails ? [...body.allowed_emails] : undefined,
      },
    };
  }
  const link = await createUploadLink(app, { userId: caller.user.id, tokenId: caller.tokenId }, target, app.config.uploadLinkTtlSeconds);
  return {
    status: 201,
    body: {
      url: uploadLinkUrl(app.config.publicUrl, link.token),
      action: target.action,
      ...(target.action === 'replace' ? { page_id: target.pageId } : {}),
      expires_at: link.expiresAt.toISOString(),
    },
  };
});
