// Helpers for the web app's browser session in REST tests: sign in as a browser would from the instance's own
// pages, and send the cookie (and CSRF token) back.
import { expect } from 'vitest';
import type { TestOutpost } from '../support/outpost.ts';
import { PASSWORD, type Response } from './helpers.ts';

export interface BrowserSignIn {
  /** `name=value`, as a browser sends it back. */
  cookie: string;
  /** The whole Set-Cookie header. */
  setCookie: string;
  csrf: string;
  body: { user: { id: string; email: string; admin: boolean }; csrf_token: string; expires_at: string };
}

/** The headers of a same-origin fetch() by the app: Origin of PUBLIC_URL (browsers send it on POST) and Sec-Fetch-Site. */
export function fromApp(outpost: TestOutpost, extra: Record<string, string> = {}): Record<string, string> {
  return { origin: new URL(outpost.app.config.publicUrl).origin, 'sec-fetch-site': 'same-origin', ...extra };
}

/** A same-origin GET as browsers send it: no Origin, `Sec-Fetch-Site: same-origin`. */
export function sameOriginGet(cookie: string, extra: Record<string, string> = {}): Record<string, string> {
  return { cookie, 'sec-fetch-site': 'same-origin', ...extra };
}

export function sessionCookieOf(res: Response): { cookie: string; setCookie: string } {
  const setCookie = res.headers.getSetCookie();
  expect(setCookie).toHaveLength(1);
  return { cookie: setCookie[0].split(';')[0], setCookie: setCookie[0] };
}

export async function signInBrowser(outpost: TestOutpost, email: string, password = PASSWORD): Promise<BrowserSignIn> {
  const res = await outpost.api('/api/session', { body: { email, password }, headers: fromApp(outpost) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { ...sessionCookieOf(res), csrf: res.body.csrf_token, body: res.body };
}
