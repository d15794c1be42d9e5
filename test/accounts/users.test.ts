import { describe, expect, it } from 'vitest';
import type { Db } from 'mongodb';
import { useAccountsDb } from './helpers.ts';
import { getUser, login, signup, type UserDoc } from '../../src/accounts/users.ts';
import { createInvitation, listInvitations } from '../../src/accounts/invitations.ts';
import { InvalidInput, SignupRejected, SIGNUP_REJECTED_MESSAGE } from '../../src/shared/errors.ts';
import { verifyPassword } from '../../src/accounts/passwords.ts';

const t = useAccountsDb();
const invite = { signupMode: 'invite' } as const;
const open = { signupMode: 'open' } as const;
const PASSWORD = 'a long enough password';

/** A database whose first admin already exists; returns the admin's id. */
async function withAdmin(): Promise<{ db: Db; adminId: string }> {
  const db = await t.fresh();
  const { user } = await signup(db, { email: 'admin@example.com', password: PASSWORD }, invite);
  return { db, adminId: user.id };
}

async function expectRejected(promise: Promise<unknown>): Promise<void> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SignupRejected);
  expect((err as Error).message).toBe(SIGNUP_REJECTED_MESSAGE);
}

describe('signup: first admin', () => {
  it('lets the first user of an empty instance sign up without a code and makes them admin', async () => {
    const db = await t.fresh();
    const { user } = await signup(db, { email: '  Ada@Example.COM ', password: PASSWORD }, invite);
    expect(user.id).toMatch(/^usr_[0-9A-Za-z]{16}$/);
    expect(user.email).toBe('ada@example.com');
    expect(user.admin).toBe(true);
    expect(user.createdAt).toBeInstanceOf(Date);
    expect(user).not.toHaveProperty('password_hash');

    const stored = await db.collection<UserDoc>('users').findOne({ _id: user.id });
    expect(stored?.email).toBe('ada@example.com');
    expect(stored?.admin).toBe(true);
    expect(stored?.password_hash.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPassword(PASSWORD, stored!.password_hash)).toBe(true);
    expect(await db.collection('meta').findOne({ _id: 'first-admin' as never })).toMatchObject({ user_id: user.id });
  });

  it('makes only the first user admin; the second needs an invitation', async () => {
    const { db } = await withAdmin();
    await expectRejected(signup(db, { email: 'second@example.com', password: PASSWORD }, invite));
    expect(await db.collection('users').countDocuments()).toBe(1);
  });

  it('gives admin to exactly one of two concurrent first sign-ups', async () => {
    for (let round = 0; round < 3; round++) {
      const db = await t.fresh();
      const results = await Promise.allSettled([
        signup(db, { email: 'one@example.com', password: PASSWORD }, invite),
        signup(db, { email: 'two@example.com', password: PASSWORD }, invite),
      ]);
      const created = results.filter((r) => r.status === 'fulfilled').map((r) => r.value.user);
      const rejected = results.filter((r) => r.status === 'rejected').map((r) => r.reason);
      // In invite mode the loser has no code, so it is refused.
      expect(created).toHaveLength(1);
      expect(created[0].admin).toBe(true);
      expect(rejected).toHaveLength(1);
      expect(rejected[0]).toBeInstanceOf(SignupRejected);
      expect(await db.collection('users').countDocuments({ admin: true })).toBe(1);
    }
  });

  it('in open mode concurrent first sign-ups all succeed, exactly one of them admin', async () => {
    const db = await t.fresh();
    const results = await Promise.all([0, 1, 2, 3, 4].map((i) => signup(db, { email: `user${i}@example.com`, password: PASSWORD }, open)));
    expect(results.map((r) => r.user.admin).filter(Boolean)).toHaveLength(1);
    expect(await db.collection('users').countDocuments()).toBe(5);
    expect(await db.collection('users').countDocuments({ admin: true })).toBe(1);
  });

  it('does not hand out admin when users exist but the claim document is missing', async () => {
    const { db } = await withAdmin();
    await db.collection('meta').deleteMany({});
    const { user } = await signup(db, { email: 'later@example.com', password: PASSWORD }, open);
    expect(user.admin).toBe(false);
  });

  it('frees a stale claim whose sign-up never created the user', async () => {
    const db = await t.fresh();
    await db.collection<{ _id: string; user_id: string; claimed_at: Date }>('meta').insertOne({
      _id: 'first-admin',
      user_id: 'usr_crashedmidsignup',
      claimed_at: new Date(Date.now() - 10 * 60_000),
    });
    const { user } = await signup(db, { email: 'ada@example.com', password: PASSWORD }, invite);
    expect(user.admin).toBe(true);
  });

  it('keeps a fresh claim held by a sign-up still in progress', async () => {
    const db = await t.fresh();
    await db.collection<{ _id: string; user_id: string; claimed_at: Date }>('meta').insertOne({
      _id: 'first-admin',
      user_id: 'usr_inprogress',
      claimed_at: new Date(),
    });
    await expectRejected(signup(db, { email: 'ada@example.com', password: PASSWORD }, invite));
  });
});

