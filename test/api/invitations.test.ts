// POST/GET /api/invitations (admins, session JWT only).
import { beforeAll, describe, expect, it } from 'vitest';
import { signupAndLogin } from '../support/outpost.ts';
import { type Account, INVITATION_CODE, PASSWORD, TIMESTAMP, secondsBetween, signupAdmin, useOutpost } from './helpers.ts';

const t = useOutpost();
let admin: Account;

beforeAll(async () => {
  admin = await signupAdmin(t.outpost);
});

const DAY = 24 * 3600;

describe('POST /api/invitations', () => {
  it('without a body: 201, a code valid for 7 days', async () => {
    const res = await t.outpost.api('/api/invitations', { method: 'POST', token: admin.token });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^inv_[0-9A-Za-z]{16}$/),
      code: expect.stringMatching(INVITATION_CODE),
      created_at: expect.stringMatching(TIMESTAMP),
      expires_at: expect.stringMatching(TIMESTAMP),
      used_at: null,
    });
    expect(secondsBetween(res.body.created_at, res.body.expires_at)).toBe(7 * DAY);
  });

  it('with an empty body: the same defaults', async () => {
    const res = await t.outpost.api('/api/invitations', { method: 'POST', token: admin.token, body: {} });
    expect(res.status).toBe(201);
    expect(secondsBetween(res.body.created_at, res.body.expires_at)).toBe(7 * DAY);
    expect(res.body).not.toHaveProperty('note');
  });

  it.each([1, 30, 90])('expires_in_days %i', async (days) => {
    const res = await t.outpost.api('/api/invitations', { method: 'POST', token: admin.token, body: { expires_in_days: days } });
    expect(res.status).toBe(201);
    expect(secondsBetween(res.body.created_at, res.body.expires_at)).toBe(days * DAY);
  });

  it('keeps a note', async () => {
    const res = await t.outpost.api('/api/invitations', { method: 'POST', token: admin.token, body: { note: 'for Bob' } });
    expect(res.status).toBe(201);
    expect(res.body.note).toBe('for Bob');
  });

  it('gives every invitation a distinct code', async () => {
    const a = await t.outpost.api('/api/invitations', { method: 'POST', token: admin.token });
    const b = await t.outpost.api('/api/invitations', { method: 'POST', token: admin.token });
    expect(a.body.code).not.toBe(b.body.code);
    expect(a.body.id).not.toBe(b.body.id);
  });
});

describe('GET /api/invitations', () => {
  it('lists invitations newest first, without codes, and records their use', async () => {
    const older = await t.outpost.api('/api/invitations', { method: 'POST', token: admin.token, body: { note: 'older' } });
    const newer = await t.outpost.api('/api/invitations', { method: 'POST', token: admin.token, body: { note: 'newer', expires_in_days: 3 } });

    const before = await t.outpost.api('/api/invitations', { token: admin.token });
    expect(before.status).toBe(200);
    expect(Object.keys(before.body)).toEqual(['invitations']);
    const ids = before.body.invitations.map((i: { id: string }) => i.id);
    expect(ids.indexOf(newer.body.id)).toBeLessThan(ids.indexOf(older.body.id));
    expect(ids.slice(0, 2)).toEqual([newer.body.id, older.body.id]);
    expect(before.body.invitations[0]).toEqual({
      id: newer.body.id,
      note: 'newer',
      created_at: newer.body.created_at,
      expires_at: newer.body.expires_at,
      used_at: null,
    });
    for (const inv of before.body.invitations) expect(inv).not.toHaveProperty('code');
    const text = JSON.stringify(before.body);
    expect(text).not.toContain(older.body.code);
    expect(text).not.toContain(newer.body.code);

    const signup = await signupAndLogin(t.outpost, 'invited@example.com', PASSWORD, older.body.code);
    expect(signup.user.admin).toBe(false);

    const after = await t.outpost.api('/api/invitations', { token: admin.token });
    const used = after.body.invitations.find((i: { id: string }) => i.id === older.body.id);
    const unused = after.body.invitations.find((i: { id: string }) => i.id === newer.body.id);
    expect(used.used_at).toMatch(TIMESTAMP);
    expect(Date.parse(used.used_at)).toBeGreaterThanOrEqual(Date.parse(used.created_at));
    expect(unused.used_at).toBeNull();
  });
});
