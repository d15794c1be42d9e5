import { signup } from '../accounts/users.ts';
import { requireSameOrigin } from '../auth/browser-session.ts';
import { issueSessionToken } from '../auth/jwt.ts';
import { clientAddress, rateLimitKey } from '../shared/client-address.ts';
import { defineHandler } from '../rest/operation.ts';
import { consumeAuthAttempt, sessionReply } from '../rest/login-reply.ts';
import { startBrowserSession } from '../rest/browser-session-reply.ts';

export default defineHandler('signup', async ({ body, app, request }) => {
  if (body.browser_session) requireSameOrigin(request.headers, app.config.publicUrl);
  const ip = rateLimitKey(clientAddress(request, app.config));
  // Sign-ups share the per-email-and-client attempt budget with logins: each one costs a scrypt hash.
  await consumeAuthAttempt(app.limits, body.email, ip);
  const { user } = await signup(
    app.db,
    { email: body.email, password: body.password, invitationCode: body.invitation_code },
    { signupMode: app.config.signupMode },
  );
  await app.limits.login.reset(body.email, ip);
  if (body.browser_session) return { status: 201, ...(await startBrowserSession(app, user)) };
  const session = await issueSessionToken(app.keys.signing, { userId: user.id, email: user.email, admin: user.admin }, app.config.sessionTtlSeconds);
  return { status: 201, body: sessionReply(session, user) };
});
