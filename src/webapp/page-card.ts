// The page card (web/page-card/, an MCP App view) as the one HTML document an MCP App resource is: esbuild
// bundles it in memory, and its script and stylesheet are inlined (hosts load the document as srcdoc or a blob,
// so it can fetch nothing of its own). Built once per process, on first use.
import path from 'node:path';
import * as esbuild from 'esbuild';
import { WEB_DIR, webBuildOptions } from './bundle.ts';

const CARD_DIR = path.join(WEB_DIR, 'page-card');

/**
 * zod (under ext-apps' App) re-exports every locale as `z.locales`; nothing in the card reads them, but a namespace
 * re-export cannot be tree-shaken. Only English is kept: a quarter of a megabyte less. Should zod move the file,
 * the filter stops matching and the bundle is merely larger.
 */
const englishZodLocaleOnly: esbuild.Plugin = {
  name: 'english-zod-locale-only',
  setup(build) {
    build.onResolve({ filter: /[\\/]locales[\\/]index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'english-zod-locale-only' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'english-zod-locale-only' }, () => ({
      contents: "export { default as en } from 'zod/v4/locales/en.js';",
      resolveDir: CARD_DIR,
    }));
  },
};

/** `text` as the content of an inline `<script>` or `<style>`: refused if it could end the element early. */
function inlinable(text: string, element: 'script' | 'style'): string {
  // esbuild writes `<\/script` in strings already; this catches what it does not.
  if (new RegExp(`</${element}|<!--`, 'i').test(text)) throw new Error(`the page card's ${element} contains </${element} or <!--`);
  return text;
}

export async function buildPageCardHtml(cardDir = CARD_DIR): Promise<string> {
  const result = await esbuild.build({
    ...webBuildOptions(),
    entryPoints: [path.join(cardDir, 'main.tsx')],
    absWorkingDir: cardDir,
    outdir: '/page-card',
    format: 'iife',
    charset: 'utf8',
    plugins: [englishZodLocaleOnly],
  });
  const output = (ext: string) => {
    const file = result.outputFiles.find((f) => f.path.endsWith(ext));
    if (!file) throw new Error(`web/page-card/main.tsx produced no ${ext} output: does it import card.css?`);
    return file.text;
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Outpost page</title>
<style>${inlinable(output('.css'), 'style')}</style>
</head>
<body>
<div id="card"></div>
<script>${inlinable(output('.js'), 'script')}</script>
</body>
</html>
`;
}

let building: Promise<string> | undefined;

/** The page card's HTML, built on the first call and shared by every later one (a failed build is retried). */
export function pageCardHtml(): Promise<string> {
  if (!building) {
    building = buildPageCardHtml();
    building.catch(() => (building = undefined));
  }
  return building;
}
