// Which server a command talks to and with which credential: --server, else OUTPOST_URL, else the last
// server signed in to; OUTPOST_TOKEN (for scripts and CI) wins over the stored sign-in.
import { createClient, type OutpostClient } from '@outpost/sdk';
import { credentialFor, currentServer, saveCredential, serverKey, type Credential } from './credentials.ts';
import { refreshTokens } from './oauth.ts';
import { CliError } from './output.ts';

/** Refresh an OAuth access token this long before it expires. */
const REFRESH_MARGIN_MS = 60_000;

export function chosenServer(flag: string | undefined): string | undefined {
  const named = flag ?? process.env.OUTPOST_URL ?? currentServer();
  return named ? serverKey(named) : undefined;
}

export function credentialFromTokens(tokens: { access_token: string; refresh_token?: string; expires_in?: number }, email?: string): Credential {
  return {
    token: tokens.access_token,
    kind: 'oauth',
    refresh_token: tokens.refresh_token,
    expires_at: tokens.expires_in ? Date.now() + tokens.expires_in * 1000 : undefined,
    email,
  };
}

async function freshCredential(server: string, credential: Credential): Promise<Credential> {
  if (credential.kind !== 'oauth' || !credential.refresh_token || !credential.expires_at) return credential;
  if (credential.expires_at - Date.now() > REFRESH_MARGIN_MS) return credential;
  let tokens;
  try {
    tokens = await refreshTokens(server, credential.refresh_token);
  } catch (error) {
    throw new CliError(`Your sign-in to ${server} has ended (${(error as Error).message}): run \`outpost login ${server}\``, { cause: error });
  }
  const refreshed = credentialFromTokens(tokens, credential.email);
  saveCredential(server, refreshed);
  return refreshed;
}

export interface Session {
  server: string;
  client: OutpostClient;
}

export async function signedIn(serverFlag: string | undefined): Promise<Session> {
  const server = chosenServer(serverFlag);
  if (!server) throw new CliError('Not signed in: run `outpost login <URL>` (or set OUTPOST_URL and OUTPOST_TOKEN)');
  const envToken = process.env.OUTPOST_TOKEN;
  if (envToken) return { server, client: createClient({ baseUrl: server, token: envToken }) };
  const stored = credentialFor(server);
  if (!stored) throw new CliError(`Not signed in to ${server}: run \`outpost login ${server}\``);
  const credential = await freshCredential(server, stored);
  return { server, client: createClient({ baseUrl: server, token: credential.token }) };
}
