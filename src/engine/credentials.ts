// The standalone engine's TCP credentials: user `outpost`, its password generated once into the data
// directory (0600), as mongod keeps its keyFile. Whoever can read that file can connect.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { EngineCredentials } from './scram.ts';

export const ENGINE_USER = 'outpost';
export const PASSWORD_FILE = 'engine-password';

/** The password stored in `dir`, generated (32 random bytes, base64url: nothing to escape in a URI) when missing. */
export function loadOrCreateCredentials(dir: string): EngineCredentials & { file: string; created: boolean } {
  const file = path.join(path.resolve(dir), PASSWORD_FILE);
  let created = false;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, `${crypto.randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    created = true;
  }
  const password = fs.readFileSync(file, 'utf8').trim();
  if (password.length < 16 || !/^[\x21-\x7e]+$/.test(password)) {
    throw new Error(`${file} must hold one password of at least 16 printable ASCII characters; delete it to have a new one generated`);
  }
  return { username: ENGINE_USER, password, file, created };
}
