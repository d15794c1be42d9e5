// An nginx of the system (Debian's package, or NGINX=/path) run as a child process with a config in a temp
// prefix: no system service, no root, loopback only. bench:serve serves files with it; the cluster test and
// bench:cluster balance Outpost instances behind it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** Where findNginx() looked, for a message saying it found none. */
export const NGINX_CANDIDATES = ['nginx', '/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'];

/** The nginx binary (NGINX=/path overrides), or null. /usr/sbin is often not on a non-root PATH. */
export function findNginx(): string | null {
  const candidates = process.env.NGINX ? [process.env.NGINX] : NGINX_CANDIDATES;
  for (const bin of candidates) {
    const r = spawnSync(bin, ['-v'], { encoding: 'utf8' });
    if (!r.error && r.status === 0) return bin;
  }
  return null;
}

export interface RunningNginx {
  port: number;
  /** `nginx version: nginx/1.x` */
  version: string;
  /** Graceful (SIGQUIT), then SIGKILL after 5 s. */
  stop(): Promise<void>;
  kill(): void;
}

export interface NginxOptions {
  bin: string;
  /** An empty directory for the config, logs and temp files. */
  prefix: string;
  port: number;
  /** The inside of the `http { }` block; `listen 127.0.0.1:<port>` is the caller's to write. */
  http: string;
}

/** Starts nginx (`daemon off`, one worker) and resolves once it accepts connections on `port`. */
export async function startNginx({ bin, prefix, port, http }: NginxOptions): Promise<RunningNginx> {
  fs.mkdirSync(path.join(prefix, 'logs'), { recursive: true });
  // Started as root, nginx runs its worker as `nobody`, which must reach the temp dirs it makes in the prefix.
  for (const dir of [path.dirname(prefix), prefix]) fs.chmodSync(dir, 0o755);
  const conf = path.join(prefix, 'nginx.conf');
  fs.writeFileSync(
    conf,
    `# written by test/support/nginx.ts
daemon off;
master_process on;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 4096; }
http {
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
${http}
}
`,
  );
  const child: ChildProcess = spawn(bin, ['-p', prefix, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let alive = true;
  void exited.then(() => (alive = false));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (!alive) throw new Error(`nginx exited at start-up (${await exited}):\n${stderr}${readLog(prefix)}`);
    if (await canConnect(port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not listen on 127.0.0.1:${port} within 10 s:\n${stderr}${readLog(prefix)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    version: spawnSync(bin, ['-v'], { encoding: 'utf8' }).stderr.trim(),
    async stop() {
      if (!alive) return;
      child.kill('SIGQUIT'); // graceful: the master stops its worker and exits
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
    kill() {
      if (alive) child.kill('SIGKILL');
    },
  };
}

function readLog(prefix: string): string {
  try {
    return fs.readFileSync(path.join(prefix, 'logs', 'error.log'), 'utf8');
  } catch {
    return '';
  }
}

export function canConnect(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
