// A minimal MCP Apps host for the page card's browser test (bundled by esbuild, served from a loopback origin that
// is not Outpost's): the card goes into a sandbox="allow-scripts" iframe as srcdoc, under the CSP its resource's
// `_meta.ui.csp` asks for; ext-apps' AppBridge hands it the tool result and forwards its tools/call to this page's
// server (POST /tools/call), which runs them on Outpost's MCP server with the test's client.
import {
  AppBridge,
  buildAllowAttribute,
  PostMessageTransport,
  type McpUiResourceMeta,
  type McpUiResourceCsp,
  type McpUiToolResultNotification,
} from '@modelcontextprotocol/ext-apps/app-bridge';

export interface MountOptions {
  html: string;
  ui: McpUiResourceMeta;
  toolName: string;
  toolArguments: Record<string, unknown>;
  toolResult: McpUiToolResultNotification['params'];
  theme: 'light' | 'dark';
}

/** What the host saw of the card, for the test to read. */
export interface HostLog {
  toolCalls: { name: string; arguments?: Record<string, unknown> }[];
  modelContext: string[];
  openedLinks: string[];
}

export interface HostWindow {
  mountCard(options: MountOptions): Promise<void>;
  hostLog: HostLog;
}

/** The card's CSP, as a host builds it from `_meta.ui.csp`: nothing but inline code and the declared origins. */
export function cardCsp(csp: McpUiResourceCsp = {}): string {
  const list = (domains: string[] | undefined, none = "'none'") => {
    const safe = (domains ?? []).filter((d) => /^[a-z][a-z0-9+.-]*:\/\/[^\s;,'"]+$/i.test(d));
    return safe.length ? safe.join(' ') : none;
  };
  const resources = list(csp.resourceDomains, '');
  return [
    "default-src 'none'",
    `script-src 'unsafe-inline' ${resources}`.trim(),
    `style-src 'unsafe-inline' ${resources}`.trim(),
    `img-src data: ${resources}`.trim(),
    `font-src data: ${resources}`.trim(),
    `connect-src ${list(csp.connectDomains)}`,
    `frame-src ${list(csp.frameDomains)}`,
    `base-uri ${list(csp.baseUriDomains)}`,
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}

const hostLog: HostLog = { toolCalls: [], modelContext: [], openedLinks: [] };

async function mountCard(options: MountOptions): Promise<void> {
  const slot = document.getElementById('slot') as HTMLElement;
  const frame = document.createElement('iframe');
  frame.id = 'card';
  frame.title = 'Outpost page card';
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.setAttribute('allow', buildAllowAttribute(options.ui.permissions));
  if (options.ui.prefersBorder) frame.classList.add('bordered');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${cardCsp(options.ui.csp)}">`;
  frame.srcdoc = options.html.replace(/<head>/i, `<head>${meta}`);
  slot.replaceChildren(frame);

  const bridge = new AppBridge(
    null,
    { name: 'Outpost test host', version: '1.0.0' },
    { serverTools: {}, openLinks: {}, updateModelContext: { text: {} } },
    { hostContext: { theme: options.theme, platform: 'web', displayMode: 'inline', containerDimensions: { width: slot.clientWidth, maxHeight: 4000 } } },
  );
  bridge.oncalltool = async (params) => {
    hostLog.toolCalls.push({ name: params.name, arguments: params.arguments });
    const res = await fetch('/tools/call', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) });
    return res.json();
  };
  bridge.onupdatemodelcontext = async ({ content }) => {
    for (const block of content ?? []) if (block.type === 'text') hostLog.modelContext.push(block.text);
    return {};
  };
  bridge.onopenlink = async ({ url }) => {
    hostLog.openedLinks.push(url);
    return {};
  };
  bridge.onsizechange = ({ height }) => {
    if (height) frame.style.height = `${Math.ceil(height)}px`;
  };
  const initialized = new Promise<void>((resolve) => (bridge.oninitialized = () => resolve()));
  await bridge.connect(new PostMessageTransport(frame.contentWindow as Window, frame.contentWindow as Window));
  await initialized;
  await bridge.sendToolInput({ arguments: options.toolArguments });
  await bridge.sendToolResult(options.toolResult);
}

Object.assign(window, { mountCard, hostLog } satisfies HostWindow);
