import { endBrowserSession } from '../accounts/browser-sessions.ts';
import { sessionClearCookie } from '../auth/browser-session.ts';
import { unauthorized } from '../auth/credentials.ts';
import { defineHandler } from '../rest/operation.ts';
import { browserSessionOf } from '../rest/browser-session-reply.ts';

export default defineHandler(
  'deleteBrowserSession',
  async ({ app, request }) => {
    const browser = browserSessionOf(request);
    if (!browser) throw unauthorized('No browser session: this operation reads the session cookie of the web app');
    await endBrowserSession(app.db, browser.session.id);
    return { status: 204, headers: { 'Set-Cookie': sessionClearCookie(app.config.publicUrl) } };
  },
  { readsHttpExchange: true },
);
