import { createInvitation } from '../accounts/invitations.ts';
import { defineHandler } from '../rest/operation.ts';
import { invitationView } from '../rest/views.ts';

export default defineHandler('createInvitation', async ({ body, caller, app }) => {
  const { code, record } = await createInvitation(app.db, caller.user.id, { expiresInDays: body?.expires_in_days, note: body?.note });
  return { status: 201, body: { ...invitationView(record), code } };
});
