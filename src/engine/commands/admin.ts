// Handshake and server-level commands.
import { authenticatedUsers, speculativeAuthenticate, supportedMechanisms } from './auth.ts';
import type { CommandHandler } from './context.ts';

const MAX_BSON = 16 * 1024 * 1024;
export const MAX_MESSAGE_BYTES = 48_000_000;
export const ENGINE_VERSION = '7.0.0';

const hello: CommandHandler = (cmd, ctx) => ({
  helloOk: true,
  ...(ctx.legacy ? { ismaster: true } : { isWritablePrimary: true }),
  maxBsonObjectSize: MAX_BSON,
  maxMessageSizeBytes: MAX_MESSAGE_BYTES,
  maxWriteBatchSize: 100_000,
  localTime: new Date(),
  logicalSessionTimeoutMinutes: 30,
  connectionId: ctx.connectionId,
  minWireVersion: 0,
  maxWireVersion: 21,
  readOnly: false,
  ...optional('saslSupportedMechs', supportedMechanisms(cmd, ctx)),
  ...optional('speculativeAuthenticate', speculativeAuthenticate(cmd, ctx)),
  ok: 1,
});

const optional = (field: string, value: unknown) => (value === undefined ? {} : { [field]: value });

const buildInfo: CommandHandler = () => ({
  version: ENGINE_VERSION,
  gitVersion: 'outpost-embedded-engine',
  versionArray: [7, 0, 0, 0],
  bits: 64,
  debug: false,
  maxBsonObjectSize: MAX_BSON,
  storageEngines: ['outpost-journal'],
  ok: 1,
});

export const adminCommands: Record<string, CommandHandler> = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping: () => ({ ok: 1 }),
  buildInfo,
  buildinfo: buildInfo,
  endSessions: () => ({ ok: 1 }),
  killAllSessions: () => ({ ok: 1 }),
  connectionStatus: (_cmd, ctx) => {
    const users = authenticatedUsers(ctx);
    return { authInfo: { authenticatedUsers: users, authenticatedUserRoles: users.map(() => ({ role: 'root', db: 'admin' })) }, ok: 1 };
  },
};
