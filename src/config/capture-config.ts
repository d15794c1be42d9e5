// Limits and the network guard of source_url captures, from the environment (CAPTURE_*).
import { checkedList, ConfigError, executable, integer, list } from '../shared/config-values.ts';
import { parseNetwork } from '../shared/networks.ts';

export interface CaptureConfig {
  /** CIDRs captures may reach although they are not public (e.g. 127.0.0.0/8 for a local site). */
  allowedNetworks: string[];
  /** Ports captures may use besides 80 and 443. */
  allowedPorts: number[];
  connectTimeoutMs: number;
  /** For one asset (or the page itself), redirects and body included. */
  assetTimeoutMs: number;
  /** For a whole capture. */
  totalTimeoutMs: number;
  /** Largest decoded asset. */
  maxAssetBytes: number;
  /** Largest total of decoded bytes one capture downloads. */
  maxBytes: number;
  maxAssets: number;
  maxRedirects: number;
  /** Fetches at once across the instance. */
  concurrency: number;
  /** Fetches at once to one host. */
  hostConcurrency: number;
  /** How deep frames inside frames are captured. */
  frameDepth: number;
  /** Time for reading one document or stylesheet (in a worker thread, terminated past it). */
  parseTimeoutMs: number;
  /** A running capture whose instance stopped refreshing it for this long is ended as failed (its instance died). */
  orphanTimeoutMs: number;
  /** Chromium's executable, for the browser pass (a capture's page loaded and its scripts run); unset: no pass. */
  browser?: string;
}

const GIB = 1024 ** 3;

function ports(env: NodeJS.ProcessEnv, name: string): number[] {
  return list(env, name).map((entry) => {
    const n = /^\d+$/.test(entry) ? Number(entry) : Number.NaN;
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new ConfigError(`${name} entries must be ports from 1 to 65535 (got "${entry}")`);
    return n;
  });
}

export function loadCaptureConfig(env: NodeJS.ProcessEnv): CaptureConfig {
  return {
    allowedNetworks: checkedList(env, 'CAPTURE_ALLOWED_NETWORKS', parseNetwork, 'networks like 10.0.0.0/8, fd00::/8 or 127.0.0.1'),
    allowedPorts: ports(env, 'CAPTURE_ALLOWED_PORTS'),
    connectTimeoutMs: integer(env, 'CAPTURE_CONNECT_TIMEOUT_MS', 10_000, 1, 600_000),
    assetTimeoutMs: integer(env, 'CAPTURE_ASSET_TIMEOUT_MS', 20_000, 1, 3_600_000),
    totalTimeoutMs: integer(env, 'CAPTURE_TOTAL_TIMEOUT_MS', 120_000, 1, 86_400_000),
    maxAssetBytes: integer(env, 'CAPTURE_MAX_ASSET_BYTES', 25 * 1024 * 1024, 1, 2 * GIB),
    maxBytes: integer(env, 'CAPTURE_MAX_BYTES', 50 * 1024 * 1024, 1, 16 * GIB),
    maxAssets: integer(env, 'CAPTURE_MAX_ASSETS', 2000, 0, 1_000_000),
    maxRedirects: integer(env, 'CAPTURE_MAX_REDIRECTS', 5, 0, 20),
    concurrency: integer(env, 'CAPTURE_CONCURRENCY', 16, 1, 1024),
    hostConcurrency: integer(env, 'CAPTURE_HOST_CONCURRENCY', 8, 1, 256),
    frameDepth: integer(env, 'CAPTURE_FRAME_DEPTH', 2, 0, 10),
    parseTimeoutMs: integer(env, 'CAPTURE_PARSE_TIMEOUT_MS', 10_000, 1, 600_000),
    // Running captures refresh their job twice a second, so 5 s already means the instance is gone.
    orphanTimeoutMs: integer(env, 'CAPTURE_ORPHAN_TIMEOUT_SECONDS', 60, 5, 86_400) * 1000,
    browser: executable(env, 'CAPTURE_BROWSER'),
  };
}
