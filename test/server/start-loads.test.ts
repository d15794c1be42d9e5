// What a start loads: the modules left for first use stay unloaded until then, and main.ts's compile cache
// lands in DATA_DIR (0700).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs an ES module script in a fresh node (in the repository, so that its imports resolve); its stdout. */
function runScript(code: string): string {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  if (result.status !== 0) throw new Error(`exited with ${result.status}:\n${result.stderr}`);
  return result.stdout;
}

describe('a start', () => {
  it('imports the app without the modules left for first use, which load when asked for', () => {
    const out = runScript(`
      import { registerHooks } from 'node:module';
      const loaded = new Set();
      registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); loaded.add(r.url); return r; } });
      const has = (part) => [...loaded].some((url) => url.includes(part));
      const lazy = ['/node_modules/oidc-provider/', '/node_modules/undici/', '/node_modules/nodemailer/', '/node_modules/@modelcontextprotocol/server/',
        '/node_modules/ajv/', '/node_modules/yaml/', '/node_modules/pino-pretty/', '/node_modules/playwright-core/'];
      await import('./src/app.ts');
      const atStart = lazy.filter(has);
      const { mcpServerModule } = await import('./src/mcp/mcp-server-on-demand.ts');
      const { warmModernMcp } = await import('./src/mcp/modern-on-demand.ts');
      await mcpServerModule(); await warmModernMcp();
      console.log(JSON.stringify({ atStart, warmed: lazy.filter(has) }));
    `);
    const { atStart, warmed } = JSON.parse(out) as { atStart: string[]; warmed: string[] };
    expect(atStart).toEqual([]);
    expect(warmed).toEqual(expect.arrayContaining(['/node_modules/ajv/', '/node_modules/@modelcontextprotocol/server/']));
  });

  it('keeps the compile cache in DATA_DIR/compile-cache, readable by this account only', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-compile-cache-'));
    dirs.push(dataDir);
    runScript(`
      import { enableCompileCache, saveCompileCache } from './src/shared/compile-cache.ts';
      enableCompileCache(${JSON.stringify(dataDir)});
      await import('./src/shared/warm-up.ts');
      saveCompileCache();
    `);
    const dir = path.join(dataDir, 'compile-cache');
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.readdirSync(dir, { recursive: true }).length).toBeGreaterThan(0);
  });
});
