// The engine's Unix socket: where it lives, the length the kernel allows, and the URI drivers use for it.
import path from 'node:path';

/** Drivers recognise a Unix socket host by its `.sock` ending. */
export const SOCKET_FILE = 'engine.sock';

/** sun_path holds 108 bytes on Linux (104 on macOS and the BSDs), one of them the closing NUL. */
export const MAX_SOCKET_PATH_BYTES = process.platform === 'linux' ? 107 : 103;

export function socketPathIn(dir: string): string {
  return path.join(path.resolve(dir), SOCKET_FILE);
}

/** Why `socketPath` cannot be bound, or undefined when it can. */
export function socketPathTooLong(socketPath: string): string | undefined {
  const bytes = Buffer.byteLength(socketPath);
  if (bytes <= MAX_SOCKET_PATH_BYTES) return undefined;
  return `the engine's Unix socket ${socketPath} would be ${bytes} bytes long, and Unix sockets allow at most ${MAX_SOCKET_PATH_BYTES}`;
}

/** The socket path as a mongodb:// host: percent-encoded, slashes included. */
export function socketUri(socketPath: string): string {
  return `mongodb://${encodeURIComponent(socketPath)}/?directConnection=true`;
}
