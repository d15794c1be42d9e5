// The web app in Chromium: a fresh Outpost with no account yet (so the first person to sign up in the app
// becomes its administrator), and the steps most app tests start with.
import { expect } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { startTestOutpost, type TestOptions, type TestOutpost } from '../support/outpost.ts';
import { browserContexts, launchChromium } from './chromium.ts';

export const PASSWORD = 'correct horse battery';

export interface WebApp {
  outpost: TestOutpost;
  browser: Browser;
  /** The instance's public origin (http://localhost:<port>): the only one whose requests the session cookie counts on. */
  server: string;
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startWebApp(env: Record<string, string> = {}, options: TestOptions = {}): Promise<WebApp> {
  const [outpost, browser] = await Promise.all([startTestOutpost(env, options), launchChromium()]);
  const server = new URL(outpost.app.config.publicUrl).origin;
  // Bundle the app now, in the hook's time, rather than on the first page's (a busy machine may take a while).
  const shell = await (await fetch(`${server}/sign-in`)).text();
  for (const [, asset] of shell.matchAll(/(?:src|href)="(\/app\/[^"]+)"/g)) await (await fetch(`${server}${asset}`)).arrayBuffer();
  const contexts = browserContexts(browser);
  return {
    outpost,
    browser,
    server,
    newContext: (options = { viewport: { width: 1280, height: 800 } }) => contexts.open(options),
    async close() {
      await contexts.closeAll();
      await outpost.stop();
    },
  };
}

/** Signs a new person up through the app's own form and waits for the pages screen. */
export async function signUpInApp(
  page: Page,
  server: string,
  email: string,
  { password = PASSWORD, invitationCode }: { password?: string; invitationCode?: string } = {},
) {
  await page.goto(`${server}/sign-up`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  if (invitationCode) await page.getByLabel('Invitation code').fill(invitationCode);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/');
}

/** Signs an existing person in through the app's form. */
export async function signInInApp(page: Page, server: string, email: string, password = PASSWORD) {
  await page.goto(`${server}/sign-in`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}
