// The server: listens on a private Unix socket (or, asked to, a TCP port), frames messages, runs each
// command to completion, journals, then replies.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MAX_MESSAGE_BYTES } from './commands/admin.ts';
import type { ConnectionAuth } from './commands/context.ts';
import { runCommand } from './commands/index.ts';
import { CursorRegistry } from './cursors.ts';
import { CommandError, ErrorCodes } from './errors.ts';
import { preparePrivateDir } from './private-dir.ts';
import { deriveScramKeys, type EngineCredentials } from './scram.ts';
import { SOCKET_FILE, socketPathIn, socketPathTooLong, socketUri } from './socket-path.ts';
import { ttlSweep } from './ttl.ts';
import { Store, type Flushed } from './store.ts';
import { MessageBuffers, MessageReader } from './message-reader.ts';
import { detachFromMessage } from './message-views.ts';
import { encodeReply, OP_QUERY, parseMessage, ProtocolError, type Request } from './wire.ts';
import type { Doc } from './values.ts';

export interface EngineOptions {
  /** Persist under this directory. Without it (or with `inMemory`) nothing is written to disk. */
  dataDir?: string;
  inMemory?: boolean;
  /**
   * Listen on TCP at `host` (default 127.0.0.1) and this port (0 picks a free one) instead of the
   * Unix socket `<dataDir>/engine.sock` (in memory: one in a fresh private temporary directory).
   * Needs `auth`.
   */
  port?: number;
  host?: string;
  /**
   * Credentials every client must authenticate with (SCRAM-SHA-256) before anything but the
   * handshake. Required with `port`, where `false` accepts anyone who can reach the port.
   */
  auth?: EngineCredentials | false;
  /** How often TTL indexes are enforced; mongod's monitor runs every 60 s. */
  ttlIntervalMs?: number;
  /** Superseded journal bytes that trigger a compaction (default 64 MiB). */
  compactionBytes?: number;
  /** Binary values of at least this size are kept in blob segment files, not in memory (default 16 KiB). */
  blobThresholdBytes?: number;
  /** Deleted blob bytes that trigger rewriting the segments holding them (default 128 MiB). */
  blobCompactionBytes?: number;
  /** Called with unexpected (non-command) errors; defaults to console.error. */
  onError?: (error: unknown) => void;
  /** Notices, such as an existing data directory made private; defaults to console.warn. */
  log?: (message: string) => void;
}

export interface RunningEngine {
  /** A mongodb:// URI for the listener, without credentials. */
  uri: string;
  /** The Unix socket listened on; undefined with `port`. */
  socketPath: string | undefined;
  /** The TCP address listened on, with `port`. */
  port: number | undefined;
  host: string | undefined;
  close(): Promise<void>;
}

/** Where the engine's notices and errors go unless its options say otherwise. */
export const defaultEngineLog = (m: string): void => console.warn(`[engine] ${m}`);
export const defaultEngineError = (e: unknown): void => console.error('[engine]', e);

