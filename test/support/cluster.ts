// N Outpost processes on one database behind nginx, as the README's production layout has them: the
// standalone engine on TCP with its SCRAM password (`npm run db -- --port`, standing in for a replica
// set), each instance a real `src/main.ts` process (so it can be killed with SIGKILL), and nginx
// balancing them round-robin. Every answer through nginx names the instance that gave it in
// `X-Upstream` (host:port), so a test or bench can tell which instance did what.
// Legacy HTTP+SSE (`/sse`, `GET /mcp`, `/mcp/message`) goes to one instance per client address (`ip_hash`):
// its session lives in the process holding the stream.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.ts';
import { startNginx, type RunningNginx } from './nginx.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Instance {
  /** 1-based, in start order. */
  n: number;
  port: number;
  /** `127.0.0.1:<port>`, as `X-Upstream` names it. */
  address: string;
  /** http://127.0.0.1:<port>, bypassing nginx. */
  url: string;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
  /** SIGKILL: no shutdown, no cleanup; resolves once the process is gone. */
  kill(): Promise<void>;
}

export interface Cluster {
  /** The balancer's URL (also PUBLIC_URL). */
  url: string;
  instances: Instance[];
  /** What the instances and the engine wrote, for a failing test's message. */
  logs(): string;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  nginx: string;
  instances?: number;
  /** Added to every instance's environment. */
  env?: Record<string, string>;
}

/** The instance that answered, from nginx's X-Upstream (the last address when nginx tried several). */
export function upstreamOf(headers: Headers): string | undefined {
  return headers.get('x-upstream')?.split(',').at(-1)?.trim();
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-cluster-'));
  const children: ChildProcess[] = [];
  const logFiles: string[] = [];
  let nginx: RunningNginx | undefined;
  const spawnLogged = (name: string, args: string[], env: Record<string, string>) => {
    const log = path.join(dir, `${name}.log`);
    logFiles.push(log);
    const out = fs.openSync(log, 'a');
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
    fs.closeSync(out);
    children.push(child);
    return { child, log };
  };
  const logs = () => logFiles.map((f) => `--- ${path.basename(f)}\n${fs.readFileSync(f, 'utf8').slice(-4000)}`).join('\n');
  // If this process ends without stop() (a test worker torn down), nothing it started stays behind.
  const killAll = () => {
    nginx?.kill();
    for (const c of children) c.kill('SIGKILL');
  };
  process.once('exit', killAll);
  const stop = async () => {
    process.off('exit', killAll);
    await nginx?.stop();
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
            setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
          }),
      ),
    );
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    const dbPort = await freePort();
    const dbPath = path.join(dir, 'db');
    const db = spawnLogged('engine', ['src/engine/cli.ts', '--port', String(dbPort), '--dbpath', dbPath], {});
    await waitFor(() => fs.readFileSync(db.log, 'utf8').includes('listening mongodb://'), db.child, 'the engine to listen', logs);
    const password = fs.readFileSync(path.join(dbPath, 'engine-password'), 'utf8').trim();
    const mongodbUri = `mongodb://outpost:${password}@127.0.0.1:${dbPort}/outpost`;

    const nginxPort = await freePort();
    const url = `http://127.0.0.1:${nginxPort}`;
    const secret = crypto.randomBytes(32).toString('base64url');
    const instances: Instance[] = [];
    const starting: Promise<void>[] = [];
    for (let n = 1; n <= (options.instances ?? 3); n++) {
      const port = await freePort();
      const dataDir = path.join(dir, `instance-${n}`);
      const { child } = spawnLogged(`instance-${n}`, ['src/main.ts'], {
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: url,
        MONGODB_URI: mongodbUri,
        DATA_DIR: dataDir,
        SECRET_KEY: secret,
        TRUST_PROXY: 'loopback',
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
        ...options.env,
      });
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      instances.push({
        n,
        port,
        address: `127.0.0.1:${port}`,
        url: `http://127.0.0.1:${port}`,
        exited,
        async kill() {
          child.kill('SIGKILL');
          await exited;
        },
      });
      starting.push(waitFor(() => isUp(`http://127.0.0.1:${port}/api/instance`), child, `instance ${n} to answer`, logs));
    }
    await Promise.all(starting);

    nginx = await startNginx({ bin: options.nginx, prefix: path.join(dir, 'nginx'), port: nginxPort, http: balancerConfig(nginxPort, instances) });
    return { url, instances, logs, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * Round-robin for everything but legacy SSE. An instance that refuses connections is skipped (nginx tries the
 * next; a request already sent to an instance that dies is not repeated elsewhere: the client sees a 502).
 */
function balancerConfig(port: number, instances: Instance[]): string {
  const servers = instances.map((i) => `    server ${i.address} max_fails=1 fail_timeout=5s;`).join('\n');
  return `  access_log off;
  upstream outpost {
${servers}
  }
  upstream outpost_sticky {
    ip_hash;
${servers}
  }
  map $request_method $outpost_mcp { GET outpost_sticky; default outpost; }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 100m;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $http_host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_buffering off;
    proxy_read_timeout 1h;
    add_header X-Upstream $upstream_addr always;
    location / { proxy_pass http://outpost; }
    location = /mcp { proxy_pass http://$outpost_mcp; }
    location = /sse { proxy_pass http://outpost_sticky; }
    location = /mcp/message { proxy_pass http://outpost_sticky; }
  }`;
}

async function isUp(url: string): Promise<boolean> {
  try {
    const res = await fetch(url);
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

/** Polls `ready` until it holds; fails at once if `child` exits, or after 60 s. */
async function waitFor(ready: () => boolean | Promise<boolean>, child: ChildProcess, what: string, logs: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`gave up waiting for ${what}: the process exited\n${logs()}`);
    if (await ready()) return;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after 60 s\n${logs()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
