// The per-user storage quota (USER_QUOTA_MB) end to end: GET /api/me shows it, every way content comes in
// (inline, upload, streamed ZIP, capture, MCP) is refused with a clear message past it, parallel uploads
// cannot pass it together, a replace counts new minus old, nothing partial is left, and users never share it.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { captureApi, seededBytes, startFixtureServer, type FixtureServer } from '../support/capture-fixtures.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

const MiB = 1024 * 1024;
const KiB = 1024;

let outpost: TestOutpost;
let fixture: FixtureServer;

beforeAll(async () => {
  fixture = await startFixtureServer();
  outpost = await startTestOutpost({
    SIGNUP_MODE: 'open',
    USER_QUOTA_MB: '1',
    UPLOAD_LIMIT_MB: '1',
    RATE_LIMIT_REQUESTS: '100000',
    CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8',
    CAPTURE_ALLOWED_PORTS: String(fixture.port),
  });
});
afterAll(async () => {
  await outpost?.stop();
  await fixture?.close();
});

async function newUser(email: string): Promise<string> {
  const { token } = await signupAndLogin(outpost, email);
  return (await outpost.api('/api/tokens', { token, body: { name: email } })).body.token as string;
}

/** An HTML page of exactly `bytes` bytes. */
const htmlOf = (bytes: number, fill = 'x') => `<p>${fill.repeat(bytes - 7)}</p>`;

const storage = async (token: string) => (await outpost.api('/api/me', { token })).body.storage as { used_bytes: number; limit_bytes: number };
const create = (token: string, body: Record<string, unknown>) => outpost.api('/api/pages', { token, body });

async function upload(token: string, pathname: string, file: Buffer, filename: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), filename);
  const res = await fetch(new URL(pathname, outpost.url), { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: (await res.json()) as any };
}

async function zipOf(entries: Record<string, Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries)) zip.addBuffer(content, name, { compress: false });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** What the store holds for one user: their files (every version) and their usage document. */
async function stored(userId: string) {
  const db = outpost.app.db;
  const pageIds = (await db.collection('pages').find({ owner_id: userId }).toArray()).map((p) => p._id);
  const versions = await db.collection('page_versions').find({ owner_id: userId }).toArray();
  const files = await db
    .collection('page_files.files')
    .find({ 'metadata.version': { $in: versions.map((v) => v._id) } })
    .toArray();
  const usage = await db.collection('storage_usage').findOne({ _id: userId as never });
  return { pages: pageIds.length, versions: versions.length, fileBytes: files.reduce((n, f) => n + f.length, 0), usage };
}

const userIdOf = async (token: string) => (await outpost.api('/api/me', { token })).body.user.id as string;

describe('GET /api/me', () => {
  it('shows the bytes used and the limit', async () => {
    const token = await newUser('me@example.com');
    expect(await storage(token)).toEqual({ used_bytes: 0, limit_bytes: MiB });
    expect((await create(token, { html: htmlOf(100 * KiB) })).status).toBe(201);
    expect(await storage(token)).toEqual({ used_bytes: 100 * KiB, limit_bytes: MiB });
  });

  it('shows this instance its own uploads and deletions at once (its figure is cached for a second)', async () => {
    const token = await newUser('fresh@example.com');
    expect(await storage(token)).toEqual({ used_bytes: 0, limit_bytes: MiB });
    const uploaded = await upload(token, '/api/pages', Buffer.from(htmlOf(50 * KiB)), 'page.html');
    expect(uploaded.status).toBe(201);
    expect(await storage(token)).toEqual({ used_bytes: 50 * KiB, limit_bytes: MiB });
    const replaced = await upload(token, `/api/pages/${uploaded.body.id}/files`, Buffer.from(htmlOf(80 * KiB)), 'page.html');
    expect(replaced.status).toBe(200);
    // The replaced version is kept as history (PAGE_VERSIONS_KEPT), and counted.
    expect(await storage(token)).toEqual({ used_bytes: 130 * KiB, limit_bytes: MiB });
    expect((await outpost.api(`/api/pages/${uploaded.body.id}`, { method: 'DELETE', token })).status).toBe(204);
    expect(await storage(token)).toEqual({ used_bytes: 0, limit_bytes: MiB });
  });
});

