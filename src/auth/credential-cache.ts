// A short-lived cache of resolved credentials: without it every request (and every MCP tool call)
// costs a token lookup and a user lookup. Revoking a token forgets it here at once; other
// instances stop accepting it within TTL_MS.
import type { Caller } from './caller.ts';

export const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export class CredentialCache {
  private readonly entries = new Map<string, { caller: Caller; expires: number }>();
  /** Tokens revoked within the last TTL: a lookup that started before the revoke must not cache them. */
  private readonly revoked = new Map<string, number>();

  get(credential: string): Caller | undefined {
    const hit = this.entries.get(credential);
    if (!hit) return undefined;
    if (hit.expires > Date.now()) return hit.caller;
    this.entries.delete(credential);
    return undefined;
  }

  set(credential: string, caller: Caller): void {
    if (caller.tokenId && (this.revoked.get(caller.tokenId) ?? 0) > Date.now()) return;
    if ((this.revoked.get(caller.credentialId) ?? 0) > Date.now()) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(credential, { caller, expires: Date.now() + TTL_MS });
  }

  forgetToken(tokenId: string): void {
    this.forget(tokenId, (caller) => caller.tokenId === tokenId);
  }

  /** Forgets every credential with this identity (e.g. `grant:<id>`: all access tokens of an OAuth grant). */
  forgetCredential(credentialId: string): void {
    this.forget(credentialId, (caller) => caller.credentialId === credentialId);
  }

  private forget(key: string, matches: (caller: Caller) => boolean): void {
    const now = Date.now();
    for (const [id, until] of this.revoked) if (until <= now) this.revoked.delete(id);
    this.revoked.set(key, now + TTL_MS);
    for (const [credential, { caller }] of this.entries) if (matches(caller)) this.entries.delete(credential);
  }
}
