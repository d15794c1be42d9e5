// Where the authorization server (oidc-provider) keeps its state: one MongoDB collection `oauth`, a document
// per model instance (`model`: AccessToken, RefreshToken, AuthorizationCode, Grant, Client, Interaction,
// Session, ...), removed by a TTL index when it expires.
//
// Threat model: a copy of the database must not yield a usable credential. Ids of codes, tokens and sessions
// (the bearer values themselves) are stored only as SHA-256 (`_id` = model + hash; `jti` left out of the
// payload), client secrets only as SHA-256 (compared by hashing, see provider.ts). Grant, Client and
// Interaction ids are not secrets and stay readable (connected apps list grants by account).
import { createHash } from 'node:crypto';
import type { Collection, Db } from 'mongodb';

export const OAUTH_COLLECTION = 'oauth';

/** Marks a stored client secret as a hash. */
export const SECRET_HASH_PREFIX = 'sha256:';

export interface OAuthDocument {
  _id: string;
  model: string;
  payload: Record<string, unknown>;
  expires_at?: Date;
  grant_id?: string;
  uid?: string;
  account_id?: string;
  client_id?: string;
  /** Grant only: when a token issued under it last authenticated a request. */
  last_used_at?: Date;
  /** Grant only: the client's name when the person approved it (what connected apps show). */
  client_name?: string;
}

/** Models whose id is a bearer secret. */
const SECRET_IDS = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'ClientCredentials',
  'InitialAccessToken',
  'RegistrationAccessToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PushedAuthorizationRequest',
  'PreAuthorizedCode',
  'Session',
  'ReplayDetection',
]);

export const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('base64url');

export const oauthDocuments = (db: Db): Collection<OAuthDocument> => db.collection<OAuthDocument>(OAUTH_COLLECTION);

export function documentId(model: string, id: string): string {
  return `${model}:${SECRET_IDS.has(model) ? sha256(id) : id}`;
}

export async function ensureOAuthIndexes(db: Db): Promise<void> {
  const docs = oauthDocuments(db);
  await Promise.all([
    docs.createIndex({ expires_at: 1 }, { name: 'expires', expireAfterSeconds: 0 }),
    docs.createIndex({ grant_id: 1 }, { name: 'grant', sparse: true }),
    docs.createIndex({ uid: 1 }, { name: 'uid', sparse: true }),
    docs.createIndex({ model: 1, account_id: 1 }, { name: 'account' }),
  ]);
}

export interface StoreOptions {
  /** A dynamically registered client that never got a token expires after this many seconds. */
  unusedClientTtlSeconds: number;
}

/** The oidc-provider Adapter for one model. */
export class MongoAdapter {
  private readonly docs: Collection<OAuthDocument>;
  private readonly model: string;
  private readonly options: StoreOptions;

  constructor(db: Db, model: string, options: StoreOptions) {
    this.docs = oauthDocuments(db);
    this.model = model;
    this.options = options;
  }

  async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number): Promise<void> {
    const stored = { ...payload };
    if (SECRET_IDS.has(this.model)) delete stored.jti;
    if (this.model === 'Client' && typeof stored.client_secret === 'string' && !stored.client_secret.startsWith(SECRET_HASH_PREFIX)) {
      stored.client_secret = SECRET_HASH_PREFIX + sha256(stored.client_secret);
    }
    const ttl = expiresIn ?? (this.model === 'Client' ? this.options.unusedClientTtlSeconds : undefined);
    const fields: Partial<OAuthDocument> = { model: this.model, payload: stored };
    if (ttl) fields.expires_at = new Date(Date.now() + ttl * 1000);
    for (const [field, key] of [
      ['grant_id', 'grantId'],
      ['uid', 'uid'],
      ['account_id', 'accountId'],
      ['client_id', 'clientId'],
    ] as const) {
      if (typeof payload[key] === 'string') fields[field] = payload[key];
    }
    await this.docs.updateOne({ _id: documentId(this.model, id) }, { $set: fields }, { upsert: true });
    // A client that got a token is in use: it no longer expires unused.
    if (this.model === 'AccessToken' && typeof payload.clientId === 'string') {
      await this.docs.updateOne({ _id: documentId('Client', payload.clientId) }, { $unset: { expires_at: '' } });
    }
  }

  async find(id: string): Promise<Record<string, unknown> | undefined> {
    const doc = await this.docs.findOne({ _id: documentId(this.model, id) });
    return doc ? this.live(doc, id) : undefined;
  }

  async findByUid(uid: string): Promise<Record<string, unknown> | undefined> {
    const doc = await this.docs.findOne({ model: this.model, uid });
    return doc ? this.live(doc, typeof doc.payload.jti === 'string' ? doc.payload.jti : undefined) : undefined;
  }

  async findByUserCode(): Promise<undefined> {
    return undefined;
  }

  async consume(id: string): Promise<void> {
    await this.docs.updateOne({ _id: documentId(this.model, id) }, { $set: { 'payload.consumed': Math.floor(Date.now() / 1000) } });
  }

  async destroy(id: string): Promise<void> {
    await this.docs.deleteOne({ _id: documentId(this.model, id) });
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.docs.deleteMany({ model: this.model, grant_id: grantId });
  }

  /** The payload, unless expired (the TTL index removes documents only periodically). */
  private live(doc: OAuthDocument, id: string | undefined): Record<string, unknown> | undefined {
    if (doc.expires_at && doc.expires_at.getTime() <= Date.now()) return undefined;
    return id !== undefined && SECRET_IDS.has(this.model) ? { ...doc.payload, jti: id } : doc.payload;
  }
}
