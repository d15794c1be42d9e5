// The MCP server of the 2026-07-28 revision (SDK 2.x) for one request of one authenticated caller; what
// it offers is surface.ts, as for the earlier revisions. The SDK checks the revision's envelope and
// headers, answers server/discover and stamps resultType, cache hints and serverInfo; modern-transport.ts
// hands it the request.
import { fromJsonSchema, Server, type AuthInfo, type ServerContext } from '@modelcontextprotocol/server';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/server/validators/ajv';
import { cancelTask, declaresTasks, getTask, missingTasksCapability, TASKS_EXTENSION, updateTask } from './tasks.ts';
import { MODERN_PROTOCOL_VERSION } from './transport-refusals.ts';
import { callTool, complete, INSTRUCTIONS, listedTools, listResources, listResourceTemplates, readResource, SERVER_INFO } from './surface.ts';
import type { McpCallContext } from './call-context.ts';

/** The caller of a modern request travels to the per-request server as the SDK's pass-through auth info. */
export function authInfoFor(ctx: McpCallContext): AuthInfo {
  return { token: '', clientId: ctx.caller.user.id, scopes: [...ctx.caller.scopes], extra: { outpost: ctx } };
}

function contextOf(authInfo: AuthInfo | undefined): McpCallContext {
  const ctx = (authInfo?.extra as { outpost?: McpCallContext } | undefined)?.outpost;
  if (!ctx) throw new Error('A modern MCP request reached the server without its caller');
  return ctx;
}

const TASK_PARAMS = fromJsonSchema<{ taskId: string }>({
  type: 'object',
  properties: { taskId: { type: 'string', minLength: 1, maxLength: 64 } },
  required: ['taskId'],
});

/** One validator for every per-request server: the SDK would build one (an Ajv) per request otherwise. */
const jsonSchemaValidator = new AjvJsonSchemaValidator();

/** Results depend on the caller (their scopes, their pages): no shared cache may keep them. */
const PRIVATE = { ttlMs: 0, cacheScope: 'private' as const };

export function createModernServer(authInfo: AuthInfo | undefined): Server {
  const ctx = { ...contextOf(authInfo), protocolVersion: MODERN_PROTOCOL_VERSION };
  const server = new Server(SERVER_INFO, {
    jsonSchemaValidator,
    capabilities: {
      tools: { listChanged: true },
      resources: { listChanged: true, subscribe: true },
      completions: {},
      extensions: { [TASKS_EXTENSION]: {} },
    },
    instructions: INSTRUCTIONS,
    cacheHints: {
      'server/discover': PRIVATE,
      'tools/list': PRIVATE,
      'resources/list': PRIVATE,
      'resources/templates/list': PRIVATE,
      'resources/read': PRIVATE,
    },
  });
  server.setRequestHandler('tools/list', async () => ({ tools: listedTools(ctx) }));
  server.setRequestHandler(
    'tools/call',
    async (request, extra: ServerContext) =>
      callTool(ctx, {
        name: request.params.name,
        args: request.params.arguments ?? {},
        progressToken: extra.mcpReq._meta?.progressToken,
        signal: extra.mcpReq.signal,
        notify: (notification) => extra.mcpReq.notify(notification as never),
        tasks: declaresTasks(server.getClientCapabilities()),
      }) as never,
  );
  // Only for requests that declare the extension; Outpost's tasks never ask for input, so tasks/update
  // only checks that the task is the caller's.
  const taskMethod = (run: (taskId: string) => Promise<Record<string, unknown>>) => async (params: { taskId: string }) => {
    if (!declaresTasks(server.getClientCapabilities())) throw missingTasksCapability();
    return run(params.taskId);
  };
  server.setRequestHandler(
    'tasks/get',
    { params: TASK_PARAMS },
    taskMethod((taskId) => getTask(ctx, taskId)),
  );
  server.setRequestHandler(
    'tasks/update',
    { params: TASK_PARAMS },
    taskMethod((taskId) => updateTask(ctx, taskId)),
  );
  server.setRequestHandler(
    'tasks/cancel',
    { params: TASK_PARAMS },
    taskMethod((taskId) => cancelTask(ctx, taskId)),
  );
  server.setRequestHandler('resources/list', async (request) => listResources(ctx, request.params?.cursor));
  server.setRequestHandler('resources/templates/list', async () => listResourceTemplates());
  server.setRequestHandler('resources/read', async (request) => readResource(ctx, request.params.uri) as never);
  server.setRequestHandler('completion/complete', async (request) => complete(ctx, request.params));
  return server;
}
