// The open legacy SSE sessions of this process, and which POSTs may reach one.
//
// Threat model: as in MCP 2024-11-05, a session's id is the capability for its message endpoint,
// so a POST without Authorization is accepted for a live session. The id is a random UUID (122
// bits), sent only to the stream's holder in its `endpoint` event; logs name a session by
// maskSessionId. A POST that carries a credential must carry the one that opened the session (the
// same credential identity: token, login or grant); any other is told the session does not exist,
// so ids reveal nothing to other users. Tools run as the opener, so every POST first re-checks the
// opening credential: once it is revoked or expired, the session ends.
import type { Caller } from '../auth/caller.ts';
import { resolveCredential } from '../auth/credentials.ts';
import type { Services } from '../services.ts';
import type { LegacySseTransport } from './legacy-transport.ts';

export interface LegacySession {
  app: Services;
  /** The caller that opened the stream; tools run as it. */
  opener: Caller;
  /** The newest bearer string of the opener's credential, re-checked on every POST. */
  bearer: string;
  transport: LegacySseTransport;
}

/** Who a POST presented in its Authorization header. */
export interface PresentedCredential {
  caller: Caller;
  bearer: string;
}

/** Open sessions of every Outpost in this process; a lookup also checks the session's app. */
const sessions = new Map<string, LegacySession>();

/** Registers `session` under its transport's id until the stream closes. */
export function addLegacySession(session: LegacySession): void {
  const id = session.transport.sessionId;
  sessions.set(id, session);
  session.transport.onClosed(() => sessions.delete(id));
}

/** The live session `id` names on `app`, if any. */
export function findLegacySession(app: Services, id: string): LegacySession | undefined {
  const session = sessions.get(id);
  return session && session.app === app && !session.transport.closed ? session : undefined;
}

export function legacySessionsOf(app: Services): LegacySession[] {
  return [...sessions.values()].filter((s) => s.app === app);
}

/**
 * Whether a POST may reach `session`: 'admitted', 'not-found' for a credential other than the
 * opener's, or 'ended' when the opening credential no longer resolves (the session is closed).
 */
export async function admitPost(session: LegacySession, presented: PresentedCredential | undefined): Promise<'admitted' | 'not-found' | 'ended'> {
  if (presented) {
    if (presented.caller.credentialId !== session.opener.credentialId) return 'not-found';
    // Just resolved, so the credential is live; a renewed bearer string is the one to re-check later.
    session.bearer = presented.bearer;
  } else {
    const opener = await resolveCredential(session.app, session.bearer);
    if (opener?.credentialId !== session.opener.credentialId) {
      await session.transport.close();
      return 'ended';
    }
  }
  return session.transport.closed ? 'not-found' : 'admitted';
}

/** A session id as logs may show it: enough to tell sessions apart, too little to post to one. */
export function maskSessionId(id: string): string {
  return `${id.slice(0, 4)}…`;
}
