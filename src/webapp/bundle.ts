// The web app's script and stylesheet, bundled by esbuild from web/ into memory the first time they are
// asked for (tens of milliseconds; no build step, nothing written to disk). Names carry a content hash
// so browsers may cache them for good while the HTML shell is revalidated.
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');

export interface AppAsset {
  /** The URL path the shell links, e.g. /app/app.3f9c2a1b.js */
  path: string;
  body: Buffer;
  type: string;
}

export interface AppBundle {
  script: AppAsset;
  style: AppAsset;
}

const hashOf = (body: Uint8Array) => crypto.createHash('sha256').update(body).digest('base64url').slice(0, 12);

/** How web/'s Preact sources are bundled: in memory, minified, for browsers; each build adds its entry and output. */
export function webBuildOptions(webDir = WEB_DIR): esbuild.BuildOptions & { write: false } {
  return {
    bundle: true,
    write: false,
    target: 'es2022',
    platform: 'browser',
    minify: true,
    legalComments: 'none',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'silent',
    tsconfig: path.join(webDir, 'tsconfig.json'),
  };
}

export async function buildAppBundle(webDir = WEB_DIR): Promise<AppBundle> {
  const result = await esbuild.build({
    ...webBuildOptions(webDir),
    entryPoints: { app: path.join(webDir, 'main.tsx') },
    absWorkingDir: webDir,
    outdir: '/app',
    format: 'esm',
  });
  const file = (ext: string) => {
    const output = result.outputFiles.find((f) => f.path.endsWith(ext));
    if (!output) throw new Error(`web/main.tsx produced no ${ext} output: does it import its stylesheet?`);
    return Buffer.from(output.contents);
  };
  const js = file('.js');
  const css = file('.css');
  return {
    script: { path: `/app/app.${hashOf(js)}.js`, body: js, type: 'text/javascript; charset=utf-8' },
    style: { path: `/app/app.${hashOf(css)}.css`, body: css, type: 'text/css; charset=utf-8' },
  };
}
