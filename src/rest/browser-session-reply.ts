// Starting a browser session for the web app (sign-in or sign-up), and the session as the API shows it.
import type { Request } from '@hapi/hapi';
import { createBrowserSession, MAX_LIFETIME_SECONDS, type BrowserSession } from '../accounts/browser-sessions.ts';
import type { User } from '../accounts/users.ts';
import { csrfToken, sessionSetCookie, type BrowserSessionArtifacts, type SessionInUse } from '../auth/browser-session.ts';
import type { Services } from '../services.ts';
import { timestamp, userView } from './views.ts';

/** The session and its CSRF token are for the app alone: never kept by a cache. */
export const NO_STORE = { 'Cache-Control': 'no-store' };

export const browserSessionView = (user: User, session: BrowserSession, csrf: string) => ({
  user: userView(user),
  csrf_token: csrf,
  expires_at: timestamp(session.expiresAt),
});

/** A new browser session for `user`: the body to answer and the headers that set its cookie. */
export async function startBrowserSession(app: Services, user: User) {
  const { secret, session } = await createBrowserSession(app.db, user.id, app.config.browserSessionTtlSeconds);
  return {
    body: browserSessionView(user, session, csrfToken(app.keys.signing, secret)),
    // The cookie outlives any session (the server ends it first); it only has to stop the browser keeping it forever.
    headers: { 'Set-Cookie': sessionSetCookie(app.config.publicUrl, secret, MAX_LIFETIME_SECONDS), ...NO_STORE },
  };
}

/** The browser session that authenticated this request, if its cookie did (not a bearer credential). */
export function browserSessionOf(request: Request): SessionInUse | undefined {
  return (request.auth.artifacts as Partial<BrowserSessionArtifacts> | undefined)?.browserSession;
}
