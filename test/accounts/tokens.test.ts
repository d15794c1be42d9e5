import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { useAccountsDb } from './helpers.ts';
import { authenticateToken, createToken, listTokens, revokeToken, type ApiTokenDoc } from '../../src/accounts/tokens.ts';
import { InvalidInput } from '../../src/shared/errors.ts';

const t = useAccountsDb();

describe('API tokens', () => {
  it('returns an op_ secret once and stores only its SHA-256 hex', async () => {
    const db = await t.fresh();
    const { token, record } = await createToken(db, 'usr_a', { name: '  laptop  ' });
    expect(token).toMatch(/^op_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(3), 'base64url')).toHaveLength(32);
    expect(record).toEqual({
      id: expect.stringMatching(/^tok_[0-9A-Za-z]{16}$/),
      name: 'laptop',
      scopes: ['pages:read', 'pages:write'],
      createdAt: expect.any(Date),
      lastUsedAt: null,
      revokedAt: null,
    });
    const doc = await db.collection<ApiTokenDoc>('api_tokens').findOne({ _id: record.id });
    expect(doc?.user_id).toBe('usr_a');
    expect(doc?.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(doc)).not.toContain(token.slice(3));
  });

  it('dedupes scopes, keeps a subset, and rejects unknown or empty scopes and bad names', async () => {
    const db = await t.fresh();
    expect((await createToken(db, 'usr_a', { name: 'r', scopes: ['pages:read', 'pages:read'] })).record.scopes).toEqual(['pages:read']);
    expect((await createToken(db, 'usr_a', { name: 'w', scopes: ['pages:write'] })).record.scopes).toEqual(['pages:write']);
    expect((await createToken(db, 'usr_a', { name: 'rw', scopes: ['pages:write', 'pages:read', 'pages:write'] })).record.scopes).toEqual([
      'pages:read',
      'pages:write',
    ]);
    const bad: Array<[Parameters<typeof createToken>[2], string]> = [
      [{ name: 'x', scopes: ['admin'] }, 'scopes'],
      [{ name: 'x', scopes: [] }, 'scopes'],
      [{ name: '' }, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 'n'.repeat(101) }, 'name'],
    ];
    for (const [input, field] of bad) {
      const err = await createToken(db, 'usr_a', input).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidInput);
      expect((err as InvalidInput).field).toBe(field);
    }
    expect((await createToken(db, 'usr_a', { name: 'n'.repeat(100) })).record.name).toHaveLength(100);
    expect(await db.collection('api_tokens').countDocuments()).toBe(4);
  });

  it("lists only the owner's tokens, newest first, without secrets or hashes", async () => {
    const db = await t.fresh();
    const a1 = await createToken(db, 'usr_a', { name: 'first' });
    await new Promise((r) => setTimeout(r, 5));
    const a2 = await createToken(db, 'usr_a', { name: 'second' });
    await createToken(db, 'usr_b', { name: 'bobs' });
    const list = await listTokens(db, 'usr_a');
    expect(list.map((x) => x.id)).toEqual([a2.record.id, a1.record.id]);
    expect(list.map((x) => x.name)).toEqual(['second', 'first']);
    for (const item of list) {
      expect(Object.keys(item).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name', 'revokedAt', 'scopes']);
      expect(JSON.stringify(item)).not.toContain(a1.token.slice(3));
      expect(JSON.stringify(item)).not.toContain(a2.token.slice(3));
    }
    expect((await listTokens(db, 'usr_b')).map((x) => x.name)).toEqual(['bobs']);
    expect(await listTokens(db, 'usr_nobody')).toEqual([]);
  });

  it('authenticates by token, and a revoked token stops working', async () => {
    const db = await t.fresh();
    const { token, record } = await createToken(db, 'usr_a', { name: 'cli', scopes: ['pages:read'] });
    expect(await authenticateToken(db, token)).toEqual({ userId: 'usr_a', scopes: ['pages:read'], tokenId: record.id });

    expect(await revokeToken(db, 'usr_a', record.id)).toBe(true);
    expect(await authenticateToken(db, token)).toBeNull();
    expect(await revokeToken(db, 'usr_a', record.id)).toBe(false);
    expect(await listTokens(db, 'usr_a')).toEqual([]);
    const [revoked] = await listTokens(db, 'usr_a', { includeRevoked: true });
    expect(revoked.id).toBe(record.id);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
  });

  it("treats another user's token id exactly like a missing one", async () => {
    const db = await t.fresh();
    const bobs = await createToken(db, 'usr_b', { name: 'bobs' });
    expect(await revokeToken(db, 'usr_a', bobs.record.id)).toBe(false);
    expect(await revokeToken(db, 'usr_a', 'tok_doesnotexist000')).toBe(false);
    expect(await revokeToken(db, 'usr_a', '')).toBe(false);
    expect(await authenticateToken(db, bobs.token)).toEqual({ userId: 'usr_b', scopes: ['pages:read', 'pages:write'], tokenId: bobs.record.id });
  });

  it('rejects unknown and malformed tokens', async () => {
    const db = await t.fresh();
    const { token } = await createToken(db, 'usr_a', { name: 'cli' });
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const presented of [flipped, `op_${'A'.repeat(43)}`, token.slice(3), `${token}x`, 'op_', '', 'Bearer ' + token]) {
      expect(await authenticateToken(db, presented)).toBeNull();
    }
  });

  it('records last use, writing it at most once a minute', async () => {
    const db = await t.fresh();
    const { token, record } = await createToken(db, 'usr_a', { name: 'cli' });
    const tokens = db.collection<ApiTokenDoc>('api_tokens');
    await authenticateToken(db, token);
    const first = (await tokens.findOne({ _id: record.id }))!.last_used_at;
    expect(first).toBeInstanceOf(Date);
    expect(Date.now() - first!.getTime()).toBeLessThan(60_000);

    await authenticateToken(db, token);
    expect((await tokens.findOne({ _id: record.id }))!.last_used_at?.getTime()).toBe(first!.getTime());

    const longAgo = new Date(Date.now() - 5 * 60_000);
    await tokens.updateOne({ _id: record.id }, { $set: { last_used_at: longAgo } });
    await authenticateToken(db, token);
    const refreshed = (await tokens.findOne({ _id: record.id }))!.last_used_at!;
    expect(refreshed.getTime()).toBeGreaterThan(longAgo.getTime() + 4 * 60_000);
    expect((await listTokens(db, 'usr_a'))[0].lastUsedAt?.getTime()).toBe(refreshed.getTime());
  });

  it('a revoked token is not touched on use', async () => {
    const db = await t.fresh();
    const { token, record } = await createToken(db, 'usr_a', { name: 'cli' });
    await revokeToken(db, 'usr_a', record.id);
    await authenticateToken(db, token);
    expect((await db.collection<ApiTokenDoc>('api_tokens').findOne({ _id: record.id }))!.last_used_at).toBeNull();
  });
});
