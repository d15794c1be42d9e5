import { unauthorized } from '../auth/credentials.ts';
import { defineHandler } from '../rest/operation.ts';
import { browserSessionOf, browserSessionView, NO_STORE } from '../rest/browser-session-reply.ts';

export default defineHandler(
  'getBrowserSession',
  async ({ request }) => {
    const browser = browserSessionOf(request);
    if (!browser) throw unauthorized('No browser session: this operation reads the session cookie of the web app');
    return { status: 200, body: browserSessionView(browser.caller.user, browser.session, browser.csrfToken), headers: NO_STORE };
  },
  { readsHttpExchange: true },
);
