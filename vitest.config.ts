// Three projects, each run alone with `vitest run --project <name>` (npm run test:unit, test:integration,
// test:browser); `npm test` runs all three.
//
// - unit: every test file that is not listed below. Such a test runs in this process's own forks with
//   no full Outpost: pure functions, an in-memory engine, a loopback fixture server at most. The whole
//   project stays under a minute, so run it after every change.
// - integration: a test file that starts an Outpost (test/support/outpost.ts), spawns a process (the
//   CLI, main.ts, the engine) or drives a client end to end. Whole folders where every file does, files
//   named `*.e2e.test.ts`, and the few other such files by name: add a new one here.
// - browser: test/browser/, through Debian's Chromium (skipped where it is missing).
import { defineConfig } from 'vitest/config';

const BROWSER = ['test/browser/**/*.test.ts'];

const INTEGRATION = [
  'test/api/**/*.test.ts',
  'test/config/**/*.test.ts',
  'test/mcp/**/*.test.ts',
  'test/sdk/**/*.test.ts',
  'test/cli/**/*.test.ts',
  'test/webapp/**/*.test.ts',
  'test/serve/**/*.test.ts',
  'test/**/*.e2e.test.ts',
  'test/auth/jwt.test.ts',
  'test/capture/capture-e2e.test.ts',
  'test/codegen/cli.test.ts',
  'test/engine/access.test.ts',
  'test/engine/in-worker.test.ts',
  'test/engine/persistence.test.ts',
  'test/engine/standalone.test.ts',
  'test/pages/storage-sweep.test.ts',
  'test/shared/client-address.test.ts',
  'test/server/connection-limits.test.ts',
  'test/server/client-disconnects.test.ts',
  'test/server/bodiless-requests.test.ts',
  'test/server/log-format.test.ts',
  'test/server/start-loads.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two test files at a time even on two cores: most of a test's time is spent waiting (on sockets, child
    // processes, Chromium), and one at a time took the whole run past ten minutes.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...INTEGRATION, ...BROWSER] } },
      { extends: true, test: { name: 'integration', include: INTEGRATION, exclude: BROWSER } },
      { extends: true, test: { name: 'browser', include: BROWSER } },
    ],
  },
});
