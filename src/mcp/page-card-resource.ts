// The page card as an MCP App resource (`ui://outpost/page-card`): its resources/list entry, its resources/read
// answer, and the `_meta` a tool carries in tools/list so that hosts render its results in the card.
//
// Threat model: the card runs in the host's sandbox and talks only to the host (web/page-card/host.ts). Its CSP
// (`_meta.ui.csp`, which the host enforces) allows no network and no remote resources, and frames only of
// Outpost's own origin: the live preview of a public page under /p/, itself served in a CSP sandbox.
import { RESOURCE_MIME_TYPE, RESOURCE_URI_META_KEY } from '@modelcontextprotocol/ext-apps/server';
import type { McpUiResourceMeta } from '@modelcontextprotocol/ext-apps';
import { pageCardHtml } from '../webapp/page-card.ts';

export const PAGE_CARD_URI = 'ui://outpost/page-card';
export const PAGE_CARD_MIME: typeof RESOURCE_MIME_TYPE = RESOURCE_MIME_TYPE;

/** In tools/list, on each tool whose result is a page: both the current key and the legacy flat one hosts still read. */
export const PAGE_CARD_TOOL_META = { ui: { resourceUri: PAGE_CARD_URI }, [RESOURCE_URI_META_KEY]: PAGE_CARD_URI } as const;

export interface PageCardListing {
  uri: typeof PAGE_CARD_URI;
  name: string;
  title: string;
  description: string;
  mimeType: typeof PAGE_CARD_MIME;
}

export interface PageCardContents {
  uri: typeof PAGE_CARD_URI;
  mimeType: typeof PAGE_CARD_MIME;
  text: string;
  _meta: { ui: McpUiResourceMeta };
}

/** The card's entry in resources/list. */
export function pageCardListing(): PageCardListing {
  return {
    uri: PAGE_CARD_URI,
    name: 'page-card',
    title: 'Page card',
    description:
      "A page's name, who may see it, its link and a live preview when it is public, with buttons to make it public, " +
      'private or shared with a passcode. Hosts that render MCP Apps show the results of outpost_create, outpost_get ' +
      'and the outpost_update tools in it.',
    mimeType: PAGE_CARD_MIME,
  };
}

/** The card's resources/read answer; `publicUrl` is the instance's PUBLIC_URL, whose origin serves the pages it previews. */
export async function readPageCard(publicUrl: string): Promise<{ contents: [PageCardContents] }> {
  const ui: McpUiResourceMeta = {
    csp: { connectDomains: [], resourceDomains: [], frameDomains: [new URL(publicUrl).origin] },
    // Copy link writes the page's URL to the clipboard; without the permission the card falls back to a selection.
    permissions: { clipboardWrite: {} },
    prefersBorder: true,
  };
  return { contents: [{ uri: PAGE_CARD_URI, mimeType: PAGE_CARD_MIME, text: await pageCardHtml(), _meta: { ui } }] };
}
