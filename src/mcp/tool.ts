// The contract of a file in tools/: `export default defineTool({ … })`, one MCP tool per file.
//
// A tool mirrors a REST operation (`operation: 'getMe'`): its input schema is the operation's path,
// query and body fields flattened into one object, its output schema the 2xx response, and a call
// runs through the REST route itself (validation, auth, scopes, isolation, rate limit).
import type { Static } from 'typebox';
import type { OperationId } from '../generated/operations.ts';
import type { inputSchemas, outputSchemas, ScopeSchema } from '../generated/schemas.ts';

/** A component of openapi.yaml usable as a tool's input, and as its output. */
export type InputName = keyof typeof inputSchemas;
export type OutputName = keyof typeof outputSchemas;
/** The arguments a tool with input component `In` receives (checked against that schema before it runs). */
export type ToolArguments<In extends InputName> = Static<(typeof inputSchemas)[In]>;

export interface ToolAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/** An interactive view a host that supports MCP Apps shows with the tool's result. */
export type ToolUi = 'page-card';

interface ToolBase {
  /** `^[A-Za-z0-9_.-]{1,64}$`; defaults to the file name. */
  name?: string;
  title: string;
  annotations?: ToolAnnotations;
  /** The view of the result (the page card shows a Page result). */
  ui?: ToolUi;
}

/** What a tool without a REST twin gets to work with. */
export interface ToolContext {
  /** Base of every URL this server hands out (PUBLIC_URL). */
  publicUrl: string;
  /** The caller's user id. */
  userId: string;
  /**
   * Runs a REST operation as the caller, through its route (validation, scopes, isolation, budget).
   * Resolves to the response body; a refused request throws a ToolError with the API's message.
   */
  call(operationId: OperationId, args: Record<string, unknown>): Promise<Record<string, unknown>>;
}

/** `value` single-quoted for a POSIX shell, for the commands a tool hands out. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A failure a tool reports to the client inside its result (`{"error": message}`). */
export class ToolError extends Error {}

/**
 * A tool with no REST twin (e.g. the curl-recipe tools): its input and output schemas are
 * components of openapi.yaml, and `run` computes the result from validated arguments.
 */
export interface ComponentToolDefinition<In extends InputName = InputName> extends ToolBase {
  input: In;
  output: OutputName;
  description: string;
  /** Scopes the caller's credential must carry to see and call the tool. */
  scopes: Static<typeof ScopeSchema>[];
  run: (args: ToolArguments<In>, ctx: ToolContext) => unknown | Promise<unknown>;
  operation?: undefined;
}

export interface OperationToolDefinition {
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
  /** The view of the result (the page card shows a Page result). */
  ui?: ToolUi;
}

/** A component tool as the loader sees it: `run` gets arguments already checked against `input`. */
export type LoadedComponentDefinition = Omit<ComponentToolDefinition, 'run'> & {
  run: (args: Record<string, unknown>, ctx: ToolContext) => unknown | Promise<unknown>;
};

/** A tool file's default export. */
export type ToolDefinition = OperationToolDefinition | LoadedComponentDefinition;

export function defineTool(definition: OperationToolDefinition): ToolDefinition;
export function defineTool<In extends InputName>(definition: ComponentToolDefinition<In>): ToolDefinition;
export function defineTool(definition: OperationToolDefinition | ComponentToolDefinition): ToolDefinition {
  return definition as ToolDefinition;
}
