// The official MCP conformance suite (@modelcontextprotocol/conformance) against a live Outpost.
//
// The suite's client sends no credentials, so it talks to a loopback proxy that adds an API token
// and forwards everything else as received (Host and Origin included, SSE unbuffered). Each scenario
// runs the suite's CLI in a child process (its scenarios are not exported as a library) with
// `-o <dir>`, which writes the scenario's checks to `<dir>/server-<scenario>-<time>/checks.json`.
// The child is preloaded with a guard that refuses any connection off loopback: the suite must not
// need the network (it only imports @octokit/rest for its `tier-check` command, never used here).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthProxy, type AuthProxy } from '../support/auth-proxy.ts';
import { LOOPBACK_GUARD_MARKER } from '../support/loopback-only.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

const SCENARIOS = [
  'server-initialize',
  'ping',
  'tools-list',
  'logging-set-level',
  'dns-rebinding-protection',
  'server-sse-multiple-streams',
  'server-sse-polling',
] as const;

/**
 * The 2026-07-28 scenarios of the suite's next release that apply to Outpost (run with --spec-version 2026-07-28).
 * Each lists the checks that cannot apply, with the reason; every other check must pass. Not run: scenarios built
 * on the suite's own fixture tools, prompts and resources (tools-call-*, resources-read-*, prompts-*,
 * completion-complete: a prompt named test_prompt_with_arguments, input-required-result-*, json-schema-2020-12,
 * http-custom-header-server-validation: a tool with x-mcp-header, tasks-*: tools named greet, slow_compute…).
 */
const MODERN_SCENARIOS: Record<string, Record<string, string>> = {
  'server-stateless': {
    'sep-2575-server-rejects-undeclared-capability': 'needs the suite fixture tool test_missing_capability',
    'sep-2575-missing-capability-http-400': 'needs the suite fixture tool test_missing_capability',
    'sep-2575-http-server-no-independent-requests-on-stream': 'needs the suite fixture tool test_streaming_elicitation',
    'sep-2575-server-no-log-without-loglevel': 'needs the suite fixture tool test_logging_tool',
  },
  'tools-list': {},
  'resources-list': {},
  'sep-2164-resource-not-found': {},
  caching: { 'sep-2549-prompts-list-caching-hints': 'Outpost offers no prompts (the prompts capability is not declared; prompts/list is -32601)' },
  'dns-rebinding-protection': {},
  'server-sse-multiple-streams': {},
  'http-header-validation': {},
  'input-required-result-unsupported-methods': {},
};

/**
 * The Tasks extension's scenarios (not scored by the suite) drive the suite's own fixture tools (greet,
 * slow_compute, failing_job, protocol_error_job); of their checks, these need none and must pass.
 * test/mcp/tasks.test.ts covers the rest with Outpost's captures.
 */
const TASK_SCENARIOS: Record<string, string[]> = {
  'tasks-capability-negotiation': ['tasks-extension-advertised', 'sep-2663-tasks-methods-non-declaring', 'wire-schema-valid'],
  'tasks-request-headers': ['tasks-headers-reject-mismatched-method', 'wire-schema-valid'],
  'tasks-dispatch-and-envelope': [
    'sep-2663-tasks-result-removed-method-not-found',
    'tasks-removed-tasks-list',
    'sep-2663-tasks-get-invalid-task-id-32602',
    'wire-schema-valid',
  ],
};

/** One scenario may wait up to 10 s on an SSE stream and 5 s on a reconnection. */
const SCENARIO_TIMEOUT_MS = 25_000;

interface Check {
  id: string;
  name: string;
  description: string;
  status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO' | 'SKIPPED';
  errorMessage?: string;
  details?: unknown;
}

