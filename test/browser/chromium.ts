// Debian's Chromium for the browser tests (playwright-core drives it). The tests are skipped, with one
// warning, on a machine without /usr/bin/chromium; .ci/run installs it, so CI runs them.
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

if (!HAVE_CHROMIUM) {
  console.warn(`browser tests skipped: ${CHROMIUM} is not installed (apt-get install -y chromium; .ci/run does it)`);
}

/** A describe title that says why the suite was skipped. */
export function suiteTitle(name: string): string {
  return HAVE_CHROMIUM ? name : `${name} (skipped: ${CHROMIUM} not installed)`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
}

/** Contexts opened on `browser`, all closed (with the browser) by closeAll(). */
export function browserContexts(browser: Browser) {
  const opened: BrowserContext[] = [];
  return {
    async open(options: BrowserContextOptions): Promise<BrowserContext> {
      const context = await browser.newContext(options);
      opened.push(context);
      return context;
    },
    async closeAll(): Promise<void> {
      await Promise.all(opened.map((c) => c.close().catch(() => {})));
      await browser.close();
    },
  };
}

/** A real Outpost on 127.0.0.1 with an owner's API token, and Chromium with a fresh context per visitor. */
export interface BrowserSession {
  outpost: TestOutpost;
  browser: Browser;
  /** The owner's API token. */
  token: string;
  /** The server's origin, as a visitor's browser reaches it. */
  server: string;
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startBrowserSession(env: Record<string, string> = {}): Promise<BrowserSession> {
  const [outpost, browser] = await Promise.all([startTestOutpost(env), launchChromium()]);
  const server = new URL(outpost.url).origin;
  if (new URL(server).hostname !== '127.0.0.1') throw new Error(`the test server must be on 127.0.0.1, not ${server}`);
  const session = await signupAndLogin(outpost, 'owner@example.com');
  const token = (await outpost.api('/api/tokens', { token: session.token, body: { name: 'browser' } })).body.token as string;
  const contexts = browserContexts(browser);
  return {
    outpost,
    browser,
    token,
    server,
    newContext: (options = { viewport: { width: 800, height: 600 } }) => contexts.open(options),
    async close() {
      await contexts.closeAll();
      await outpost.stop();
    },
  };
}
