// MCP over HTTP on the hapi server. This module is the only one that touches the SDK's transport,
// so a move to the SDK's next major stays a contained swap.
//
// POST /mcp answers each JSON-RPC request on its own (stateless), as the seed's single round-trip
// endpoint: no initialize or session header is needed, and a client that does not accept
// text/event-stream gets a plain JSON body.
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Caller } from '../server/auth.ts';
import { createMcpServer } from './mcp-server.ts';
import type { LoadedTool } from './tools-registry.ts';

export function registerMcpRoutes(server: Server, tools: () => readonly LoadedTool[]): void {
  server.route({
    method: 'POST',
    path: '/mcp',
    options: {
      auth: 'outpost',
      tags: ['mcp'],
      payload: {
        allow: ['application/json'],
        failAction: (_request, h) => h.response(jsonRpcError(-32700, 'Parse error: Invalid JSON')).code(400).takeover(),
      },
      handler: async (request: Request, h: ResponseToolkit) => {
        const caller = (request.auth.credentials as { caller: Caller }).caller;
        const req = request.raw.req;
        const accept = String(req.headers.accept ?? '');
        const wantsStream = accept.includes('text/event-stream');
        // The SDK insists on both media types; JSON-only clients (curl, the seed) get JSON.
        if (!wantsStream || !accept.includes('application/json')) req.headers.accept = 'application/json, text/event-stream';
        const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: !wantsStream });
        const mcp = createMcpServer({
          hapi: server,
          tools: tools(),
          caller,
          authorization: request.headers.authorization as string,
          remoteAddress: request.info.remoteAddress,
        });
        request.raw.res.on('close', () => {
          void transport.close();
          void mcp.close();
        });
        await mcp.connect(transport);
        await transport.handleRequest(req, request.raw.res, lenientInitialize(request.payload));
        return h.abandon;
      },
    },
  });
}

/**
 * The seed documents `initialize` with empty params; the SDK requires protocolVersion, capabilities
 * and clientInfo. Missing ones are filled in (a client that names no version gets 2024-11-05).
 */
function lenientInitialize(payload: unknown): unknown {
  const fill = (message: unknown) => {
    if (!message || typeof message !== 'object' || (message as { method?: unknown }).method !== 'initialize') return message;
    const params = ((message as { params?: Record<string, unknown> }).params ?? {}) as Record<string, unknown>;
    return {
      ...message,
      params: {
        protocolVersion: '2024-11-05',
        capabilities: {},
        clientInfo: { name: 'unknown-client', version: '0' },
        ...params,
      },
    };
  };
  return Array.isArray(payload) ? payload.map(fill) : fill(payload);
}

function jsonRpcError(code: number, message: string) {
  return { jsonrpc: '2.0', id: null, error: { code, message } };
}
