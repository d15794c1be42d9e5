// SCRAM-SHA-256 (RFC 5802 / RFC 7677), server side, for one user whose password the engine is given.
import crypto from 'node:crypto';

export const SCRAM_SHA_256 = 'SCRAM-SHA-256';
/** mongod's default for SCRAM-SHA-256 (scramSHA256IterationCount); drivers refuse fewer than 4096. */
const ITERATIONS = 15_000;
const NONCE_BYTES = 24;

export interface EngineCredentials {
  username: string;
  /** Printable ASCII only: SASLprep leaves such a password unchanged, so none is needed here. */
  password: string;
}

/** What the server keeps of a password: enough to check a proof, not enough to make one. */
export interface ScramKeys {
  username: string;
  salt: Buffer;
  iterations: number;
  storedKey: Buffer;
  serverKey: Buffer;
}

export class ScramError extends Error {}

export function deriveScramKeys({ username, password }: EngineCredentials): ScramKeys {
  if (!username) throw new Error('The engine user name must not be empty');
  if (!/^[\x20-\x7e]+$/.test(password)) throw new Error('The engine password must be printable ASCII characters');
  const salt = crypto.randomBytes(28);
  const salted = crypto.pbkdf2Sync(password, salt, ITERATIONS, 32, 'sha256');
  const clientKey = hmac(salted, 'Client Key');
  return { username, salt, iterations: ITERATIONS, storedKey: sha256(clientKey), serverKey: hmac(salted, 'Server Key') };
}

/** One authentication exchange: `start` answers the client-first message, `finish` the client-final one. */
export class ScramConversation {
  private readonly keys: ScramKeys;
  private clientFirstBare = '';
  private serverFirst = '';
  private gs2Header = '';
  private nonce = '';

  constructor(keys: ScramKeys) {
    this.keys = keys;
  }

  /** client-first-message → server-first-message (`r=…,s=…,i=…`). */
  start(clientFirst: string): string {
    const match = /^([ny]),,(.*)$/s.exec(clientFirst);
    if (!match) throw new ScramError('SCRAM channel binding and authorization identities are not supported');
    this.gs2Header = `${match[1]},,`;
    this.clientFirstBare = match[2];
    const attrs = attributes(this.clientFirstBare);
    if (attrs.m !== undefined) throw new ScramError('SCRAM extensions are not supported');
    const user = attrs.n?.replaceAll('=2C', ',').replaceAll('=3D', '=');
    if (!attrs.r) throw new ScramError('The SCRAM client-first message has no nonce');
    // An unknown user fails exactly like a wrong password.
    if (user !== this.keys.username) throw new ScramError('Authentication failed.');
    this.nonce = attrs.r + crypto.randomBytes(NONCE_BYTES).toString('base64');
    this.serverFirst = `r=${this.nonce},s=${this.keys.salt.toString('base64')},i=${this.keys.iterations}`;
    return this.serverFirst;
  }

  /** client-final-message → server-final-message (`v=…`); throws unless the proof is right. */
  finish(clientFinal: string): string {
    if (!this.serverFirst) throw new ScramError('No SCRAM conversation in progress');
    const proofAt = clientFinal.lastIndexOf(',p=');
    if (proofAt < 0) throw new ScramError('The SCRAM client-final message has no proof');
    const withoutProof = clientFinal.slice(0, proofAt);
    const attrs = attributes(withoutProof);
    if (attrs.c !== Buffer.from(this.gs2Header).toString('base64')) throw new ScramError('SCRAM channel binding does not match');
    if (attrs.r !== this.nonce) throw new ScramError('SCRAM nonce does not match');
    const proof = Buffer.from(clientFinal.slice(proofAt + 3), 'base64');
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const clientSignature = hmac(this.keys.storedKey, authMessage);
    if (proof.length !== clientSignature.length) throw new ScramError('Authentication failed.');
    const clientKey = Buffer.alloc(proof.length);
    for (let i = 0; i < proof.length; i++) clientKey[i] = proof[i] ^ clientSignature[i];
    if (!crypto.timingSafeEqual(sha256(clientKey), this.keys.storedKey)) throw new ScramError('Authentication failed.');
    return `v=${hmac(this.keys.serverKey, authMessage).toString('base64')}`;
  }
}

function attributes(message: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of message.split(',')) {
    const eq = part.indexOf('=');
    if (eq === 1) out[part[0]] = part.slice(2);
  }
  return out;
}

const hmac = (key: Buffer, text: string) => crypto.createHmac('sha256', key).update(text).digest();
const sha256 = (data: Buffer) => crypto.createHash('sha256').update(data).digest();
