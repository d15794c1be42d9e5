// The apps a person authorised: one grant per client, with its scopes and first and last use; revoking one
// deletes the grant and every code and token issued under it.
import type Provider from 'oidc-provider';
import type { Db } from 'mongodb';
import { RESOURCE_SCOPES } from './resource.ts';
import { documentId, oauthDocuments } from './store.ts';

export interface ConnectedApp {
  id: string;
  client_id: string;
  name: string;
  scopes: string[];
  first_used_at: string;
  last_used_at: string | null;
}

export async function listConnectedApps(provider: Provider, db: Db, accountId: string): Promise<ConnectedApp[]> {
  const grants = await oauthDocuments(db).find({ model: 'Grant', account_id: accountId }).toArray();
  const now = Date.now();
  const apps = grants
    .filter((doc) => !doc.expires_at || doc.expires_at.getTime() > now)
    .map((doc) => {
      const resources = (doc.payload.resources ?? {}) as Record<string, string>;
      const scopes = (resources[provider.issuer] ?? '').split(' ').filter((s) => RESOURCE_SCOPES.includes(s));
      return {
        id: String(doc.payload.jti),
        client_id: String(doc.client_id),
        name: doc.client_name ?? String(doc.client_id),
        scopes,
        first_used_at: new Date(Number(doc.payload.iat) * 1000).toISOString(),
        last_used_at: doc.last_used_at ? doc.last_used_at.toISOString() : null,
      };
    });
  return apps.sort((a, b) => (b.last_used_at ?? b.first_used_at).localeCompare(a.last_used_at ?? a.first_used_at));
}

/** Whether the account's grant `grantId` existed; its tokens and codes are gone either way. */
export async function revokeConnectedApp(provider: Provider, db: Db, accountId: string, grantId: string): Promise<boolean> {
  const doc = await oauthDocuments(db).findOne({ _id: documentId('Grant', grantId), model: 'Grant', account_id: accountId });
  if (!doc) return false;
  await Promise.all([provider.AccessToken, provider.RefreshToken, provider.AuthorizationCode].map((model) => model.revokeByGrantId(grantId)));
  await oauthDocuments(db).deleteOne({ _id: doc._id });
  return true;
}
