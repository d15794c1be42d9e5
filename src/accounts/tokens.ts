// API tokens: `op_` + 32 random bytes (base64url), shown once; only their SHA-256 is stored.
import type { Db } from 'mongodb';
import { ScopeSchema } from '../generated/schemas.ts';
import { InvalidInput } from '../shared/errors.ts';
import { randomId, randomSecret, sha256Hex } from '../shared/ids.ts';

export const API_TOKENS = 'api_tokens';
/** The scopes an API token can carry: the Scope enum of openapi.yaml (a new scope is added there). */
export const TOKEN_SCOPES = ScopeSchema.enum;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const MAX_TOKEN_NAME_LENGTH = 100;

const TOKEN_PREFIX = 'op_';
const TOKEN_BYTES = 32;
/** `op_` + base64url (unpadded) of 32 bytes = 43 characters. */
const TOKEN_PATTERN = /^op_[A-Za-z0-9_-]{43}$/;
/** last_used_at is written at most this often per token, not on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiTokenDoc {
  _id: string;
  user_id: string;
  name: string;
  scopes: TokenScope[];
  token_hash: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** A token as callers see it: never the secret or its hash. */
export interface ApiToken {
  id: string;
  name: string;
  scopes: TokenScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface CreateTokenInput {
  name: string;
  /** A non-empty subset of TOKEN_SCOPES; duplicates are dropped. Default: all scopes. */
  scopes?: readonly string[];
}

export interface TokenAuthentication {
  userId: string;
  scopes: TokenScope[];
  tokenId: string;
}

function collection(db: Db) {
  return db.collection<ApiTokenDoc>(API_TOKENS);
}

function toApiToken(doc: ApiTokenDoc): ApiToken {
  return {
    id: doc._id,
    name: doc.name,
    scopes: [...doc.scopes],
    createdAt: doc.created_at,
    lastUsedAt: doc.last_used_at ?? null,
    revokedAt: doc.revoked_at ?? null,
  };
}

function isScope(value: unknown): value is TokenScope {
  return (TOKEN_SCOPES as readonly unknown[]).includes(value);
}

function checkedScopes(scopes: readonly string[] | undefined): TokenScope[] {
  if (scopes === undefined) return [...TOKEN_SCOPES];
  if (!Array.isArray(scopes)) throw new InvalidInput('scopes', 'scopes must be an array');
  const bad = scopes.find((s) => !isScope(s));
  if (bad !== undefined) throw new InvalidInput('scopes', `unknown scope ${JSON.stringify(bad)}; allowed: ${TOKEN_SCOPES.join(', ')}`);
  if (scopes.length === 0) throw new InvalidInput('scopes', 'scopes must not be empty');
  // Canonical order, no duplicates.
  return TOKEN_SCOPES.filter((s) => scopes.includes(s));
}

export async function ensureTokenIndexes(db: Db): Promise<void> {
  await collection(db).createIndex({ token_hash: 1 }, { unique: true, name: 'token_hash_unique' });
  await collection(db).createIndex({ user_id: 1, created_at: -1 }, { name: 'user_id_created_at' });
}

/** Create a token for `userId`. `token` is the secret: return it to the user now, it can't be recovered. */
export async function createToken(db: Db, userId: string, input: CreateTokenInput): Promise<{ token: string; record: ApiToken }> {
  if (typeof input.name !== 'string') throw new InvalidInput('name', 'name is required');
  const name = input.name.trim();
  if (name.length < 1 || name.length > MAX_TOKEN_NAME_LENGTH) {
    throw new InvalidInput('name', `name must be 1 to ${MAX_TOKEN_NAME_LENGTH} characters`);
  }
  const scopes = checkedScopes(input.scopes);
  const token = randomSecret(TOKEN_PREFIX, TOKEN_BYTES);
  const doc: ApiTokenDoc = {
    _id: randomId('tok_'),
    user_id: userId,
    name,
    scopes,
    token_hash: sha256Hex(token),
    created_at: new Date(),
    last_used_at: null,
    revoked_at: null,
  };
  await collection(db).insertOne(doc);
  return { token, record: toApiToken(doc) };
}

/** The user's tokens, newest first; revoked ones only when asked for. */
export async function listTokens(db: Db, userId: string, options: { includeRevoked?: boolean } = {}): Promise<ApiToken[]> {
  const filter = options.includeRevoked ? { user_id: userId } : { user_id: userId, revoked_at: null };
  const docs = await collection(db)
    .find(filter, { projection: { token_hash: 0 } })
    .sort({ created_at: -1, _id: -1 })
    .toArray();
  return docs.map(toApiToken);
}

/**
 * Revoke one of the user's own tokens. False when there is no such active token for this user, which
 * includes another user's token id (indistinguishable from a missing one) and an already revoked token.
 */
export async function revokeToken(db: Db, userId: string, tokenId: string): Promise<boolean> {
  if (typeof tokenId !== 'string' || tokenId === '') return false;
  const result = await collection(db).updateOne({ _id: tokenId, user_id: userId, revoked_at: null }, { $set: { revoked_at: new Date() } });
  return result.modifiedCount === 1;
}

/** Whether the user's token `tokenId` exists and is not revoked (e.g. to honour a revocation in what it asked for). */
export async function isTokenActive(db: Db, userId: string, tokenId: string): Promise<boolean> {
  return (await collection(db).countDocuments({ _id: tokenId, user_id: userId, revoked_at: null }, { limit: 1 })) === 1;
}

/** Who a presented bearer token belongs to, or null when it is malformed, unknown or revoked. */
export async function authenticateToken(db: Db, presented: string): Promise<TokenAuthentication | null> {
  if (typeof presented !== 'string' || !TOKEN_PATTERN.test(presented)) return null;
  const doc = await collection(db).findOne({ token_hash: sha256Hex(presented) });
  if (!doc || doc.revoked_at) return null;
  const now = new Date();
  if (!doc.last_used_at || now.getTime() - doc.last_used_at.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so concurrent requests in the same minute modify the record once.
    const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    await collection(db).updateOne({ _id: doc._id, $or: [{ last_used_at: null }, { last_used_at: { $lte: staleBefore } }] }, { $set: { last_used_at: now } });
  }
  return { userId: doc.user_id, scopes: doc.scopes.filter(isScope), tokenId: doc._id };
}
