// `npm start` reports a setting that fails only at start (not in loadConfig) as one line, like any bad setting.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('npm start with a DATA_DIR too long for the engine socket', () => {
  it('exits 1 with one "Invalid configuration" line, no stack trace', () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-start-'));
    const dataDir = path.join(base, 'd'.repeat(110));
    const run = spawnSync(process.execPath, ['src/main.ts'], {
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', SECRET_KEY: 'k'.repeat(40), MONGODB_URI: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    fs.rmSync(base, { recursive: true, force: true });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: DATA_DIR .* is too long: .*Set DATA_DIR to a shorter path/);
  });
});
