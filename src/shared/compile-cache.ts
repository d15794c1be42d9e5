// Node's on-disk compile cache (V8 code cache and stripped TypeScript) in DATA_DIR/compile-cache: a start
// then skips most of the parsing, compiling and type stripping of its modules. Kept in DATA_DIR (0700), not
// in the shared temporary directory, where another account could plant entries. A cache that cannot be used
// (read-only disk, an older Node) only makes the start slower.
import fs from 'node:fs';
import module from 'node:module';
import path from 'node:path';

export function enableCompileCache(dataDir: string): void {
  if (typeof module.enableCompileCache !== 'function' || process.env.NODE_DISABLE_COMPILE_CACHE) return;
  const dir = path.join(dataDir, 'compile-cache');
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch {
    return;
  }
  module.enableCompileCache(dir);
}

/** Writes what was compiled so far (Node writes it only at a clean exit, and a start may end with kill -9). */
export function saveCompileCache(): void {
  try {
    module.flushCompileCache?.();
  } catch {
    // As for a cache that cannot be used: the next start is only slower.
  }
}
