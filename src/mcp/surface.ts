// What Outpost offers over MCP, whatever the protocol revision: the tools a caller may see and call,
// and the caller they run as. mcp-server.ts (2024-11-05 … 2025-11-25) and modern-server.ts
// (2026-07-28) register these same functions, so the two eras cannot drift apart.
//
// Every call runs as the authenticated caller through the REST routes (invoke.ts): scopes, per-user
// isolation and the rate budget are REST's.
import { RateLimitExceeded } from '../auth/rate-limit.ts';
import { errorResult, invokeTool, type ToolResult } from './invoke.ts';
import { rateLimitedError } from './rate-limited.ts';
import { INVALID_PARAMS, mcpCaller, protocolError, type McpCallContext } from './call-context.ts';
import { completePageArgument, FILE_TEMPLATE, listResources as listPageResources, PAGE_TEMPLATE, pageLink, readPageResource } from './resources.ts';
import { PAGE_CARD_TOOL_META, PAGE_CARD_URI, pageCardListing, readPageCard } from './page-card-resource.ts';
import { createTaskResult } from './tasks.ts';
import { argumentProblem } from './tool-arguments.ts';
import type { ToolUi } from './tool.ts';
import type { LoadedTool } from './tools-registry.ts';

export { listResourceTemplates } from './resources.ts';

export const SERVER_INFO = { name: 'outpost', version: '0.1.0' } as const;

export const INSTRUCTIONS =
  'Outpost hosts static pages for this account. Each tool mirrors an Outpost REST operation; call tools/list to see what this token may do.';

/** Whether the caller's credential may use `tool`. */
function mayUse(caller: ReturnType<typeof mcpCaller>, tool: LoadedTool): boolean {
  return !tool.scopes || tool.scopes.every((s) => caller.scopes.includes(s));
}

/** Tools the caller's credential may use; the others are neither listed nor callable. */
export function visibleTools(ctx: McpCallContext): LoadedTool[] {
  const caller = mcpCaller(ctx.caller);
  return ctx.tools.filter((t) => mayUse(caller, t));
}

/** What a tools/list entry carries to name its MCP Apps view. */
const UI_META: Record<ToolUi, Record<string, unknown>> = { 'page-card': PAGE_CARD_TOOL_META };

/** `tools/list`'s entries. */
export function listedTools(ctx: McpCallContext) {
  return visibleTools(ctx).map((t) => ({
    name: t.name,
    title: t.title,
    description: t.description,
    inputSchema: t.inputSchema as { type: 'object' },
    ...(t.outputSchema ? { outputSchema: t.outputSchema as { type: 'object' } } : {}),
    annotations: t.annotations,
    ...(t.ui ? { _meta: UI_META[t.ui] } : {}),
  }));
}

/**
 * A message the REST route refused before it ran still costs one request of the budget: a call that
 * runs pays at its REST route, one refused before it gets there pays here.
 */
export async function spendOne(ctx: McpCallContext): Promise<void> {
  if (ctx.prepaid) return;
  try {
    await ctx.app.limits.consumeRequest(ctx.caller.user.id);
  } catch (e) {
    if (e instanceof RateLimitExceeded) {
      const error = rateLimitedError(e);
      throw protocolError(error.code, error.message, error.data);
    }
    throw e;
  }
}

export interface ToolCallRequest {
  name: string;
  args: Record<string, unknown>;
  /** The client's progress token: progress notifications are sent only when it is given. */
  progressToken?: string | number;
  signal?: AbortSignal;
  /** Sends a notification related to this request (progress). */
  notify: (notification: { method: string; params: Record<string, unknown> }) => Promise<void>;
  /** The request declared the Tasks extension: a capture still running is answered with its task. */
  tasks?: boolean;
}

/** How long a tools/call that may answer with a task waits for a capture first, unless it names its own `wait`. */
const TASK_WAIT_SECONDS = 5;

/** A tools/call result: content[0] is the JSON text; a resource_link may follow. */
export type McpToolResult = Omit<ToolResult, 'content'> & { content: (ToolResult['content'][number] | ReturnType<typeof pageLink>)[] };

