// Where the server log goes: JSON lines on stdout (for log collectors and files), or readable lines when
// a person watches a terminal (LOG_FORMAT=auto and stdout is a TTY, or LOG_FORMAT=pretty).
import { createRequire } from 'node:module';
import type pinoPretty from 'pino-pretty';
import type { Config } from '../config/config.ts';

/** The stream for readable lines, or undefined for pino's own JSON lines on stdout. */
export function logOutput(format: Config['logFormat'], stdout: { isTTY?: boolean } = process.stdout): NodeJS.WritableStream | undefined {
  if (format === 'json' || (format === 'auto' && !stdout.isTTY)) return undefined;
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
