// Every screen of the web app through axe-core (WCAG 2.1 A/AA: no serious or critical violation), on a phone
// (390 px) and a desktop (1280 px), in light and dark (see VIEWS), with data on the screens; and the sign-in form by
// keyboard alone. Set OUTPOST_SHOTS_DIR to keep a screenshot of each screen for looking at.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { authorizationUrl, pkcePair, register } from '../oauth/flow.ts';
import { HAVE_CHROMIUM, suiteTitle } from './chromium.ts';
import { seriousViolations } from './axe.ts';
import { PASSWORD, signUpInApp, startWebApp, type WebApp } from './webapp.ts';

// Every rule at each width in one scheme; at 1280 px colour contrast (the rule the scheme changes) in the other too.
const VIEWS = [
  { width: 390, height: 844, colorScheme: 'light' as const, other: undefined },
  { width: 1280, height: 800, colorScheme: 'dark' as const, other: 'light' as const },
];

describe.skipIf(!HAVE_CHROMIUM)(suiteTitle('web app accessibility'), () => {
  let app: WebApp;
  let signedIn: Awaited<ReturnType<BrowserContext['storageState']>>;
  let pageId: string;
  let clientId: string;
  const shots = process.env.OUTPOST_SHOTS_DIR;

  beforeAll(async () => {
    app = await startWebApp();
    const context = await app.newContext();
    const page = await context.newPage();
    await signUpInApp(page, app.server, 'owner@example.com');
    signedIn = await context.storageState();
    const jwt = (await app.outpost.api('/api/auth/login', { body: { email: 'owner@example.com', password: PASSWORD } })).body.token;
    const created = await app.outpost.api('/api/pages', {
      token: jwt,
      body: { name: 'Team notes', html: '<h1>Notes</h1>', visibility: 'shared', passcodes: ['open sesame'] },
    });
    pageId = created.body.id;
    await app.outpost.api('/api/pages', { token: jwt, body: { name: 'Launch page', html: '<h1>Launch</h1>' } });
    await app.outpost.api('/api/tokens', { token: jwt, body: { name: 'deploy script' } });
    await app.outpost.api('/api/invitations', { token: jwt, body: { expires_in_days: 7, note: 'for Bea' } });
    clientId = await register(app.outpost, 'http://127.0.0.1:9/callback', { client_name: 'Claude (test)' });
    if (shots) fs.mkdirSync(shots, { recursive: true });
  });
  afterAll(() => app?.close());

  const signedInScreens = () => [
    ['pages', '/'],
    ['publish', '/publish'],
    ['page-settings', `/pages/${pageId}`],
    ['jobs', '/jobs'],
    ['watches', '/watches'],
    ['tokens', '/tokens'],
    ['invitations', '/invitations'],
    ['connect', '/connect'],
    ['connected-apps', '/apps'],
    ['account', '/account'],
  ];

  it.concurrent.each(VIEWS)('no serious or critical violation at $width px, $colorScheme', { timeout: 120_000 }, async (view) => {
    const found: string[] = [];
    const check = async (context: BrowserContext, name: string, url: string) => {
      const page = await context.newPage();
      await page.goto(url);
      await page.locator('main h1').waitFor();
      // Loaded: no screen still says "Loading…" or is marked busy.
      await page.waitForFunction(
        () => !document.querySelector('main [aria-busy="true"]') && !document.querySelector('main')?.textContent?.includes('Loading…'),
      );
      for (const line of await seriousViolations(page)) found.push(`${name} (${view.colorScheme}): ${line}`);
      if (shots) await page.screenshot({ path: path.join(shots, `${name}-${view.width}-${view.colorScheme}.png`), fullPage: true });
      if (view.other) {
        await page.emulateMedia({ colorScheme: view.other });
        for (const line of await seriousViolations(page, { contrastOnly: true })) found.push(`${name} (${view.other}): ${line}`);
        if (shots) await page.screenshot({ path: path.join(shots, `${name}-${view.width}-${view.other}.png`), fullPage: true });
      }
      await page.close();
    };
    const options = { viewport: { width: view.width, height: view.height }, colorScheme: view.colorScheme };
    const visitor = await app.newContext(options);
    await check(visitor, 'sign-in', `${app.server}/sign-in`);
    await check(visitor, 'sign-up', `${app.server}/sign-up`);
    const person = await app.newContext({ ...options, storageState: signedIn });
    for (const [name, route] of signedInScreens()) await check(person, name, `${app.server}${route}`);
    const { challenge } = pkcePair();
    await check(
      person,
      'consent',
      authorizationUrl(app.outpost, {
        client_id: clientId,
        redirect_uri: 'http://127.0.0.1:9/callback',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }).href,
    );
    await visitor.close();
    await person.close();
    expect(found).toEqual([]);
  });

  it('signs in by keyboard alone, with the focus visible at each step', async () => {
    const page = await (await app.newContext()).newPage();
    await page.goto(`${app.server}/sign-in`);
    await page.getByRole('heading', { name: 'Sign in to Outpost' }).waitFor();
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return { label: el.getAttribute('name') ?? el.textContent?.trim(), outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
      });
    const steps: { label: string | undefined; outline: boolean }[] = [];
    for (let i = 0; i < 5 && steps.at(-1)?.label !== 'Sign in'; i++) {
      await page.keyboard.press('Tab');
      steps.push(await focused());
    }
    const fields = steps.filter((s) => ['email', 'password', 'Sign in'].includes(s.label ?? ''));
    expect(fields.map((s) => s.label)).toEqual(['email', 'password', 'Sign in']);
    expect(fields.every((s) => s.outline)).toBe(true);

    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type('owner@example.com');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Your pages' }).waitFor();
    // Focus lands on the new screen's heading.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Your pages');
  });
});
