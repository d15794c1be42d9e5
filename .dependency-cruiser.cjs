// The rooms of src/, lowest first: a module imports only from its own room or rooms below it.
// ARCHITECTURE.md explains each room; change the two together.
const ROOMS = [
  ['shared', '^src/(shared|generated)/'],
  ['config', '^src/config/'],
  ['accounts', '^src/accounts/'],
  ['auth', '^src/auth/'],
  ['pages', '^src/pages/'],
  ['capture', '^src/capture/'],
  ['watches', '^src/watches/'],
  ['oauth', '^src/oauth/'],
  ['services', '^src/services[.]ts$'],
  ['serve', '^src/serve/'],
  ['webapp', '^src/webapp/'],
  ['rest', '^src/rest/'],
  ['handlers', '^src/handlers/'],
  ['mcp', '^src/mcp/'],
  ['tools', '^tools/'],
  ['server', '^src/server/'],
  ['app', '^src/(app|db|main)[.]ts$'],
  ['db-copy', '^src/db-copy/'],
];

const upward = ROOMS.slice(0, -1).map(([name, path], i) => ({
  name: `no-upward-from-${name}`,
  comment: `${name} may import only from rooms below it (${
    ROOMS.slice(0, i)
      .map(([n]) => n)
      .join(', ') || 'none'
  })`,
  severity: 'error',
  from: { path },
  to: {
    path: ROOMS.slice(i + 1)
      .map(([, p]) => p)
      .join('|'),
  },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'no-cycle',
      comment: 'Modules must not import each other in a circle (type-only imports included).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'engine-is-sealed',
      comment: 'The embedded engine is a separate database server: it imports nothing of the app.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: '^(src|tools)/', pathNot: '^src/engine/' },
    },
    {
      name: 'engine-only-through-db',
      comment: 'The app reaches the embedded engine only through the mongodb driver and src/db.ts.',
      severity: 'error',
      from: { path: '^(src|tools)/', pathNot: '^src/(engine/|db[.]ts$)' },
      to: { path: '^src/engine/' },
    },
    {
      name: 'tools-use-the-tool-api',
      comment: 'A tool file uses src/mcp/tool.ts (and the generated contract), nothing deeper.',
      severity: 'error',
      from: { path: '^tools/' },
      to: { path: '^src/', pathNot: '^src/(mcp/tool[.]ts|generated/)' },
    },
    {
      name: 'web-uses-the-sdk-only',
      comment: 'The web app is a client of the REST API: of the repository it imports only the SDK (packages/sdk) and the generated contract.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^(src|tools|packages)/', pathNot: '^(src/generated|packages/sdk)/' },
    },
    {
      name: 'only-webapp-serves-web',
      comment: 'Of the server, only src/webapp/ (which bundles and serves the app) reaches into web/, and only for its paths.',
      severity: 'error',
      from: { path: '^(src|tools)/', pathNot: '^src/webapp/' },
      to: { path: '^web/' },
    },
    {
      name: 'capture-parses-in-workers',
      comment:
        'Captured HTML and CSS are decoded, parsed and rendered only in the worker threads (capture/parse-worker.ts); the event loop side imports their types alone.',
      severity: 'error',
      from: { path: '^(src|tools)/', pathNot: '^src/capture/(parse-worker[.]ts$|rewrite/)' },
      to: { path: '^src/capture/rewrite/(document|html|css|dom|charset|srcset|template|js|svg|sprites|sprite-css)[.]ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'sdk-is-its-own-package',
      comment: 'The SDK is published alone: it imports its own files (the generated types among them) and openapi-fetch, client-zip.',
      severity: 'error',
      from: { path: '^packages/sdk/' },
      to: { path: '^(src|tools|web|packages/cli)/' },
    },
    {
      name: 'cli-uses-the-sdk',
      comment: 'The command line is a client of the REST API: of the repository it imports only the SDK, as its installed package.',
      severity: 'error',
      from: { path: '^packages/cli/' },
      to: { path: '^(src|tools|web|packages/sdk/src)/' },
    },
    {
      name: 'nothing-reaches-into-the-cli',
      comment: 'The command line is an end product: nothing else imports it.',
      severity: 'error',
      from: { pathNot: '^packages/cli/' },
      to: { path: '^packages/cli/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^(src|tools|web|packages/(sdk|cli)/(src|dist))/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.cjs'] },
  },
};
