// Sign-in, GET /api/me and every way a bearer credential can fail.
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { JWT_AUDIENCE, JWT_ISSUER, issueSessionToken } from '../../src/auth/jwt.ts';
import { operations } from '../../src/generated/operations.ts';
import {
  type Account,
  MISSING_AUTH,
  PASSWORD,
  TIMESTAMP,
  createApiToken,
  expectError,
  expectUnauthorized,
  signupAdmin,
  signupInvited,
  useOutpost,
} from './helpers.ts';

const t = useOutpost();
let admin: Account;
let member: Account;

beforeAll(async () => {
  admin = await signupAdmin(t.outpost, 'Admin@Example.com');
  member = await signupInvited(t.outpost, admin.token, 'member@example.com');
});

/** A session JWT built by hand with the server's key, so one claim at a time can be varied. */
async function handMadeJwt(options: { sub: string; exp: number; key?: Uint8Array; admin?: boolean }): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ email: 'whoever@example.com', admin: options.admin ?? false })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(JWT_ISSUER)
    .setAudience(JWT_AUDIENCE)
    .setSubject(options.sub)
    .setJti(randomBytes(16).toString('base64url'))
    .setIssuedAt(Math.min(now, options.exp - 60))
    .setExpirationTime(options.exp)
    .sign(options.key ?? t.outpost.app.keys.signing);
}

