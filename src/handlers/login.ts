import { login } from '../accounts/users.ts';
import { issueSessionToken } from '../auth/jwt.ts';
import { unauthorized } from '../auth/credentials.ts';
import { clientAddress, rateLimitKey } from '../shared/client-address.ts';
import { defineHandler } from '../rest/operation.ts';
import { consumeAuthAttempt, sessionReply } from '../rest/login-reply.ts';

export default defineHandler('login', async ({ body, app, request }) => {
  const ip = rateLimitKey(clientAddress(request, app.config));
  await consumeAuthAttempt(app.limits, body.email, ip);
  const user = await login(app.db, body.email, body.password);
  if (!user) throw unauthorized('Invalid email or password', 'invalid_grant');
  await app.limits.login.reset(body.email, ip);
  const session = await issueSessionToken(app.keys.signing, { userId: user.id, email: user.email, admin: user.admin }, app.config.sessionTtlSeconds);
  return { status: 200, body: sessionReply(session, user) };
});
