// The generated SDK against a live server: signup → login → token → /api/me.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@outpost/sdk';
import { startTestOutpost, type TestOutpost } from '../support/outpost.ts';

let outpost: TestOutpost;
beforeAll(async () => {
  outpost = await startTestOutpost();
});
afterAll(() => outpost.stop());

describe('@outpost/sdk', () => {
  it('signs up, logs in, creates a token and reads /api/me with it', async () => {
    const anonymous = createClient({ baseUrl: outpost.url });
    const signup = await anonymous.POST('/api/auth/signup', { body: { email: 'sdk@example.com', password: 'sdk password 1' } });
    expect(signup.response.status).toBe(201);
    expect(signup.data?.user.admin).toBe(true);

    const login = await anonymous.POST('/api/auth/login', { body: { email: 'SDK@example.com', password: 'sdk password 1' } });
    expect(login.response.status).toBe(200);
    const session = createClient({ baseUrl: `${outpost.url}/`, token: login.data!.token });

    const created = await session.POST('/api/tokens', { body: { name: 'sdk test', scopes: ['pages:read'] } });
    expect(created.response.status).toBe(201);
    expect(created.data?.token).toMatch(/^op_[A-Za-z0-9_-]{43,}$/);

    const withToken = createClient({ baseUrl: outpost.url, token: created.data!.token });
    const me = await withToken.GET('/api/me');
    expect(me.response.status).toBe(200);
    expect(me.data).toEqual({
      user: { id: signup.data!.user.id, email: 'sdk@example.com', admin: true, created_at: signup.data!.user.created_at },
      auth: { kind: 'api_token', scopes: ['pages:read'], token_id: created.data!.id },
      storage: { used_bytes: 0, limit_bytes: 1024 * 1024 * 1024 },
    });
  });

  it("types a page's content as exactly one of html, files, source_url, as the server takes it", async () => {
    const anonymous = createClient({ baseUrl: outpost.url });
    // The instance's one account (the first test's sign-up, or this one's when it runs alone).
    await anonymous.POST('/api/auth/signup', { body: { email: 'sdk@example.com', password: 'sdk password 1' } });
    const login = await anonymous.POST('/api/auth/login', { body: { email: 'sdk@example.com', password: 'sdk password 1' } });
    const client = createClient({ baseUrl: outpost.url, token: login.data!.token });
    const created = await client.POST('/api/pages', { body: { html: '<p>sdk</p>', visibility: 'private' } });
    expect(created.response.status).toBe(201);
    const rule = "Give the page's content in exactly one of html, files, source_url or (uploading) file";
    // @ts-expect-error no content
    const none = await client.POST('/api/pages', { body: { name: 'empty' } });
    expect(none.error).toMatchObject({ statusCode: 400, message: rule });
    // @ts-expect-error two contents (html with source_url passes as the multipart form's type: TypeScript checks excess properties against the union)
    const two = await client.POST('/api/pages', { body: { html: '<p>x</p>', files: [{ path: 'index.html', content: '<p>y</p>', encoding: 'utf8' }] } });
    expect(two.error).toMatchObject({ statusCode: 400, message: rule });
  });

  it('returns the error body, typed, for a refused request', async () => {
    const client = createClient({ baseUrl: outpost.url, token: 'op_not-a-real-token' });
    const me = await client.GET('/api/me');
    expect(me.response.status).toBe(401);
    expect(me.data).toBeUndefined();
    expect(me.error).toMatchObject({ statusCode: 401, error: 'Unauthorized', message: 'Invalid token' });
  });
});
