// POST/GET /api/tokens and DELETE /api/tokens/{token_id}.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Account, API_TOKEN, TIMESTAMP, createApiToken, expectError, expectUnauthorized, signupAdmin, signupInvited, useOutpost } from './helpers.ts';

const t = useOutpost();
let alice: Account;
let bob: Account;

beforeAll(async () => {
  alice = await signupAdmin(t.outpost, 'alice@example.com');
  bob = await signupInvited(t.outpost, alice.token, 'bob@example.com');
});

describe('POST /api/tokens', () => {
  it('creates a token with both scopes by default and shows its secret once', async () => {
    const res = await t.outpost.api('/api/tokens', { method: 'POST', token: alice.token, body: { name: 'Claude Code on my laptop' } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^tok_[0-9A-Za-z]{16}$/),
      name: 'Claude Code on my laptop',
      scopes: ['pages:read', 'pages:write'],
      created_at: expect.stringMatching(TIMESTAMP),
      last_used_at: null,
      token: expect.stringMatching(API_TOKEN),
    });
    expect(Math.abs(Date.parse(res.body.created_at) - Date.now())).toBeLessThan(60_000);
  });

  it.each([
    [['pages:read'], ['pages:read']],
    [['pages:write'], ['pages:write']],
    [
      ['pages:write', 'pages:read'],
      ['pages:read', 'pages:write'],
    ],
  ])('keeps the requested scopes %j (canonical order %j)', async (requested, stored) => {
    const created = await createApiToken(t.outpost, alice.token, { name: `scopes ${requested.join(' ')}`, scopes: requested });
    expect(created.scopes).toEqual(stored);
    const me = await t.outpost.api('/api/me', { token: created.token });
    expect(me.body.auth.scopes).toEqual(stored);
  });

  it('trims the name', async () => {
    const created = await createApiToken(t.outpost, alice.token, { name: '  padded  ' });
    expect(created.name).toBe('padded');
  });

  it('gives every token a distinct id and secret', async () => {
    const a = await createApiToken(t.outpost, alice.token, { name: 'same name' });
    const b = await createApiToken(t.outpost, alice.token, { name: 'same name' });
    expect(a.id).not.toBe(b.id);
    expect(a.token).not.toBe(b.token);
  });
});

describe('GET /api/tokens', () => {
  it("lists only the caller's tokens, newest first, without secrets", async () => {
    const first = await createApiToken(t.outpost, bob.token, { name: 'first' });
    const second = await createApiToken(t.outpost, bob.token, { name: 'second', scopes: ['pages:read'] });
    const third = await createApiToken(t.outpost, bob.token, { name: 'third' });

    const res = await t.outpost.api('/api/tokens', { token: bob.token });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['tokens']);
    expect(res.body.tokens.map((tok: { id: string }) => tok.id)).toEqual([third.id, second.id, first.id]);
    expect(res.body.tokens[1]).toEqual({
      id: second.id,
      name: 'second',
      scopes: ['pages:read'],
      created_at: second.created_at,
      last_used_at: null,
    });
    for (const tok of res.body.tokens) {
      expect(Object.keys(tok).sort()).toEqual(['created_at', 'id', 'last_used_at', 'name', 'scopes']);
    }
    const text = JSON.stringify(res.body);
    for (const secret of [first.token, second.token, third.token]) expect(text).not.toContain(secret.slice(3));
  });

  it('shows when a token was last used', async () => {
    const created = await createApiToken(t.outpost, bob.token, { name: 'used once' });
    expect((await t.outpost.api('/api/me', { token: created.token })).status).toBe(200);
    const res = await t.outpost.api('/api/tokens', { token: bob.token });
    const listed = res.body.tokens.find((tok: { id: string }) => tok.id === created.id);
    expect(listed.last_used_at).toMatch(TIMESTAMP);
    expect(Date.parse(listed.last_used_at)).toBeGreaterThanOrEqual(Date.parse(created.created_at));
  });

  it('is empty for an account without tokens', async () => {
    const carol = await signupInvited(t.outpost, alice.token, 'carol@example.com');
    const res = await t.outpost.api('/api/tokens', { token: carol.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ tokens: [] });
  });
});

describe('DELETE /api/tokens/{token_id}', () => {
  it('revokes: 204 with no body, the token stops working and leaves the list', async () => {
    const created = await createApiToken(t.outpost, alice.token, { name: 'short-lived' });
    expect((await t.outpost.api('/api/me', { token: created.token })).status).toBe(200);

    const res = await t.outpost.api(`/api/tokens/${created.id}`, { method: 'DELETE', token: alice.token });
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();

    expectUnauthorized(await t.outpost.api('/api/me', { token: created.token }), 'Invalid token');
    const list = await t.outpost.api('/api/tokens', { token: alice.token });
    expect(list.body.tokens.map((tok: { id: string }) => tok.id)).not.toContain(created.id);
  });

  it('revoking the same token twice: 404 the second time', async () => {
    const created = await createApiToken(t.outpost, alice.token, { name: 'twice' });
    expect((await t.outpost.api(`/api/tokens/${created.id}`, { method: 'DELETE', token: alice.token })).status).toBe(204);
    expectError(
      await t.outpost.api(`/api/tokens/${created.id}`, { method: 'DELETE', token: alice.token }),
      404,
      'Not Found',
      'Token not found. Use GET /api/tokens to see your tokens.',
    );
  });

  it('an unknown id: 404', async () => {
    const res = await t.outpost.api('/api/tokens/tok_0000000000000000', { method: 'DELETE', token: alice.token });
    expectError(res, 404, 'Not Found', 'Token not found. Use GET /api/tokens to see your tokens.');
  });

  it("another user's token id: 404, and that token keeps working", async () => {
    const bobs = await createApiToken(t.outpost, bob.token, { name: "bob's" });
    const res = await t.outpost.api(`/api/tokens/${bobs.id}`, { method: 'DELETE', token: alice.token });
    expectError(res, 404, 'Not Found', 'Token not found. Use GET /api/tokens to see your tokens.');

    const me = await t.outpost.api('/api/me', { token: bobs.token });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(bob.user.id);
    expect(me.body.auth.token_id).toBe(bobs.id);
  });

  it("revoking one token leaves the owner's other tokens working", async () => {
    const keep = await createApiToken(t.outpost, bob.token, { name: 'keep' });
    const drop = await createApiToken(t.outpost, bob.token, { name: 'drop' });
    expect((await t.outpost.api(`/api/tokens/${drop.id}`, { method: 'DELETE', token: bob.token })).status).toBe(204);
    expect((await t.outpost.api('/api/me', { token: keep.token })).status).toBe(200);
    expect((await t.outpost.api('/api/me', { token: drop.token })).status).toBe(401);
  });
});
