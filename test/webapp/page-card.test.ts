// The page card as MCP hosts get it: one self-contained HTML document (script and stylesheet inline, nothing
// loaded from anywhere), built once per process, and its resource entry with the CSP a host enforces.
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { pageCardHtml } from '../../src/webapp/page-card.ts';
import { PAGE_CARD_MIME, PAGE_CARD_TOOL_META, PAGE_CARD_URI, pageCardListing, readPageCard } from '../../src/mcp/page-card-resource.ts';

const MAX_BYTES = 512 * 1024;

describe('page card HTML', () => {
  it('is one document with its script and stylesheet inline and no reference to another resource', async () => {
    const html = await pageCardHtml();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    for (const tag of [/<!doctype/gi, /<html[\s>]/gi, /<\/html>/gi, /<head>/gi, /<body>/gi, /<script[\s>]/gi, /<\/script>/gi, /<style>/gi]) {
      expect(html.match(tag), String(tag)).toHaveLength(1);
    }
    const $ = cheerio.load(html);
    const script = $('script');
    expect(script.attr('src')).toBeUndefined();
    expect(script.text().length).toBeGreaterThan(10_000);
    expect($('style').text()).toContain('.card');
    expect($('#card')).toHaveLength(1);
    // Nothing in the markup (the script's and stylesheet's text aside) loads or links anything.
    expect($('link, base, iframe, img, object, embed, [src], [href], [srcset], [action], [style]')).toHaveLength(0);
    expect($('[onload], [onerror], [onclick]')).toHaveLength(0);
    // Nor does the stylesheet (no @import, no url() other than data:).
    expect($('style').text()).not.toMatch(/@import|url\((?!\s*['"]?data:)/i);
  });

  it('stays a reasonable size', async () => {
    expect(Buffer.byteLength(await pageCardHtml())).toBeLessThan(MAX_BYTES);
  });

  it('is built once per process', async () => {
    const [first, second] = await Promise.all([pageCardHtml(), pageCardHtml()]);
    expect(second).toBe(first);
    expect(pageCardHtml()).toBe(pageCardHtml());
  });
});

describe('page card resource', () => {
  it('lists ui://outpost/page-card as an MCP App', () => {
    expect(PAGE_CARD_URI).toBe('ui://outpost/page-card');
    expect(PAGE_CARD_MIME).toBe('text/html;profile=mcp-app');
    expect(pageCardListing()).toEqual({
      uri: PAGE_CARD_URI,
      name: 'page-card',
      title: 'Page card',
      description: expect.stringContaining('preview'),
      mimeType: PAGE_CARD_MIME,
    });
    expect(PAGE_CARD_TOOL_META).toEqual({ ui: { resourceUri: PAGE_CARD_URI }, 'ui/resourceUri': PAGE_CARD_URI });
  });

  it('reads as the card with a CSP that frames only the instance origin and allows no network', async () => {
    const read = await readPageCard('https://pages.example.org/outpost');
    expect(read.contents).toHaveLength(1);
    const [contents] = read.contents;
    expect(contents).toMatchObject({ uri: PAGE_CARD_URI, mimeType: PAGE_CARD_MIME, text: await pageCardHtml() });
    expect(contents._meta.ui).toEqual({
      csp: { frameDomains: ['https://pages.example.org'], resourceDomains: [], connectDomains: [] },
      permissions: { clipboardWrite: {} },
      prefersBorder: true,
    });
  });
});
