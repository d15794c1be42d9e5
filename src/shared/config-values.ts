// Typed values from the environment. A bad value is a ConfigError naming the variable, which stops
// the process at start with that one line.
import fs from 'node:fs';
import path from 'node:path';

export class ConfigError extends Error {}

export function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  return n;
}

export function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!allowed.includes(raw as T)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
  return raw as T;
}

/** A comma-separated list, entries trimmed, empty ones dropped. */
export function list(env: NodeJS.ProcessEnv, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A list (as above) whose every entry `check` accepts; otherwise a ConfigError saying what an entry must be. */
export function checkedList(env: NodeJS.ProcessEnv, name: string, check: (entry: string) => unknown, mustBe: string): string[] {
  const entries = list(env, name);
  for (const entry of entries) {
    try {
      check(entry);
    } catch {
      throw new ConfigError(`${name} entries must be ${mustBe} (got "${entry}")`);
    }
  }
  return entries;
}

/** An absolute path to an executable file, or undefined when unset. */
export function executable(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!path.isAbsolute(raw)) throw new ConfigError(`${name} must be an absolute path to an executable (got "${raw}")`);
  try {
    if (!fs.statSync(raw).isFile()) throw new Error('not a file');
    fs.accessSync(raw, fs.constants.X_OK);
  } catch {
    throw new ConfigError(`${name} must be an executable file (${raw} is not one)`);
  }
  return raw;
}
