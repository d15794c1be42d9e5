// /docs as a person sees it in Chromium: Scalar renders the contract from this server alone, without the
// features that need Scalar's own service, and with Bearer authentication already chosen.
// Skipped when /usr/bin/chromium is absent; .ci/run installs it, so CI runs these.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, startBrowserSession, suiteTitle, type BrowserSession } from './chromium.ts';

describe.skipIf(!HAVE_CHROMIUM)(suiteTitle('/docs in Chromium'), () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await startBrowserSession();
  });
  afterAll(() => session?.close());

  // On 127.0.0.1 Scalar would show all of these unless its configuration turns them off.
  it('shows no Ask AI, Generate MCP, Developer Tools, Share or Deploy; chooses Bearer; asks nothing of other hosts', async () => {
    const context = await session.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol.startsWith('http') && url.origin !== session.server) elsewhere.push(request.url());
    });
    await page.goto(`${session.server}/docs`);
    await page.getByText('Selected Auth Type: bearer').waitFor({ timeout: 20_000 });
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain('Outpost API');
    for (const feature of ['Ask AI', 'Generate MCP', 'Developer Tools', 'Share', 'Deploy']) expect(text).not.toMatch(new RegExp(`\\b${feature}\\b`));
    expect(elsewhere).toEqual([]);
  });
});
