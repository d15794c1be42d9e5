// What the MCP endpoints (/mcp, /mcp/message, /sse) answer when they refuse a request before any message
// runs: a JSON-RPC error object instead of hapi's error shape, with the HTTP status and its headers
// (WWW-Authenticate, Allow, Retry-After) as they are. MCP clients read `error.message` from any answer.
import Boom from '@hapi/boom';
import type { Request } from '@hapi/hapi';
import { SUPPORTED_PROTOCOL_VERSIONS, type RequestId } from '@modelcontextprotocol/sdk/types.js';
import { RATE_LIMITED } from './rate-limited.ts';

/** Error codes: JSON-RPC's own, and the -32000 range JSON-RPC leaves to servers. */
export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
const INTERNAL_ERROR = -32603;
/** Any other refusal by the transport (the code the SDK's own transports use). */
export const TRANSPORT_REFUSAL = -32000;
export const SESSION_NOT_FOUND = -32001;
/** The MCP-Protocol-Version of a request is one this server does not speak (MCP 2026-07-28). */
export const UNSUPPORTED_PROTOCOL_VERSION = -32022;

export interface JsonRpcErrorBody {
  jsonrpc: '2.0';
  id: RequestId | null;
  error: { code: number; message: string; data?: Record<string, unknown> };
}

export function jsonRpcError(code: number, message: string, id: RequestId | null = null, data?: Record<string, unknown>): JsonRpcErrorBody {
  return { jsonrpc: '2.0', id, error: data ? { code, message, data } : { code, message } };
}

/** A refusal to throw from a handler or failAction: an HTTP error whose body is already JSON-RPC. */
export function refusal(statusCode: number, code: number, message: string, data?: Record<string, unknown>, id: RequestId | null = null): Boom.Boom {
  const err = new Boom.Boom(message, { statusCode });
  err.output.payload = jsonRpcError(code, message, id, data) as unknown as Boom.Payload;
  return err;
}

/** The revision served per request (with the per-request `_meta` envelope, no session). */
export const MODERN_PROTOCOL_VERSION = '2026-07-28';
/** Every revision this server speaks, newest first: the modern one, then those negotiated by `initialize`. */
export const ALL_PROTOCOL_VERSIONS: readonly string[] = [MODERN_PROTOCOL_VERSION, ...SUPPORTED_PROTOCOL_VERSIONS];

/** The 400 for an MCP-Protocol-Version header naming a version this server does not speak; undefined when it is fine. */
export function protocolVersionRefusal(version: string | undefined, id: RequestId | null = null): Boom.Boom | undefined {
  if (!version || ALL_PROTOCOL_VERSIONS.includes(version)) return undefined;
  return refusal(
    400,
    UNSUPPORTED_PROTOCOL_VERSION,
    `Unsupported MCP-Protocol-Version ${version}; supported: ${ALL_PROTOCOL_VERSIONS.join(', ')}`,
    { requested: version, supported: [...ALL_PROTOCOL_VERSIONS] },
    id,
  );
}

function isMcpEndpoint(request: Request): boolean {
  // A path no route takes with this method (a 405 or 404) has no route tags: its path tells.
  return request.route.settings.tags?.includes('mcp') === true || request.path === '/mcp' || request.path.startsWith('/mcp/');
}

function codeFor(err: Boom.Boom): { code: number; data?: Record<string, unknown> } {
  const status = err.output.statusCode;
  const retryAfter = Number(err.output.headers['Retry-After']);
  if (status === 429 && Number.isInteger(retryAfter)) return { code: RATE_LIMITED, data: { retry_after_seconds: retryAfter } };
  if (status === 400) return { code: INVALID_REQUEST };
  if (status >= 500) return { code: INTERNAL_ERROR };
  return { code: TRANSPORT_REFUSAL };
}

/**
 * `response` with a JSON-RPC body when it is an HTTP error from an MCP endpoint (its status and headers
 * stay); any other response as it is. Call once the error's final status and message are set.
 */
export function asJsonRpcRefusal<T>(request: Request, response: T): T {
  if (!Boom.isBoom(response) || !isMcpEndpoint(request)) return response;
  const payload = response.output.payload as unknown as Partial<JsonRpcErrorBody> & { message?: string };
  if (payload.jsonrpc === '2.0') return response;
  const { code, data } = codeFor(response);
  response.output.payload = jsonRpcError(code, payload.message ?? response.message, null, data) as unknown as Boom.Payload;
  return response;
}
