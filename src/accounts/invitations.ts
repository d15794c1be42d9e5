// Invitation codes: created by an admin, shown once, stored as a SHA-256 hash, used by one sign-up.
import type { Db } from 'mongodb';
import { InvalidInput } from '../shared/errors.ts';
import { randomId, randomSecret, sha256Hex } from '../shared/ids.ts';

export const INVITATIONS = 'invitations';
export const DEFAULT_INVITATION_DAYS = 7;
export const MAX_INVITATION_DAYS = 90;
export const MAX_NOTE_LENGTH = 200;

const CODE_PREFIX = 'inv_';
const CODE_BYTES = 24;
/** `inv_` + base64url of 24 bytes. */
const CODE_PATTERN = /^inv_[A-Za-z0-9_-]{32}$/;
const DAY_MS = 24 * 3600 * 1000;

export interface InvitationDoc {
  _id: string;
  code_hash: string;
  created_by: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  used_by: string | null;
  note?: string;
}

export type InvitationStatus = 'pending' | 'used' | 'expired';

/** An invitation as callers see it: never the code or its hash. */
export interface Invitation {
  id: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  usedBy: string | null;
  note: string | null;
  /** As of when the record was read. */
  status: InvitationStatus;
}

export interface CreateInvitationInput {
  /** Whole days, 1 to 90; default 7. */
  expiresInDays?: number;
  note?: string;
}

function collection(db: Db) {
  return db.collection<InvitationDoc>(INVITATIONS);
}

function toInvitation(doc: InvitationDoc, now = new Date()): Invitation {
  const status: InvitationStatus = doc.used_at ? 'used' : doc.expires_at <= now ? 'expired' : 'pending';
  return {
    id: doc._id,
    createdBy: doc.created_by,
    createdAt: doc.created_at,
    expiresAt: doc.expires_at,
    usedAt: doc.used_at ?? null,
    usedBy: doc.used_by ?? null,
    note: doc.note ?? null,
    status,
  };
}

export async function ensureInvitationIndexes(db: Db): Promise<void> {
  await collection(db).createIndex({ code_hash: 1 }, { unique: true, name: 'code_hash_unique' });
}

/**
 * Create an invitation and return its code, which is not stored and can't be shown again.
 * The caller must already have checked that `adminUserId` is an admin.
 */
export async function createInvitation(db: Db, adminUserId: string, input: CreateInvitationInput = {}): Promise<{ code: string; record: Invitation }> {
  const days = input.expiresInDays ?? DEFAULT_INVITATION_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_INVITATION_DAYS) {
    throw new InvalidInput('expiresInDays', `expiresInDays must be a whole number from 1 to ${MAX_INVITATION_DAYS}`);
  }
  let note: string | undefined;
  if (input.note !== undefined) {
    if (typeof input.note !== 'string') throw new InvalidInput('note', 'note must be a string');
    note = input.note.trim();
    if (note.length > MAX_NOTE_LENGTH) throw new InvalidInput('note', `note must be at most ${MAX_NOTE_LENGTH} characters`);
    if (note === '') note = undefined;
  }
  const code = randomSecret(CODE_PREFIX, CODE_BYTES);
  const now = new Date();
  const doc: InvitationDoc = {
    _id: randomId('inv_'),
    code_hash: sha256Hex(code),
    created_by: adminUserId,
    created_at: now,
    expires_at: new Date(now.getTime() + days * DAY_MS),
    used_at: null,
    used_by: null,
    ...(note === undefined ? {} : { note }),
  };
  await collection(db).insertOne(doc);
  return { code, record: toInvitation(doc, now) };
}

/** Every invitation, newest first. */
export async function listInvitations(db: Db): Promise<Invitation[]> {
  const now = new Date();
  const docs = await collection(db)
    .find({}, { projection: { code_hash: 0 } })
    .sort({ created_at: -1, _id: -1 })
    .toArray();
  return docs.map((d) => toInvitation(d, now));
}

/**
 * Atomically mark an unused, unexpired invitation as used by `userId`. Null when the code is malformed,
 * unknown, used or expired (deliberately indistinguishable).
 */
export async function claimInvitation(db: Db, code: string, userId: string): Promise<Invitation | null> {
  if (typeof code !== 'string' || !CODE_PATTERN.test(code)) return null;
  const now = new Date();
  const doc = await collection(db).findOneAndUpdate(
    { code_hash: sha256Hex(code), used_at: null, expires_at: { $gt: now } },
    { $set: { used_at: now, used_by: userId } },
    { returnDocument: 'after', projection: { code_hash: 0 } },
  );
  return doc ? toInvitation(doc, now) : null;
}

/**
 * Undo a claim (the sign-up that claimed it failed). Only releases a claim held by `claimedBy`, so a late
 * release can't free an invitation someone else has since used. True when it was released.
 */
export async function releaseInvitation(db: Db, invitationId: string, claimedBy: string): Promise<boolean> {
  const result = await collection(db).updateOne({ _id: invitationId, used_by: claimedBy }, { $set: { used_at: null, used_by: null } });
  return result.modifiedCount === 1;
}
