// Runs the built `outpost` command (packages/cli/dist, built by `npm install`'s prepare) as a child process
// with its own config folder, as a person's shell would: no TTY, so no progress bars.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, unwrap } from '@outpost/sdk';

export const CLI = fileURLToPath(new URL('../../packages/cli/dist/main.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliHome {
  dir: string;
  env: Record<string, string>;
  /** Where the credentials land (XDG_CONFIG_HOME/outpost). */
  credentialFile: string;
  remove(): void;
}

export function cliHome(): CliHome {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-cli-'));
  const config = path.join(dir, 'config');
  return {
    dir,
    env: { HOME: dir, XDG_CONFIG_HOME: config, NO_COLOR: '1' },
    credentialFile: path.join(config, 'outpost', 'credentials.json'),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Starts the command; `done` resolves with its exit code and output. */
export function startCli(
  args: string[],
  options: { env: Record<string, string>; cwd?: string; input?: string },
): { child: ChildProcess; done: Promise<CliResult> } {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  delete env.OUTPOST_URL;
  delete env.OUTPOST_TOKEN;
  if (options.env.OUTPOST_TOKEN) env.OUTPOST_TOKEN = options.env.OUTPOST_TOKEN;
  const child = spawn(process.execPath, [CLI, ...args], { env, cwd: options.cwd, stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  if (options.input !== undefined) child.stdin!.end(options.input);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

export function runCli(args: string[], options: { env: Record<string, string>; cwd?: string; input?: string }): Promise<CliResult> {
  return startCli(args, options).done;
}

/** A fresh account on the server and an API token of it (pages:read and pages:write). */
export async function accountWithToken(baseUrl: string, email: string): Promise<string> {
  const anonymous = createClient({ baseUrl });
  const password = 'cli password 1';
  await unwrap(anonymous.POST('/api/auth/signup', { body: { email, password } }));
  const { token: session } = await unwrap(anonymous.POST('/api/auth/login', { body: { email, password } }));
  const created = await unwrap(createClient({ baseUrl, token: session }).POST('/api/tokens', { body: { name: 'cli', scopes: ['pages:read', 'pages:write'] } }));
  return created.token;
}
