// Authentication: saslStart / saslContinue with SCRAM-SHA-256, hello's speculative first step, and
// the rule that an engine given credentials answers only handshake commands before a client proves it knows them.
import { Binary } from 'bson';
import { CommandError, ErrorCodes, fail } from '../errors.ts';
import { SCRAM_SHA_256, ScramConversation, ScramError, type ScramKeys } from '../scram.ts';
import { isPlainDocument, toNumber, isNumber, type Doc } from '../values.ts';
import type { CommandContext, CommandHandler } from './context.ts';

/** Commands mongod answers before authentication. */
const OPEN_COMMANDS = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'buildInfo', 'buildinfo', 'saslStart', 'saslContinue', 'connectionStatus']);

export function checkAuthorized(name: string, ctx: CommandContext): void {
  if (ctx.auth && !ctx.connection.user && !OPEN_COMMANDS.has(name)) {
    fail(ErrorCodes.Unauthorized, `Command ${name} requires authentication`);
  }
}

const saslStart: CommandHandler = (cmd, ctx) => startConversation(cmd, ctx);

const saslContinue: CommandHandler = (cmd, ctx) => {
  const conversation = ctx.connection.conversation;
  const id = isNumber(cmd.conversationId) ? toNumber(cmd.conversationId) : undefined;
  if (!conversation || id !== conversation.id) {
    fail(ErrorCodes.ProtocolError, 'Received mismatched SASL conversation identifier');
  }
  if (conversation.verified) {
    ctx.connection.conversation = undefined;
    ctx.connection.user = ctx.auth!.username;
    return { conversationId: id, done: true, payload: new Binary(Buffer.alloc(0)), ok: 1 };
  }
  const serverFinal = step(ctx, () => conversation.scram.finish(payloadText(cmd)));
  if (conversation.skipEmptyExchange) {
    ctx.connection.conversation = undefined;
    ctx.connection.user = ctx.auth!.username;
    return { conversationId: id, done: true, payload: binary(serverFinal), ok: 1 };
  }
  conversation.verified = true;
  return { conversationId: id, done: false, payload: binary(serverFinal), ok: 1 };
};

/** hello's `speculativeAuthenticate`: the saslStart reply, or nothing when it cannot start (the client then sends saslStart). */
export function speculativeAuthenticate(cmd: Doc, ctx: CommandContext): Doc | undefined {
  const request = cmd.speculativeAuthenticate;
  if (!ctx.auth || !isPlainDocument(request) || request.saslStart === undefined) return undefined;
  try {
    const { ok: _ok, ...reply } = startConversation(request, ctx);
    return reply;
  } catch (e) {
    if (e instanceof CommandError) return undefined;
    throw e;
  }
}

/** hello's `saslSupportedMechs: "<db>.<user>"`: the mechanisms that user can authenticate with. */
export function supportedMechanisms(cmd: Doc, ctx: CommandContext): string[] | undefined {
  const asked = cmd.saslSupportedMechs;
  if (!ctx.auth || typeof asked !== 'string') return undefined;
  return asked.slice(asked.indexOf('.') + 1) === ctx.auth.username ? [SCRAM_SHA_256] : undefined;
}

export function authenticatedUsers(ctx: CommandContext): Doc[] {
  return ctx.connection.user ? [{ user: ctx.connection.user, db: 'admin' }] : [];
}

function startConversation(cmd: Doc, ctx: CommandContext): Doc {
  if (!ctx.auth) {
    fail(
      ErrorCodes.AuthenticationFailed,
      'This engine has no users: it does not use authentication. Remove the user name and password from the connection string.',
    );
  }
  if (cmd.mechanism !== SCRAM_SHA_256) {
    fail(
      ErrorCodes.MechanismUnavailable,
      `Authentication mechanism ${String(cmd.mechanism)} is not supported; the engine supports ${SCRAM_SHA_256} only (remove authMechanism from the connection string or set it to ${SCRAM_SHA_256})`,
    );
  }
  const scram = new ScramConversation(ctx.auth as ScramKeys);
  const id = (ctx.connection.conversation?.id ?? 0) + 1;
  ctx.connection.conversation = undefined;
  const serverFirst = step(ctx, () => scram.start(payloadText(cmd)));
  const options = isPlainDocument(cmd.options) ? cmd.options : {};
  ctx.connection.conversation = { id, scram, skipEmptyExchange: options.skipEmptyExchange === true, verified: false };
  return { conversationId: id, done: false, payload: binary(serverFirst), ok: 1 };
}

/** Runs one SCRAM step; any failure ends the conversation and answers like mongod, without saying why. */
function step(ctx: CommandContext, run: () => string): string {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof ScramError)) throw e;
    ctx.connection.conversation = undefined;
    fail(ErrorCodes.AuthenticationFailed, 'Authentication failed.');
  }
}

/** The SASL payload: BinData from drivers, or a base64 string (the shell's form). */
function payloadText(cmd: Doc): string {
  const payload = cmd.payload;
  if (payload instanceof Binary) return Buffer.from(payload.buffer.subarray(0, payload.position)).toString('utf8');
  if (typeof payload === 'string') return Buffer.from(payload, 'base64').toString('utf8');
  fail(ErrorCodes.BadValue, 'The SASL payload must be BinData or a base64 string');
}

const binary = (text: string) => new Binary(Buffer.from(text, 'utf8'));

export const authCommands: Record<string, CommandHandler> = { saslStart, saslContinue };
