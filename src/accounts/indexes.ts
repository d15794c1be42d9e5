// Every index the accounts layer relies on; run once at start (idempotent).
import type { Db } from 'mongodb';
import { ensureBrowserSessionIndexes } from './browser-sessions.ts';
import { ensureInvitationIndexes } from './invitations.ts';
import { ensureTokenIndexes } from './tokens.ts';
import { ensureUserIndexes } from './users.ts';

export async function ensureAccountIndexes(db: Db): Promise<void> {
  await ensureUserIndexes(db);
  await ensureTokenIndexes(db);
  await ensureInvitationIndexes(db);
  await ensureBrowserSessionIndexes(db);
}
