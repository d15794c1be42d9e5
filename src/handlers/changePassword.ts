import { endUserBrowserSessions } from '../accounts/browser-sessions.ts';
import { changePassword } from '../accounts/users.ts';
import { InvalidInput } from '../shared/errors.ts';
import { clientAddress, rateLimitKey } from '../shared/client-address.ts';
import { defineHandler } from '../rest/operation.ts';
import { consumeAuthAttempt } from '../rest/login-reply.ts';
import { browserSessionOf } from '../rest/browser-session-reply.ts';

// Needs the `account` scope, so never an API token: a token handed to a script or AI client must not be able to
// take the account over, nor to guess the password here.
export default defineHandler(
  'changePassword',
  async ({ body, caller, app, request }) => {
    const { user } = caller;
    const ip = rateLimitKey(clientAddress(request, app.config));
    // A wrong current password is a failed sign-in attempt: the same budget, so this is no side door for guessing.
    await consumeAuthAttempt(app.limits, user.email, ip);
    if (!(await changePassword(app.db, user.id, body.current_password, body.new_password))) {
      throw new InvalidInput('current_password', 'The current password is not correct');
    }
    await app.limits.login.reset(user.email, ip);
    await endUserBrowserSessions(app.db, user.id, browserSessionOf(request)?.session.id);
    return { status: 204 };
  },
  { readsHttpExchange: true },
);
