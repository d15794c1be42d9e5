// POST /api/auth/signup: first admin, invitation mode (default) and SIGNUP_MODE=open.
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestOutpost } from '../support/outpost.ts';
import { type Account, PASSWORD, SIGNUP_REJECTED, TIMESTAMP, createInvitationCode, expectError, signupAdmin, useOutpost } from './helpers.ts';

const signupBody = (email: string, invitation_code?: string) => ({ email, password: PASSWORD, ...(invitation_code ? { invitation_code } : {}) });

describe('invite mode (the default)', () => {
  const t = useOutpost();
  let admin: Account;

  const signup = (email: string, code?: string) => t.outpost.api('/api/auth/signup', { body: signupBody(email, code) });
  const expectRejected = (res: Awaited<ReturnType<typeof signup>>) => {
    expectError(res, 400, 'Bad Request', SIGNUP_REJECTED);
    expect(res.body).not.toHaveProperty('validation');
  };

  it('the first sign-up needs no code and becomes admin, signed in', async () => {
    const res = await signup('First@Example.com');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      token_type: 'Bearer',
      expires_at: expect.stringMatching(TIMESTAMP),
      user: { id: expect.stringMatching(/^usr_[0-9A-Za-z]{16}$/), email: 'first@example.com', admin: true, created_at: expect.stringMatching(TIMESTAMP) },
    });
    expect(Date.parse(res.body.expires_at)).toBeGreaterThan(Date.now());
    admin = res.body;
    const me = await t.outpost.api('/api/me', { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body.user).toEqual(res.body.user);
    expect(me.body.auth.scopes).toContain('admin');
  });

  it('a second sign-up without a code is refused with the generic message', async () => {
    expectRejected(await signup('second@example.com'));
    const login = await t.outpost.api('/api/auth/login', { body: { email: 'second@example.com', password: PASSWORD } });
    expect(login.status).toBe(401);
  });

  it('an unknown or malformed code is refused with the generic message', async () => {
    expectRejected(await signup('second@example.com', 'inv_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'));
    expectRejected(await signup('second@example.com', 'not-a-code'));
  });

  it('a valid code: 201, not admin, and the account can sign in', async () => {
    const code = await createInvitationCode(t.outpost, admin.token);
    const res = await signup('Second@Example.com', code);
    expect(res.status).toBe(201);
    expect(res.body.token_type).toBe('Bearer');
    expect(res.body.user).toMatchObject({ email: 'second@example.com', admin: false });
    const login = await t.outpost.api('/api/auth/login', { body: { email: 'second@example.com', password: PASSWORD } });
    expect(login.status).toBe(200);
    expect(login.body.user.id).toBe(res.body.user.id);
  });

  it('a used code is refused with the same generic message', async () => {
    const code = await createInvitationCode(t.outpost, admin.token);
    expect((await signup('third@example.com', code)).status).toBe(201);
    expectRejected(await signup('fourth@example.com', code));
  });

  it('a taken email (in any case) is refused with the same message, and the code stays unused', async () => {
    const code = await createInvitationCode(t.outpost, admin.token, { note: 'dup test' });
    expectRejected(await signup('SECOND@example.com', code));
    expectRejected(await signup('first@example.com', code));

    const list = await t.outpost.api('/api/invitations', { token: admin.token });
    expect(list.body.invitations.find((i: { note?: string }) => i.note === 'dup test').used_at).toBeNull();
    // The code still works for a new address.
    const res = await signup('fifth@example.com', code);
    expect(res.status).toBe(201);
  });

  it('an expired code is refused with the same message', async () => {
    const code = await createInvitationCode(t.outpost, admin.token, { note: 'expires' });
    await t.outpost.app.db.collection('invitations').updateOne({ note: 'expires' }, { $set: { expires_at: new Date(Date.now() - 1000) } });
    expectRejected(await signup('sixth@example.com', code));
  });

  it('every refusal has the same body', async () => {
    const code = await createInvitationCode(t.outpost, admin.token);
    expect((await signup('seventh@example.com', code)).status).toBe(201);
    const bodies = [
      (await signup('eighth@example.com')).body,
      (await signup('eighth@example.com', code)).body,
      (await signup('seventh@example.com', await createInvitationCode(t.outpost, admin.token))).body,
    ];
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
  });

  it('one code used by two concurrent sign-ups admits exactly one', async () => {
    const code = await createInvitationCode(t.outpost, admin.token);
    const results = await Promise.all([signup('race-a@example.com', code), signup('race-b@example.com', code)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 400]);
    const loser = results.find((r) => r.status === 400)!;
    expectRejected(loser);
  });
});

describe('the first admin', () => {
  it('two concurrent first sign-ups on an empty instance: exactly one becomes admin', async () => {
    const outpost = await startTestOutpost();
    try {
      const results = await Promise.all(['a', 'b', 'c'].map((x) => outpost.api('/api/auth/signup', { body: signupBody(`${x}@example.com`) })));
      const created = results.filter((r) => r.status === 201);
      expect(created).toHaveLength(1);
      expect(created[0].body.user.admin).toBe(true);
      for (const r of results.filter((r) => r.status !== 201)) expectError(r, 400, 'Bad Request', SIGNUP_REJECTED);
    } finally {
      await outpost.stop();
    }
  });
});

describe('SIGNUP_MODE=open', () => {
  const t = useOutpost({ SIGNUP_MODE: 'open' });

  beforeAll(async () => {
    await signupAdmin(t.outpost, 'owner@example.com');
  });

  it('later sign-ups need no code and are not admins', async () => {
    const res = await t.outpost.api('/api/auth/signup', { body: signupBody('guest@example.com') });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email: 'guest@example.com', admin: false });
    const me = await t.outpost.api('/api/me', { token: res.body.token });
    expect(me.body.auth.scopes).toEqual(['account', 'pages:read', 'pages:write']);
  });

  it('an invitation code, even an unknown one, is ignored', async () => {
    const res = await t.outpost.api('/api/auth/signup', { body: signupBody('coded@example.com', 'inv_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA') });
    expect(res.status).toBe(201);
    expect(res.body.user.admin).toBe(false);
  });

  it('a taken email is still refused with the generic message', async () => {
    expectError(await t.outpost.api('/api/auth/signup', { body: signupBody('Guest@example.com') }), 400, 'Bad Request', SIGNUP_REJECTED);
  });
});
