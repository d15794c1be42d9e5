// Runs a tool through its REST operation as the caller, so MCP gets exactly REST's validation, scopes,
// per-user isolation and rate limit: called directly (rest/direct-call.ts, the route's own checks without
// hapi's request lifecycle) when the operation allows it, else through its route (server.inject). The caller
// was authenticated by the MCP request; its credentials are handed over instead of being looked up again.
import type { Server } from '@hapi/hapi';
import type { Caller } from '../auth/caller.ts';
import type { CallExtras } from '../rest/call-extras.ts';
import { directCaller } from '../rest/direct-call.ts';
import { operations, type OperationId } from '../generated/operations.ts';
import { ToolError } from './tool.ts';
import { argumentProblem, pathSegment } from './tool-arguments.ts';
import { toolInput } from './tool-schemas.ts';
import type { LoadedTool } from './tools-registry.ts';

export interface ToolResult {
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  [key: string]: unknown;
}

export function errorResult(message: string): ToolResult {
  return { content: [{ type: 'text', text: JSON.stringify({ error: message }, null, 2) }], isError: true };
}

/** A tool result of `value`: its pretty JSON as text, and the value itself as structured content when it is an object. */
export function jsonResult(value: unknown): ToolResult {
  const result: ToolResult = { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }] };
  if (value && typeof value === 'object' && !Array.isArray(value)) result.structuredContent = value as Record<string, unknown>;
  return result;
}

/** An operation as a tool, for the REST calls of tools without a REST twin (one per operation). */
const operationTools = new Map<OperationId, LoadedTool>();
function operationTool(operationId: OperationId): LoadedTool {
  let tool = operationTools.get(operationId);
  if (!tool) {
    const input = toolInput(operations[operationId]);
    operationTools.set(
      operationId,
      (tool = { name: operationId, operationId, sources: input.sources, inputSchema: input.schema, argumentSchema: input.schema } as LoadedTool),
    );
  }
  return tool;
}

/** One tool call: what runs, with which arguments, for whom. */
export interface ToolCall {
  /** The hapi server whose routes the call runs through. */
  server: Server;
  tool: LoadedTool;
  args: Record<string, unknown>;
  caller: Caller;
  /** The MCP client's address, as the REST route sees it. */
  remoteAddress: string;
  /** Base of the URLs a tool hands out (PUBLIC_URL). */
  publicUrl?: string;
  /** Aborted when the client cancels the call. */
  signal?: AbortSignal;
  progress?: CallExtras['progress'];
  /** The MCP message already paid for this call (see CallExtras). */
  prepaid?: boolean;
  /** Through the operation's hapi route even when it can be called directly (tests compare the two). */
  viaRoute?: boolean;
}

/** A tool without a REST twin: its arguments were checked against its component schema; it runs. */
async function runComponentTool(toolCall: ToolCall): Promise<ToolResult> {
  const { tool, args, caller, publicUrl = '' } = toolCall;
  const call = async (operationId: OperationId, callArgs: Record<string, unknown>) => {
    const result = await invokeTool({ ...toolCall, tool: operationTool(operationId), args: callArgs });
    const payload = JSON.parse(result.content[0].text);
    if (result.isError) throw new ToolError(payload.error);
    return payload;
  };
  try {
    return jsonResult(await tool.run!(args, { publicUrl, userId: caller.user.id, call }));
  } catch (e) {
    if (e instanceof ToolError) return errorResult(e.message);
    throw e;
  }
}

export async function invokeTool(toolCall: ToolCall): Promise<ToolResult> {
  const { tool } = toolCall;
  // Nothing is built from arguments that do not fit the tool's input schema.
  const problem = argumentProblem(tool, toolCall.args);
  if (problem) return errorResult(problem);
  if (!tool.operationId) return runComponentTool(toolCall);
  const sent = await injectOperation(toolCall);
  if ('problem' in sent) return errorResult(sent.problem);
  const { status, body: payload } = sent;
  if (status >= 200 && status < 300) {
    const value = payload === undefined ? { ok: true } : payload;
    return jsonResult(tool.result ? tool.result(value) : value);
  }
  const message = (payload as { message?: string } | undefined)?.message ?? `Request failed with status ${status}`;
  return errorResult(status >= 500 ? `Outpost failed to run ${tool.name}: ${message}` : message);
}

export interface OperationReply {
  status: number;
  headers: Record<string, unknown>;
  /** The body as sent. */
  raw: Buffer;
  /** The body parsed as JSON (as text when it is not JSON); undefined when empty. */
  body: unknown;
}

/** Runs a REST operation as the caller through its route; `args` are its flattened path, query and body fields. */
export async function callOperation(
  call: Omit<ToolCall, 'tool' | 'args' | 'progress'>,
  operationId: OperationId,
  args: Record<string, unknown>,
): Promise<OperationReply | { problem: string }> {
  return injectOperation({ ...call, tool: operationTool(operationId), args });
}

async function injectOperation(toolCall: ToolCall): Promise<OperationReply | { problem: string }> {
  const { server, tool, args, caller, remoteAddress, signal } = toolCall;
  const extras: CallExtras = { signal, progress: toolCall.progress, prepaid: toolCall.prepaid };
  const op = operations[tool.operationId!];
  let url = op.path as string;
  // The query as hapi hands it to a route: a string per name, or a list for a repeated one.
  const query: Record<string, string | string[]> = {};
  const params: Record<string, string> = {};
  let body: Record<string, unknown> | undefined;
  for (const [arg, source] of Object.entries(tool.sources)) {
    const value = args[arg];
    if (source.from === 'params') {
      const path = pathSegment(arg, value);
      if ('problem' in path) return { problem: path.problem };
      url = url.replace(`{${source.name}}`, path.segment);
      params[source.name] = String(value);
    } else if (value === undefined) {
      continue;
    } else if (source.from === 'query') {
      // An empty list sends nothing (a query string cannot carry one).
      if (Array.isArray(value) && value.length === 0) continue;
      query[source.name] = Array.isArray(value) ? (value.length === 1 ? String(value[0]) : value.map(String)) : String(value);
    } else {
      (body ??= {})[source.name] = value;
    }
  }
  // A request cancelled before it reached its route is not run at all.
  if (signal?.aborted) return { problem: 'Cancelled' };
  if (!body && op.bodyRequired) body = {};

  const direct = toolCall.viaRoute
    ? undefined
    : await directCaller(server)?.call({
        operationId: tool.operationId!,
        path: url,
        params,
        query,
        body,
        caller,
        remoteAddress,
        extras,
      });
  if (direct) return direct;
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) for (const v of Array.isArray(value) ? value : [value]) search.append(name, v);
  if (search.size) url += `?${search}`;

  const res = await server.inject({
    method: op.method,
    url,
    headers: body ? { 'content-type': 'application/json' } : {},
    auth: { strategy: 'outpost', credentials: { caller, user: { id: caller.user.id } } as never },
    payload: body ? JSON.stringify(body) : undefined,
    remoteAddress,
    app: { mcp: extras },
  });
  return { status: res.statusCode, headers: res.headers, raw: res.rawPayload, body: res.payload ? safeJson(res.payload) : undefined };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
