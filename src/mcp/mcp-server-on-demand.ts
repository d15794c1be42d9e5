// mcp-server.ts (the SDK 1.x Server, with ajv) loaded on the first 2025 MCP request instead of at start.
// The tool-call lane answers lone tools/call requests without it.
import type * as McpServer from './mcp-server.ts';
import { loadOnce } from '../shared/load-once.ts';

type McpServerModule = typeof McpServer;

/** The module; a failed import is retried by the next caller. */
export const mcpServerModule: () => Promise<McpServerModule> = loadOnce(() => import('./mcp-server.ts'));