describe('signup: invitations and modes', () => {
  it('accepts a valid invitation code and consumes it', async () => {
    const { db, adminId } = await withAdmin();
    const { code, record } = await createInvitation(db, adminId);
    const { user } = await signup(db, { email: 'bob@example.com', password: PASSWORD, invitationCode: code }, invite);
    expect(user.admin).toBe(false);
    expect(user.email).toBe('bob@example.com');
    const [inv] = await listInvitations(db);
    expect(inv.id).toBe(record.id);
    expect(inv.status).toBe('used');
    expect(inv.usedBy).toBe(user.id);
    expect(inv.usedAt).toBeInstanceOf(Date);
  });

  it('refuses a used code with the generic error', async () => {
    const { db, adminId } = await withAdmin();
    const { code } = await createInvitation(db, adminId);
    await signup(db, { email: 'bob@example.com', password: PASSWORD, invitationCode: code }, invite);
    await expectRejected(signup(db, { email: 'carol@example.com', password: PASSWORD, invitationCode: code }, invite));
    expect(await db.collection('users').countDocuments()).toBe(2);
  });

  it('refuses an expired code with the generic error', async () => {
    const { db, adminId } = await withAdmin();
    const { code, record } = await createInvitation(db, adminId);
    await db.collection('invitations').updateOne({ _id: record.id as never }, { $set: { expires_at: new Date(Date.now() - 1000) } });
    await expectRejected(signup(db, { email: 'bob@example.com', password: PASSWORD, invitationCode: code }, invite));
    expect((await listInvitations(db))[0].status).toBe('expired');
  });

  it('refuses garbage, unknown and missing codes with the generic error', async () => {
    const { db } = await withAdmin();
    const unknown = `inv_${'A'.repeat(32)}`;
    for (const invitationCode of [undefined, '', 'garbage', unknown, `${unknown}x`]) {
      await expectRejected(signup(db, { email: 'bob@example.com', password: PASSWORD, invitationCode }, invite));
    }
    expect(await db.collection('users').countDocuments()).toBe(1);
  });

  it('open mode needs no code and leaves a given code unused', async () => {
    const { db, adminId } = await withAdmin();
    const { code } = await createInvitation(db, adminId);
    const a = await signup(db, { email: 'bob@example.com', password: PASSWORD }, open);
    const b = await signup(db, { email: 'carol@example.com', password: PASSWORD, invitationCode: code }, open);
    expect(a.user.admin).toBe(false);
    expect(b.user.admin).toBe(false);
    expect((await listInvitations(db))[0].status).toBe('pending');
  });

  it('a duplicate email (after normalisation) gets the generic error and leaves the invitation unused', async () => {
    const { db, adminId } = await withAdmin();
    const { code, record } = await createInvitation(db, adminId);
    await expectRejected(signup(db, { email: ' ADMIN@example.com', password: PASSWORD, invitationCode: code }, invite));
    const [inv] = await listInvitations(db);
    expect(inv.id).toBe(record.id);
    expect(inv.status).toBe('pending');
    expect(inv.usedAt).toBeNull();
    expect(inv.usedBy).toBeNull();
    // ...and it still works for a new address.
    const { user } = await signup(db, { email: 'new@example.com', password: PASSWORD, invitationCode: code }, invite);
    expect((await listInvitations(db))[0].usedBy).toBe(user.id);
  });

  it('a duplicate email in open mode gets the same generic error', async () => {
    const { db } = await withAdmin();
    await signup(db, { email: 'bob@example.com', password: PASSWORD }, open);
    await expectRejected(signup(db, { email: 'Bob@Example.com ', password: 'a different password' }, open));
    expect(await db.collection('users').countDocuments({ email: 'bob@example.com' })).toBe(1);
  });

  it('two sign-ups racing for one invitation: exactly one wins', async () => {
    const { db, adminId } = await withAdmin();
    const { code } = await createInvitation(db, adminId);
    const results = await Promise.allSettled([
      signup(db, { email: 'x@example.com', password: PASSWORD, invitationCode: code }, invite),
      signup(db, { email: 'y@example.com', password: PASSWORD, invitationCode: code }, invite),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failure = results.find((r) => r.status === 'rejected');
    expect(failure?.status === 'rejected' && failure.reason).toBeInstanceOf(SignupRejected);
  });

  it('rejects passwords outside 8–256 characters as invalid input, before touching anything', async () => {
    const db = await t.fresh();
    for (const password of ['short', '1234567', 'x'.repeat(257)]) {
      const err = await signup(db, { email: 'ada@example.com', password }, open).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidInput);
      expect((err as InvalidInput).field).toBe('password');
    }
    expect(await db.collection('users').countDocuments()).toBe(0);
    expect(await db.collection('meta').countDocuments()).toBe(0);
    // The boundaries themselves are fine; length counts code points, so 8 emoji are 8 characters.
    expect((await signup(db, { email: 'a@example.com', password: '12345678' }, open)).user.email).toBe('a@example.com');
    expect((await signup(db, { email: 'b@example.com', password: 'x'.repeat(256) }, open)).user.email).toBe('b@example.com');
    expect((await signup(db, { email: 'c@example.com', password: '🔑'.repeat(8) }, open)).user.email).toBe('c@example.com');
  });

  it('rejects an empty or obviously malformed email as invalid input', async () => {
    const db = await t.fresh();
    for (const email of ['', '   ', 'no-at-sign', 'a b@example.com']) {
      const err = await signup(db, { email, password: PASSWORD }, open).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidInput);
      expect((err as InvalidInput).field).toBe('email');
    }
  });
});

describe('login and getUser', () => {
  it('returns the user for the right password, with the email normalised', async () => {
    const { db, adminId } = await withAdmin();
    const user = await login(db, '  ADMIN@Example.com', PASSWORD);
    expect(user).toEqual({ id: adminId, email: 'admin@example.com', admin: true, createdAt: expect.any(Date) });
  });

  it('returns the same null for a wrong password and for an unknown user', async () => {
    const { db } = await withAdmin();
    const wrong = await login(db, 'admin@example.com', 'not the password');
    const unknown = await login(db, 'nobody@example.com', PASSWORD);
    expect(wrong).toBeNull();
    expect(unknown).toBeNull();
    expect(await login(db, 'admin@example.com', 'x'.repeat(300))).toBeNull();
    expect(await login(db, '', '')).toBeNull();
  });

  it('getUser finds by id and never exposes the hash', async () => {
    const { db, adminId } = await withAdmin();
    const user = await getUser(db, adminId);
    expect(user).toEqual({ id: adminId, email: 'admin@example.com', admin: true, createdAt: expect.any(Date) });
    expect(await getUser(db, 'usr_doesnotexist0000')).toBeNull();
    expect(await getUser(db, '')).toBeNull();
  });
});