export async function callTool(ctx: McpCallContext, call: ToolCallRequest): Promise<McpToolResult | ReturnType<typeof createTaskResult>> {
  const caller = mcpCaller(ctx.caller);
  const tool = ctx.tools.find((t) => t.name === call.name && mayUse(caller, t));
  if (!tool) {
    await spendOne(ctx);
    throw protocolError(INVALID_PARAMS, `Unknown tool: ${call.name}`);
  }
  const problem = argumentProblem(tool, call.args);
  if (problem) {
    await spendOne(ctx);
    return errorResult(problem);
  }
  const { progressToken } = call;
  // MCP requires progress to grow with each notification: the tool's own steps count from 1, and
  // the last notification says done at whatever count was reached.
  let last = -1;
  const notify = (value: number, total: number | undefined, message: string) => {
    if (progressToken === undefined || value <= last) return Promise.resolve();
    last = value;
    return call
      .notify({ method: 'notifications/progress', params: { progressToken, progress: value, ...(total !== undefined ? { total } : {}), message } })
      .catch(() => {});
  };
  await notify(0, 1, `Running ${tool.name}`);
  const reportStep =
    progressToken === undefined
      ? undefined
      : (value: number, total: number | undefined, message: string) => {
          void notify(value + 1, total === undefined ? undefined : total + 1, message);
        };
  const args =
    call.tasks && typeof call.args.source_url === 'string' && call.args.wait === undefined && hasArgument(tool, 'wait')
      ? { ...call.args, wait: TASK_WAIT_SECONDS }
      : call.args;
  const result = await invokeTool({
    server: ctx.hapi,
    tool,
    args,
    caller,
    remoteAddress: ctx.remoteAddress,
    publicUrl: ctx.app.config.publicUrl,
    signal: call.signal,
    prepaid: ctx.prepaid,
    progress: reportStep,
  });
  const final = Math.max(last + 1, 1);
  await notify(final, final, `${tool.name} finished`);
  const job = stillCapturing(result);
  if (call.tasks && job) return createTaskResult(job);
  return withPageLink(ctx, tool, result);
}

function hasArgument(tool: LoadedTool, name: string): boolean {
  return Object.hasOwn((tool.inputSchema.properties as object | undefined) ?? {}, name);
}

/** The job of a result that says its capture is still running (CaptureAccepted), else undefined. */
function stillCapturing(result: ToolResult): unknown {
  const body = result.structuredContent as { id?: unknown; job?: unknown } | undefined;
  return !result.isError && body && body.id === undefined && body.job && typeof body.job === 'object' ? body.job : undefined;
}

/** resource_link content arrived in 2025-06-18; clients of earlier revisions would not know it. */
const FIRST_REVISION_WITH_LINKS = '2025-06-18';

/** A result that created or changed a page links to it after its JSON text (which stays content[0]). */
function withPageLink(ctx: McpCallContext, tool: LoadedTool, result: ToolResult): McpToolResult {
  if (result.isError || tool.ui !== 'page-card' || tool.annotations.readOnlyHint) return result;
  // A request with no session and no MCP-Protocol-Version header is 2025-03-26's (the transport's rule).
  if ((ctx.protocolVersion ?? '2025-03-26') < FIRST_REVISION_WITH_LINKS) return result;
  const page = result.structuredContent as { id?: unknown; name?: unknown } | undefined;
  if (typeof page?.id !== 'string' || typeof page.name !== 'string') return result;
  return { ...result, content: [...result.content, pageLink({ id: page.id, name: page.name })] };
}

/** resources/list: the page card (first), then the caller's pages, a page at a time. */
export async function listResources(ctx: McpCallContext, cursor?: string) {
  const pages = await listPageResources(ctx, cursor);
  return cursor ? pages : { ...pages, resources: [pageCardListing(), ...pages.resources] };
}

export async function readResource(ctx: McpCallContext, uri: string) {
  if (uri === PAGE_CARD_URI) return readPageCard(ctx.app.config.publicUrl);
  return readPageResource(ctx, uri);
}

export interface CompletionRequest {
  ref: { type: string; uri?: string; name?: string };
  argument: { name: string; value: string };
  context?: { arguments?: Record<string, string> };
}

/** completion/complete: only the page templates' arguments complete (there are no prompts). */
export async function complete(ctx: McpCallContext, request: CompletionRequest) {
  const { ref } = request;
  if (ref.type !== 'ref/resource' || (ref.uri !== PAGE_TEMPLATE && ref.uri !== FILE_TEMPLATE)) {
    throw protocolError(
      INVALID_PARAMS,
      `Nothing to complete for ${ref.type} ${ref.uri ?? ref.name ?? ''}: only ${PAGE_TEMPLATE} and ${FILE_TEMPLATE} complete`.trim(),
    );
  }
  return completePageArgument(ctx, request.argument, request.context?.arguments);
}