describe('the quota', () => {
  it('refuses content past it with 413, used and limit in the message, and stores nothing', async () => {
    const token = await newUser('full@example.com');
    const id = await userIdOf(token);
    expect((await create(token, { html: htmlOf(600 * KiB) })).status).toBe(201);
    const before = await stored(id);

    const refused = await create(token, { html: htmlOf(600 * KiB) });
    expect(refused.status).toBe(413);
    expect(refused.body.message).toBe(
      'Storage quota exceeded: 0.6 MB used of 1 MB; this upload needs 0.6 MB. Delete or shrink pages, or ask the administrator to raise USER_QUOTA_MB.',
    );
    expect(await stored(id)).toEqual(before);
    expect(before).toMatchObject({ pages: 1, versions: 1, fileBytes: 600 * KiB, usage: { used_bytes: 600 * KiB } });
    expect(await storage(token)).toEqual({ used_bytes: 600 * KiB, limit_bytes: MiB });

    // An uploaded .html file goes through the same check.
    const file = await upload(token, '/api/pages', Buffer.from(htmlOf(600 * KiB)), 'big.html');
    expect(file.status).toBe(413);
    expect(file.body.message).toMatch(/^Storage quota exceeded: 0\.6 MB used of 1 MB/);
    expect(await stored(id)).toEqual(before);
  });

  it('is per user: one user at the quota does not limit another', async () => {
    const full = await newUser('first@example.com');
    const other = await newUser('second@example.com');
    expect((await create(full, { html: htmlOf(1000 * KiB) })).status).toBe(201);
    expect((await create(full, { html: htmlOf(100 * KiB) })).status).toBe(413);
    expect((await create(other, { html: htmlOf(1000 * KiB) })).status).toBe(201);
    expect(await storage(other)).toEqual({ used_bytes: 1000 * KiB, limit_bytes: MiB });
  });

  it('counts a replace as new minus old, and frees a deleted page', async () => {
    const token = await newUser('replace@example.com');
    const page = (await create(token, { html: htmlOf(600 * KiB) })).body;
    // 600 KiB + 700 KiB would pass 1 MiB, but the 600 KiB are replaced.
    const replaced = await outpost.api(`/api/pages/${page.id}/files`, { token, body: { html: htmlOf(700 * KiB, 'y') } });
    expect(replaced.status).toBe(200);
    expect(await storage(token)).toEqual({ used_bytes: 700 * KiB, limit_bytes: MiB });

    const second = (await create(token, { html: htmlOf(200 * KiB) })).body;
    const tooBig = await outpost.api(`/api/pages/${second.id}/files`, { token, body: { html: htmlOf(400 * KiB) } });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.message).toBe(
      'Storage quota exceeded: 0.9 MB used of 1 MB; this upload needs 0.4 MB, 0.2 MB more than the files it replaces. ' +
        'Delete or shrink pages, or ask the administrator to raise USER_QUOTA_MB.',
    );
    expect((await outpost.api(`/api/pages/${second.id}/export`, { token })).status).toBe(200);
    expect(await storage(token)).toEqual({ used_bytes: 900 * KiB, limit_bytes: MiB });

    expect((await outpost.api(`/api/pages/${page.id}`, { method: 'DELETE', token })).status).toBe(204);
    expect(await storage(token)).toEqual({ used_bytes: 200 * KiB, limit_bytes: MiB });
    const { usage } = await stored(await userIdOf(token));
    expect(usage).toMatchObject({ used_bytes: 200 * KiB });
    expect(Object.values(usage!.versions)).toEqual([200 * KiB]);
  });

  it('holds against parallel uploads: together they never pass it', async () => {
    const token = await newUser('parallel@example.com');
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => create(token, { html: htmlOf(300 * KiB, String.fromCharCode(97 + i)) })));
    const created = results.filter((r) => r.status === 201).length;
    expect(results.every((r) => r.status === 201 || r.status === 413)).toBe(true);
    expect(created).toBe(3); // 3 × 300 KiB fit in 1 MiB, a fourth does not
    const state = await stored(await userIdOf(token));
    expect(state).toMatchObject({ pages: 3, versions: 3, fileBytes: 900 * KiB, usage: { used_bytes: 900 * KiB } });
    expect(Object.keys(state.usage!.versions)).toHaveLength(3);
  });

  it('stops a streamed ZIP midway and removes what it had written', async () => {
    const token = await newUser('zip@example.com');
    const id = await userIdOf(token);
    expect((await create(token, { html: htmlOf(600 * KiB) })).status).toBe(201);
    const before = await stored(id);
    const zip = await zipOf({ 'index.html': Buffer.from(htmlOf(300 * KiB)), 'data.bin': seededBytes('zip', 300 * KiB) });
    const res = await upload(token, '/api/pages', zip, 'site.zip');
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/^Storage quota exceeded: 0\.6 MB used of 1 MB; this upload needs at least 0\.\d MB\. /);
    expect(await stored(id)).toEqual(before);
    expect(
      await outpost.app.db
        .collection('page_files.chunks')
        .countDocuments({ files_id: { $nin: (await outpost.app.db.collection('page_files.files').find().toArray()).map((f) => f._id) } }),
    ).toBe(0);
  });

  it('fails a capture that would pass it, with reason quota-exceeded', async () => {
    const token = await newUser('capture@example.com');
    const id = await userIdOf(token);
    expect((await create(token, { html: htmlOf(700 * KiB) })).status).toBe(201);
    const before = await stored(id);
    fixture.route('/big.html', { type: 'text/html', body: `<!doctype html><title>Big</title>${htmlOf(400 * KiB)}` });
    const res = await captureApi(outpost, token).create({ source_url: fixture.url('/big.html') }, 0);
    expect(res.status).toBe(202);
    const job = await captureApi(outpost, token).settle(res.body.job.id);
    expect(job.status).toBe('failed');
    expect(job.error.reason).toBe('quota-exceeded');
    expect(job.error.message).toMatch(/^Storage quota exceeded: 0\.7 MB used of 1 MB; this upload needs 0\.4 MB\. /);
    expect(await stored(id)).toEqual(before);
  });

  it('reaches MCP clients as a tool error with the same message', async () => {
    const token = await newUser('mcp@example.com');
    expect((await create(token, { html: htmlOf(900 * KiB) })).status).toBe(201);
    const client = new Client({ name: 'quota-test', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', outpost.url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
    try {
      const result = (await client.callTool({ name: 'outpost_create', arguments: { html: htmlOf(200 * KiB) } })) as any;
      expect(result.isError).toBe(true);
      expect(JSON.parse(result.content[0].text).error).toMatch(/^Storage quota exceeded: 0\.9 MB used of 1 MB; this upload needs 0\.2 MB\. /);
      const me = (await client.callTool({ name: 'outpost_whoami', arguments: {} })) as any;
      expect(me.structuredContent.storage).toEqual({ used_bytes: 900 * KiB, limit_bytes: MiB });
    } finally {
      await client.close();
    }
  });
});
