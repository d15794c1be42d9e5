// The consent screen's side of an authorization: what a pending request asks (for the web app's
// `/authorize/<uid>` page) and the person's answer, which the provider then carries to the client. The person
// is the web app's signed-in user (the interaction operations take only a browser session or a session JWT).
// One grant per person and client: approving again replaces its scopes (the unticked ones are refused).
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import type { Db } from 'mongodb';
import type { components } from '../generated/openapi.d.ts';
import type { TokenScope } from '../accounts/tokens.ts';
import { isThisResource, RESOURCE_SCOPES } from './resource.ts';
import { documentId, oauthDocuments } from './store.ts';

export class InteractionNotFound extends Error {
  constructor() {
    super('This authorization request is unknown or has expired; start again from the app');
  }
}

export const SCOPE_WORDS: Record<string, string> = {
  'pages:read': 'See your pages and their settings, and download their files',
  'pages:write': 'Create, change and delete your pages',
};

/** What the consent screen shows: the contract's AuthorizationRequest. */
export type AuthorizationRequestView = components['schemas']['AuthorizationRequest'];

type ClientLike = { clientId: string; clientName?: string; clientUri?: string; logoUri?: string; redirectUris: string[] };

async function pending(provider: Provider, uid: string) {
  const interaction = await provider.Interaction.find(uid);
  if (!interaction) throw new InteractionNotFound();
  const client = (await provider.Client.find(String(interaction.params.client_id))) as unknown as
    (ClientLike & { clientIdMetadataDocument?: boolean; noManage?: boolean }) | undefined;
  if (!client) throw new InteractionNotFound();
  return { interaction, client };
}

/** The scopes asked for (all of them when the request named none). */
function requestedScopes(params: Record<string, unknown>): TokenScope[] {
  const asked = typeof params.scope === 'string' ? params.scope.split(' ') : [];
  const scopes = (RESOURCE_SCOPES as TokenScope[]).filter((s) => asked.includes(s));
  return scopes.length ? scopes : [...(RESOURCE_SCOPES as TokenScope[])];
}

/** The other spellings of this resource the request named (see isThisResource). */
function requestedResources(params: Record<string, unknown>, issuer: string): string[] {
  const named = Array.isArray(params.resource) ? params.resource : [params.resource];
  return named.filter((r): r is string => typeof r === 'string' && r !== issuer && isThisResource(r, issuer));
}

async function existingGrantId(db: Db, accountId: string, clientId: string): Promise<string | undefined> {
  const doc = await oauthDocuments(db).findOne({ model: 'Grant', account_id: accountId, client_id: clientId }, { sort: { _id: 1 } });
  return doc ? String(doc.payload.jti) : undefined;
}

export async function describeRequest(provider: Provider, db: Db, uid: string, accountId: string): Promise<AuthorizationRequestView> {
  const { interaction, client } = await pending(provider, uid);
  const redirectUri = String(interaction.params.redirect_uri ?? client.redirectUris[0]);
  const grantId = await existingGrantId(db, accountId, client.clientId);
  const grant = grantId ? await provider.Grant.find(grantId) : undefined;
  const granted = grant
    ? grant
        .getResourceScopeFiltered(provider.issuer, [...RESOURCE_SCOPES])
        .split(' ')
        .filter(Boolean)
    : [];
  return {
    uid,
    client: {
      client_id: client.clientId,
      name: client.clientName || client.clientId,
      ...(client.clientUri ? { client_uri: client.clientUri } : {}),
      ...(client.logoUri ? { logo_uri: client.logoUri } : {}),
      redirect_uri: redirectUri,
      redirect_host: URL.parse(redirectUri)?.host ?? redirectUri,
      registration: client.clientIdMetadataDocument ? 'metadata_document' : client.noManage ? 'preregistered' : 'dynamic',
    },
    scopes: requestedScopes(interaction.params).map((scope) => ({ scope, description: SCOPE_WORDS[scope] ?? scope })),
    previously_granted: granted,
  };
}

/** Records the person's approval of `chosen` scopes; returns where the browser goes next. */
export async function approveRequest(provider: Provider, db: Db, uid: string, accountId: string, chosen: string[]): Promise<string> {
  const { interaction, client } = await pending(provider, uid);
  const asked = requestedScopes(interaction.params);
  const granted = asked.filter((s) => chosen.includes(s));
  if (!granted.length) throw new NothingChosen(asked);
  const grantId = await existingGrantId(db, accountId, client.clientId);
  const previous = grantId ? await provider.Grant.find(grantId) : undefined;
  const grant = new provider.Grant({ accountId, clientId: client.clientId });
  if (previous?.jti) grant.jti = previous.jti;
  // The grant is keyed by the indicator the client sent (the provider looks it up by that), and always by the issuer.
  const indicators = [provider.issuer, ...requestedResources(interaction.params, provider.issuer)];
  for (const indicator of indicators) grant.addResourceScope(indicator, granted.join(' '));
  const refused = asked.filter((s) => !granted.includes(s));
  // The provider also lists the resource's scopes as its own (provider.ts): the grant answers for both.
  const askedOidc =
    typeof interaction.params.scope === 'string' ? interaction.params.scope.split(' ').filter((s) => s === 'openid' || s === 'offline_access') : [];
  grant.addOIDCScope([...askedOidc, ...granted].join(' '));
  if (refused.length) {
    for (const indicator of indicators) grant.rejectResourceScope(indicator, refused.join(' '));
    grant.rejectOIDCScope(refused.join(' '));
  }
  const savedId = await grant.save();
  await oauthDocuments(db).updateOne({ _id: documentId('Grant', savedId) }, { $set: { client_name: client.clientName || client.clientId } });
  return finish(provider, interaction, { login: { accountId }, consent: { grantId: savedId } });
}

export async function denyRequest(provider: Provider, uid: string): Promise<string> {
  const { interaction } = await pending(provider, uid);
  return finish(provider, interaction, { error: 'access_denied', error_description: 'The person declined to authorise this app' });
}

type Interaction = InstanceType<Provider['Interaction']>;

async function finish(provider: Provider, interaction: Interaction, result: InteractionResults): Promise<string> {
  interaction.result = result;
  await interaction.save(Math.max(1, interaction.exp - Math.floor(Date.now() / 1000)));
  // Only the path is the provider's: the origin is always the issuer's (PUBLIC_URL), whatever the request said.
  const back = new URL(interaction.returnTo);
  return new URL(back.pathname + back.search, new URL(provider.issuer).origin).href;
}

export class NothingChosen extends Error {
  constructor(asked: string[]) {
    super(`Choose at least one of the scopes asked for (${asked.join(', ')}), or deny the request`);
  }
}
