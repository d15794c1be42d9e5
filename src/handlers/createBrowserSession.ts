import { requireSameOrigin } from '../auth/browser-session.ts';
import { defineHandler } from '../rest/operation.ts';
import { signIn } from '../rest/login-reply.ts';
import { startBrowserSession } from '../rest/browser-session-reply.ts';

export default defineHandler('createBrowserSession', async ({ body, app, request }) => {
  requireSameOrigin(request.headers, app.config.publicUrl);
  const user = await signIn(app, request, body.email, body.password);
  return { status: 200, ...(await startBrowserSession(app, user)) };
});