describe('GET /healthz', () => {
  it('answers ok without credentials', async () => {
    const res = await t.outpost.api('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });
});

describe('POST /api/auth/login', () => {
  it('signs in with the email in any case and returns a session for the stored account', async () => {
    const res = await t.outpost.api('/api/auth/login', { body: { email: 'ADMIN@example.COM', password: PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      token_type: 'Bearer',
      expires_at: expect.stringMatching(TIMESTAMP),
      user: { id: admin.user.id, email: 'admin@example.com', admin: true, created_at: expect.stringMatching(TIMESTAMP) },
    });
    // Default SESSION_TTL_SECONDS is one hour.
    const ttl = (Date.parse(res.body.expires_at) - Date.now()) / 1000;
    expect(ttl).toBeGreaterThan(3000);
    expect(ttl).toBeLessThanOrEqual(3600);

    const me = await t.outpost.api('/api/me', { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(admin.user.id);
  });

  it('answers a wrong password and an unknown email with identical 401s', async () => {
    const wrongPassword = await t.outpost.api('/api/auth/login', { body: { email: 'member@example.com', password: 'not the password' } });
    const unknownEmail = await t.outpost.api('/api/auth/login', { body: { email: 'nobody@example.com', password: 'not the password' } });
    expectUnauthorized(wrongPassword, 'Invalid email or password');
    expect(unknownEmail.status).toBe(wrongPassword.status);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
    expect(unknownEmail.headers.get('www-authenticate')).toBe(wrongPassword.headers.get('www-authenticate'));
  });
});

describe('GET /api/me', () => {
  it('with an admin session JWT: kind session, scopes account + pages + admin, no token_id', async () => {
    const res = await t.outpost.api('/api/me', { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: { id: admin.user.id, email: 'admin@example.com', admin: true, created_at: expect.stringMatching(TIMESTAMP) },
      auth: { kind: 'session', scopes: ['account', 'pages:read', 'pages:write', 'admin'] },
      storage: { used_bytes: 0, limit_bytes: 1024 * 1024 * 1024 },
    });
  });

  it('with a member session JWT: no admin scope', async () => {
    const res = await t.outpost.api('/api/me', { token: member.token });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: member.user.id, email: 'member@example.com', admin: false });
    expect(res.body.auth).toEqual({ kind: 'session', scopes: ['account', 'pages:read', 'pages:write'] });
  });

  it('with an API token: kind api_token, its scopes and its token_id', async () => {
    const created = await createApiToken(t.outpost, member.token, { name: 'cli' });
    const res = await t.outpost.api('/api/me', { token: created.token });
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(member.user.id);
    expect(res.body.auth).toEqual({ kind: 'api_token', scopes: ['pages:read', 'pages:write'], token_id: created.id });
  });

  it('with a pages:read-only API token', async () => {
    const created = await createApiToken(t.outpost, member.token, { name: 'reader', scopes: ['pages:read'] });
    const res = await t.outpost.api('/api/me', { token: created.token });
    expect(res.status).toBe(200);
    expect(res.body.auth).toEqual({ kind: 'api_token', scopes: ['pages:read'], token_id: created.id });
  });

  it('accepts the scheme name in any case', async () => {
    const res = await t.outpost.api('/api/me', { headers: { authorization: `bearer ${member.token}` } });
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(member.user.id);
  });
});

describe('missing or malformed Authorization header', () => {
  it('no header: 401, a bare Bearer challenge naming the protected resource metadata', async () => {
    const res = await t.outpost.api('/api/me');
    expectUnauthorized(res, MISSING_AUTH);
    expect(res.headers.get('www-authenticate')).toBe(
      `Bearer realm="outpost", resource_metadata="${t.outpost.app.config.publicUrl}/.well-known/oauth-protected-resource"`,
    );
  });

  it.each([
    ['Basic credentials', `Basic ${Buffer.from('admin@example.com:correct horse battery').toString('base64')}`],
    ['a bare "Bearer"', 'Bearer'],
    ['two credentials', 'Bearer abc def'],
    ['a token without a scheme', 'op_abcdefghijklmnopqrstuvwxyz'],
  ])('%s: 401 invalid_request', async (_label, header) => {
    const res = await t.outpost.api('/api/me', { headers: { authorization: header } });
    expectUnauthorized(res, MISSING_AUTH);
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_request"');
  });

  it('every operation that declares security answers 401 without credentials', async () => {
    const secured = Object.values(operations).filter((op) => op.scopes !== null);
    expect(secured.map((op) => op.operationId).sort()).toEqual([
      'approveAuthorizationRequest',
      'cancelJob',
      'changePassword',
      'createInvitation',
      'createPage',
      'createToken',
      'createUploadLink',
      'createWatch',
      'deleteBrowserSession',
      'deletePage',
      'deleteWatch',
      'denyAuthorizationRequest',
      'exportPage',
      'getAuthorizationRequest',
      'getBrowserSession',
      'getJob',
      'getMe',
      'getPage',
      'getPageFile',
      'getPageStats',
      'getPageVersion',
      'getWatch',
      'listConnectedApps',
      'listInvitations',
      'listJobs',
      'listPageFiles',
      'listPageVersions',
      'listPages',
      'listSignals',
      'listTokens',
      'listWatches',
      'replacePageFiles',
      'revokeConnectedApp',
      'revokeToken',
      'rollbackPage',
      'updatePage',
      'updatePageSettings',
      'updateWatch',
    ]);
    for (const op of secured) {
      const res = await t.outpost.api(op.path.replace(/\{[^}]+\}/g, 'tok_x'), { method: op.method });
      expect(res.status, `${op.method} ${op.path}`).toBe(401);
      expect(res.body.message).toBe(MISSING_AUTH);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    }
  });
});

describe('invalid credentials', () => {
  it.each([
    ['garbage', 'garbage'],
    ['a malformed op_ token', 'op_short'],
    ['a well-formed but unknown op_ token', `op_${randomBytes(32).toString('base64url')}`],
    ['a JWT with alg none', `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"usr_x"}').toString('base64url')}.`],
  ])('%s: 401 invalid_token', async (_label, credential) => {
    const res = await t.outpost.api('/api/me', { token: credential });
    expectUnauthorized(res, 'Invalid token');
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('a revoked API token', async () => {
    const created = await createApiToken(t.outpost, member.token, { name: 'to revoke' });
    expect((await t.outpost.api('/api/me', { token: created.token })).status).toBe(200);
    const revoked = await t.outpost.api(`/api/tokens/${created.id}`, { method: 'DELETE', token: member.token });
    expect(revoked.status).toBe(204);
    expectUnauthorized(await t.outpost.api('/api/me', { token: created.token }), 'Invalid token');
  });

  it('an expired session JWT (otherwise identical to one that works)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const valid = await handMadeJwt({ sub: member.user.id, exp: now + 120 });
    const ok = await t.outpost.api('/api/me', { token: valid });
    expect(ok.status).toBe(200);
    expect(ok.body.user.id).toBe(member.user.id);

    const expired = await handMadeJwt({ sub: member.user.id, exp: now - 60 });
    expectUnauthorized(await t.outpost.api('/api/me', { token: expired }), 'Invalid token');
  });

  it('a session JWT that expired while in use (issueSessionToken, ttl 1 s)', async () => {
    const issued = await issueSessionToken(t.outpost.app.keys.signing, { userId: member.user.id, email: member.user.email, admin: false }, 1);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expectUnauthorized(await t.outpost.api('/api/me', { token: issued.token }), 'Invalid token');
  });

  it('a session JWT signed with another key', async () => {
    const issued = await issueSessionToken(randomBytes(32), { userId: admin.user.id, email: admin.user.email, admin: true });
    expectUnauthorized(await t.outpost.api('/api/me', { token: issued.token }), 'Invalid token');
  });

  it('a validly signed session JWT for a user that does not exist', async () => {
    const issued = await issueSessionToken(t.outpost.app.keys.signing, { userId: 'usr_doesnotexist0000', email: 'ghost@example.com', admin: true });
    expectUnauthorized(await t.outpost.api('/api/me', { token: issued.token }), 'Invalid token');
  });

  it('a session JWT whose admin claim is true for a non-admin user grants no admin scope', async () => {
    const issued = await issueSessionToken(t.outpost.app.keys.signing, { userId: member.user.id, email: member.user.email, admin: true });
    const me = await t.outpost.api('/api/me', { token: issued.token });
    expect(me.status).toBe(200);
    expect(me.body.auth.scopes).toEqual(['account', 'pages:read', 'pages:write']);
    expectError(await t.outpost.api('/api/invitations', { token: issued.token }), 403, 'Forbidden');
  });
});

describe('scopes', () => {
  const accountRoutes = [
    ['GET', '/api/tokens', undefined],
    ['POST', '/api/tokens', { name: 'from a token' }],
    ['DELETE', '/api/tokens/x', undefined],
  ] as const;

  it.each(accountRoutes)('an API token on %s %s: 403, needs account', async (method, path, body) => {
    const created = await createApiToken(t.outpost, admin.token, { name: `token for ${method} ${path}` });
    const res = await t.outpost.api(path, { method, token: created.token, body });
    expectError(
      res,
      403,
      'Forbidden',
      'This operation needs the scope account: API tokens cannot manage accounts, tokens or invitations. Sign in and use a session token.',
    );
  });

  it.each([
    ['GET', undefined],
    ['POST', {}],
  ] as const)("an admin's API token on %s /api/invitations: 403", async (method, body) => {
    const created = await createApiToken(t.outpost, admin.token, { name: `invitations ${method}` });
    const res = await t.outpost.api('/api/invitations', { method, token: created.token, body });
    expectError(
      res,
      403,
      'Forbidden',
      'This operation needs the scopes account, admin: API tokens cannot manage accounts, tokens or invitations. Sign in and use a session token.',
    );
  });

  it('an API token cannot create a token, so nothing is created', async () => {
    const created = await createApiToken(t.outpost, member.token, { name: 'escalation attempt' });
    const before = await t.outpost.api('/api/tokens', { token: member.token });
    const res = await t.outpost.api('/api/tokens', { method: 'POST', token: created.token, body: { name: 'child' } });
    expect(res.status).toBe(403);
    const after = await t.outpost.api('/api/tokens', { token: member.token });
    const ids = (r: typeof before) => r.body.tokens.map((tok: { id: string }) => tok.id);
    expect(ids(after)).toEqual(ids(before));
    expect(ids(after)).toContain(created.id);
  });

  it.each([
    ['GET', undefined],
    ['POST', {}],
  ] as const)('a non-admin session on %s /api/invitations: 403, needs admin', async (method, body) => {
    const res = await t.outpost.api('/api/invitations', { method, token: member.token, body });
    expectError(res, 403, 'Forbidden', 'This operation needs the scope admin: only administrators may do this.');
  });
});
