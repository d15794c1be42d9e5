// Discovery: the protected resource's metadata (RFC 9728) at each path a client may connect to, the
// authorization server's metadata (RFC 8414), and 401 challenges that point to them. Every URL is built from
// PUBLIC_URL (here with a base path, as behind a proxy), never from the request's Host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOutpost, type TestOutpost } from '../support/outpost.ts';

const PUBLIC_URL = 'https://outpost.example.com/team';
let outpost: TestOutpost;

beforeAll(async () => {
  outpost = await startTestOutpost({ PUBLIC_URL });
});

afterAll(async () => {
  await outpost?.stop();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, outpost.url), { headers: { host: 'evil.example.net', ...headers } });

describe('protected resource metadata', () => {
  it.each(['', '/mcp', '/sse', '/api'])('is served at /.well-known/oauth-protected-resource%s', async (suffix) => {
    const res = await get(`/.well-known/oauth-protected-resource${suffix}`, { origin: 'https://claude.ai' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://claude.ai');
    const body = await res.json();
    expect(body).toMatchObject({
      resource: PUBLIC_URL,
      authorization_servers: [PUBLIC_URL],
      scopes_supported: ['pages:read', 'pages:write'],
      bearer_methods_supported: ['header'],
    });
    expect(body.scopes_supported).not.toContain('offline_access');
  });
});

describe('authorization server metadata', () => {
  it.each(['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration', '/.well-known/oauth-authorization-server/team'])(
    '%s describes an OAuth 2.1 server for MCP clients',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body).toMatchObject({
        issuer: PUBLIC_URL,
        authorization_endpoint: `${PUBLIC_URL}/oauth/authorize`,
        token_endpoint: `${PUBLIC_URL}/oauth/token`,
        registration_endpoint: `${PUBLIC_URL}/oauth/register`,
        revocation_endpoint: `${PUBLIC_URL}/oauth/revoke`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        client_id_metadata_document_supported: true,
        authorization_response_iss_parameter_supported: true,
      });
      expect(body.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token']));
      expect(body.grant_types_supported).not.toContain('implicit');
      expect(body.grant_types_supported).not.toContain('password');
      expect(body.token_endpoint_auth_methods_supported).toContain('none');
      expect(body.scopes_supported).toContain('offline_access');
    },
  );
});

describe('401 challenges', () => {
  const challenge = `resource_metadata="${PUBLIC_URL}/.well-known/oauth-protected-resource"`;

  it('on /mcp, /sse and the API name the resource metadata', async () => {
    const mcp = await fetch(new URL('/mcp', outpost.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    });
    expect(mcp.status).toBe(401);
    expect(mcp.headers.get('www-authenticate')).toContain(challenge);
    const sse = await fetch(new URL('/sse', outpost.url), { headers: { accept: 'text/event-stream' } });
    expect(sse.status).toBe(401);
    expect(sse.headers.get('www-authenticate')).toContain(challenge);
    const api = await fetch(new URL('/api/pages', outpost.url), { headers: { authorization: 'Bearer nope' } });
    expect(api.status).toBe(401);
    expect(api.headers.get('www-authenticate')).toMatch(new RegExp(`^Bearer realm="outpost", error="invalid_token".*${challenge.replace(/[./]/g, '\\$&')}`));
  });
});
