// How a guarded fetch fails: the reason codes and the error callers see. Messages are for the person who
// asked for the URL and never reveal what the server's resolver knows; `detail` carries that, for logs.

export type FetchFailureReason =
  | 'blocked-scheme'
  | 'blocked-credentials'
  | 'blocked-port'
  | 'blocked-address'
  | 'dns'
  | 'refused'
  | 'connect-timeout'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'bad-redirect'
  | 'status'
  | 'network'
  | 'aborted';

/**
 * A fetch that did not produce a 2xx response. The message says why, for the person who asked for the URL:
 * it never names the addresses a host name resolves to (the server's DNS view of internal names is not
 * theirs to map). `detail` is the full explanation, for the server's log only.
 */
export class FetchFailed extends Error {
  readonly reason: FetchFailureReason;
  /** The URL that failed: the requested one, or the redirect hop it failed at (credentials masked). */
  readonly url: string;
  /** The final response's status, for 'status'. */
  readonly status?: number;
  /**
   * For logs, never for users: the message plus what it leaves out (the blocked addresses a host name
   * resolves to and the setting that would allow them, the resolver's error). The message when it leaves
   * nothing out.
   */
  readonly detail: string;

  constructor(reason: FetchFailureReason, url: string, message: string, options: { status?: number; detail?: string } = {}) {
    super(message);
    this.name = 'FetchFailed';
    this.reason = reason;
    this.url = url;
    if (options.status !== undefined) this.status = options.status;
    this.detail = options.detail ?? message;
  }
}

export const ALLOW_NETWORKS_HINT = ' (set CAPTURE_ALLOWED_NETWORKS to allow it)';
export const ALLOW_PORTS_HINT = ' (set CAPTURE_ALLOWED_PORTS to allow it)';
