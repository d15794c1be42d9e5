// User accounts: sign-up (first user becomes admin; then invitation or open mode), login, lookup.
import type { Db } from 'mongodb';
import { dummyVerify, hashPassword, verifyPassword } from './passwords.ts';
import { InvalidInput, SignupRejected } from '../shared/errors.ts';
import { isDuplicateKeyError, randomId } from '../shared/ids.ts';
import { claimInvitation, releaseInvitation } from './invitations.ts';

export const USERS = 'users';
export const META = 'meta';
/** The `meta` document whose successful insert makes a sign-up the instance's first admin. */
export const FIRST_ADMIN_CLAIM_ID = 'first-admin';
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;
const MAX_EMAIL_LENGTH = 254;
/** A first-admin claim whose user never appeared (the process died in between) is abandoned after this. */
const STALE_CLAIM_MS = 60_000;

export type SignupMode = 'invite' | 'open';

export interface UserDoc {
  _id: string;
  email: string;
  password_hash: string;
  admin: boolean;
  created_at: Date;
}

/** A user as callers see it: never the password hash. */
export interface User {
  id: string;
  email: string;
  admin: boolean;
  createdAt: Date;
}

export interface SignupInput {
  email: string;
  password: string;
  invitationCode?: string;
}

interface FirstAdminClaim {
  _id: string;
  user_id: string;
  claimed_at: Date;
}

function users(db: Db) {
  return db.collection<UserDoc>(USERS);
}

function meta(db: Db) {
  return db.collection<FirstAdminClaim>(META);
}

function toUser(doc: UserDoc): User {
  return { id: doc._id, email: doc.email, admin: doc.admin, createdAt: doc.created_at };
}

/** Trimmed and lower-cased: the form emails are stored and looked up in. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Password length is counted in Unicode code points, not UTF-16 units. `field` names it in errors. */
function checkPassword(password: unknown, field = 'password'): asserts password is string {
  const name = field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  if (typeof password !== 'string') throw new InvalidInput(field, `${name} is required`);
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
    throw new InvalidInput(field, `${name} must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`);
  }
}

function checkedEmail(email: unknown): string {
  if (typeof email !== 'string') throw new InvalidInput('email', 'email is required');
  const normalized = normalizeEmail(email);
  // Full validation is the REST schema's job; this only keeps obvious garbage out of the unique index.
  if (normalized.length > MAX_EMAIL_LENGTH || !/^[^\s@]+@[^\s@]+$/.test(normalized)) {
    throw new InvalidInput('email', 'email is not a valid address');
  }
  return normalized;
}

export async function ensureUserIndexes(db: Db): Promise<void> {
  await users(db).createIndex({ email: 1 }, { unique: true, name: 'email_unique' });
}

/**
 * Try to become the first admin: only while the instance has no users, and only for whoever inserts the
 * claim document first. Returns whether this sign-up holds the claim.
 */
