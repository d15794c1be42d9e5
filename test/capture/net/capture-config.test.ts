// loadCaptureConfig(env): the defaults, lists of networks and ports, and one-line errors for bad values.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCaptureConfig } from '../../../src/config/capture-config.ts';
import { ConfigError } from '../../../src/config/config.ts';

function configError(env: Record<string, string>): string {
  try {
    loadCaptureConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error(`loadCaptureConfig(${JSON.stringify(env)}) did not throw`);
}

describe('loadCaptureConfig', () => {
  it('defaults', () => {
    expect(loadCaptureConfig({})).toEqual({
      allowedNetworks: [],
      allowedPorts: [],
      connectTimeoutMs: 10_000,
      assetTimeoutMs: 20_000,
      totalTimeoutMs: 120_000,
      maxAssetBytes: 26_214_400,
      maxBytes: 52_428_800,
      maxAssets: 2000,
      maxRedirects: 5,
      concurrency: 16,
      hostConcurrency: 8,
      frameDepth: 2,
      parseTimeoutMs: 10_000,
      orphanTimeoutMs: 60_000,
    });
  });

  it('treats empty values as unset', () => {
    expect(loadCaptureConfig({ CAPTURE_ALLOWED_NETWORKS: '', CAPTURE_MAX_BYTES: '', CAPTURE_ALLOWED_PORTS: ' , ' })).toEqual(loadCaptureConfig({}));
  });

  it('reads every variable', () => {
    expect(
      loadCaptureConfig({
        CAPTURE_ALLOWED_NETWORKS: ' 127.0.0.0/8, ::1/128 ,10.0.0.1,fd00::/8',
        CAPTURE_ALLOWED_PORTS: '8080, 3000',
        CAPTURE_CONNECT_TIMEOUT_MS: '500',
        CAPTURE_ASSET_TIMEOUT_MS: '1000',
        CAPTURE_TOTAL_TIMEOUT_MS: '60000',
        CAPTURE_MAX_ASSET_BYTES: '1024',
        CAPTURE_MAX_BYTES: '4096',
        CAPTURE_MAX_ASSETS: '10',
        CAPTURE_MAX_REDIRECTS: '0',
        CAPTURE_CONCURRENCY: '4',
        CAPTURE_HOST_CONCURRENCY: '2',
        CAPTURE_FRAME_DEPTH: '0',
        CAPTURE_PARSE_TIMEOUT_MS: '250',
        CAPTURE_ORPHAN_TIMEOUT_SECONDS: '5',
      }),
    ).toEqual({
      allowedNetworks: ['127.0.0.0/8', '::1/128', '10.0.0.1', 'fd00::/8'],
      allowedPorts: [8080, 3000],
      connectTimeoutMs: 500,
      assetTimeoutMs: 1000,
      totalTimeoutMs: 60_000,
      maxAssetBytes: 1024,
      maxBytes: 4096,
      maxAssets: 10,
      maxRedirects: 0,
      concurrency: 4,
      hostConcurrency: 2,
      frameDepth: 0,
      parseTimeoutMs: 250,
      orphanTimeoutMs: 5000,
    });
  });

  it.each(['10.0.0.0/33', 'localhost', '10.0.0/8', '::/129', '127.0.0.1/8/8'])('refuses the network "%s"', (entry) => {
    expect(configError({ CAPTURE_ALLOWED_NETWORKS: `127.0.0.0/8,${entry}` })).toBe(
      `CAPTURE_ALLOWED_NETWORKS entries must be networks like 10.0.0.0/8, fd00::/8 or 127.0.0.1 (got "${entry}")`,
    );
  });

  it.each(['0', '65536', 'http', '80.5', '-1'])('refuses the port "%s"', (entry) => {
    expect(configError({ CAPTURE_ALLOWED_PORTS: entry })).toBe(`CAPTURE_ALLOWED_PORTS entries must be ports from 1 to 65535 (got "${entry}")`);
  });

  it.each([
    ['CAPTURE_CONNECT_TIMEOUT_MS', '0', 'CAPTURE_CONNECT_TIMEOUT_MS must be an integer from 1 to 600000 (got "0")'],
    ['CAPTURE_ASSET_TIMEOUT_MS', '1.5', 'CAPTURE_ASSET_TIMEOUT_MS must be an integer from 1 to 3600000 (got "1.5")'],
    ['CAPTURE_TOTAL_TIMEOUT_MS', 'soon', 'CAPTURE_TOTAL_TIMEOUT_MS must be an integer from 1 to 86400000 (got "soon")'],
    ['CAPTURE_MAX_ASSET_BYTES', '-5', 'CAPTURE_MAX_ASSET_BYTES must be an integer from 1 to 2147483648 (got "-5")'],
    ['CAPTURE_MAX_BYTES', '1e6', 'CAPTURE_MAX_BYTES must be an integer from 1 to 17179869184 (got "1e6")'],
    ['CAPTURE_MAX_ASSETS', '1000001', 'CAPTURE_MAX_ASSETS must be an integer from 0 to 1000000 (got "1000001")'],
    ['CAPTURE_ORPHAN_TIMEOUT_SECONDS', '4', 'CAPTURE_ORPHAN_TIMEOUT_SECONDS must be an integer from 5 to 86400 (got "4")'],
    ['CAPTURE_MAX_REDIRECTS', '21', 'CAPTURE_MAX_REDIRECTS must be an integer from 0 to 20 (got "21")'],
    ['CAPTURE_CONCURRENCY', '0', 'CAPTURE_CONCURRENCY must be an integer from 1 to 1024 (got "0")'],
    ['CAPTURE_HOST_CONCURRENCY', '0x10', 'CAPTURE_HOST_CONCURRENCY must be an integer from 1 to 256 (got "0x10")'],
    ['CAPTURE_FRAME_DEPTH', '11', 'CAPTURE_FRAME_DEPTH must be an integer from 0 to 10 (got "11")'],
    ['CAPTURE_PARSE_TIMEOUT_MS', '0', 'CAPTURE_PARSE_TIMEOUT_MS must be an integer from 1 to 600000 (got "0")'],
  ])('refuses %s=%s with one line', (name, value, message) => {
    expect(configError({ [name]: value })).toBe(message);
  });

  it('CAPTURE_BROWSER: an absolute path to an executable file, else one line saying what it must be', () => {
    expect(loadCaptureConfig({}).browser).toBeUndefined();
    expect(loadCaptureConfig({ CAPTURE_BROWSER: process.execPath }).browser).toBe(process.execPath);
    expect(configError({ CAPTURE_BROWSER: 'chromium' })).toBe('CAPTURE_BROWSER must be an absolute path to an executable (got "chromium")');
    const missing = path.join(os.tmpdir(), 'no-such-browser');
    expect(configError({ CAPTURE_BROWSER: missing })).toBe(`CAPTURE_BROWSER must be an executable file (${missing} is not one)`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'capture-browser-'));
    const plain = path.join(dir, 'chromium');
    fs.writeFileSync(plain, '', { mode: 0o644 });
    try {
      expect(configError({ CAPTURE_BROWSER: plain })).toBe(`CAPTURE_BROWSER must be an executable file (${plain} is not one)`);
      expect(configError({ CAPTURE_BROWSER: dir })).toBe(`CAPTURE_BROWSER must be an executable file (${dir} is not one)`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
