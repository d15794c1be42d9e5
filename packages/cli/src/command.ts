// The shape of a command: its usage line, its own options (besides the global ones) and what it does.
import type { ParseArgsOptionsConfig } from 'node:util';
import type { Output } from './output.ts';

export interface CommandContext {
  /** --server, when given. */
  server: string | undefined;
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  out: Output;
}

export interface Command {
  usage: string;
  summary: string;
  options?: ParseArgsOptionsConfig;
  /** The most positionals it takes. */
  maxPositionals: number;
  run(context: CommandContext): Promise<void>;
}

export const GLOBAL_OPTIONS: ParseArgsOptionsConfig = {
  server: { type: 'string' },
  json: { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};
