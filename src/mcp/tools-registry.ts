// Loads tools/: every file is one tool. A malformed file stops the start with its path and reason.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TOKEN_SCOPES } from '../accounts/tokens.ts';
import { operations, type OperationId } from '../generated/operations.ts';
import { inputSchemas, outputSchemas } from '../generated/schemas.ts';
import { folderError, loadModuleFolder, type FolderFile } from '../shared/module-folder.ts';
import type { LoadedComponentDefinition, OperationToolDefinition, ToolAnnotations, ToolContext, ToolDefinition, ToolUi } from './tool.ts';
import { portableSchema } from './portable-schema.ts';
import { methodAnnotations, toolInput, toolOutput, type ArgumentSource } from './tool-schemas.ts';

export const TOOLS_DIR = fileURLToPath(new URL('../../tools/', import.meta.url));
const NAME = /^[A-Za-z0-9_.-]{1,64}$/;

export interface LoadedTool {
  name: string;
  title: string;
  description: string;
  /** As listed: portable (see portable-schema.ts), its root rules said in `description`. */
  inputSchema: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  /** What a call's arguments are checked against: a component tool's whole input schema, root rules included. */
  argumentSchema: Record<string, unknown>;
  annotations: ToolAnnotations;
  /** The REST operation it mirrors; undefined for a tool without a REST twin (see `run`). */
  operationId?: OperationId;
  /** For tools without a REST twin: computes the result from validated arguments. */
  run?: (args: Record<string, unknown>, ctx: ToolContext) => unknown | Promise<unknown>;
  /** Scopes the caller's credential must carry (the operation's); null: none. */
  scopes: readonly string[] | null;
  sources: Record<string, ArgumentSource>;
  result?: (body: unknown) => unknown;
  /** The view a host supporting MCP Apps shows with the result. */
  ui?: ToolUi;
  file: string;
}

