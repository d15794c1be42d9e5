// Who an MCP message runs as, and how an error travels back as a JSON-RPC error (either SDK major).
import type { Server as Hapi } from '@hapi/hapi';
import type { Services } from '../services.ts';
import type { Caller } from '../auth/caller.ts';
import type { McpSession } from './sessions.ts';
import type { LoadedTool } from './tools-registry.ts';

/** JSON-RPC's "invalid params": an unknown tool, page or resource. */
export const INVALID_PARAMS = -32602;
export const INTERNAL_ERROR = -32603;

export interface McpCallContext {
  hapi: Hapi;
  app: Services;
  /** The Streamable HTTP session, when the client opened one (2025 revisions). */
  session?: McpSession;
  /** The protocol revision of the message, when known. */
  protocolVersion?: string;
  tools: readonly LoadedTool[];
  caller: Caller;
  remoteAddress: string;
  /** The message already paid its request of the budget: the REST operations it runs don't pay again. */
  prepaid?: boolean;
}

/**
 * An error answered as a JSON-RPC error object: both SDK majors send a thrown error's integer `code`,
 * its message and its `data` as they are.
 */
export function protocolError(code: number, message: string, data?: unknown): Error {
  return Object.assign(new Error(message), { code, data });
}

/**
 * MCP acts with the caller's permissions minus account management: even a session JWT (which may
 * manage the account, its tokens and invitations over REST) cannot do that through MCP.
 */
export function mcpCaller(caller: Caller): Caller {
  return { ...caller, scopes: caller.scopes.filter((s) => s !== 'account' && s !== 'admin') };
}
