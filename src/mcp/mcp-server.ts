// The MCP protocol side: tools/list and tools/call for one authenticated caller.
import type { Server as Hapi } from '@hapi/hapi';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  SetLevelRequestSchema,
  type JSONRPCMessage,
} from '@modelcontextprotocol/sdk/types.js';
import type { Services } from '../services.ts';
import { RateLimitExceeded } from '../auth/rate-limit.ts';
import { setSessionLogLevel, type McpSession } from './sessions.ts';
import type { Caller } from '../auth/caller.ts';
import { errorResult, invokeTool } from './invoke.ts';
import { rateLimitedError } from './rate-limited.ts';
import { argumentProblem } from './tool-arguments.ts';
import type { LoadedTool } from './tools-registry.ts';

export const SERVER_INFO = { name: 'outpost', version: '0.1.0' } as const;

export interface McpCallContext {
  hapi: Hapi;
  app: Services;
  /** The Streamable HTTP session, when the client opened one. */
  session?: McpSession;
  tools: readonly LoadedTool[];
  caller: Caller;
  remoteAddress: string;
}

/**
 * MCP acts with the caller's permissions minus account management: even a session JWT (which may
 * manage the account, its tokens and invitations over REST) cannot do that through MCP.
 */
function mcpCaller(caller: Caller): Caller {
  return { ...caller, scopes: caller.scopes.filter((s) => s !== 'account' && s !== 'admin') };
}

/** Tools the caller's credential may use; the others are neither listed nor callable. */
function visibleTools(tools: readonly LoadedTool[], caller: Caller): LoadedTool[] {
  return tools.filter((t) => !t.scopes || t.scopes.every((s) => caller.scopes.includes(s)));
}

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
    capabilities: { tools: { listChanged: true }, logging: {} },
    instructions: 'Outpost hosts static pages for this account. Each tool mirrors an Outpost REST operation; call tools/list to see what this token may do.',
  });
  const caller = mcpCaller(ctx.caller);
  const tools = visibleTools(ctx.tools, caller);
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: tools.map((t) => ({
      name: t.name,
      title: t.title,
      description: t.description,
      inputSchema: t.inputSchema as { type: 'object' },
      ...(t.outputSchema ? { outputSchema: t.outputSchema as { type: 'object' } } : {}),
      annotations: t.annotations,
    })),
  }));
  // The level lives in the session document, so it holds on every instance and after restarts.
  server.setRequestHandler(SetLevelRequestSchema, async (request) => {
    if (ctx.session) await setSessionLogLevel(ctx.app.db, ctx.session._id, request.params.level);
    return {};
  });
  // A call that runs pays at its REST route; one refused before it gets there pays here.
  const spendOne = async () => {
    try {
      await ctx.app.limits.consumeRequest(caller.user.id);
    } catch (e) {
      if (e instanceof RateLimitExceeded) {
        const error = rateLimitedError(e);
        throw Object.assign(new Error(error.message), { code: error.code, data: error.data });
      }
      throw e;
    }
  };
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const tool = tools.find((t) => t.name === request.params.name);
    if (!tool) {
      await spendOne();
      throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${request.params.name}`);
    }
    const args = request.params.arguments ?? {};
    const problem = argumentProblem(tool, args);
    if (problem) {
      await spendOne();
      return errorResult(problem);
    }
    const progressToken = request.params._meta?.progressToken;
    // MCP requires progress to grow with each notification: the tool's own steps count from 1, and
    // the last notification says done at whatever count was reached.
    let last = -1;
    const notify = (value: number, total: number | undefined, message: string) => {
      if (progressToken === undefined || value <= last) return Promise.resolve();
      last = value;
      return extra
        .sendNotification({ method: 'notifications/progress', params: { progressToken, progress: value, ...(total !== undefined ? { total } : {}), message } })
        .catch(() => {});
    };
    await notify(0, 1, `Running ${tool.name}`);
    const reportStep =
      progressToken === undefined
        ? undefined
        : (value: number, total: number | undefined, message: string) => {
            void notify(value + 1, total === undefined ? undefined : total + 1, message);
          };
    const result = await invokeTool({
      server: ctx.hapi,
      tool,
      args,
      caller,
      remoteAddress: ctx.remoteAddress,
      publicUrl: ctx.app.config.publicUrl,
      signal: extra.signal,
      progress: reportStep,
    });
    const final = Math.max(last + 1, 1);
    await notify(final, final, `${tool.name} finished`);
    return result;
  });
  return server;
}
