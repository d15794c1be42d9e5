// Loads a folder of plugin modules (src/handlers/, tools/): every code file in it is imported and its
// default export checked by the caller. A file that fails the check stops the load with an error
// naming the file and what to write in it.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** A folder module that fails its check, or a folder that breaks a rule across files. */
export class ModuleFolderError extends Error {}

export interface FolderFile {
  /** Absolute path, as error messages show it. */
  path: string;
  /** The file name without its extension (e.g. `getMe` for getMe.ts). */
  name: string;
}

/** Turns a file's default export into what the caller keeps; calls `fail` with the reason when it does not fit. */
export type ExportCheck<T> = (exported: unknown, file: FolderFile, fail: (reason: string) => never) => T;

export interface ModuleFolderOptions {
  /** File endings that count as modules (declaration files never do); default `.ts`. */
  extensions?: readonly string[];
  /** Import a file again once it has changed on disk (for reloading in development). */
  fresh?: boolean;
}

/** The checked default exports of `dir`'s modules, in file-name order; a missing folder has none. */
export async function loadModuleFolder<T>(dir: string, check: ExportCheck<T>, options: ModuleFolderOptions = {}): Promise<{ file: FolderFile; value: T }[]> {
  const extensions = options.extensions ?? ['.ts'];
  const extensionOf = (f: string) => (f.endsWith('.d.ts') ? undefined : extensions.find((e) => f.endsWith(e)));
  const names = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => extensionOf(f))
        .sort()
    : [];
  const loaded: { file: FolderFile; value: T }[] = [];
  for (const fileName of names) {
    const file = { path: path.join(dir, fileName), name: fileName.slice(0, -extensionOf(fileName)!.length) };
    let url = pathToFileURL(file.path).href;
    // A query string makes the import see the file's current content.
    if (options.fresh) url += `?mtime=${Math.trunc(fs.statSync(file.path).mtimeMs)}`;
    const exported = (await import(url)).default as unknown;
    loaded.push({ file, value: check(exported, file, (reason) => folderError(file, reason)) });
  }
  return loaded;
}

/** Throws a ModuleFolderError that starts with the file's path. */
export function folderError(file: FolderFile, reason: string): never {
  throw new ModuleFolderError(`${file.path}: ${reason}`);
}