async function claimFirstAdmin(db: Db, userId: string): Promise<boolean> {
  for (let attempt = 0; attempt < 2; attempt++) {
    if ((await users(db).findOne({}, { projection: { _id: 1 } })) !== null) return false;
    try {
      await meta(db).insertOne({ _id: FIRST_ADMIN_CLAIM_ID, user_id: userId, claimed_at: new Date() });
      return true;
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
    // Someone holds the claim. If its sign-up died before creating the user, free it and try once more.
    const claim = await meta(db).findOne({ _id: FIRST_ADMIN_CLAIM_ID });
    if (!claim || Date.now() - claim.claimed_at.getTime() < STALE_CLAIM_MS) return false;
    if ((await users(db).findOne({ _id: claim.user_id }, { projection: { _id: 1 } })) !== null) return false;
    await meta(db).deleteOne({ _id: FIRST_ADMIN_CLAIM_ID, user_id: claim.user_id });
  }
  return false;
}

/**
 * Create an account. The first sign-up on an empty instance needs no invitation and becomes admin; after
 * that an invitation code is required unless `signupMode` is 'open' (where a code, if given, is ignored).
 * Throws InvalidInput for a bad password/email, and SignupRejected for every other refusal. A failed
 * sign-up leaves its invitation unused.
 */
export async function signup(db: Db, input: SignupInput, options: { signupMode: SignupMode }): Promise<{ user: User }> {
  const email = checkedEmail(input.email);
  checkPassword(input.password);
  if (input.invitationCode !== undefined && typeof input.invitationCode !== 'string') {
    throw new InvalidInput('invitationCode', 'invitationCode must be a string');
  }
  if (options.signupMode !== 'invite' && options.signupMode !== 'open') {
    throw new TypeError(`unknown signupMode ${String(options.signupMode)}`);
  }

  // Without a code, invite mode can only admit the very first account; refuse the rest before
  // spending a hash on them (whether an instance has accounts is no secret).
  if (options.signupMode === 'invite' && !input.invitationCode && (await users(db).estimatedDocumentCount()) > 0) {
    throw new SignupRejected();
  }

  // Hash first: every path below then costs about the same, and the invitation is held only briefly.
  const passwordHash = await hashPassword(input.password);
  const id = randomId('usr_');

  const admin = await claimFirstAdmin(db, id);
  let invitationId: string | undefined;
  if (!admin && options.signupMode === 'invite') {
    const invitation = input.invitationCode ? await claimInvitation(db, input.invitationCode, id) : null;
    if (!invitation) throw new SignupRejected();
    invitationId = invitation.id;
  }

  const doc: UserDoc = { _id: id, email, password_hash: passwordHash, admin, created_at: new Date() };
  try {
    await users(db).insertOne(doc);
  } catch (e) {
    if (invitationId) await releaseInvitation(db, invitationId, id);
    if (admin) await meta(db).deleteOne({ _id: FIRST_ADMIN_CLAIM_ID, user_id: id });
    if (isDuplicateKeyError(e)) throw new SignupRejected();
    throw e;
  }
  return { user: toUser(doc) };
}

/**
 * The user whose email and password match, else null. Unknown email, wrong password and malformed input
 * all give the same null after the same amount of hashing work.
 */
export async function login(db: Db, email: string, password: string): Promise<User | null> {
  if (typeof email !== 'string' || typeof password !== 'string' || [...password].length > MAX_PASSWORD_LENGTH) {
    await dummyVerify(typeof password === 'string' ? password.slice(0, MAX_PASSWORD_LENGTH) : '');
    return null;
  }
  const doc = await users(db).findOne({ email: normalizeEmail(email) });
  if (!doc) {
    await dummyVerify(password);
    return null;
  }
  return (await verifyPassword(password, doc.password_hash)) ? toUser(doc) : null;
}

/**
 * Replaces a user's password when `currentPassword` is theirs; false (after the same hashing work) when it is
 * not. Throws InvalidInput('newPassword') for a new password that breaks the length rule.
 */
export async function changePassword(db: Db, userId: string, currentPassword: string, newPassword: string): Promise<boolean> {
  checkPassword(newPassword, 'newPassword');
  const doc = await users(db).findOne({ _id: userId });
  if (!doc || typeof currentPassword !== 'string' || [...currentPassword].length > MAX_PASSWORD_LENGTH) {
    await dummyVerify(typeof currentPassword === 'string' ? currentPassword.slice(0, MAX_PASSWORD_LENGTH) : '');
    return false;
  }
  if (!(await verifyPassword(currentPassword, doc.password_hash))) return false;
  const passwordHash = await hashPassword(newPassword);
  // Only over the hash just verified: of two changes racing, the second finds it replaced and fails.
  const { modifiedCount } = await users(db).updateOne({ _id: userId, password_hash: doc.password_hash }, { $set: { password_hash: passwordHash } });
  return modifiedCount === 1;
}

/** Whether any account exists (an empty instance lets its first sign-up in without a code). */
export async function hasUsers(db: Db): Promise<boolean> {
  return (await users(db).findOne({}, { projection: { _id: 1 } })) !== null;
}

export async function getUser(db: Db, id: string): Promise<User | null> {
  if (typeof id !== 'string' || id === '') return null;
  const doc = await users(db).findOne({ _id: id });
  return doc ? toUser(doc) : null;
}
