// A client that resets its connection (a closed tab, a cancelled upload, a dropped event stream) is routine
// for a server on a network: it is logged at info, not as hapi's error-level "read ECONNRESET".
import type http from 'node:http';
import type { Socket } from 'node:net';

const DISCONNECTS = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

interface InfoLogger {
  info(details: object, message: string): void;
}

/** Logs a connection the client reset at info and closes it; every other client error goes to the handlers `listener` already has. */
export function logClientDisconnectsAsInfo(listener: http.Server, logger: InfoLogger): void {
  const others = listener.listeners('clientError') as ((err: Error, socket: Socket) => void)[];
  listener.removeAllListeners('clientError');
  listener.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!err.code || !DISCONNECTS.has(err.code)) {
      for (const handle of others) handle.call(listener, err, socket);
      return;
    }
    logger.info({ tags: ['connection', 'client'], code: err.code }, `The client closed its connection (${err.message})`);
    socket.destroy();
  });
}
