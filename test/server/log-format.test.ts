// `npm start` writes readable log lines to a terminal and JSON lines anywhere else (LOG_FORMAT=auto),
// and LOG_FORMAT forces either.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// util-linux's script(1) runs a command on a pseudo-terminal.
const HAS_SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs `node src/main.ts` (on a terminal when `tty`) until it logs that it listens; returns its stdout lines up to then. */
async function startLines(env: Record<string, string>, tty: boolean): Promise<string[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-logs-'));
  dirs.push(dataDir);
  const fullEnv = { PATH: process.env.PATH ?? '', PORT: '0', DATA_DIR: dataDir, SECRET_KEY: crypto.randomBytes(32).toString('base64url'), ...env };
  const child = tty
    ? spawn('script', ['-qfec', `'${process.execPath}' src/main.ts`, '/dev/null'], { cwd: ROOT, env: fullEnv, detached: true })
    : spawn(process.execPath, ['src/main.ts'], { cwd: ROOT, env: fullEnv, detached: true });
  let out = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "Outpost listening" line in 30 s:\n${out}`)), 30_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.includes('Outpost listening')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
    });
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
  return out.split(/\r?\n/).filter((line) => line.trim());
}

const isJson = (line: string) => {
  try {
    return typeof JSON.parse(line) === 'object';
  } catch {
    return false;
  }
};

describe('log lines of npm start', () => {
  it('without a terminal: JSON lines', async () => {
    const lines = await startLines({}, false);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every(isJson)).toBe(true);
    expect(lines.map((l) => JSON.parse(l).msg)).toContainEqual(expect.stringMatching(/^Outpost listening on http:\/\/127\.0\.0\.1:\d+/));
  });

  it.skipIf(!HAS_SCRIPT)('on a terminal: readable lines with time and level, not JSON', async () => {
    const lines = await startLines({}, true);
    const listening = lines.find((l) => l.includes('Outpost listening'))!;
    expect(isJson(listening)).toBe(false);
    // Colours aside: "[HH:MM:ss.mmm] INFO: Outpost listening on …"
    expect(stripVTControlCharacters(listening)).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO: Outpost listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(lines.some(isJson)).toBe(false);
  });

  it.skipIf(!HAS_SCRIPT)('on a terminal with LOG_FORMAT=json, or NODE_ENV=production: JSON lines', async () => {
    expect((await startLines({ LOG_FORMAT: 'json' }, true)).every(isJson)).toBe(true);
    expect((await startLines({ NODE_ENV: 'production' }, true)).every(isJson)).toBe(true);
  });

  it('LOG_FORMAT=pretty without a terminal: readable lines, uncoloured', async () => {
    const lines = await startLines({ LOG_FORMAT: 'pretty' }, false);
    const listening = lines.find((l) => l.includes('Outpost listening'))!;
    expect(listening).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO: Outpost listening on /);
  });
});
