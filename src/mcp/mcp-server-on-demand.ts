// mcp-server.ts (the SDK 1.x Server, with ajv) loaded on the first 2025 MCP request instead of at start.
// The tool-call lane answers lone tools/call requests without it.
import type * as McpServer from './mcp-server.ts';

type McpServerModule = typeof McpServer;

let loaded: McpServerModule | undefined;
let loading: Promise<McpServerModule> | undefined;

/** The module, at once when loaded; a failed import is retried by the next caller. */
export async function mcpServerModule(): Promise<McpServerModule> {
  if (loaded) return loaded;
  loading ??= import('./mcp-server.ts').then(
    (m) => (loaded = m),
    (err: unknown) => {
      loading = undefined;
      throw err;
    },
  );
  return loading;
}
