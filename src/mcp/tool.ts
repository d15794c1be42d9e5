// The contract of a file in tools/: `export default defineTool({ … })`, one MCP tool per file.
//
// A tool mirrors a REST operation (`operation: 'getMe'`): its input schema is the operation's path,
// query and body fields flattened into one object, its output schema the 2xx response, and a call
// runs through the REST route itself (validation, auth, scopes, isolation, rate limit).
import type { OperationId } from '../generated/operations.ts';

export interface ToolAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

export interface ToolDefinition {
  /** `^[A-Za-z0-9_.-]{1,64}$`; defaults to the file name. */
  name?: string;
  /** The REST operation this tool mirrors. */
  operation: OperationId;
  title: string;
  /** Defaults to the operation's description in openapi.yaml. */
  description?: string;
  /** Overrides of the annotations derived from the HTTP method. */
  annotations?: ToolAnnotations;
  /** Reshapes the operation's response body into the tool's result. */
  result?: (body: unknown) => unknown;
}

export function defineTool(definition: ToolDefinition): ToolDefinition {
  return definition;
}
