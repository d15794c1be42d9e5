// Sign-ins, one per server, in the user's config folder (env-paths: XDG_CONFIG_HOME/outpost on Linux,
// ~/Library/Preferences/outpost on macOS, %APPDATA%\outpost on Windows): the folder 0700, the file 0600.
import fs from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';

export interface Credential {
  /** An `op_…` API token or an OAuth access token. */
  token: string;
  kind: 'api_token' | 'oauth';
  /** OAuth: to get a new access token when this one expires. */
  refresh_token?: string;
  /** OAuth: when the access token expires (ms since the epoch). */
  expires_at?: number;
  email?: string;
}

interface CredentialFile {
  /** The server `outpost` talks to when none is named. */
  current?: string;
  servers: Record<string, Credential>;
}

function configDir(): string {
  return envPaths('outpost', { suffix: '' }).config;
}

function credentialFile(): string {
  return path.join(configDir(), 'credentials.json');
}

/** A server's URL as the key it is stored under: its origin and path, no trailing slash. */
export function serverKey(url: string): string {
  const parsed = URL.parse(url.includes('://') ? url : `https://${url}`);
  if (!parsed || !/^https?:$/.test(parsed.protocol)) throw new Error(`Not a server URL: ${url}`);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

function read(): CredentialFile {
  let fd: number | undefined;
  try {
    // Checked and tightened on the open file, so a swap of the path between the check and the read changes nothing.
    fd = fs.openSync(credentialFile(), 'r');
    // Made readable to others since (a copy, a restore): tightened before it is used.
    if (fs.fstatSync(fd).mode & 0o077) fs.fchmodSync(fd, 0o600);
    const parsed = JSON.parse(fs.readFileSync(fd, 'utf8')) as CredentialFile;
    return { current: parsed.current, servers: parsed.servers ?? {} };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { servers: {} };
    throw new Error(`Cannot read ${credentialFile()}: ${(error as Error).message}`, { cause: error });
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function write(file: CredentialFile): void {
  const target = credentialFile();
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  // mkdir's mode only applies to a folder it creates: one made earlier, looser, is tightened.
  fs.chmodSync(path.dirname(target), 0o700);
  // Written aside then renamed, so a crash never leaves half a file; created 0600 before any secret is in it.
  const temporary = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(temporary, 0o600);
  fs.renameSync(temporary, target);
}

export function currentServer(): string | undefined {
  return read().current;
}

export function credentialFor(server: string): Credential | undefined {
  return read().servers[server];
}

export function saveCredential(server: string, credential: Credential): void {
  const file = read();
  file.servers[server] = credential;
  file.current = server;
  write(file);
}

/** Forgets a server's sign-in; whether there was one. */
export function removeCredential(server: string): boolean {
  const file = read();
  if (!file.servers[server]) return false;
  delete file.servers[server];
  if (file.current === server) file.current = Object.keys(file.servers)[0];
  write(file);
  return true;
}
