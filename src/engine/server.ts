// The TCP server: frames messages, runs each command to completion, journals, then replies.
import net from 'node:net';
import { MAX_MESSAGE_BYTES } from './commands/admin.ts';
import { runCommand } from './commands/index.ts';
import { CursorRegistry } from './cursors.ts';
import { CommandError, ErrorCodes } from './errors.ts';
import { ttlSweep } from './ttl.ts';
import { Store } from './store.ts';
import { encodeReply, OP_QUERY, parseMessage, ProtocolError, type Request } from './wire.ts';
import type { Doc } from './values.ts';

export interface EngineOptions {
  /** Persist under this directory. Without it (or with `inMemory`) nothing is written to disk. */
  dataDir?: string;
  inMemory?: boolean;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** How often TTL indexes are enforced; mongod's monitor runs every 60 s. */
  ttlIntervalMs?: number;
  /** Superseded journal bytes that trigger a compaction (default 64 MiB). */
  compactionBytes?: number;
  /** Called with unexpected (non-command) errors; defaults to console.error. */
  onError?: (error: unknown) => void;
}

export interface RunningEngine {
  uri: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

export async function startEngine(options: EngineOptions = {}): Promise<RunningEngine> {
  const host = options.host ?? '127.0.0.1';
  const store = Store.open(options.inMemory ? undefined : options.dataDir, options.compactionBytes);
  const cursors = new CursorRegistry();
  const onError = options.onError ?? ((e: unknown) => console.error('[engine]', e));
  const sockets = new Set<net.Socket>();
  let connectionIds = 0;

  const execute = (request: Request, connectionId: number): Doc => {
    const { $db, ...command } = request.command;
    try {
      return runCommand(command, { store, cursors, db: typeof $db === 'string' ? $db : 'admin', connectionId, legacy: request.opCode === OP_QUERY });
    } catch (e) {
      if (e instanceof CommandError) return e.toReply();
      onError(e);
      return new CommandError(ErrorCodes.InternalError, (e as Error)?.message ?? String(e)).toReply();
    } finally {
      // Acknowledge only what the journal holds.
      store.flush();
    }
  };

  const server = net.createServer((socket) => {
    const connectionId = ++connectionIds;
    sockets.add(socket);
    socket.setNoDelay(true);
    let chunks: Buffer[] = [];
    let buffered = 0;
    let expected = 0; // length of the message being received, once its header has arrived
    socket.on('data', (data) => {
      chunks.push(data);
      buffered += data.length;
      try {
        for (;;) {
          if (expected === 0) {
            if (buffered < 4) break;
            const head = chunks[0].length >= 4 ? chunks[0] : Buffer.concat(chunks, buffered);
            expected = head.readInt32LE(0);
            if (expected < 16 || expected > MAX_MESSAGE_BYTES) throw new ProtocolError(`Invalid message length ${expected}`);
          }
          if (buffered < expected) break;
          // Concatenate once per complete message, never per received chunk.
          const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, buffered);
          const rest = all.subarray(expected);
          const request = parseMessage(all.subarray(0, expected));
          chunks = rest.length ? [rest] : [];
          buffered = rest.length;
          expected = 0;
          const reply = execute(request, connectionId);
          if (!request.moreToCome) socket.write(encodeReply(request, reply));
        }
      } catch (e) {
        if (!(e instanceof ProtocolError)) onError(e);
        socket.destroy();
      }
    });
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

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  const uriHost = host.includes(':') ? `[${host}]` : host;
  let closed: Promise<void> | undefined;
  return {
    uri: `mongodb://${uriHost}:${port}/?directConnection=true`,
    port,
    host,
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const t of timers) clearInterval(t);
        server.close(() => {
          store.close();
          resolve();
        });
        for (const s of sockets) s.destroy();
      });
      return closed;
    },
  };
}
