// Page operations over REST and as outpost_* tools: content forms, access settings, pagination,
// replace, delete, size limits, per-user isolation.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { signupAndLogin, startTestOutpost, startTwoUserOutpost, type TestOutpost } from '../support/outpost.ts';

let outpost: TestOutpost;
let alice: string;
let bob: string;

const HTML = '<!doctype html><html><head><title>Launch notes</title></head><body><h1>Hi</h1></body></html>';

beforeAll(async () => {
  ({ outpost, alice, bob } = await startTwoUserOutpost({ UPLOAD_LIMIT_MB: '1' }));
});
afterAll(() => outpost.stop());

const create = (token: string, body: unknown) => outpost.api('/api/pages', { token, body });
/** A page as stored: preview_url is minted afresh (with its expiry) on every read. */
const stored = ({ preview_url: _preview, ...page }: Record<string, unknown>) => page;

describe('creating pages', () => {
  it('from inline html: the page, its URL and its title as name', async () => {
    const res = await create(alice, { html: HTML });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Launch notes',
      visibility: 'public',
      default_file: 'index.html',
      has_passcode: false,
      passcodes: [],
      allowed_emails: [],
      file_count: 1,
      size: Buffer.byteLength(HTML),
    });
    expect(res.body.id).toMatch(/^[0-9A-Za-z]{8}$/);
    expect(res.body.url).toBe(`${outpost.app.config.publicUrl}/p/${res.body.id}`);
    expect(res.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('from inline files, text and base64, choosing the only html file as default', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]);
    const res = await create(alice, {
      name: 'Site',
      files: [
        { path: 'home.html', content: '<p>home</p>' },
        { path: 'img/logo.png', content: png.toString('base64'), encoding: 'base64' },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Site', default_file: 'home.html', file_count: 2, size: 11 + png.length });
  });

  it('from inline files spanning several GridFS chunks, and an empty one: served byte for byte, ranges across chunk edges', async () => {
    const big = crypto.randomBytes(600 * 1024); // three 255 KiB chunks
    const res = await create(alice, {
      files: [
        { path: 'index.html', content: HTML },
        { path: 'big.bin', content: big.toString('base64'), encoding: 'base64' },
        { path: 'empty.txt', content: '' },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ file_count: 3, size: Buffer.byteLength(HTML) + big.length });
    const served = Buffer.from(await (await fetch(`${outpost.url}/p/${res.body.id}/big.bin`)).arrayBuffer());
    expect(served.equals(big)).toBe(true);
    const edge = 255 * 1024;
    const range = await fetch(`${outpost.url}/p/${res.body.id}/big.bin`, { headers: { range: `bytes=${edge - 10}-${edge + 9}` } });
    expect(range.status).toBe(206);
    expect(Buffer.from(await range.arrayBuffer()).equals(big.subarray(edge - 10, edge + 10))).toBe(true);
    const empty = await fetch(`${outpost.url}/p/${res.body.id}/empty.txt`);
    expect(empty.status).toBe(200);
    expect(await empty.text()).toBe('');
  });

  it('with access settings: passcodes come back decrypted but are stored encrypted; emails normalized', async () => {
    const res = await create(alice, { html: HTML, visibility: 'shared', passcodes: ['pilot-2026'], allowed_emails: ['Bob@Acme.com', 'bob@acme.com'] });
    expect(res.body).toMatchObject({ visibility: 'shared', has_passcode: true, passcodes: ['pilot-2026'], allowed_emails: ['bob@acme.com'] });
    const raw = await outpost.app.db.collection('pages').findOne({ _id: res.body.id });
    expect(JSON.stringify(raw)).not.toContain('pilot-2026');
    expect(raw!.passcodes[0]).toMatchObject({ kid: expect.any(String), iv: expect.any(String), tag: expect.any(String), ct: expect.any(String) });
  });

  it('refuses unclear content, bad visibility, bad emails and a source_url it may not fetch', async () => {
    const both = await create(alice, { html: HTML, files: [{ path: 'a.html', content: 'x' }] });
    expect(both.status).toBe(400);
    expect(both.body.validation.keys).toEqual(['html', 'files']);
    expect((await create(alice, { name: 'empty' })).status).toBe(400);
    const visibility = await create(alice, { html: HTML, visibility: 'secret' });
    expect(visibility.status).toBe(400);
    expect(visibility.body.message).toBe('Invalid visibility');
    expect((await create(alice, { html: HTML, allowed_emails: ['not an email'] })).status).toBe(400);
    // Loopback is refused by the default capture policy before any connection (and before any job).
    const capture = await create(alice, { source_url: 'http://127.0.0.1/' });
    expect(capture.status).toBe(400);
    expect(capture.body.message).toMatch(/source_url .* cannot be captured: .*loopback/);
    expect((await outpost.api('/api/jobs', { token: alice })).body.count).toBe(0);
    const noHtml = await create(alice, { files: [{ path: 'a.css', content: 'x' }] });
    expect(noHtml.status).toBe(400);
  });

  it('refuses unsafe file paths and content over the upload limit (413)', async () => {
    expect((await create(alice, { files: [{ path: '../evil.html', content: 'x' }] })).status).toBe(400);
    const big = await create(alice, { html: `<p>${'x'.repeat(1024 * 1024)}</p>` });
    expect(big.status).toBe(413);
  });
});

describe('reading, changing and deleting pages', () => {
  it('lists newest first, a page of results at a time', async () => {
    const fresh = await startTestOutpost();
    try {
      const { token } = await signupAndLogin(fresh, 'lister@example.com');
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await fresh.api('/api/pages', { token, body: { name: `p${i}`, html: HTML } })).body.id);
      const first = await fresh.api('/api/pages?limit=2', { token });
      expect(first.body.pages.map((p: { id: string }) => p.id)).toEqual([ids[4], ids[3]]);
      expect(first.body.count).toBe(2);
      const second = await fresh.api(`/api/pages?limit=2&cursor=${first.body.next_cursor}`, { token });
      const third = await fresh.api(`/api/pages?limit=2&cursor=${second.body.next_cursor}`, { token });
      expect([...second.body.pages, ...third.body.pages].map((p: { id: string }) => p.id)).toEqual([ids[2], ids[1], ids[0]]);
      expect(third.body.next_cursor).toBeNull();
      expect(first.body.pages[0]).not.toHaveProperty('passcodes');
      expect((await fresh.api('/api/pages?cursor=garbage', { token })).status).toBe(400);
    } finally {
      await fresh.stop();
    }
  });

  it('updates any subset; an empty array clears a list', async () => {
    const { id } = (await create(alice, { html: HTML, visibility: 'shared', passcodes: ['one'], allowed_emails: ['a@b.co'] })).body;
    const renamed = await outpost.api(`/api/pages/${id}`, { method: 'PATCH', token: alice, body: { name: 'Renamed', passcodes: ['one', 'two'] } });
    expect(renamed.body).toMatchObject({ name: 'Renamed', passcodes: ['one', 'two'], allowed_emails: ['a@b.co'], visibility: 'shared' });
    const cleared = await outpost.api(`/api/pages/${id}`, { method: 'PATCH', token: alice, body: { allowed_emails: [] } });
    expect(cleared.body).toMatchObject({ allowed_emails: [], passcodes: ['one', 'two'] });
    expect((await outpost.api(`/api/pages/${id}`, { method: 'PATCH', token: alice, body: {} })).status).toBe(400);
  });

  it('replaces files keeping the id and URL; deletes the page and every file', async () => {
    const page = (await create(alice, { html: HTML })).body;
    const replaced = await outpost.api(`/api/pages/${page.id}/files`, {
      token: alice,
      body: {
        files: [
          { path: 'index.html', content: '<p>v2</p>' },
          { path: 'b.css', content: 'b{}' },
        ],
      },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id: page.id, url: page.url, file_count: 2 });
    const files = outpost.app.db.collection('page_files.files');
    // The two new files, and the first version's one, kept as history.
    expect(await files.countDocuments({ 'metadata.pageId': page.id })).toBe(3);
    expect((await outpost.api(`/api/pages/${page.id}`, { method: 'DELETE', token: alice })).status).toBe(204);
    expect((await outpost.api(`/api/pages/${page.id}`, { token: alice })).status).toBe(404);
    expect(await files.countDocuments({ 'metadata.pageId': page.id })).toBe(0);
  });

  it('exports the current files as a ZIP, byte for byte', async () => {
    const logo = Buffer.from(Array.from({ length: 300 * 1024 }, (_, i) => (i * 7) % 256));
    const page = (
      await create(alice, {
        files: [
          { path: 'index.html', content: HTML },
          { path: 'img/logo.bin', content: logo.toString('base64'), encoding: 'base64' },
        ],
      })
    ).body;
    const res = await fetch(new URL(`/api/pages/${page.id}/export`, outpost.url), { headers: { Authorization: `Bearer ${alice}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${page.id}.zip"`);
    const zip = Buffer.from(await res.arrayBuffer());
    const entries = await new Promise<Record<string, Buffer>>((resolve, reject) => {
      const out: Record<string, Buffer> = {};
      yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
        if (err || !file) return reject(err);
        file.on('entry', (entry: yauzl.Entry) =>
          file.openReadStream(entry, (e, stream) => {
            if (e || !stream) return reject(e);
            const chunks: Buffer[] = [];
            stream
              .on('data', (c: Buffer) => chunks.push(c))
              .on('end', () => {
                out[entry.fileName] = Buffer.concat(chunks);
                file.readEntry();
              });
          }),
        );
        file.on('end', () => resolve(out));
        file.readEntry();
      });
    });
    expect(Object.keys(entries).sort()).toEqual(['img/logo.bin', 'index.html']);
    expect(entries['index.html'].toString()).toBe(HTML);
    expect(entries['img/logo.bin'].equals(logo)).toBe(true);
  });

  it("another user's page answers exactly like a missing one, and nothing changes", async () => {
    const page = (await create(alice, { html: HTML, passcodes: ['secret'] })).body;
    const missing = await outpost.api('/api/pages/ZZZZZZZZ', { token: bob });
    for (const res of [
      await outpost.api(`/api/pages/${page.id}`, { token: bob }),
      await outpost.api(`/api/pages/${page.id}`, { method: 'PATCH', token: bob, body: { name: 'mine now' } }),
      await outpost.api(`/api/pages/${page.id}/files`, { token: bob, body: { html: '<p>defaced</p>' } }),
      await outpost.api(`/api/pages/${page.id}`, { method: 'DELETE', token: bob }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual(missing.body);
    }
    expect(missing.body.message).toBe('Page not found. Use GET /api/pages to see your pages.');
    const after = await outpost.api(`/api/pages/${page.id}`, { token: alice });
    expect(stored(after.body)).toEqual(stored(page));
    const listed = await outpost.api('/api/pages', { token: bob });
    expect(listed.body.pages.map((p: { id: string }) => p.id)).not.toContain(page.id);
  });

  it('a read-only token can list and get but not change pages', async () => {
    const { token: jwt } = await outpost
      .api('/api/auth/login', { body: { email: 'alice@example.com', password: 'correct horse battery' } })
      .then((r) => r.body);
    const ro = (await outpost.api('/api/tokens', { token: jwt, body: { name: 'ro', scopes: ['pages:read'] } })).body.token;
    expect((await outpost.api('/api/pages', { token: ro })).status).toBe(200);
    expect((await create(ro, { html: HTML })).status).toBe(403);
  });
});

describe('outpost_* tools', () => {
  async function connect(token: string) {
    const client = new Client({ name: 'pages-test', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', outpost.url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
    return client;
  }
  const errorOf = (result: any) => JSON.parse(result.content[0].text).error;

  it("create, list, get, update, replace and delete with the seed's arguments and messages", async () => {
    const client = await connect(alice);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['outpost_create', 'outpost_delete', 'outpost_get', 'outpost_list', 'outpost_update', 'outpost_update_files']),
    );

    const created = (
      await client.callTool({
        name: 'outpost_create',
        arguments: { name: 'Vendor docs', html: HTML, visibility: 'shared', passcodes: ['pilot-2026'], allowed_emails: ['alice@acme.com'] },
      })
    ).structuredContent as any;
    expect(created).toMatchObject({
      name: 'Vendor docs',
      visibility: 'shared',
      passcodes: ['pilot-2026'],
      allowed_emails: ['alice@acme.com'],
      default_file: 'index.html',
      message: 'Page created',
    });

    const list = (await client.callTool({ name: 'outpost_list', arguments: {} })).structuredContent as any;
    expect(list.pages.map((p: { id: string }) => p.id)).toContain(created.id);
    expect(list.count).toBe(list.pages.length);

    const got = (await client.callTool({ name: 'outpost_get', arguments: { page_id: created.id } })).structuredContent as any;
    expect(got.passcodes).toEqual(['pilot-2026']);

    const updated = (await client.callTool({ name: 'outpost_update', arguments: { page_id: created.id, name: 'Renamed', allowed_emails: [] } }))
      .structuredContent as any;
    expect(updated).toMatchObject({ name: 'Renamed', allowed_emails: [] });

    const replaced = (await client.callTool({ name: 'outpost_update_files', arguments: { page_id: created.id, html: '<p>v2</p>' } })).structuredContent as any;
    expect(replaced).toMatchObject({ id: created.id, message: 'Page files replaced' });

    const deleted = await client.callTool({ name: 'outpost_delete', arguments: { page_id: created.id } });
    expect(deleted.structuredContent).toEqual({ deleted: true, message: 'Page deleted' });
    await client.close();
  });

  it("returns the seed's error texts inside the result", async () => {
    const client = await connect(alice);
    expect(errorOf(await client.callTool({ name: 'outpost_get', arguments: {} }))).toBe('page_id is required');
    expect(errorOf(await client.callTool({ name: 'outpost_get', arguments: { page_id: 'ZZZZZZZZ' } }))).toBe(
      'Page not found. Use outpost_list to see your pages.',
    );
    const page = (await create(alice, { html: HTML })).body;
    const bad = await client.callTool({ name: 'outpost_update', arguments: { page_id: page.id, visibility: 'everyone' } });
    expect(bad.isError).toBe(true);
    expect(errorOf(bad)).toBe('Invalid visibility');
    await client.close();
  });

  it("bob's tools cannot see or touch alice's page", async () => {
    const page = (await create(alice, { html: HTML })).body;
    const client = await connect(bob);
    for (const [name, args] of [
      ['outpost_get', { page_id: page.id }],
      ['outpost_update', { page_id: page.id, name: 'x' }],
      ['outpost_update_files', { page_id: page.id, html: '<p>x</p>' }],
      ['outpost_delete', { page_id: page.id }],
    ] as const) {
      const result = await client.callTool({ name, arguments: args });
      expect(result.isError, name).toBe(true);
      expect(errorOf(result)).toBe('Page not found. Use outpost_list to see your pages.');
    }
    await client.close();
    expect(stored((await outpost.api(`/api/pages/${page.id}`, { token: alice })).body)).toEqual(stored(page));
  });
});