export async function startEngine(options: EngineOptions = {}): Promise<RunningEngine> {
  const tcp = options.port !== undefined;
  if (tcp && options.auth === undefined) {
    throw new Error(
      'Listening on a TCP port needs credentials: pass auth: { username, password }, or auth: false to let anyone who can reach the port read and change all data',
    );
  }
  if (!tcp && options.host !== undefined) throw new Error('host applies only to a TCP listener: pass port as well, or neither');
  const dataDir = options.inMemory || !options.dataDir ? undefined : path.resolve(options.dataDir);
  const log = options.log ?? defaultEngineLog;
  const onError = options.onError ?? defaultEngineError;
  const keys = options.auth ? deriveScramKeys(options.auth) : undefined;

  const { socketPath, tempDir } = tcp ? {} : privateSocket(dataDir);
  if (dataDir) preparePrivateDir(dataDir, log);

  const store = Store.open(dataDir, {
    compactionBytes: options.compactionBytes,
    blobThresholdBytes: options.blobThresholdBytes,
    blobCompactionBytes: options.blobCompactionBytes,
  });
  const cursors = new CursorRegistry();
  // Documents an open cursor has yet to return keep their blobs through a blob compaction, deleted or not.
  store.heldByReaders = () => cursors.pendingDocs();
  const sockets = new Set<net.Socket>();
  let connectionIds = 0;

  /** Runs a command, then journals its changes: only what the journal holds is acknowledged. */
  const execute = (request: Request, connectionId: number, connection: ConnectionAuth): { reply: Doc; flushed: Flushed } => {
    const { $db, ...command } = request.command;
    let reply: Doc;
    try {
      reply = runCommand(command, {
        store,
        cursors,
        db: typeof $db === 'string' ? $db : 'admin',
        connectionId,
        connection,
        auth: keys,
        legacy: request.opCode === OP_QUERY,
      });
    } catch (e) {
      if (e instanceof CommandError) reply = e.toReply();
      else {
        onError(e);
        reply = new CommandError(ErrorCodes.InternalError, (e as Error)?.message ?? String(e)).toReply();
      }
    }
    return { reply, flushed: store.flush() };
  };

  /** The reply, or a command error when it cannot be encoded (a blob that cannot be read): the connection stays. */
  const encodeAnswer = (request: Request, reply: Doc, buffers: ReplyBuffers): Buffer => {
    try {
      return encodeReply(request, reply, buffers.allocate);
    } catch (e) {
      onError(e);
      return encodeReply(request, new CommandError(ErrorCodes.InternalError, `Cannot send the reply: ${(e as Error)?.message ?? String(e)}`).toReply());
    }
  };

  const buffers = new ReplyBuffers();
  const messageBuffers = new MessageBuffers();
  const server = net.createServer({ pauseOnConnect: true }, (accepted) => {
    const connectionId = ++connectionIds;
    const connection: ConnectionAuth = {};
    const reader = new MessageReader({
      maxBytes: MAX_MESSAGE_BYTES,
      pool: messageBuffers,
      onMessage: (message, reused) => {
        const request = parseMessage(message);
        const { reply, flushed } = execute(request, connectionId, connection);
        if (!request.moreToCome) buffers.send(socket, encodeAnswer(request, reply, buffers));
        if (reused) detachFromMessage(message, request.command, flushed);
      },
    });
    const socket = readingThrough(accepted, reader, (e) => {
      if (!(e instanceof ProtocolError)) onError(e);
      socket.destroy();
    });
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });

  const timers = [
    setInterval(() => {
      try {
        ttlSweep(store);
      } finally {
        store.flush();
      }
    }, options.ttlIntervalMs ?? 60_000),
    setInterval(() => cursors.sweepIdle(), 60_000),
  ];
  for (const t of timers) t.unref();

  try {
    if (socketPath) removeStaleSocket(socketPath);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      if (socketPath) server.listen(socketPath, () => resolve());
      else server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
    });
    // The directory (0700) already keeps other accounts out; the socket itself says the same.
    if (socketPath) fs.chmodSync(socketPath, 0o600);
  } catch (e) {
    for (const t of timers) clearInterval(t);
    server.close();
    removeListenerFiles();
    store.close();
    throw e;
  }

  function removeListenerFiles(): void {
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
    else if (socketPath) fs.rmSync(socketPath, { force: true });
  }

  const address = server.address();
  const port = tcp ? (address as net.AddressInfo).port : undefined;
  const host = tcp ? (address as net.AddressInfo).address : undefined;
  let closed: Promise<void> | undefined;
  return {
    uri: socketPath ? socketUri(socketPath) : `mongodb://${host!.includes(':') ? `[${host}]` : host}:${port}/?directConnection=true`,
    socketPath,
    port,
    host,
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const t of timers) clearInterval(t);
        server.close(() => {
          // Before the journal lock goes: the next owner of the directory may already be starting.
          removeListenerFiles();
          store.close();
          resolve();
        });
        for (const s of sockets) s.destroy();
      });
      return closed;
    },
  };
}

