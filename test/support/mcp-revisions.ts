// An MCP client of each kind Outpost serves, each through the real SDK where there is one, with one
// operation to repeat (a tool call) that says whether it worked and which instance answered (nginx's
// X-Upstream; see cluster.ts). Used by the cluster test and bench:cluster.
import { Client as ModernClient, StreamableHTTPClientTransport as ModernTransport } from '@modelcontextprotocol/client';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { upstreamOf } from './cluster.ts';

/** Revisions whose clients `initialize` a session (kept in MongoDB: any instance serves it). */
export const SESSION_REVISIONS = ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25'] as const;
export const MODERN_REVISION = '2026-07-28';

export interface CallOutcome {
  ok: boolean;
  /** The instance (host:port) that answered the call, when one did. */
  upstream?: string;
  /** The MCP session the call ran in (sessions and legacy SSE). */
  session?: string;
  error?: string;
}

export interface RevisionClient {
  label: string;
  /** outpost_whoami; ok when it names the client's own user. */
  call(): Promise<CallOutcome>;
  close(): Promise<void>;
  /** The instance that answered the client's last GET stream (sessions and legacy SSE). */
  readonly streamUpstream?: string;
}

interface Observed {
  upstream?: string;
  session?: string;
  /** The instance that answered the last GET (the legacy stream). */
  stream?: string;
}

/** fetch that notes what the last POST's answer said, and rewrites `initialize` to ask for `version`. */
function observingFetch(observed: Observed, version?: string): typeof fetch {
  return async (input, init) => {
    let body = init?.body;
    if (version && typeof body === 'string' && body.includes('"method":"initialize"')) {
      const message = JSON.parse(body);
      message.params.protocolVersion = version;
      body = JSON.stringify(message);
    }
    const res = await fetch(input, { ...init, body });
    const url = new URL(String(input instanceof Request ? input.url : input));
    if (init?.method === 'POST') {
      observed.upstream = upstreamOf(res.headers);
      observed.session = res.headers.get('mcp-session-id') ?? url.searchParams.get('session_id') ?? observed.session;
    } else if (!init?.method || init.method === 'GET') {
      observed.stream = upstreamOf(res.headers);
    }
    return res;
  };
}

async function outcome(observed: Observed, email: string, run: () => Promise<unknown>): Promise<CallOutcome> {
  observed.upstream = undefined;
  try {
    const result = (await run()) as { structuredContent?: { user?: { email?: string } } };
    const who = result.structuredContent?.user?.email;
    return who === email
      ? { ok: true, upstream: observed.upstream, session: observed.session }
      : { ok: false, upstream: observed.upstream, error: `answered for ${who}` };
  } catch (e) {
    return { ok: false, upstream: observed.upstream, session: observed.session, error: (e as Error).message };
  }
}

const WHOAMI = { name: 'outpost_whoami', arguments: {} };

/** A 1.x SDK client that initialized a Streamable HTTP session of `version`. */
export async function sessionClient(base: string, token: string, email: string, version: (typeof SESSION_REVISIONS)[number]): Promise<RevisionClient> {
  const observed: Observed = {};
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', base), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
    fetch: observingFetch(observed, version),
  });
  const client = new Client({ name: `cluster-${version}`, version: '1' });
  client.onerror = () => {}; // a GET stream cut by a dying instance is reopened by the transport
  await client.connect(transport);
  if (transport.protocolVersion !== version) throw new Error(`asked for ${version}, got ${transport.protocolVersion}`);
  return {
    label: `session ${version}`,
    get streamUpstream() {
      return observed.stream;
    },
    call: () => outcome(observed, email, () => client.callTool(WHOAMI)),
    close: () => client.close(),
  };
}

/** Single JSON-RPC requests without `initialize` (the README's curl). */
export function statelessClient(base: string, token: string, email: string): RevisionClient {
  const observed: Observed = {};
  return {
    label: 'stateless JSON',
    call: () =>
      outcome(observed, email, async () => {
        const res = await fetch(new URL('/mcp', base), {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: WHOAMI }),
        });
        observed.upstream = upstreamOf(res.headers);
        if (!res.headers.get('content-type')?.includes('json'))
          throw new Error(`HTTP ${res.status} (${await res.text().then((t) => t.length)} bytes, not JSON)`);
        const body = (await res.json()) as { result?: unknown; error?: { message: string } };
        if (!body.result) throw new Error(`${res.status} ${body.error?.message}`);
        return body.result;
      }),
    close: async () => {},
  };
}

/** A 2.x SDK client pinned to 2026-07-28 (no session). */
export async function modernClient(base: string, token: string, email: string): Promise<RevisionClient> {
  const observed: Observed = {};
  const client = new ModernClient({ name: 'cluster-modern', version: '1' }, { versionNegotiation: { mode: { pin: MODERN_REVISION } } });
  await client.connect(
    new ModernTransport(new URL('/mcp', base), { requestInit: { headers: { Authorization: `Bearer ${token}` } }, fetch: observingFetch(observed) }),
  );
  return { label: MODERN_REVISION, call: () => outcome(observed, email, () => client.callTool(WHOAMI)), close: () => client.close() };
}

/** A 1.x SDK client of the 2024-11-05 HTTP+SSE transport, on `/sse` (or `GET /mcp`). */
export async function legacySseClient(base: string, token: string, email: string, path: '/sse' | '/mcp' = '/sse'): Promise<RevisionClient> {
  const observed: Observed = {};
  const client = new Client({ name: 'cluster-sse', version: '1' });
  client.onerror = () => {};
  const observe = observingFetch(observed);
  await client.connect(
    new SSEClientTransport(new URL(path, base), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
      eventSourceInit: { fetch: (url, init) => observe(url, { ...init, headers: { ...(init?.headers as object), Authorization: `Bearer ${token}` } }) },
      fetch: observe,
    }),
  );
  const streamUpstream = observed.stream;
  return {
    label: 'legacy SSE',
    streamUpstream,
    call: () => outcome(observed, email, () => client.callTool(WHOAMI)),
    close: () => client.close(),
  };
}
