// The card's one channel: the host, through ext-apps' App (JSON-RPC over postMessage to window.parent).
// The host hands over tool results and its theme, forwards tools/call to Outpost, and opens links.
//
// Threat model: the card runs in the host's sandboxed iframe (an opaque origin, no network: the resource's
// CSP allows only frames of Outpost's origin). It holds no credential and calls Outpost only through the
// host, which asks with the user's own connection. Page content is untrusted and is only ever inside the
// nested preview iframe (sandboxed as well, and served by Outpost under its own CSP sandbox).
import { App, applyDocumentTheme, applyHostFonts, applyHostStyleVariables, type McpUiHostContext } from '@modelcontextprotocol/ext-apps';
import { readResult, type Page, type Shown, type ToolResult, type Visibility } from './result.ts';

export interface PageChange {
  visibility: Visibility;
  passcodes?: string[];
  allowed_emails?: string[];
}

export interface Host {
  /** Whether the host forwards tools/call to the server (its `serverTools` capability). */
  canCallTools(): boolean;
  /** outpost_update on this page; the result as the card shows it. */
  updatePage(page: Page, change: PageChange): Promise<Shown>;
  /** Asks the host to open a URL (the sandbox opens no window itself); false when it declined. */
  openLink(url: string): Promise<boolean>;
  /** Calls `listener` with every tool result the host hands over (the last one at once, if any came). */
  onResult(listener: (shown: Shown) => void): () => void;
}

function applyHostContext(context: McpUiHostContext | undefined): void {
  if (!context) return;
  if (context.theme) applyDocumentTheme(context.theme);
  if (context.styles?.variables) applyHostStyleVariables(context.styles.variables);
  if (context.styles?.css?.fonts) applyHostFonts(context.styles.css.fonts);
}

function describe(page: Page): string {
  const who = { public: 'anyone with the link', shared: 'people with a passcode or an allowed e-mail', private: 'only its owner' }[page.visibility];
  return `In the page card, the user changed who may see the page ${page.id} ("${page.name}", ${page.url}): now ${page.visibility} (${who}).`;
}

export function connectToHost(): { host: Host; connected: Promise<void> } {
  const app = new App({ name: 'Outpost page card', version: '1.0.0' }, {});
  const listeners = new Set<(shown: Shown) => void>();
  let last: Shown | undefined;
  const show = (shown: Shown) => {
    last = shown;
    listeners.forEach((listener) => listener(shown));
  };

  app.ontoolresult = (result) => show(readResult(result));
  app.ontoolcancelled = () => show({ kind: 'note', text: 'The tool call was cancelled: there is no page to show.' });
  app.onhostcontextchanged = (context) => applyHostContext(context);
  app.onteardown = () => ({});

  const host: Host = {
    canCallTools: () => Boolean(app.getHostCapabilities()?.serverTools),
    async updatePage(page, change) {
      let result: ToolResult;
      try {
        result = await app.callServerTool({ name: 'outpost_update', arguments: { page_id: page.id, ...change } });
      } catch (e) {
        return { kind: 'error', text: `The host could not reach Outpost (${e instanceof Error ? e.message : String(e)}).` };
      }
      const shown = readResult(result);
      if (shown.kind === 'page' && app.getHostCapabilities()?.updateModelContext) {
        app.updateModelContext({ content: [{ type: 'text', text: describe(shown.page) }] }).catch(() => {});
      }
      return shown;
    },
    async openLink(url) {
      try {
        return !(await app.openLink({ url })).isError;
      } catch {
        return false;
      }
    },
    onResult(listener) {
      listeners.add(listener);
      if (last) listener(last);
      return () => listeners.delete(listener);
    },
  };

  const connected = app.connect().then(() => applyHostContext(app.getHostContext()));
  return { host, connected };
}
