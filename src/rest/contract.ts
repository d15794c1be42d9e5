// The published contract: /openapi.yaml, /openapi.json, and an API reference at /docs
// rendered from it in the browser by Scalar (served from node_modules, no CDN). openapi.yaml is read and parsed
// on the first request for it, not at start.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from '@hapi/hapi';
import type { stringify as yamlStringify } from 'yaml';
import { loadOnce } from '../shared/load-once.ts';

const SPEC_FILE = fileURLToPath(new URL('../../openapi.yaml', import.meta.url));
const require = createRequire(import.meta.url);
// The package exports no path to its browser bundle; it sits beside the main entry (dist/).
const SCALAR_BUNDLE = path.join(path.dirname(require.resolve('@scalar/api-reference')), 'browser/standalone.js');

/** Scalar's settings, as @scalar/types names them for this version. */
const SCALAR_CONFIGURATION = {
  withDefaultFonts: false,
  hideClientButton: false,
  // Scalar's hosted services, of no use on a self-hosted instance: the AI agent ("Ask AI"), "Generate MCP",
  // the developer toolbar ("Share", "Deploy") and usage analytics.
  agent: { disabled: true },
  mcp: { disabled: true },
  showDeveloperTools: 'never',
  telemetry: false,
  // Both credentials, an op_ API token and a session JWT, are sent as Bearer tokens.
  authentication: { preferredSecurityScheme: 'bearer' },
};

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Outpost API reference</title>
</head>
<body>
  <script id="api-reference" data-url="/openapi.json" data-configuration='${JSON.stringify(SCALAR_CONFIGURATION)}'></script>
  <script src="/docs/scalar.js"></script>
</body>
</html>`;

export function registerContractRoutes(server: Server, publicUrl: () => string): void {
  const loadSpec = loadOnce(async (): Promise<{ doc: Record<string, unknown>; stringify: typeof yamlStringify }> => {
    const { parse, stringify } = await import('yaml');
    return { doc: parse(await fs.promises.readFile(SPEC_FILE, 'utf8')) as Record<string, unknown>, stringify };
  });
  // The published document names this instance as its server (known once the port is bound).
  let cached: { url: string; json: string; yaml: string } | undefined;
  const published = async () => {
    const { doc, stringify } = await loadSpec();
    const url = publicUrl();
    if (cached?.url !== url) {
      const named = { ...doc, servers: [{ url }] };
      cached = { url, json: JSON.stringify(named, null, 2), yaml: stringify(named, { lineWidth: 0 }) };
    }
    return cached;
  };
  const routes = { auth: false as const, tags: ['contract'] };
  server.route([
    { method: 'GET', path: '/openapi.json', options: { ...routes, handler: async (_r, h) => h.response((await published()).json).type('application/json') } },
    { method: 'GET', path: '/openapi.yaml', options: { ...routes, handler: async (_r, h) => h.response((await published()).yaml).type('application/yaml') } },
    { method: 'GET', path: '/docs', options: { ...routes, handler: (_r, h) => h.response(DOCS_PAGE).type('text/html; charset=utf-8') } },
    {
      method: 'GET',
      path: '/docs/scalar.js',
      options: {
        ...routes,
        handler: (_r, h) =>
          h.response(fs.createReadStream(SCALAR_BUNDLE)).type('text/javascript; charset=utf-8').header('Cache-Control', 'public, max-age=86400'),
      },
    },
  ]);
}
