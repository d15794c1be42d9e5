// The data directory is readable by its owner only: 0700, and the engine's files in it 0600.
import fs from 'node:fs';
import path from 'node:path';
import { PASSWORD_FILE } from './credentials.ts';
import { JOURNAL_FILES } from './journal.ts';

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/**
 * Files that may sit in a data directory and must stay private: the journal's, the engine's
 * TCP password and the application's secret key (`secret.key`). Only these are touched, so a data
 * directory pointed at a folder holding other things never has those changed.
 */
export const PRIVATE_FILES = [...JOURNAL_FILES, PASSWORD_FILE, 'secret.key'];

/**
 * Creates `dir` (0700), or makes an existing one private: the directory and the known files in it
 * lose their group and other permissions, and each change is reported through `log`.
 */
export function preparePrivateDir(dir: string, log: (message: string) => void): void {
  fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  const dirMode = fs.statSync(dir).mode & 0o777;
  if (dirMode & 0o077) {
    chmod(dir, DIR_MODE);
    log(`Data directory ${dir} was open to other accounts (mode ${octal(dirMode)}); changed it to ${octal(DIR_MODE)}`);
  }
  const fixed: string[] = [];
  for (const name of PRIVATE_FILES) {
    const file = path.join(dir, name);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw e;
    }
    // chmod follows symbolic links; only the directory's own files are changed.
    if (!stat.isFile() || !(stat.mode & 0o077)) continue;
    chmod(file, FILE_MODE);
    fixed.push(`${name} (was ${octal(stat.mode & 0o777)})`);
  }
  if (fixed.length) log(`Made files in ${dir} readable by their owner only (mode ${octal(FILE_MODE)}): ${fixed.join(', ')}`);
}

function chmod(target: string, mode: number): void {
  try {
    fs.chmodSync(target, mode);
  } catch (e) {
    throw new Error(`Cannot make ${target} private (chmod ${octal(mode)}): ${(e as Error).message}. Run as its owner, or change its mode yourself.`, {
      cause: e,
    });
  }
}

const octal = (mode: number) => `0${mode.toString(8)}`;
