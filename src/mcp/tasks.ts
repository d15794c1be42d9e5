// Captures as MCP Tasks (the `io.modelcontextprotocol/tasks` extension of 2026-07-28). A task is the
// capture job itself: its id is the job id, its state is read from the job document in MongoDB (so it
// survives restarts and answers on any instance), and it is the same record as GET /api/jobs/{id} and
// outpost_get_job. Every task operation runs as the caller through the job's REST operation, so another
// user's task is "not found" like a missing one. Job ids are random (about 71 bits), never guessable.
import type { components } from '../generated/openapi.d.ts';
import { protocolError, type McpCallContext } from './call-context.ts';
import { errorResult, jsonResult } from './invoke.ts';
import { runOperation } from './operation-call.ts';
import { pageLink } from './resources.ts';

export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';
/** The revision's "missing required client capability". */
export const MISSING_CLIENT_CAPABILITY = -32021;
/** Finished jobs are kept 30 days (src/capture/jobs.ts). */
const TASK_TTL_MS = 30 * 24 * 3600 * 1000;
const POLL_INTERVAL_MS = 2000;

type JobJson = components['schemas']['Job'];

/** Whether the request's client capabilities declare the Tasks extension. */
export function declaresTasks(capabilities: unknown): boolean {
  const extensions = (capabilities as { extensions?: Record<string, unknown> } | undefined)?.extensions;
  return Boolean(extensions && typeof extensions === 'object' && TASKS_EXTENSION in extensions);
}

export function missingTasksCapability(): Error {
  return protocolError(MISSING_CLIENT_CAPABILITY, `Missing required client capability: declare the ${TASKS_EXTENSION} extension to use tasks`, {
    requiredCapabilities: { extensions: { [TASKS_EXTENSION]: {} } },
  });
}

function progressOf(job: JobJson): string {
  if (job.status === 'pending') return `Waiting to start the capture of ${job.source_url}`;
  const c = job.counts;
  const done = c.assets_fetched + c.assets_skipped + c.assets_failed;
  return c.assets_found ? `${done} of ${c.assets_found} assets` : `Capturing ${job.source_url}`;
}

function taskOf(job: JobJson) {
  const status = job.status === 'done' || job.status === 'failed' ? 'completed' : job.status === 'cancelled' ? 'cancelled' : 'working';
  return {
    taskId: job.id,
    status,
    statusMessage:
      status === 'working'
        ? progressOf(job)
        : job.status === 'done'
          ? 'Captured'
          : (job.error?.message ?? (job.status === 'cancelled' ? 'Cancelled' : 'The capture failed')),
    createdAt: job.created_at,
    lastUpdatedAt: job.finished_at ?? job.started_at ?? job.created_at,
    ttlMs: TASK_TTL_MS,
    ...(status === 'working' ? { pollIntervalMs: POLL_INTERVAL_MS } : {}),
  } as const;
}

/** The reply to a tools/call whose capture is still running: the task to poll. */
export function createTaskResult(job: unknown) {
  return { resultType: 'task' as const, ...taskOf(job as JobJson) };
}

/** What the tool would have returned had it waited: the page with its job, or the failure as a tool error. */
async function toolResultOf(ctx: McpCallContext, job: JobJson) {
  if (job.status === 'failed') {
    const change = job.action === 'create' ? 'no page was created' : 'the page was not changed';
    return errorResult(`${job.error?.message ?? 'The capture failed.'} (job ${job.id}; ${change})`);
  }
  const reply = await runOperation(ctx, 'getPage', { page_id: job.page_id }, undefined, [404]);
  // The capture did its work; the page was deleted since.
  if (reply.status === 404) return jsonResult({ job, message: `The capture finished, but its page ${job.page_id} has been deleted since.` });
  const page = reply.body as { id: string; name: string };
  const result = jsonResult({ ...page, job, message: job.action === 'create' ? 'Page created from source_url' : 'Page files replaced from source_url' });
  return { ...result, content: [...result.content, pageLink(page)] };
}

const target = (taskId: string) => ({ name: `Task ${taskId}`, data: { taskId } });

/** The job behind a task id (the SDK checked it is a non-empty string against the method's schema). */
async function jobOf(ctx: McpCallContext, taskId: string): Promise<JobJson> {
  return (await runOperation(ctx, 'getJob', { job_id: taskId }, target(taskId))).body as JobJson;
}

/** tasks/get: the task's state, and the tool's result once it completed. */
export async function getTask(ctx: McpCallContext, taskId: string) {
  const job = await jobOf(ctx, taskId);
  const task = taskOf(job);
  if (task.status !== 'completed') return task;
  // The inline result is a complete result of its own.
  return { ...task, result: { resultType: 'complete' as const, ...(await toolResultOf(ctx, job)) } };
}

/** tasks/cancel: asks the capture to stop (a task that already ended stays as it ended). */
export async function cancelTask(ctx: McpCallContext, taskId: string) {
  const job = await jobOf(ctx, taskId);
  // One that ended meanwhile (409) stays as it ended: cancellation is cooperative.
  if (job.status === 'pending' || job.status === 'running') await runOperation(ctx, 'cancelJob', { job_id: job.id }, target(job.id), [409]);
  return {};
}

/** tasks/update: Outpost's tasks never wait for input, so there is nothing to hand over; the task must be the caller's. */
export async function updateTask(ctx: McpCallContext, taskId: string) {
  await jobOf(ctx, taskId);
  return {};
}
