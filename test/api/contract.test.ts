// The published contract (/openapi.json, /openapi.yaml, /docs) and whether what the server answers
// is what openapi.yaml declares.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { operations, type OperationId } from '../../src/generated/operations.ts';
import { type Account, createApiToken, declaredStatuses, signupAdmin, signupInvited, useOutpost } from './helpers.ts';

const PUBLIC_URL = 'https://pages.example.test';
const SPEC_TEXT = fs.readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8');
const SPEC = parse(SPEC_TEXT) as Record<string, any>;

const t = useOutpost({ PUBLIC_URL: `${PUBLIC_URL}/` });

describe('GET /openapi.json', () => {
  it('is the spec as JSON, naming this instance as its server', async () => {
    const res = await t.outpost.api('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(typeof res.body).toBe('object');
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.servers).toEqual([{ url: PUBLIC_URL }]);
    const { servers: _published, ...rest } = res.body;
    const { servers: _source, ...expected } = SPEC;
    expect(rest).toEqual(expected);
  });

  it('documents every operation of the generated table at its route', async () => {
    const { body } = await t.outpost.api('/openapi.json');
    const published = Object.entries(body.paths as Record<string, Record<string, { operationId: string }>>)
      .flatMap(([path, item]) =>
        Object.entries(item)
          .filter(([method]) => ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'].includes(method))
          .map(([method, op]) => `${op.operationId} ${method.toUpperCase()} ${path}`),
      )
      .sort();
    const generated = Object.values(operations)
      .map((op) => `${op.operationId} ${op.method} ${op.path}`)
      .sort();
    expect(published).toEqual(generated);
  });
});

describe('GET /openapi.yaml', () => {
  it('is openapi.yaml, naming this instance as its server', async () => {
    const res = await t.outpost.api('/openapi.yaml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/yaml/);
    const published = parse(res.body);
    expect(published).toEqual({ ...SPEC, servers: [{ url: t.outpost.app.config.publicUrl }] });
  });
});

describe('GET /docs', () => {
  it('is an HTML page that loads the bundled Scalar and points it at /openapi.json', async () => {
    const res = await t.outpost.api('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.body).toMatch(/^<!doctype html>/i);
    expect(res.body).toContain('<script src="/docs/scalar.js"></script>');
    expect(res.body).toContain('data-url="/openapi.json"');
    // Served locally, no CDN.
    expect(res.body).not.toMatch(/https?:\/\//);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it("turns off Scalar's hosted-service features and preselects Bearer authentication", async () => {
    const { body } = await t.outpost.api('/docs');
    const configuration = JSON.parse(/data-configuration='([^']*)'/.exec(body)![1]);
    expect(configuration).toMatchObject({
      agent: { disabled: true },
      mcp: { disabled: true },
      showDeveloperTools: 'never',
      telemetry: false,
      authentication: { preferredSecurityScheme: 'bearer' },
    });
    expect(SPEC.components.securitySchemes[configuration.authentication.preferredSecurityScheme]).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('GET /docs/scalar.js is the JavaScript bundle', async () => {
    const res = await t.outpost.api('/docs/scalar.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(typeof res.body).toBe('string');
    expect(res.body.length).toBeGreaterThan(100_000);
    // Parses as JavaScript (not executed).
    expect(() => new Function(res.body)).not.toThrow();
  });
});

describe('declared statuses', () => {
  let admin: Account;
  let apiToken: string;

  beforeAll(async () => {
    admin = await signupAdmin(t.outpost);
    apiToken = (await createApiToken(t.outpost, admin.token, { name: 'contract' })).token;
    await signupInvited(t.outpost, admin.token, 'member@example.com');
  });

  type Case = [OperationId, string, () => Promise<{ status: number }>];
  const cases: Case[] = [
    ['getHealth', 'ok', () => t.outpost.api('/healthz')],
    ['getHealth', 'an unknown query parameter', () => t.outpost.api('/healthz?x=1')],
    ['signup', 'a taken email', () => t.outpost.api('/api/auth/signup', { body: { email: 'admin@example.com', password: 'long enough pw' } })],
    [
      'signup',
      'a form-encoded body',
      () => t.outpost.api('/api/auth/signup', { body: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    ],
    ['login', 'a wrong password', () => t.outpost.api('/api/auth/login', { body: { email: 'admin@example.com', password: 'wrong' } })],
    ['login', 'invalid JSON', () => t.outpost.api('/api/auth/login', { body: '{' })],
    ['getMe', 'no credentials', () => t.outpost.api('/api/me')],
    ['getMe', 'an unknown query parameter', () => t.outpost.api('/api/me?x=1', { token: admin.token })],
    ['listTokens', 'an API token', () => t.outpost.api('/api/tokens', { token: apiToken })],
    ['listTokens', 'an unknown query parameter', () => t.outpost.api('/api/tokens?x=1', { token: admin.token })],
    ['createToken', 'an unknown scope', () => t.outpost.api('/api/tokens', { token: admin.token, body: { name: 'x', scopes: ['admin'] } })],
    ['revokeToken', 'an unknown id', () => t.outpost.api('/api/tokens/tok_x', { method: 'DELETE', token: admin.token })],
    ['revokeToken', 'an id over 64 characters', () => t.outpost.api(`/api/tokens/${'x'.repeat(65)}`, { method: 'DELETE', token: admin.token })],
    ['listInvitations', 'an unknown query parameter', () => t.outpost.api('/api/invitations?x=1', { token: admin.token })],
    ['createInvitation', 'expires_in_days 0', () => t.outpost.api('/api/invitations', { token: admin.token, body: { expires_in_days: 0 } })],
  ];

  it('every response carries an X-Request-Id, errors included', async () => {
    const responses = {
      'a 200': await t.outpost.api('/api/me', { token: admin.token }),
      'a 401': await t.outpost.api('/api/me'),
      'a schema 400': await t.outpost.api('/api/tokens', { token: admin.token, body: { name: '' } }),
      'a blank token name 400': await t.outpost.api('/api/tokens', { token: admin.token, body: { name: '   ' } }),
      'a refused sign-up 400': await t.outpost.api('/api/auth/signup', { body: { email: 'admin@example.com', password: 'long enough pw' } }),
      'a 403': await t.outpost.api('/api/tokens', { token: apiToken }),
      'a 404': await t.outpost.api('/api/tokens/tok_x', { method: 'DELETE', token: admin.token }),
    };
    const missing = Object.entries(responses)
      .filter(([, res]) => !res.headers.get('x-request-id'))
      .map(([label, res]) => `${label} (${res.status})`);
    expect(missing).toEqual([]);
  });

  it.each(cases)('%s, %s: the status is one openapi.yaml declares', async (id, _label, request) => {
    const res = await request();
    expect(declaredStatuses(id), `${id} answered ${res.status}`).toContain(String(res.status));
  });
});
