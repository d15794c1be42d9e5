// One MCP 2026-07-28 request as a client sends it: the per-request envelope in `_meta`, and the headers that
// mirror the body (MCP-Protocol-Version, Mcp-Method, and Mcp-Name for tools/call, resources/read and tasks/*).
export const MODERN_VERSION = '2026-07-28';

export interface ModernRequest {
  /** The /mcp URL. */
  url: URL | string;
  bearer: string;
  method: string;
  params?: Record<string, unknown>;
  clientCapabilities?: object;
  /** Replaces envelope keys (e.g. another protocol version). */
  meta?: object;
  /** Added to, or (undefined) removed from, the mirroring headers. */
  headers?: Record<string, string | undefined>;
  signal?: AbortSignal;
}

export function envelope(clientCapabilities: object = {}, meta: object = {}) {
  return {
    'io.modelcontextprotocol/protocolVersion': MODERN_VERSION,
    'io.modelcontextprotocol/clientCapabilities': clientCapabilities,
    'io.modelcontextprotocol/clientInfo': { name: 'outpost-test', version: '1' },
    ...meta,
  };
}

function nameOf(method: string, params: Record<string, unknown>): unknown {
  if (method === 'tools/call') return params.name;
  if (method === 'resources/read') return params.uri;
  if (method.startsWith('tasks/')) return params.taskId;
  return undefined;
}

export function modernFetch(request: ModernRequest): Promise<Response> {
  const params = request.params ?? {};
  const name = nameOf(request.method, params);
  const headers: Record<string, string | undefined> = {
    Authorization: `Bearer ${request.bearer}`,
    'Content-Type': 'application/json',
    Accept: 'application/json, text/event-stream',
    'MCP-Protocol-Version': MODERN_VERSION,
    'Mcp-Method': request.method,
    ...(typeof name === 'string' ? { 'Mcp-Name': name } : {}),
    ...request.headers,
  };
  return fetch(request.url, {
    method: 'POST',
    headers: Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined)),
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: request.method, params: { ...params, _meta: envelope(request.clientCapabilities, request.meta) } }),
    signal: request.signal,
  });
}

export interface ModernReply {
  status: number;
  headers: Headers;
  body: { result?: any; error?: { code: number; message: string; data?: any } };
}

/** The request, answered in JSON. */
export async function modernCall(request: ModernRequest): Promise<ModernReply> {
  const res = await modernFetch(request);
  return { status: res.status, headers: res.headers, body: JSON.parse(await res.text()) };
}
