// The authorization server of one Outpost process: its oidc-provider (made on first use, once PUBLIC_URL is
// known; oidc-provider and koa are loaded then too, not at start), OAuth access tokens as callers, and the limit
// on dynamic registrations.
import type Provider from 'oidc-provider';
import type { Db, MongoClient } from 'mongodb';
import { RateLimiterMongo, RateLimiterRes } from 'rate-limiter-flexible';
import { getUser } from '../accounts/users.ts';
import type { Caller } from '../auth/caller.ts';
import type { CredentialCache } from '../auth/credential-cache.ts';
import type { Config } from '../config/config.ts';
import type { LookupHook } from '../capture/net/host-lookup.ts';
import { ConsentBinding } from './consent-binding.ts';
import { metadataDocumentFetcher } from './metadata-fetch.ts';
import { RESOURCE_SCOPES } from './resource.ts';
import { documentId, oauthDocuments } from './store.ts';

export interface OAuthServerOptions {
  db: Db;
  storeClient: MongoClient;
  signingKey: Uint8Array;
  config: Config;
  /** Told when a grant is revoked (a reused code or refresh token), so this process stops honouring its tokens at once. */
  credentials: CredentialCache;
  /** Read on first use: without PUBLIC_URL it names the port bound only once the server listens. */
  publicUrl: () => string;
  /** Resolves host names for Client ID Metadata Document fetches instead of DNS (tests). */
  lookup?: LookupHook;
}

export class OAuthServer {
  private readonly options: OAuthServerOptions;
  private made: Promise<Provider> | undefined;
  private readonly metadata: ReturnType<typeof metadataDocumentFetcher>;
  private readonly registrations: RateLimiterMongo;
  /** Which browser may answer a pending request (the one that started it). */
  readonly consent: ConsentBinding;

  constructor(options: OAuthServerOptions) {
    this.options = options;
    this.consent = new ConsentBinding(options.signingKey);
    const { config } = options;
    this.metadata = metadataDocumentFetcher(config.capture, { ca: config.oauth.clientMetadataCa, lookup: options.lookup });
    this.registrations = new RateLimiterMongo({
      storeClient: options.storeClient,
      dbName: options.db.databaseName,
      tableName: 'rate_limits',
      keyPrefix: 'oauth_registration',
      points: config.oauth.registrationsPerHour,
      duration: 3600,
    });
  }

  /** The provider, made on the first call (a failure to load or make it is thrown to each caller until one succeeds). */
  provider(): Promise<Provider> {
    this.made ??= this.makeProvider().catch((err: unknown) => {
      this.made = undefined;
      throw err;
    });
    return this.made;
  }

  private async makeProvider(): Promise<Provider> {
    const { createProvider } = await import('./provider.ts');
    const { db, signingKey, config, publicUrl, credentials } = this.options;
    const provider = createProvider({ publicUrl: publicUrl(), db, signingKey, oauth: config.oauth, fetch: this.metadata.fetch });
    provider.on('grant.revoked', (_ctx: unknown, grantId: string) => credentials.forgetCredential(`grant:${grantId}`));
    return provider;
  }

  /** Loads the provider's modules ahead of the first OAuth request (after the server listens). */
  async warm(): Promise<void> {
    await import('./provider.ts');
  }

  /** Counts a registration from `client` (an address); the seconds to wait when over the limit. */
  async registrationRefused(client: string): Promise<number | null> {
    try {
      await this.registrations.consume(client);
      return null;
    } catch (err) {
      if (err instanceof RateLimiterRes) return Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw err;
    }
  }

  /**
   * The caller an OAuth access token stands for, or null: unknown, expired, revoked, or issued for another
   * resource. Its credential id is the grant's, stable across refreshes.
   */
  async resolveAccessToken(value: string): Promise<Caller | null> {
    const provider = await this.provider();
    const token = await provider.AccessToken.find(value);
    // The one resource is the issuer.
    if (!token || !token.accountId || !token.grantId || token.aud !== provider.issuer) return null;
    const user = await getUser(this.options.db, token.accountId);
    if (!user) return null;
    const scopes = (token.scope ?? '').split(' ').filter((s) => RESOURCE_SCOPES.includes(s));
    await oauthDocuments(this.options.db).updateOne({ _id: documentId('Grant', token.grantId) }, { $set: { last_used_at: new Date() } });
    return { user, kind: 'oauth', scopes, credentialId: `grant:${token.grantId}` };
  }

  async close(): Promise<void> {
    await this.metadata.fetcher.close();
  }
}
