import { listInvitations } from '../accounts/invitations.ts';
import { defineHandler } from '../rest/operation.ts';
import { invitationView } from '../rest/views.ts';

export default defineHandler('listInvitations', async ({ app }) => ({
  status: 200,
  body: { invitations: (await listInvitations(app.db)).map(invitationView) },
}));
