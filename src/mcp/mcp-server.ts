// The MCP server of the 2024-11-05 … 2025-11-25 revisions (SDK 1.x) for one authenticated caller; what it offers is surface.ts.
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CallToolRequestSchema,
  CompleteRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
  SetLevelRequestSchema,
  type JSONRPCMessage,
} from '@modelcontextprotocol/sdk/types.js';
import { setSessionLogLevel } from './sessions.ts';
import { callTool, INSTRUCTIONS, listedTools, SERVER_INFO, complete, listResources, listResourceTemplates, readResource } from './surface.ts';
import type { McpCallContext } from './call-context.ts';

/** One validator for every per-request server: building one per request costs more than the call. */
const jsonSchemaValidator = new AjvJsonSchemaValidator();

/**
 * `message` with an error's plain text: McpError's message starts with "MCP error <code>: ", and SDK
 * clients put that before whatever message they receive, so users would read it twice.
 */
function withPlainErrorMessage(message: JSONRPCMessage): JSONRPCMessage {
  if (!('error' in message)) return message;
  const prefix = `MCP error ${message.error.code}: `;
  if (!message.error.message.startsWith(prefix)) return message;
  return { ...message, error: { ...message.error, message: message.error.message.slice(prefix.length) } };
}

/** The SDK server, sending every error message plain on whatever transport it is connected to. */
class OutpostMcpServer extends Server {
  override connect(transport: Transport): Promise<void> {
    const send = transport.send.bind(transport);
    transport.send = (message, options) => send(withPlainErrorMessage(message), options);
    return super.connect(transport);
  }
}

export function createMcpServer(ctx: McpCallContext): Server {
  const server = new OutpostMcpServer(SERVER_INFO, {
    jsonSchemaValidator,
    capabilities: { tools: { listChanged: true }, resources: {}, completions: {}, logging: {} },
    instructions: INSTRUCTIONS,
  });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: listedTools(ctx) }));
  // The level lives in the session document, so it holds on every instance and after restarts.
  server.setRequestHandler(SetLevelRequestSchema, async (request) => {
    if (ctx.session) await setSessionLogLevel(ctx.app.db, ctx.session._id, request.params.level);
    return {};
  });
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) =>
    callTool(ctx, {
      name: request.params.name,
      args: request.params.arguments ?? {},
      progressToken: request.params._meta?.progressToken,
      signal: extra.signal,
      notify: (notification) => extra.sendNotification(notification as never),
    }),
  );
  server.setRequestHandler(ListResourcesRequestSchema, async (request) => listResources(ctx, request.params?.cursor));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => listResourceTemplates());
  server.setRequestHandler(ReadResourceRequestSchema, async (request) => readResource(ctx, request.params.uri) as never);
  server.setRequestHandler(CompleteRequestSchema, async (request) => complete(ctx, request.params));
  return server;
}
