// Where the server log goes: JSON lines on stdout (for log collectors and files), or readable lines when
// a person watches a terminal (LOG_FORMAT=auto and stdout is a TTY, or LOG_FORMAT=pretty).
import { createRequire } from 'node:module';
import pino from 'pino';
import type pinoPretty from 'pino-pretty';
import type { Config } from '../config/config.ts';

/**
 * JSON lines on stdout, written asynchronously: lines that come while a write is under way are written together
 * with the next one, instead of one write(2) per line (one per request with the access log), and what is left is
 * written at exit (pino flushes it). Or readable lines.
 */
export function logOutput(format: Config['logFormat'], stdout: { isTTY?: boolean } = process.stdout): NodeJS.WritableStream {
  if (format === 'json' || (format === 'auto' && !stdout.isTTY)) return jsonLines();
  // Loaded only for readable lines: JSON output (a service, a container) never needs it.
  const pretty = createRequire(import.meta.url)('pino-pretty') as typeof pinoPretty;
  return pretty({
    colorize: stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    // The response line's message already names the method, path, status and time.
    ignore: 'pid,hostname,req,res,responseTime',
    singleLine: true,
    // Written at once, so nothing is lost when the process exits right after logging.
    sync: true,
  });
}

let stdoutLines: NodeJS.WritableStream | undefined;

/** One writer of stdout per process (servers started in one process share it; a line is never cut by another's). */
function jsonLines(): NodeJS.WritableStream {
  stdoutLines ??= pino.destination({ dest: 1, sync: false }) as unknown as NodeJS.WritableStream;
  return stdoutLines;
}
