// Ties a consent answer to the browser that started the authorization. The provider remembers the request in
// a signed cookie of that browser (path `/authorize/<uid>`); when the web app's consent screen is served there
// with it, the browser also gets this binding cookie for the request's API operations. approve and deny need
// it, so a consent link sent to someone else (who is signed in to Outpost) cannot be answered by them: the
// code would otherwise be issued for their account to whoever started the request.
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { purposeKey } from '../auth/keys.ts';

const COOKIE = 'outpost_consent';

export const NOT_STARTED_HERE = 'This request was started in another browser: answer it in the browser where you started connecting the app';

export class ConsentBinding {
  private readonly key: Buffer;

  constructor(signingKey: Uint8Array) {
    this.key = purposeKey(signingKey, 'outpost/oauth-consent/v1');
  }

  private value(uid: string): string {
    return crypto.createHmac('sha256', this.key).update(uid).digest('base64url');
  }

  /**
   * The Set-Cookie for the consent screen of `uid`, when this browser holds the provider's cookie of that very
   * request; undefined otherwise (the screen then shows, but its answer is refused).
   */
  async cookieFor(provider: Provider, req: IncomingMessage, res: ServerResponse, uid: string, secure: boolean): Promise<string | undefined> {
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== uid) return undefined;
    } catch {
      return undefined;
    }
    const attributes = [`Path=/api/oauth/interactions/${encodeURIComponent(uid)}`, 'HttpOnly', 'SameSite=Lax', 'Max-Age=3600', ...(secure ? ['Secure'] : [])];
    return [`${COOKIE}=${this.value(uid)}`, ...attributes].join('; ');
  }

  /** Whether a request's Cookie header carries the binding of `uid`. */
  holds(cookieHeader: string | undefined, uid: string): boolean {
    const expected = Buffer.from(this.value(uid));
    for (const part of (cookieHeader ?? '').split(';')) {
      const [name, ...rest] = part.trim().split('=');
      if (name !== COOKIE) continue;
      const given = Buffer.from(rest.join('='));
      if (given.length === expected.length && crypto.timingSafeEqual(given, expected)) return true;
    }
    return false;
  }
}
