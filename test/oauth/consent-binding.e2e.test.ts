// Only the browser that started an authorization may answer it. Otherwise whoever started a request could
// send its consent link to a signed-in person and collect a code for that person's account once they click
// Allow. The consent screen gives its binding cookie only to a browser holding the provider's cookie of that
// very request; approve and deny refuse without it. Also: the registration limit cannot be dodged by the
// path's case or a trailing slash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOutpost, signupAndLogin, type TestOutpost } from '../support/outpost.ts';
import { fromApp, sameOriginGet, signInBrowser, type BrowserSignIn } from '../api/browser.ts';
import { cookiesOf, LoopbackCallback } from './support.ts';
import { authorizationUrl, pkcePair, register } from './flow.ts';

let outpost: TestOutpost;
let victim: BrowserSignIn;
const callback = new LoopbackCallback();

beforeAll(async () => {
  outpost = await startTestOutpost({ SIGNUP_MODE: 'open', OAUTH_REGISTRATIONS_PER_HOUR: '3' });
  await signupAndLogin(outpost, 'victim@example.com');
  victim = await signInBrowser(outpost, 'victim@example.com');
  await callback.start();
});
afterAll(async () => {
  await callback.stop();
  await outpost?.stop();
});

/** The attacker's side: starts an authorization with a client of theirs and keeps the consent link. */
async function startedElsewhere() {
  const clientId = await register(outpost, callback.url);
  const res = await fetch(
    authorizationUrl(outpost, { client_id: clientId, redirect_uri: callback.url, code_challenge: pkcePair().challenge, code_challenge_method: 'S256' }),
    {
      redirect: 'manual',
    },
  );
  const link = new URL(res.headers.get('location')!);
  return { uid: link.pathname.split('/').at(-1)!, link, jar: cookiesOf(res) };
}

describe('consent belongs to the browser that started the request', () => {
  it('a signed-in person who opens someone else’s consent link cannot approve or deny it', async () => {
    const { uid, link } = await startedElsewhere();
    // The victim opens the link: the screen shows, but without the binding.
    const screen = await fetch(link, { headers: { cookie: victim.cookie } });
    expect(screen.status).toBe(200);
    expect(screen.headers.getSetCookie().some((c) => c.startsWith('outpost_consent='))).toBe(false);
    expect((await outpost.api(`/api/oauth/interactions/${uid}`, { headers: sameOriginGet(victim.cookie) })).status).toBe(200);

    const headers = fromApp(outpost, { cookie: victim.cookie, 'x-csrf-token': victim.csrf });
    for (const answer of ['approve', 'deny']) {
      const res = await outpost.api(`/api/oauth/interactions/${uid}/${answer}`, {
        headers,
        ...(answer === 'approve' ? { body: { scopes: ['pages:read'] } } : { method: 'POST' }),
      });
      expect(res.status, answer).toBe(403);
      expect(res.body.message).toMatch(/started in another browser/);
    }
    // A binding made up or taken from another request does not fit either.
    const other = await startedElsewhere();
    const otherScreen = await fetch(other.link, { headers: { cookie: other.jar } });
    const otherBinding = cookiesOf(otherScreen);
    expect(otherBinding).toMatch(/^outpost_consent=/);
    const res = await outpost.api(`/api/oauth/interactions/${uid}/approve`, {
      headers: fromApp(outpost, { cookie: `${victim.cookie}; ${otherBinding}`, 'x-csrf-token': victim.csrf }),
      body: { scopes: ['pages:read'] },
    });
    expect(res.status).toBe(403);
  });

  it('the starting browser gets the binding, scoped to the request’s own API path', async () => {
    const { uid, link, jar } = await startedElsewhere();
    const screen = await fetch(link, { headers: { cookie: jar } });
    const [setCookie] = screen.headers.getSetCookie().filter((c) => c.startsWith('outpost_consent='));
    expect(setCookie).toContain(`Path=/api/oauth/interactions/${uid}`);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
  });
});

describe('dynamic registration', () => {
  it('the registration limit counts /oauth/register whatever its case or trailing slash', async () => {
    const statuses: number[] = [];
    for (const path of ['/oauth/register', '/oauth/REGISTER', '/oauth/register/', '/oauth/Register/']) {
      const res = await fetch(`${outpost.app.config.publicUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ redirect_uris: [callback.url], token_endpoint_auth_method: 'none' }),
      });
      statuses.push(res.status);
    }
    // Three an hour are allowed here, and the tests above registered three clients.
    expect(statuses.every((s) => s === 429)).toBe(true);
  });
});
