// POST /api/me/password (changePassword): the current password, the sign-in attempt limits, who may call it,
// and the other browser sessions it ends.
import { describe, expect, it } from 'vitest';
import { signupAndLogin } from '../support/outpost.ts';
import { PASSWORD, createApiToken, expectError, expectValidation, useOutpost } from './helpers.ts';
import { fromApp, sameOriginGet, signInBrowser } from './browser.ts';

const t = useOutpost({ SIGNUP_MODE: 'open' });
const NEW_PASSWORD = 'a brand new passphrase';

const login = (email: string, password: string) => t.outpost.api('/api/auth/login', { body: { email, password } });

describe('POST /api/me/password', () => {
  it('from a browser session: changes the password, keeps this session and ends the others', async () => {
    await signupAndLogin(t.outpost, 'alice@example.com', PASSWORD);
    const here = await signInBrowser(t.outpost, 'alice@example.com');
    const elsewhere = await signInBrowser(t.outpost, 'alice@example.com');
    const change = (body: unknown, csrf = here.csrf) =>
      t.outpost.api('/api/me/password', { body, headers: { cookie: here.cookie, ...fromApp(t.outpost), 'x-csrf-token': csrf } });

    expectError(await change({ current_password: PASSWORD, new_password: NEW_PASSWORD }, 'wrong'), 403, 'Forbidden', /X-CSRF-Token/);
    expectValidation(
      await change({ current_password: 'not it at all', new_password: NEW_PASSWORD }),
      'payload',
      ['current_password'],
      'The current password is not correct',
    );
    // Nothing changed yet.
    expect((await login('alice@example.com', PASSWORD)).status).toBe(200);

    const res = await change({ current_password: PASSWORD, new_password: NEW_PASSWORD });
    expect(res.status).toBe(204);

    expect((await login('alice@example.com', PASSWORD)).status).toBe(401);
    expect((await login('alice@example.com', NEW_PASSWORD)).status).toBe(200);
    expect((await t.outpost.api('/api/me', { headers: sameOriginGet(here.cookie) })).status).toBe(200);
    const ended = await t.outpost.api('/api/me', { headers: sameOriginGet(elsewhere.cookie) });
    expect(ended.status).toBe(401);
    expect(ended.body.message).toBe('The browser session has ended; sign in again');
  });

  it('with a session JWT: changes it and ends every browser session of the account (and no one else’s)', async () => {
    const { token } = await signupAndLogin(t.outpost, 'bob@example.com', PASSWORD);
    const bobs = await signInBrowser(t.outpost, 'bob@example.com');
    await signupAndLogin(t.outpost, 'carol@example.com', PASSWORD);
    const carols = await signInBrowser(t.outpost, 'carol@example.com');

    const res = await t.outpost.api('/api/me/password', { token, body: { current_password: PASSWORD, new_password: NEW_PASSWORD } });
    expect(res.status).toBe(204);
    expect((await t.outpost.api('/api/me', { headers: sameOriginGet(bobs.cookie) })).status).toBe(401);
    expect((await t.outpost.api('/api/me', { headers: sameOriginGet(carols.cookie) })).status).toBe(200);
    expect((await login('bob@example.com', NEW_PASSWORD)).status).toBe(200);
  });

  it('an API token may not (403: it cannot manage the account)', async () => {
    const { token } = await signupAndLogin(t.outpost, 'dave@example.com', PASSWORD);
    const apiToken = await createApiToken(t.outpost, token);
    const res = await t.outpost.api('/api/me/password', { token: apiToken.token, body: { current_password: PASSWORD, new_password: NEW_PASSWORD } });
    expectError(res, 403, 'Forbidden', /API tokens cannot manage accounts/);
    expect((await login('dave@example.com', PASSWORD)).status).toBe(200);
  });

  it('checks the new password like sign-up does', async () => {
    const { token } = await signupAndLogin(t.outpost, 'erin@example.com', PASSWORD);
    expectValidation(await t.outpost.api('/api/me/password', { token, body: { current_password: PASSWORD, new_password: 'short' } }), 'payload', [
      'new_password',
    ]);
    // Eight UTF-16 units but four characters.
    expectValidation(await t.outpost.api('/api/me/password', { token, body: { current_password: PASSWORD, new_password: '😀😀😀😀' } }), 'payload', [
      'new_password',
    ]);
    expectValidation(await t.outpost.api('/api/me/password', { token, body: { current_password: PASSWORD } }), 'payload', ['new_password']);
    expect((await login('erin@example.com', PASSWORD)).status).toBe(200);
  });

  it('wrong current passwords spend the sign-in attempt budget: the 11th try is a 429, and sign-in is locked too', async () => {
    const { token } = await signupAndLogin(t.outpost, 'frank@example.com', PASSWORD);
    for (let i = 1; i <= 10; i++) {
      const res = await t.outpost.api('/api/me/password', { token, body: { current_password: `guess ${i}`, new_password: NEW_PASSWORD } });
      expect(res.status, `attempt ${i}`).toBe(400);
    }
    const locked = await t.outpost.api('/api/me/password', { token, body: { current_password: PASSWORD, new_password: NEW_PASSWORD } });
    expectError(locked, 429, 'Too Many Requests', /^Too many sign-in attempts for this email from this address\. Retry in \d+ s\.$/);
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await login('frank@example.com', PASSWORD)).status).toBe(429);
  });
});