const require = createRequire(import.meta.url);
const cliOf = (name: string) => path.join(path.dirname(require.resolve(`${name}/package.json`)), 'dist', 'index.js');
const CLI = cliOf('@modelcontextprotocol/conformance');
/** The suite's next release (an alpha, pinned exactly), which has the 2026-07-28 scenarios. */
const NEXT_CLI = cliOf('conformance-next');
const GUARD = fileURLToPath(new URL('../support/loopback-only.ts', import.meta.url));

let outpost: TestOutpost;
let proxy: AuthProxy;
let resultsDir: string;

beforeAll(async () => {
  outpost = await startTestOutpost();
  const jwt = (await signupAndLogin(outpost, 'conformance@example.com')).token;
  const created = await outpost.api('/api/tokens', { token: jwt, body: { name: 'mcp-conformance' } });
  expect(created.status).toBe(201);
  expect(created.body.token).toMatch(/^op_/);
  proxy = await startAuthProxy(outpost.url, created.body.token);
  resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-conformance-'));
});

afterAll(async () => {
  await proxy?.close();
  await outpost?.stop();
  if (resultsDir) fs.rmSync(resultsDir, { recursive: true, force: true });
});

/** Runs one server scenario; spawn (not spawnSync): the server under test lives in this process. */
async function runScenario(
  scenario: string,
  cli = CLI,
  extra: string[] = [],
): Promise<{ checks: Check[]; code: number | null; stdout: string; stderr: string }> {
  const out = fs.mkdtempSync(path.join(resultsDir, `${scenario}-`));
  const child = spawn(process.execPath, ['--import', GUARD, cli, 'server', '--url', `${proxy.url}/mcp`, '--scenario', scenario, '-o', out, ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  const timer = setTimeout(() => child.kill('SIGKILL'), SCENARIO_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  }).finally(() => clearTimeout(timer));
  const [dir] = fs.readdirSync(out);
  if (!dir) throw new Error(`conformance wrote no results for ${scenario} (exit ${code})\n${stdout}\n${stderr}`);
  const checks = JSON.parse(fs.readFileSync(path.join(out, dir, 'checks.json'), 'utf8')) as Check[];
  return { checks, code, stdout, stderr };
}

/** One check as text; details in full for FAILURE and WARNING, cut short for INFO. */
function describeCheck(c: Check): string {
  let line = `  [${c.status}] ${c.id}: ${c.description}`;
  if (c.errorMessage) line += `\n      error: ${c.errorMessage}`;
  if (c.details !== undefined && c.status !== 'SUCCESS') {
    const details = JSON.stringify(c.details);
    line += `\n      details: ${c.status === 'INFO' && details.length > 400 ? `${details.slice(0, 400)}…` : details}`;
  }
  return line;
}

describe('MCP conformance suite', () => {
  for (const scenario of SCENARIOS) {
    it(
      scenario,
      async () => {
        const { checks, code, stderr } = await runScenario(scenario);
        const failures = checks.filter((c) => c.status === 'FAILURE');
        const warnings = checks.filter((c) => c.status === 'WARNING');
        const report = checks.map(describeCheck).join('\n');
        console.log(`conformance ${scenario}: ${failures.length} failure(s), ${warnings.length} warning(s)\n${report}`);
        expect(stderr, 'the suite tried to leave loopback').not.toContain(LOOPBACK_GUARD_MARKER);
        expect(checks.length).toBeGreaterThan(0);
        expect(failures.map(describeCheck), `${scenario} failures`).toEqual([]);
        expect(code).toBe(0);
      },
      SCENARIO_TIMEOUT_MS + 5_000,
    );
  }
});

describe('MCP conformance suite, 2026-07-28', () => {
  for (const [scenario, notApplicable] of Object.entries(MODERN_SCENARIOS)) {
    it(
      scenario,
      async () => {
        const { checks, stderr } = await runScenario(scenario, NEXT_CLI, ['--spec-version', '2026-07-28']);
        const failures = checks.filter((c) => c.status === 'FAILURE' && !(c.id in notApplicable));
        const warnings = checks.filter((c) => c.status === 'WARNING');
        console.log(
          `conformance 2026-07-28 ${scenario}: ${failures.length} failure(s), ${warnings.length} warning(s)\n${checks.map(describeCheck).join('\n')}`,
        );
        expect(stderr, 'the suite tried to leave loopback').not.toContain(LOOPBACK_GUARD_MARKER);
        expect(checks.filter((c) => c.status === 'SUCCESS').length).toBeGreaterThan(0);
        expect(failures.map(describeCheck), `${scenario} failures`).toEqual([]);
        // A check listed as not applicable that now passes should leave the list.
        expect(checks.filter((c) => c.id in notApplicable && c.status === 'SUCCESS').map((c) => c.id)).toEqual([]);
      },
      SCENARIO_TIMEOUT_MS + 5_000,
    );
  }
});

describe('MCP conformance suite, the Tasks extension', () => {
  for (const [scenario, mustPass] of Object.entries(TASK_SCENARIOS)) {
    it(
      scenario,
      async () => {
        const { checks, stderr } = await runScenario(scenario, NEXT_CLI);
        console.log(`conformance tasks ${scenario}:\n${checks.map(describeCheck).join('\n')}`);
        expect(stderr, 'the suite tried to leave loopback').not.toContain(LOOPBACK_GUARD_MARKER);
        for (const id of mustPass) {
          const ran = checks.filter((c) => c.id === id);
          expect(ran.length, `${scenario} ran ${id}`).toBeGreaterThan(0);
          expect(ran.filter((c) => c.status !== 'SUCCESS').map(describeCheck), `${scenario} ${id}`).toEqual([]);
        }
      },
      SCENARIO_TIMEOUT_MS + 5_000,
    );
  }
});

// The harness itself: what the proxy forwards, and that it streams.
describe('auth proxy', () => {
  it('adds the token, forwards Host and Origin as received, streams SSE, and hangs up upstream when the client does', async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let upstreamClosed!: () => void;
    const closedUpstream = new Promise<void>((resolve) => (upstreamClosed = resolve));
    const upstream = http.createServer((req, res) => {
      seen.push(req.headers);
      if (req.url === '/sse') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'mcp-session-id': 's1' });
        res.write('id: 1\ndata: \n\n');
        void released.then(() => res.write('id: 2\ndata: {}\n\n'));
        res.on('close', upstreamClosed);
        return;
      }
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ echo: body })));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const p = await startAuthProxy(target, 'op_test');
    try {
      // Host and Origin exactly as the client sent them, however wrong; any client Authorization replaced.
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          `${p.url}/mcp?x=1`,
          {
            method: 'POST',
            headers: { host: 'evil.example.com', origin: 'http://evil.example.com', authorization: 'Bearer nope', 'content-type': 'application/json' },
          },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode!, body }));
          },
        );
        req.on('error', reject);
        req.end('{"jsonrpc":"2.0"}');
      });
      expect(answer).toEqual({ status: 201, body: JSON.stringify({ echo: '{"jsonrpc":"2.0"}' }) });
      expect(seen[0]).toMatchObject({ host: 'evil.example.com', origin: 'http://evil.example.com', authorization: 'Bearer op_test' });

      // The first SSE event arrives while the upstream response is still open.
      const controller = new AbortController();
      const res = await fetch(`${p.url}/sse`, { signal: controller.signal });
      expect(res.headers.get('content-type')).toBe('text/event-stream');
      expect(res.headers.get('mcp-session-id')).toBe('s1');
      expect(seen[1].host).toBe(new URL(p.url).host);
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      expect((await reader.read()).value).toBe('id: 1\ndata: \n\n');
      release();
      expect((await reader.read()).value).toBe('id: 2\ndata: {}\n\n');
      controller.abort();
      await closedUpstream;
    } finally {
      await p.close();
      upstream.closeAllConnections();
      await new Promise((resolve) => upstream.close(resolve));
    }
  });
});
