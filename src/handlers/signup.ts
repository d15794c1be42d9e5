import { signup } from '../accounts/users.ts';
import { issueSessionToken } from '../auth/jwt.ts';
import { defineHandler } from '../server/operation.ts';
import { consumeAuthAttempt, sessionReply } from '../server/session.ts';

export default defineHandler('signup', async ({ body, app, request }) => {
  await consumeAuthAttempt(app.limits, body.email, request.info.remoteAddress);
  const { user } = await signup(app.db, { email: body.email, password: body.password, invitationCode: body.invitation_code }, { signupMode: app.config.signupMode });
  const session = await issueSessionToken(app.keys.jwt, { userId: user.id, email: user.email, admin: user.admin }, app.config.sessionTtlSeconds);
  return { status: 201, body: sessionReply(session, user) };
});
