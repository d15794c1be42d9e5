// Preloaded (`node --import`) into a child process that must not leave this machine: every TCP
// connection to anything but a loopback address is refused, and reported on stderr with a marker
// line the parent test looks for.
import net from 'node:net';

export const LOOPBACK_GUARD_MARKER = 'loopback-only: refused connection to';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|\[::1\]|::ffff:127(?:\.\d{1,3}){3})$/i;

const connect = net.Socket.prototype.connect as (this: net.Socket, ...args: unknown[]) => net.Socket;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  // net.connect() hands over its normalized [options, callback] array as the first argument.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  let host: string | undefined;
  let port: unknown;
  if (first && typeof first === 'object') {
    const o = first as { host?: string; port?: unknown; path?: string };
    if (o.path) return connect.apply(this, args); // a Unix socket: local by nature
    host = o.host ?? 'localhost';
    port = o.port;
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    port = first;
    host = typeof args[1] === 'string' ? args[1] : 'localhost';
  } else {
    return connect.apply(this, args); // connect(path): a Unix socket
  }
  if (!LOOPBACK.test(host)) {
    const message = `${LOOPBACK_GUARD_MARKER} ${host}:${String(port)}`;
    process.stderr.write(`${message}\n`);
    process.nextTick(() => this.destroy(new Error(message)));
    return this;
  }
  return connect.apply(this, args);
} as typeof net.Socket.prototype.connect;
