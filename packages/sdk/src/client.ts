// The typed client: paths, parameters, bodies and responses come from openapi.yaml (openapi-typescript).
import createFetchClient, { type Client } from 'openapi-fetch';
import type { paths } from './generated/openapi.ts';

export interface OutpostClientOptions {
  /** The server's public URL, e.g. https://outpost.example.com */
  baseUrl: string;
  /** A session JWT, an OAuth access token or an `op_…` API token, sent on every request. */
  token?: string;
  /** A fetch implementation (defaults to the global one). */
  fetch?: typeof globalThis.fetch;
  /** Whether the browser sends cookies: the web app uses 'same-origin' for its session cookie. */
  credentials?: RequestCredentials;
}

export type OutpostClient = Client<paths>;

export function createClient({ baseUrl, token, fetch, credentials }: OutpostClientOptions): OutpostClient {
  return createFetchClient<paths>({
    credentials,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    headers: token ? { Authorization: `Bearer ${token}` } : undefined,
    fetch,
  });
}
