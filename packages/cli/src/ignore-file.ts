// `.outpostignore` in a deployed folder: what to leave out, in gitignore syntax (the `ignore` package).
import fs from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';

const IGNORE_FILE = '.outpostignore';

/** A filter for readFolder: false for what `.outpostignore` names (a folder is asked with its trailing "/"). */
export function ignoreFilter(dir: string): ((relativePath: string, isDirectory: boolean) => boolean) | undefined {
  let rules: string;
  try {
    rules = fs.readFileSync(path.join(dir, IGNORE_FILE), 'utf8');
  } catch (error) {
    // Unreadable is not the same as absent: publishing what it names would be the wrong way to fail.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Cannot read ${path.join(dir, IGNORE_FILE)}: ${(error as Error).message}`, { cause: error });
  }
  const matcher = ignore().add(rules);
  return (relativePath, isDirectory) => !matcher.ignores(isDirectory ? `${relativePath}/` : relativePath);
}