export async function loadTools(dir = TOOLS_DIR): Promise<LoadedTool[]> {
  const loaded = await loadModuleFolder(dir, (exported, file, fail) => toLoadedTool(exported as ToolDefinition | undefined, file, fail), {
    extensions: ['.ts', '.js', '.mjs'],
    fresh: true,
  });
  const byName = new Map<string, string>();
  for (const { file, value: tool } of loaded) {
    const previous = byName.get(tool.name);
    if (previous) folderError(file, `tool name "${tool.name}" is already used by ${previous}`);
    byName.set(tool.name, file.path);
  }
  return loaded.map(({ value }) => value).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const KNOWN_SCOPES = new Set<string>(TOKEN_SCOPES);

function componentTool(def: LoadedComponentDefinition, name: string, where: string, fail: (reason: string) => never): LoadedTool {
  const input = (inputSchemas as Record<string, Record<string, unknown>>)[def.input];
  const output = (outputSchemas as Record<string, Record<string, unknown>>)[def.output];
  if (!input) fail(`input "${def.input}" is not a schema in openapi.yaml components`);
  if (!output) fail(`output "${def.output}" is not a schema in openapi.yaml components`);
  if (input.type !== 'object' || output.type !== 'object') fail('input and output schemas must be objects');
  if (typeof def.run !== 'function') fail('a tool without an operation needs a run function');
  if (typeof def.description !== 'string' || !def.description.trim()) fail('needs a description');
  if (!Array.isArray(def.scopes) || def.scopes.some((s) => !KNOWN_SCOPES.has(s))) fail(`scopes must be a list of ${[...KNOWN_SCOPES].join(', ')}`);
  const listed = portableSchema(input);
  return {
    name,
    title: def.title,
    description: withRules(def.description, listed.rules),
    inputSchema: listed.schema,
    outputSchema: portableSchema(output).schema,
    argumentSchema: input,
    // Nothing changes when such a tool runs: it computes an answer.
    annotations: { title: def.title, readOnlyHint: true, openWorldHint: false, ...def.annotations },
    scopes: def.scopes,
    sources: Object.fromEntries(Object.keys((input.properties as object | undefined) ?? {}).map((k) => [k, { from: 'body' as const, name: k }])),
    run: def.run,
    ui: uiOf(def.ui, fail),
    file: where,
  };
}

function toLoadedTool(def: ToolDefinition | undefined, file: FolderFile, fail: (reason: string) => never): LoadedTool {
  const where = file.path;
  if (!def || typeof def !== 'object') fail('must `export default defineTool({ … })`');
  const name = def!.name ?? file.name;
  if (!NAME.test(name)) fail(`tool name "${name}" must match ${NAME}`);
  if (typeof def!.title !== 'string' || !def!.title.trim()) fail('needs a non-empty title');
  if ('input' in def! && def!.input !== undefined) return componentTool(def as LoadedComponentDefinition, name, where, fail);
  const opDef = def as OperationToolDefinition;
  if (typeof opDef.operation !== 'string' || !Object.hasOwn(operations, opDef.operation)) {
    fail(`operation "${String(opDef.operation)}" is not an operationId in openapi.yaml`);
  }
  if (opDef.result !== undefined && typeof opDef.result !== 'function') fail('result must be a function');
  const op = operations[opDef.operation];
  const description = (opDef.description ?? op.description).trim();
  if (!description) fail(`needs a description (openapi.yaml has none for ${op.operationId})`);
  let input;
  try {
    input = toolInput(op);
  } catch (e) {
    return fail((e as Error).message);
  }
  return {
    name,
    title: opDef.title,
    description: withRules(description, input.rules),
    inputSchema: input.schema,
    argumentSchema: input.schema,
    outputSchema: opDef.result ? undefined : toolOutput(op),
    annotations: { title: opDef.title, ...methodAnnotations(op.method), ...opDef.annotations },
    operationId: op.operationId,
    scopes: op.scopes,
    sources: input.sources,
    result: opDef.result,
    ui: uiOf(opDef.ui, fail),
    file: where,
  };
}

const UIS: readonly ToolUi[] = ['page-card'];

function uiOf(ui: unknown, fail: (reason: string) => never): ToolUi | undefined {
  if (ui !== undefined && !UIS.includes(ui as ToolUi)) fail(`ui must be one of ${UIS.join(', ')}`);
  return ui as ToolUi | undefined;
}

/** A description followed by the rules its input schema could not state at its root. */
function withRules(description: string, rules: string[]): string {
  return [description.trim(), ...rules].join(rules.length ? '\n\n' : '');
}

/** The current tools; in development it follows tools/ on disk and reports each change. */
export class ToolRegistry {
  private tools: LoadedTool[];
  private readonly dir: string;
  private watcher: fs.FSWatcher | undefined;

  private constructor(dir: string, tools: LoadedTool[]) {
    this.dir = dir;
    this.tools = tools;
  }

  static async load(dir = TOOLS_DIR): Promise<ToolRegistry> {
    return new ToolRegistry(dir, await loadTools(dir));
  }

  get current(): readonly LoadedTool[] {
    return this.tools;
  }

  /**
   * Reloads on every change in the folder (debounced). A broken file is reported through
   * `onError` and the previous tools stay in service.
   */
  watch(onChange: (tools: readonly LoadedTool[]) => void, onError: (error: Error) => void): void {
    let timer: NodeJS.Timeout | undefined;
    this.watcher = fs.watch(this.dir, () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        try {
          const next = await loadTools(this.dir);
          const signature = (tools: readonly LoadedTool[]) => JSON.stringify(tools.map(({ result, ...t }) => ({ ...t, result: String(result) })));
          if (signature(next) === signature(this.tools)) return;
          this.tools = next;
          onChange(next);
        } catch (e) {
          onError(e as Error);
        }
      }, 100);
    });
  }

  close(): void {
    this.watcher?.close();
  }
}
