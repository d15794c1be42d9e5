// Request validation: 400 {statusCode, error, message, validation: {source, keys}} from the
// schemas generated out of openapi.yaml.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Account, PASSWORD, expectError, expectUnauthorized, expectValidation, MISSING_AUTH, signupAdmin, useOutpost } from './helpers.ts';

const t = useOutpost();
let admin: Account;

beforeAll(async () => {
  admin = await signupAdmin(t.outpost);
});

const signup = (body: unknown, headers?: Record<string, string>) => t.outpost.api('/api/auth/signup', { method: 'POST', body, headers });

describe('POST /api/auth/signup body', () => {
  it('a wrong type', async () => {
    expectValidation(await signup({ email: 5, password: PASSWORD }), 'payload', ['email'], '"email" must be string');
  });

  it('a wrong type and a short password together name both fields', async () => {
    const res = await signup({ email: 5, password: 'x' });
    expectValidation(res, 'payload', ['email', 'password']);
    expect(res.body.message).toContain('"email" must be string');
    expect(res.body.message).toContain('"password" must not have fewer than 8 characters');
  });

  it('an extra field (even one that looks like a privilege)', async () => {
    expectValidation(await signup({ email: 'x@example.com', password: PASSWORD, admin: true }), 'payload', ['admin'], '"admin" is not allowed');
  });

  it('a missing field', async () => {
    expectValidation(await signup({ email: 'x@example.com' }), 'payload', ['password'], '"password" is required');
  });

  it('all fields missing', async () => {
    expectValidation(await signup({}), 'payload', ['email', 'password'], /"email", "password"/);
  });

  it.each(['not-an-email', 'a@', '@example.com', 'two words@example.com'])('a malformed email %j', async (email) => {
    expectValidation(await signup({ email, password: PASSWORD }), 'payload', ['email'], '"email" must match format "email"');
  });

  it('an email longer than 254 characters', async () => {
    const email = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`;
    expect(email.length).toBeGreaterThan(254);
    expectValidation(await signup({ email, password: PASSWORD }), 'payload', ['email']);
  });

  it('a short password', async () => {
    expectValidation(await signup({ email: 'x@example.com', password: 'short' }), 'payload', ['password'], '"password" must not have fewer than 8 characters');
  });

  it('password length counts characters, not UTF-16 units', async () => {
    // Four emoji are eight UTF-16 units but four characters.
    expectValidation(
      await signup({ email: 'x@example.com', password: '😀😀😀😀' }),
      'payload',
      ['password'],
      '"password" must not have fewer than 8 characters',
    );
  });

  it('a password over 256 characters', async () => {
    expectValidation(
      await signup({ email: 'x@example.com', password: 'p'.repeat(257) }),
      'payload',
      ['password'],
      '"password" must not have more than 256 characters',
    );
  });

  it('an empty invitation code', async () => {
    expectValidation(await signup({ email: 'x@example.com', password: PASSWORD, invitation_code: '' }), 'payload', ['invitation_code']);
  });

  it('no body', async () => {
    expectValidation(await t.outpost.api('/api/auth/signup', { method: 'POST' }), 'payload', [], 'The request body is required');
  });

  it.each([
    ['an array', '[]'],
    ['a string', '"x"'],
  ])('%s instead of an object', async (_label, raw) => {
    expectValidation(await signup(raw), 'payload', [], 'The value must be object');
  });

  it('invalid JSON', async () => {
    expectError(await signup('{"email": "x@example.com", '), 400, 'Bad Request', 'Invalid request payload JSON format');
  });

  it('JSON with a charset parameter is accepted', async () => {
    const res = await signup(JSON.stringify({ email: 'x@example.com', password: 'short' }), { 'content-type': 'application/json; charset=utf-8' });
    expectValidation(res, 'payload', ['password']);
  });

  // openapi.yaml declares 415 for a body that is not JSON, with a message naming the right type.
  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])('content type %s: 415', async (type) => {
    const res = await signup('email=x%40example.com&password=correct+horse', { 'content-type': type });
    expectError(res, 415, 'Unsupported Media Type', /application\/json/);
  });

  it('nothing is created by a rejected request', async () => {
    expect((await signup({ email: 'ghost@example.com', password: PASSWORD, admin: true })).status).toBe(400);
    const login = await t.outpost.api('/api/auth/login', { body: { email: 'ghost@example.com', password: PASSWORD } });
    expect(login.status).toBe(401);
  });
});

describe('POST /api/auth/login body', () => {
  it('an empty password', async () => {
    expectValidation(
      await t.outpost.api('/api/auth/login', { body: { email: 'admin@example.com', password: '' } }),
      'payload',
      ['password'],
      '"password" must not have fewer than 1 characters',
    );
  });

  it('an extra field', async () => {
    expectValidation(
      await t.outpost.api('/api/auth/login', { body: { email: 'admin@example.com', password: PASSWORD, remember: true } }),
      'payload',
      ['remember'],
      '"remember" is not allowed',
    );
  });

  it('a malformed email', async () => {
    expectValidation(await t.outpost.api('/api/auth/login', { body: { email: 'admin', password: PASSWORD } }), 'payload', ['email']);
  });
});

describe('GET /api/me query', () => {
  it('an unknown query parameter', async () => {
    expectValidation(await t.outpost.api('/api/me?verbose=1', { token: admin.token }), 'query', ['verbose'], 'This operation takes no query parameters');
  });

  it('several unknown query parameters are all named', async () => {
    expectValidation(await t.outpost.api('/api/me?a=1&b=2', { token: admin.token }), 'query', ['a', 'b']);
  });

  it('authentication comes before validation', async () => {
    expectUnauthorized(await t.outpost.api('/api/me?verbose=1'), MISSING_AUTH);
  });
});

describe('POST /api/tokens body', () => {
  const create = (body: unknown) => t.outpost.api('/api/tokens', { method: 'POST', token: admin.token, body });

  it('a scope outside the enum', async () => {
    expectValidation(await create({ name: 'x', scopes: ['admin'] }), 'payload', ['scopes.0'], '"scopes.0" must be equal to one of the allowed values');
  });

  it('the account scope cannot be given to a token', async () => {
    expectValidation(await create({ name: 'x', scopes: ['pages:read', 'account'] }), 'payload', ['scopes.1']);
  });

  it.each([
    ['no scopes', { name: 'x', scopes: [] }, ['scopes'], '"scopes" must not have fewer than 1 items'],
    ['duplicate scopes', { name: 'x', scopes: ['pages:read', 'pages:read'] }, ['scopes'], '"scopes" must not have duplicate items'],
    ['scopes as a string', { name: 'x', scopes: 'pages:read' }, ['scopes'], '"scopes" must be array'],
    ['no name', { scopes: ['pages:read'] }, ['name'], '"name" is required'],
    ['an empty name', { name: '' }, ['name'], '"name" must not have fewer than 1 characters'],
    ['a blank name', { name: '   ' }, ['name'], 'name must be 1 to 100 characters'],
    ['a name over 100 characters', { name: 'n'.repeat(101) }, ['name'], '"name" must not have more than 100 characters'],
    ['an extra field', { name: 'x', expires_at: '2030-01-01T00:00:00Z' }, ['expires_at'], '"expires_at" is not allowed'],
  ])('%s', async (_label, body, keys, message) => {
    expectValidation(await create(body), 'payload', keys, message);
  });

  it('no body', async () => {
    expectValidation(await t.outpost.api('/api/tokens', { method: 'POST', token: admin.token }), 'payload', [], 'The request body is required');
  });

  it('no token is created by a rejected request', async () => {
    const before = (await t.outpost.api('/api/tokens', { token: admin.token })).body.tokens.length;
    expect((await create({ name: 'x', scopes: ['admin'] })).status).toBe(400);
    expect((await t.outpost.api('/api/tokens', { token: admin.token })).body.tokens).toHaveLength(before);
  });
});

describe('POST /api/invitations body', () => {
  const create = (body: unknown) => t.outpost.api('/api/invitations', { method: 'POST', token: admin.token, body });

  it.each([
    [0, '"expires_in_days" must be >= 1'],
    [91, '"expires_in_days" must be <= 90'],
    [1.5, '"expires_in_days" must be integer'],
    ['7', '"expires_in_days" must be integer'],
  ])('expires_in_days %j', async (days, message) => {
    expectValidation(await create({ expires_in_days: days }), 'payload', ['expires_in_days'], message);
  });

  it('a note over 200 characters', async () => {
    expectValidation(await create({ note: 'n'.repeat(201) }), 'payload', ['note'], '"note" must not have more than 200 characters');
  });

  it('an extra field', async () => {
    expectValidation(await create({ admin: true }), 'payload', ['admin'], '"admin" is not allowed');
  });
});

describe('DELETE /api/tokens/{token_id} path', () => {
  it('an id over 64 characters', async () => {
    expectValidation(
      await t.outpost.api(`/api/tokens/${'t'.repeat(65)}`, { method: 'DELETE', token: admin.token }),
      'params',
      ['token_id'],
      '"token_id" must not have more than 64 characters',
    );
  });

  it('an id of exactly 64 characters is valid (and unknown)', async () => {
    expectError(await t.outpost.api(`/api/tokens/${'t'.repeat(64)}`, { method: 'DELETE', token: admin.token }), 404, 'Not Found');
  });
});

describe('GET /api/tokens and GET /healthz query', () => {
  it('an unknown query parameter on GET /api/tokens', async () => {
    expectValidation(await t.outpost.api('/api/tokens?limit=5', { token: admin.token }), 'query', ['limit'], 'This operation takes no query parameters');
  });

  it('an unknown query parameter on GET /healthz', async () => {
    expectValidation(await t.outpost.api('/healthz?verbose=1'), 'query', ['verbose'], 'This operation takes no query parameters');
  });
});

describe('GET /api/pages and GET /api/jobs cursor', () => {
  it.each(['/api/pages', '/api/jobs'])('a cursor this server did not hand out on %s is a query error naming cursor', async (path) => {
    for (const cursor of ['garbage', Buffer.from('["not a time","x"]').toString('base64url')]) {
      expectValidation(
        await t.outpost.api(`${path}?cursor=${cursor}`, { token: admin.token }),
        'query',
        ['cursor'],
        /^cursor is not one this server returned: pass next_cursor/,
      );
    }
  });
});

describe('a method the path does not take', () => {
  it.each([
    ['PUT', '/api/pages', 'GET, HEAD, POST'],
    ['DELETE', '/api/me', 'GET, HEAD'],
    ['POST', '/p/Ab12Cd34/index.html', 'GET, HEAD'],
  ])('%s %s answers 405 with Allow: %s', async (method, path, allow) => {
    const res = await t.outpost.api(path, { method, token: admin.token });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe(allow);
    expect(res.body).toMatchObject({ statusCode: 405, error: 'Method Not Allowed' });
    expect(res.body.message).toContain(allow);
  });

  it('a path no route knows stays a 404', async () => {
    const res = await t.outpost.api('/api/nothing-here', { method: 'PUT', token: admin.token });
    expect(res.status).toBe(404);
    expect(res.headers.get('allow')).toBeNull();
  });
});

describe('a body that is not a JSON object', () => {
  it.each([
    ['POST', '/api/invitations'],
    ['POST', '/api/pages'],
    ['POST', '/api/tokens'],
  ])('%s %s with the body null is a 400 and creates nothing', async (method, path) => {
    const before = await t.outpost.api(path, { token: admin.token });
    const res = await t.outpost.api(path, { method, token: admin.token, body: null, headers: { 'content-type': 'application/json' } });
    expectValidation(res, 'payload', [], 'The request body must be a JSON object, not null');
    const after = await t.outpost.api(path, { token: admin.token });
    expect(after.body).toEqual(before.body);
  });

  it.each([['[]'], ['5'], ['"text"']])('POST /api/invitations with the body %s is a 400', async (raw) => {
    const res = await fetch(`${t.outpost.url}/api/invitations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: raw,
    });
    expect(res.status).toBe(400);
  });

  it('an optional body left out still takes its defaults', async () => {
    const res = await fetch(`${t.outpost.url}/api/invitations`, { method: 'POST', headers: { authorization: `Bearer ${admin.token}` } });
    expect(res.status).toBe(201);
  });
});