/** Replies of at least this size are built in a reused buffer. */
const REUSED_REPLY_BYTES = 64 * 1024;
/**
 * A buffer kept for the next reply is at most this large (a batch is 2 MiB): one reply holding a 16 MiB document
 * would otherwise stay pinned, idle or not, for as long as the engine runs.
 */
const MAX_KEPT_REPLY_BYTES = 4 * 1024 * 1024;
/** Idle buffers kept: a burst over many connections leaves at most this many behind, however many stay open. */
const MAX_IDLE_REPLY_BUFFERS = 4;

/**
 * Buffers for large replies (a download's batches), shared by the connections and taken again once a socket has
 * written the reply in one: otherwise every batch stays in memory as garbage until a collection notices it.
 */
class ReplyBuffers {
  private readonly idle: Buffer[] = [];

  readonly allocate = (size: number): Buffer => {
    if (size < REUSED_REPLY_BYTES) return Buffer.allocUnsafe(size);
    const fits = this.idle.findIndex((b) => b.length >= size);
    const whole = fits === -1 ? Buffer.allocUnsafeSlow(size) : this.idle.splice(fits, 1)[0]!;
    return whole.subarray(0, size);
  };

  send(socket: net.Socket, message: Buffer): void {
    if (message.length < REUSED_REPLY_BYTES || message.buffer.byteLength > MAX_KEPT_REPLY_BYTES) {
      socket.write(message);
      return;
    }
    const whole = Buffer.from(message.buffer, 0, message.buffer.byteLength);
    socket.write(message, (error) => {
      if (!error && this.idle.length < MAX_IDLE_REPLY_BUFFERS) this.idle.push(whole);
    });
  }
}

/** The socket in `dataDir`, or without one in a fresh temporary directory (0700, removed on close). */
function privateSocket(dataDir: string | undefined): { socketPath: string; tempDir?: string } {
  if (dataDir) {
    const socketPath = socketPathIn(dataDir);
    const tooLong = socketPathTooLong(socketPath);
    if (tooLong) throw new Error(`Cannot listen: ${tooLong}. Use a shorter data directory than ${dataDir}, or listen on a TCP port.`);
    return { socketPath };
  }
  const socketPath = path.join(os.tmpdir(), 'outpost-engine-XXXXXX', SOCKET_FILE);
  const tooLong = socketPathTooLong(socketPath);
  if (tooLong) throw new Error(`Cannot listen: ${tooLong}. Set TMPDIR to a shorter directory than ${os.tmpdir()}, or listen on a TCP port.`);
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-engine-'));
  return { socketPath: path.join(tempDir, SOCKET_FILE), tempDir };
}

/** A socket file left by a process that was killed; the journal lock proves it is not in use. */
function removeStaleSocket(socketPath: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(socketPath);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (!stat.isSocket()) throw new Error(`Cannot listen on ${socketPath}: a file that is not a socket is in the way; move it elsewhere`);
  fs.unlinkSync(socketPath);
}

/**
 * The accepted connection as a socket that reads through `reader`. A server cannot give its sockets net's `onread`,
 * so the connection's handle moves to a new socket made with it, and the accepted one, left without a handle (it
 * was paused on connect, so nothing was read), is let go.
 */
function readingThrough(accepted: net.Socket, reader: MessageReader, onReadError: (e: unknown) => void): net.Socket {
  const owner = accepted as unknown as { _handle: unknown };
  const handle = owner._handle;
  owner._handle = null;
  accepted.destroy();
  return new net.Socket({
    handle,
    readable: true,
    writable: true,
    onread: {
      buffer: reader.nextBuffer,
      callback: (n: number, buf: Uint8Array) => {
        try {
          reader.received(n, buf);
          return true;
        } catch (e) {
          onReadError(e);
          return false;
        }
      },
    },
  } as net.SocketConstructorOpts);
}
