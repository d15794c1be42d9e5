// What the command prints: results on stdout (JSON with --json), messages and progress on stderr. Progress
// bars only on a terminal and never with --json; colour only on a terminal without NO_COLOR.
import cliProgress from 'cli-progress';

export class CliError extends Error {
  override name = 'CliError';
  /** Added to the error's JSON with --json (e.g. the job of a failed capture). */
  readonly details?: Record<string, unknown>;

  constructor(message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options);
    this.details = options?.details;
  }
}

export interface OutputOptions {
  json: boolean;
  verbose: boolean;
}

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

const NO_PROGRESS: Progress = { update() {}, stop() {} };

export class Output {
  readonly json: boolean;
  readonly verbose: boolean;
  private readonly interactive = Boolean(process.stderr.isTTY);
  private readonly color = Boolean(process.stdout.isTTY) && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '');

  constructor(options: OutputOptions) {
    this.json = options.json;
    this.verbose = options.verbose;
  }

  /** The command's result: `value` as JSON with --json, else the lines given. */
  result(value: unknown, lines: string | string[]): void {
    if (this.json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else for (const line of Array.isArray(lines) ? lines : [lines]) process.stdout.write(`${line}\n`);
  }

  /** A message for the person (stderr, so stdout stays the result). */
  info(message: string): void {
    if (!this.json) process.stderr.write(`${message}\n`);
  }

  /** Something that went wrong beside the result (stderr, with --json too). */
  warn(message: string): void {
    process.stderr.write(`outpost: ${message}\n`);
  }

  detail(message: string): void {
    if (this.verbose) process.stderr.write(`${message}\n`);
  }

  bold(text: string): string {
    return this.color ? `\x1b[1m${text}\x1b[22m` : text;
  }

  /** A progress bar on a terminal; nothing elsewhere (CI logs, pipes, --json). */
  progress(label: string, format: (done: number, total: number) => string): Progress {
    if (this.json || !this.interactive) return NO_PROGRESS;
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {text}`,
        barCompleteChar: '#',
        barIncompleteChar: '-',
        hideCursor: true,
        clearOnComplete: true,
        stream: process.stderr,
        noTTYOutput: false,
      },
      cliProgress.Presets.legacy,
    );
    let started = false;
    return {
      update(done, total) {
        if (!started) {
          bar.start(Math.max(total, 1), done, { text: format(done, total) });
          started = true;
        } else {
          bar.setTotal(Math.max(total, 1));
          bar.update(done, { text: format(done, total) });
        }
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
