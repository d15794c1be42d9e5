// The one error ZIP intake throws for a bad upload. Its message is meant for the user as it is.

export type ZipRejectReason =
  /** Not a ZIP at all, or its directory cannot be read. */
  | 'not-a-zip'
  | 'too-many-entries'
  /** Absolute path, "..", drive letter, backslash, control character, empty or "." segment. */
  | 'unsafe-path'
  | 'symlink'
  | 'encrypted'
  | 'unsupported-compression'
  | 'duplicate'
  | 'case-collision'
  | 'file-folder-conflict'
  | 'entry-too-large'
  | 'total-too-large'
  | 'ratio-too-high'
  /** An entry's data does not match its header (size, CRC, broken deflate stream). */
  | 'corrupt'
  | 'no-files'
  | 'no-html'
  | 'ambiguous-default';

export class ZipRejected extends Error {
  readonly reason: ZipRejectReason;
  /** The entry's name as stored in the archive (decoded, before normalization), when one entry is at fault. */
  readonly entry?: string;

  constructor(reason: ZipRejectReason, message: string, entry?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ZipRejected';
    this.reason = reason;
    if (entry !== undefined) this.entry = entry;
  }
}

/** Longest name quoted in full; a longer one keeps its start and its end around an ellipsis. */
const QUOTE_MAX = 120;

/**
 * Quotes an entry name for a message: control and bidi-override characters escaped, the rest as
 * is; a name longer than QUOTE_MAX characters is shortened to its start and end.
 */
export function quoteName(name: string): string {
  const shown = name.length > QUOTE_MAX ? `${name.slice(0, 70)}…${name.slice(-49)}` : name;
  const escaped = shown.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `"${escaped}"`;
}

export function formatBytes(n: number): string {
  const MiB = 1024 * 1024;
  if (n >= MiB && n % MiB === 0) return `${n / MiB} MiB`;
  if (n >= MiB) return `${(n / MiB).toFixed(1)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}
