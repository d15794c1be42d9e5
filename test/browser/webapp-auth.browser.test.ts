// Signing up, out and in through the web app in Chromium: the API's own words next to the field, the
// invitation field only when the instance needs one, and a session that lives in an HttpOnly cookie.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, suiteTitle } from './chromium.ts';
import { PASSWORD, signInInApp, signUpInApp, startWebApp, type WebApp } from './webapp.ts';

describe.skipIf(!HAVE_CHROMIUM)(suiteTitle('web app sign-up and sign-in'), () => {
  let app: WebApp;
  beforeAll(async () => {
    app = await startWebApp();
  });
  afterAll(() => app?.close());

  it('a refused sign-up shows the API message at its field; the first account signs up without a code', async () => {
    const page = await (await app.newContext()).newPage();
    await page.goto(`${app.server}/`);
    await page.getByRole('heading', { name: 'Sign in to Outpost' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.getByRole('link', { name: 'create the first one' }).click();
    await expect(page.getByLabel('Invitation code').count()).resolves.toBe(0);
    await page.getByLabel('E-mail').fill('first@example.com');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    const password = page.getByLabel('Password');
    await expect.poll(() => password.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await password.getAttribute('aria-describedby')) ?? '';
    const errorText = await page.locator(`[id="${describedBy.split(' ').at(-1)}"]`).innerText();
    expect(errorText).toMatch(/password.*8 characters/);

    await signUpInApp(page, app.server, 'first@example.com');
    const cookies = await page.context().cookies();
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([['outpost_session', true, 'Lax']]);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await expect(page.getByRole('link', { name: 'Invitations' }).count()).resolves.toBe(1);
  });

  it('the next person needs an invitation code; sign-out ends the session and sign-in starts another', async () => {
    const page = await (await app.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(`${app.server}/sign-up`);
    await page.getByLabel('Invitation code').waitFor();

    await signInInApp(page, app.server, 'first@example.com');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Outpost' }).waitFor();
    await page.getByRole('status').getByText('Signed out.').waitFor();
    // The app's own origin asks: the cookie, if the browser still had one, would count here.
    expect(await page.evaluate(async () => (await fetch('/api/session')).status)).toBe(401);

    await page.getByLabel('E-mail').fill('first@example.com');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .getByText(/invalid|incorrect|wrong/i)
      .waitFor();
    await signInInApp(page, app.server, 'first@example.com', PASSWORD);
  });
});
