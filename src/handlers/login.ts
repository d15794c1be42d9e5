import { issueSessionToken } from '../auth/jwt.ts';
import { defineHandler } from '../rest/operation.ts';
import { sessionReply, signIn } from '../rest/login-reply.ts';

export default defineHandler('login', async ({ body, app, request }) => {
  const user = await signIn(app, request, body.email, body.password);
  const session = await issueSessionToken(app.keys.signing, { userId: user.id, email: user.email, admin: user.admin }, app.config.sessionTtlSeconds);
  return { status: 200, body: sessionReply(session, user) };
});
