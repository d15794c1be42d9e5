// What an MCP tool call hands to the REST route it runs through (server.inject's `app` option):
// the call's cancellation signal and a way to send progress notifications. REST requests have neither.
import type { Request } from '@hapi/hapi';

export interface CallExtras {
  /** Aborted when the MCP client cancels the call. */
  signal?: AbortSignal;
  /** Sends a progress notification, if the client asked for them (`progress` only ever grows). */
  progress?: (progress: number, total: number | undefined, message: string) => void;
  /** The MCP message already paid its request from the budget (a resource read runs several operations). */
  prepaid?: boolean;
}

export function callExtras(request: Request): CallExtras {
  return (request.app as { mcp?: CallExtras }).mcp ?? {};
}

/** Whether the request is an MCP tool call running through its REST route. */
export function isToolCall(request: Request): boolean {
  return (request.app as { mcp?: CallExtras }).mcp !== undefined;
}
