// Browser session records and password changes at the accounts layer (no HTTP).
import { describe, expect, it } from 'vitest';
import { useAccountsDb } from './helpers.ts';
import { changePassword, hasUsers, login, signup } from '../../src/accounts/users.ts';
import {
  BROWSER_SESSIONS,
  MAX_LIFETIME_SECONDS,
  createBrowserSession,
  endUserBrowserSessions,
  useBrowserSession,
} from '../../src/accounts/browser-sessions.ts';
import { InvalidInput } from '../../src/shared/errors.ts';

const t = useAccountsDb();
const PASSWORD = 'a long enough password';
const DAY = 86400;

describe('browser sessions', () => {
  it('are found by their secret only, and never live past MAX_LIFETIME_SECONDS however often used', async () => {
    const db = await t.fresh();
    const { secret, session } = await createBrowserSession(db, 'usr_a', 7 * DAY);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.id).not.toContain(secret);
    expect(await useBrowserSession(db, `${secret.slice(0, -1)}x`, 7 * DAY)).toBeNull();
    expect(await useBrowserSession(db, 'not a secret', 7 * DAY)).toBeNull();

    // Signed in 29.5 days ago: a use may extend it only to the 30-day mark.
    const createdAt = new Date(Date.now() - 29.5 * DAY * 1000);
    await db
      .collection(BROWSER_SESSIONS)
      .updateOne({ _id: session.id as never }, { $set: { created_at: createdAt, expires_at: new Date(Date.now() + 60_000) } });
    const used = await useBrowserSession(db, secret, 7 * DAY);
    expect(used!.expiresAt.getTime()).toBe(createdAt.getTime() + MAX_LIFETIME_SECONDS * 1000);
  });

  it('endUserBrowserSessions ends a user’s sessions but the one kept', async () => {
    const db = await t.fresh();
    const a = await createBrowserSession(db, 'usr_a', DAY);
    const b = await createBrowserSession(db, 'usr_a', DAY);
    const other = await createBrowserSession(db, 'usr_b', DAY);
    expect(await endUserBrowserSessions(db, 'usr_a', a.session.id)).toBe(1);
    expect(await useBrowserSession(db, a.secret, DAY)).not.toBeNull();
    expect(await useBrowserSession(db, b.secret, DAY)).toBeNull();
    expect(await useBrowserSession(db, other.secret, DAY)).not.toBeNull();
  });
});

describe('changePassword', () => {
  it('needs the current password, checks the new one, and replaces the hash', async () => {
    const db = await t.fresh();
    expect(await hasUsers(db)).toBe(false);
    const { user } = await signup(db, { email: 'ada@example.com', password: PASSWORD }, { signupMode: 'invite' });
    expect(await hasUsers(db)).toBe(true);

    expect(await changePassword(db, user.id, 'wrong password', 'another long password')).toBe(false);
    expect(await changePassword(db, 'usr_unknown', PASSWORD, 'another long password')).toBe(false);
    const err = await changePassword(db, user.id, PASSWORD, 'short').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInput);
    expect(err).toMatchObject({ field: 'newPassword', message: 'new_password must be 8 to 256 characters' });
    expect(await login(db, 'ada@example.com', PASSWORD)).not.toBeNull();

    expect(await changePassword(db, user.id, PASSWORD, 'another long password')).toBe(true);
    expect(await login(db, 'ada@example.com', PASSWORD)).toBeNull();
    expect(await login(db, 'ada@example.com', 'another long password')).not.toBeNull();
  });
});
