// loadConfig(env): defaults, one-line errors for bad values, the generated secret key, and how
// `node src/main.ts` reports a bad configuration.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECRET = 's'.repeat(32);
const dirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-config-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig({ DATA_DIR: tempDir(), SECRET_KEY: SECRET, ...env });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error(`loadConfig(${JSON.stringify(env)}) did not throw`);
}

describe('loadConfig', () => {
  it('defaults', () => {
    const dataDir = tempDir();
    const config = loadConfig({ DATA_DIR: dataDir, SECRET_KEY: SECRET });
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: 'http://localhost:3000',
      mongodbUri: undefined,
      dataDir,
      secretKey: SECRET,
      secretKeySource: 'env',
      signupMode: 'invite',
      logLevel: 'info',
      logFormat: 'auto',
      rateLimit: { points: 600, durationSeconds: 60 },
      sessionTtlSeconds: 3600,
      browserSessionTtlSeconds: 7 * 86400,
      mailFrom: 'Outpost <outpost@localhost>',
      userQuotaBytes: 1024 * 1024 * 1024,
      pageVersionsKept: 10,
      diskFreeFloorBytes: 1024 * 1024 * 1024,
      shutdownGraceMs: 30_000,
    });
    expect(config.mongodbUri).toBeUndefined();
    expect(config.smtpUrl).toBeUndefined();
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      PUBLIC_URL: 'https://pages.example.com/',
      MONGODB_URI: 'mongodb://db.internal:27017/outpost',
      DATA_DIR: tempDir(),
      SECRET_KEY: SECRET,
      SIGNUP_MODE: 'open',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'pretty',
      RATE_LIMIT_REQUESTS: '5',
      RATE_LIMIT_WINDOW_SECONDS: '10',
      SESSION_TTL_SECONDS: '600',
      BROWSER_SESSION_TTL_SECONDS: '3600',
      SMTP_URL: 'smtp://user:pass@mail.example.com:587',
      MAIL_FROM: 'Pages <pages@example.com>',
      USER_QUOTA_MB: '200',
      DISK_FREE_FLOOR_MB: '0',
      SHUTDOWN_GRACE_MS: '5000',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      publicUrl: 'https://pages.example.com',
      mongodbUri: 'mongodb://db.internal:27017/outpost',
      signupMode: 'open',
      logLevel: 'warn',
      logFormat: 'pretty',
      rateLimit: { points: 5, durationSeconds: 10 },
      sessionTtlSeconds: 600,
      browserSessionTtlSeconds: 3600,
      smtpUrl: 'smtp://user:pass@mail.example.com:587',
      mailFrom: 'Pages <pages@example.com>',
      userQuotaBytes: 200 * 1024 * 1024,
      diskFreeFloorBytes: 0,
      shutdownGraceMs: 5000,
    });
  });

  it('LOG_FORMAT: JSON lines by default under NODE_ENV=production, unless set', () => {
    const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: tempDir(), SECRET_KEY: SECRET, ...env }).logFormat;
    expect(load({ NODE_ENV: 'production' })).toBe('json');
    expect(load({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' })).toBe('pretty');
    expect(load({ NODE_ENV: 'development' })).toBe('auto');
    expect(load({ LOG_FORMAT: 'json' })).toBe('json');
  });

  it('accepts mongodb+srv:// and a PUBLIC_URL with a path', () => {
    const config = loadConfig({
      DATA_DIR: tempDir(),
      SECRET_KEY: SECRET,
      MONGODB_URI: 'mongodb+srv://cluster.example.net/db',
      PUBLIC_URL: 'http://example.com/outpost/',
    });
    expect(config.mongodbUri).toBe('mongodb+srv://cluster.example.net/db');
    expect(config.publicUrl).toBe('http://example.com/outpost');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be an integer from 0 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be an integer from 0 to 65535 (got "70000")'],
    [{ PORT: '-1' }, 'PORT must be an integer from 0 to 65535 (got "-1")'],
    [{ PORT: '80.5' }, 'PORT must be an integer from 0 to 65535 (got "80.5")'],
    [{ PUBLIC_URL: 'notaurl' }, 'PUBLIC_URL must be an absolute http(s) URL (got "notaurl")'],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL must use http or https (got "ftp://x")'],
    [{ PUBLIC_URL: 'https://example.com/?a=1' }, 'PUBLIC_URL must not contain a query, fragment or credentials (got "https://example.com/?a=1")'],
    [{ PUBLIC_URL: 'https://user@example.com' }, 'PUBLIC_URL must not contain a query, fragment or credentials (got "https://user@example.com")'],
    [{ SIGNUP_MODE: 'closed' }, 'SIGNUP_MODE must be one of invite, open (got "closed")'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")'],
    [{ LOG_FORMAT: 'text' }, 'LOG_FORMAT must be one of auto, json, pretty (got "text")'],
    [{ SECRET_KEY: 'too-short' }, 'SECRET_KEY must be at least 32 characters'],
    [{ MONGODB_URI: 'http://x' }, 'MONGODB_URI must start with mongodb:// or mongodb+srv://'],
    [{ RATE_LIMIT_REQUESTS: '0' }, 'RATE_LIMIT_REQUESTS must be an integer from 1 to 1000000 (got "0")'],
    [{ RATE_LIMIT_WINDOW_SECONDS: '1m' }, 'RATE_LIMIT_WINDOW_SECONDS must be an integer from 1 to 86400 (got "1m")'],
    [{ SMTP_URL: 'mail.example.com' }, 'SMTP_URL must be a URL like smtp://user:pass@host:587'],
    [{ SMTP_URL: 'https://mail.example.com' }, 'SMTP_URL must use smtp or smtps'],
    [{ SESSION_TTL_SECONDS: '59' }, 'SESSION_TTL_SECONDS must be an integer from 60 to 2592000 (got "59")'],
    [{ BROWSER_SESSION_TTL_SECONDS: '2592001' }, 'BROWSER_SESSION_TTL_SECONDS must be an integer from 300 to 2592000 (got "2592001")'],
    [{ USER_QUOTA_MB: '0' }, 'USER_QUOTA_MB must be an integer from 1 to 1073741824 (got "0")'],
    [{ DISK_FREE_FLOOR_MB: '1GB' }, 'DISK_FREE_FLOOR_MB must be an integer from 0 to 1073741824 (got "1GB")'],
    [{ SHUTDOWN_GRACE_MS: '999' }, 'SHUTDOWN_GRACE_MS must be an integer from 1000 to 600000 (got "999")'],
  ])('%j: ConfigError, one line', (env, message) => {
    const err = configError(env);
    expect(err.message).toBe(message);
    expect(err.message).not.toContain('\n');
  });

  it('a SECRET_KEY_FILE that does not exist', () => {
    const file = path.join(tempDir(), 'missing.key');
    const err = configError({ SECRET_KEY: '', SECRET_KEY_FILE: file });
    expect(err.message).toBe(`SECRET_KEY_FILE ${file} does not exist`);
  });

  it('a secret key file with a short key', () => {
    const file = path.join(tempDir(), 'short.key');
    fs.writeFileSync(file, 'short\n');
    const err = configError({ SECRET_KEY: '', SECRET_KEY_FILE: file });
    expect(err.message).toBe(`The secret key in ${file} must be at least 32 characters`);
  });

  it('reads SECRET_KEY_FILE (trimmed)', () => {
    const file = path.join(tempDir(), 'outpost.key');
    fs.writeFileSync(file, `  ${'k'.repeat(40)}\n`);
    const config = loadConfig({ DATA_DIR: tempDir(), SECRET_KEY_FILE: file });
    expect(config.secretKey).toBe('k'.repeat(40));
    expect(config.secretKeySource).toBe('file');
  });

  it('without SECRET_KEY: generates DATA_DIR/secret.key (mode 0600) and reuses it next time', () => {
    const dataDir = path.join(tempDir(), 'nested', 'data');
    const first = loadConfig({ DATA_DIR: dataDir });
    const file = path.join(dataDir, 'secret.key');
    expect(first.secretKeySource).toBe('generated');
    expect(first.secretKey.length).toBeGreaterThanOrEqual(32);
    expect(first.secretKey).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(first.secretKey);

    const second = loadConfig({ DATA_DIR: dataDir });
    expect(second.secretKeySource).toBe('file');
    expect(second.secretKey).toBe(first.secretKey);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('two instances get different generated keys', () => {
    const a = loadConfig({ DATA_DIR: tempDir() });
    const b = loadConfig({ DATA_DIR: tempDir() });
    expect(a.secretKey).not.toBe(b.secretKey);
  });
});

describe('node src/main.ts with a bad configuration', () => {
  it.each([
    [{ PORT: 'abc' }, 'Invalid configuration: PORT must be an integer from 0 to 65535 (got "abc")'],
    [{ PORT: '0', SIGNUP_MODE: 'closed', SECRET_KEY: SECRET }, 'Invalid configuration: SIGNUP_MODE must be one of invite, open (got "closed")'],
  ])('%j: exits 1 with exactly one line on stderr', (env, line) => {
    const dataDir = tempDir();
    const result = spawnSync(process.execPath, ['src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, ...env },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(1);
    expect(result.stderr.startsWith('Invalid configuration:')).toBe(true);
    expect(result.stderr).toBe(`${line}\n`);
    expect(result.stdout).toBe('');
  });
});
