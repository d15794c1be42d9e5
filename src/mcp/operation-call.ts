// A REST operation run as the MCP caller for a message that is not a tool call (a resource read, a task
// poll): its answer, or the JSON-RPC error that says why not. The message paid its request of the
// budget when it arrived, so the operations it runs don't pay again.
import type { OperationId } from '../generated/operations.ts';
import { INTERNAL_ERROR, INVALID_PARAMS, mcpCaller, protocolError, type McpCallContext } from './call-context.ts';
import { callOperation, type OperationReply } from './invoke.ts';
import { RATE_LIMITED } from './rate-limited.ts';

/** What was asked for, as a not-found error names it: e.g. "Resource outpost://pages/x" or "Task x". */
export interface Target {
  name: string;
  data?: Record<string, unknown>;
}

/** Answers with 2xx, and with the statuses in `alsoFine`, are returned; other answers are thrown as JSON-RPC errors. */
export async function runOperation(
  ctx: McpCallContext,
  operationId: OperationId,
  args: Record<string, unknown>,
  target?: Target,
  alsoFine: readonly number[] = [],
): Promise<OperationReply> {
  const reply = await callOperation(
    { server: ctx.hapi, caller: mcpCaller(ctx.caller), remoteAddress: ctx.remoteAddress, publicUrl: ctx.app.config.publicUrl, prepaid: true },
    operationId,
    args,
  );
  if ('problem' in reply) throw protocolError(INVALID_PARAMS, target ? `${target.name} not found: ${reply.problem}` : reply.problem, target?.data);
  if ((reply.status >= 200 && reply.status < 300) || alsoFine.includes(reply.status)) return reply;
  const message = (reply.body as { message?: string } | undefined)?.message ?? `Request failed with status ${reply.status}`;
  if (reply.status === 404) throw protocolError(INVALID_PARAMS, target ? `${target.name} not found. ${message}` : message, target?.data);
  if (reply.status === 429) throw protocolError(RATE_LIMITED, message, { retry_after_seconds: Number(reply.headers['retry-after']) || 1 });
  if (reply.status === 403 || reply.status === 400) throw protocolError(INVALID_PARAMS, message);
  throw protocolError(INTERNAL_ERROR, message);
}
