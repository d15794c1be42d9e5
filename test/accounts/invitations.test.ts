import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { useAccountsDb } from './helpers.ts';
import { claimInvitation, createInvitation, listInvitations, releaseInvitation, type InvitationDoc } from '../../src/accounts/invitations.ts';
import { InvalidInput } from '../../src/shared/errors.ts';

const t = useAccountsDb();
const DAY = 24 * 3600 * 1000;

describe('invitations', () => {
  it('returns the code once and stores only its SHA-256', async () => {
    const db = await t.fresh();
    const { code, record } = await createInvitation(db, 'usr_admin', { note: '  for Bob  ' });
    expect(code).toMatch(/^inv_[A-Za-z0-9_-]{32}$/);
    expect(Buffer.from(code.slice(4), 'base64url')).toHaveLength(24);
    expect(record).toEqual({
      id: expect.stringMatching(/^inv_[0-9A-Za-z]{16}$/),
      createdBy: 'usr_admin',
      createdAt: expect.any(Date),
      expiresAt: expect.any(Date),
      usedAt: null,
      usedBy: null,
      note: 'for Bob',
      status: 'pending',
    });
    expect(record.expiresAt.getTime() - record.createdAt.getTime()).toBe(7 * DAY);

    const doc = await db.collection<InvitationDoc>('invitations').findOne({ _id: record.id });
    expect(doc?.code_hash).toBe(createHash('sha256').update(code).digest('hex'));
    expect(JSON.stringify(doc)).not.toContain(code.slice(4));
  });

  it('accepts 1 to 90 days and nothing else', async () => {
    const db = await t.fresh();
    const { record } = await createInvitation(db, 'usr_admin', { expiresInDays: 90 });
    expect(record.expiresAt.getTime() - record.createdAt.getTime()).toBe(90 * DAY);
    expect((await createInvitation(db, 'usr_admin', { expiresInDays: 1 })).record.note).toBeNull();
    for (const expiresInDays of [0, 91, 1.5, -3, Number.NaN]) {
      const err = await createInvitation(db, 'usr_admin', { expiresInDays }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidInput);
      expect((err as InvalidInput).field).toBe('expiresInDays');
    }
    expect(await db.collection('invitations').countDocuments()).toBe(2);
  });

  it('lists newest first without codes or hashes', async () => {
    const db = await t.fresh();
    const first = await createInvitation(db, 'usr_admin', { note: 'first' });
    await new Promise((r) => setTimeout(r, 5));
    const second = await createInvitation(db, 'usr_admin', { note: 'second' });
    const list = await listInvitations(db);
    expect(list.map((i) => i.id)).toEqual([second.record.id, first.record.id]);
    expect(list.map((i) => i.note)).toEqual(['second', 'first']);
    for (const inv of list) expect(Object.keys(inv).sort()).toEqual(['createdAt', 'createdBy', 'expiresAt', 'id', 'note', 'status', 'usedAt', 'usedBy']);
  });

  it("claims once, atomically; release frees only the holder's claim", async () => {
    const db = await t.fresh();
    const { code, record } = await createInvitation(db, 'usr_admin');
    const claims = await Promise.all([claimInvitation(db, code, 'usr_a'), claimInvitation(db, code, 'usr_b')]);
    const winners = claims.filter((c) => c !== null);
    expect(winners).toHaveLength(1);
    const winner = winners[0]!;
    expect(winner.id).toBe(record.id);
    expect(winner.status).toBe('used');
    expect(['usr_a', 'usr_b']).toContain(winner.usedBy);

    const loser = winner.usedBy === 'usr_a' ? 'usr_b' : 'usr_a';
    expect(await releaseInvitation(db, record.id, loser)).toBe(false);
    expect((await listInvitations(db))[0].usedBy).toBe(winner.usedBy);
    expect(await releaseInvitation(db, record.id, winner.usedBy!)).toBe(true);
    expect((await listInvitations(db))[0]).toMatchObject({ status: 'pending', usedAt: null, usedBy: null });
    expect((await claimInvitation(db, code, 'usr_c'))?.usedBy).toBe('usr_c');
  });

  it('does not claim expired, unknown or malformed codes', async () => {
    const db = await t.fresh();
    const { code, record } = await createInvitation(db, 'usr_admin');
    await db.collection<InvitationDoc>('invitations').updateOne({ _id: record.id }, { $set: { expires_at: new Date(Date.now() - 1) } });
    expect(await claimInvitation(db, code, 'usr_a')).toBeNull();
    expect(await claimInvitation(db, `inv_${'Z'.repeat(32)}`, 'usr_a')).toBeNull();
    expect(await claimInvitation(db, 'garbage', 'usr_a')).toBeNull();
    expect(await claimInvitation(db, '', 'usr_a')).toBeNull();
    expect((await listInvitations(db))[0]).toMatchObject({ status: 'expired', usedBy: null });
  });
});
