// Debian's Chromium for the browser tests (playwright-core drives it). The tests are skipped, with one
// warning, on a machine without /usr/bin/chromium; .ci/run installs it, so CI runs them.
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

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
