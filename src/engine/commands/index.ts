// Command dispatch: one handler per command name; unknown commands and transactions are refused.
import { fail, ErrorCodes } from '../errors.ts';
import type { Doc } from '../values.ts';
import { adminCommands } from './admin.ts';
import { authCommands, checkAuthorized } from './auth.ts';
import { catalogCommands } from './catalog.ts';
import type { CommandContext, CommandHandler } from './context.ts';
import { readCommands } from './read.ts';
import { writeCommands } from './write.ts';

const handlers = new Map<string, CommandHandler>(
  Object.entries({
    ...adminCommands,
    ...authCommands,
    ...catalogCommands,
    ...readCommands,
    ...writeCommands,
  }),
);

const TRANSACTION_COMMANDS = new Set(['commitTransaction', 'abortTransaction']);

export function runCommand(cmd: Doc, ctx: CommandContext): Doc {
  const name = Object.keys(cmd)[0];
  if (name === undefined) fail(ErrorCodes.FailedToParse, 'Empty command');
  checkAuthorized(name, ctx);
  // A standalone mongod answers every transaction attempt this way.
  if (cmd.txnNumber !== undefined || cmd.startTransaction !== undefined || cmd.autocommit !== undefined || TRANSACTION_COMMANDS.has(name)) {
    fail(ErrorCodes.IllegalOperation, 'Transaction numbers are only allowed on a replica set member or mongos');
  }
  const handler = handlers.get(name);
  if (!handler) fail(ErrorCodes.CommandNotFound, `no such command: '${name}'`);
  return handler(cmd, ctx);
}

export type { CommandContext };
