#!/usr/bin/env node
// `outpost <command>`: one command a run; a failure is one line on stderr and exit code 1 (--verbose: details).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { OutpostError } from '@outpost/sdk';
import { GLOBAL_OPTIONS, type Command } from './command.ts';
import { login, logout, whoami } from './commands/account.ts';
import { list, openPage, rm } from './commands/pages.ts';
import { capture, deploy } from './commands/publish.ts';
import { rollback, versions } from './commands/versions.ts';
import { CliError, Output } from './output.ts';

const COMMANDS: Record<string, Command> = { login, logout, whoami, deploy, capture, list, open: openPage, rm, versions, rollback };

function version(): string {
  const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    'outpost: publish pages to an Outpost server from the command line.',
    '',
    'Usage: outpost <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Options for every command:',
    '  --server URL   the server to use (default: OUTPOST_URL, else the last one signed in to)',
    '  --json         print the result as JSON (for scripts)',
    '  --verbose      say more, and print the details of an error',
    '  -h, --help     help for a command: outpost <command> --help',
    '',
    'OUTPOST_TOKEN (an op_… API token) signs in without `outpost login`, e.g. in CI. NO_COLOR turns colour off.',
    '',
  ].join('\n');
}

function commandHelp(name: string, command: Command): string {
  return `Usage: outpost ${command.usage}\n\n${command.summary}.\n`;
}

async function main(argv: string[]): Promise<number> {
  // The command is the first positional (a global option's value, as `--server URL`, is not one).
  const { tokens } = parseArgs({ args: argv, options: GLOBAL_OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const first = tokens.find((token) => token.kind === 'positional');
  const name = first?.value;
  if (!first || !name) {
    if (argv.includes('--version') || argv.includes('-v')) {
      process.stdout.write(`${version()}\n`);
      return 0;
    }
    process.stdout.write(help());
    return argv.length && !argv.some((a) => a === '--help' || a === '-h') ? 1 : 0;
  }
  const command = COMMANDS[name];
  const verbose = argv.includes('--verbose');
  const out = new Output({ json: argv.includes('--json'), verbose });
  try {
    if (!command) throw new CliError(`Unknown command "${name}": \`outpost --help\` lists them`);
    let parsed;
    try {
      parsed = parseArgs({
        args: argv.filter((_, i) => i !== first.index),
        options: { ...GLOBAL_OPTIONS, ...command.options },
        allowPositionals: true,
        strict: true,
      });
    } catch (error) {
      throw new CliError(`${(error as Error).message.split('\n')[0]} (outpost ${command.usage})`, { cause: error });
    }
    if (parsed.values.help) {
      process.stdout.write(commandHelp(name, command));
      return 0;
    }
    if (parsed.positionals.length > command.maxPositionals) {
      throw new CliError(`Too many arguments: outpost ${command.usage}`);
    }
    await command.run({ server: parsed.values.server as string | undefined, values: parsed.values, positionals: parsed.positionals, out });
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (out.json) {
      const body =
        error instanceof OutpostError
          ? { statusCode: error.statusCode, error: error.error, message, validation: error.validation }
          : { message, ...(error instanceof CliError ? error.details : undefined) };
      process.stdout.write(`${JSON.stringify({ error: body })}\n`);
    }
    process.stderr.write(`outpost: ${message}\n`);
    if (verbose && error instanceof OutpostError && error.keys.length) process.stderr.write(`outpost: invalid: ${error.keys.join(', ')}\n`);
    if (verbose && error instanceof Error)
      process.stderr.write(`${error.stack ?? ''}\n${error.cause ? `cause: ${String((error.cause as Error).stack ?? error.cause)}\n` : ''}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
