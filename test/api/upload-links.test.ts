// One-time upload links (POST /api/upload-links, then POST /api/uploads/<token> with no credential),
// uploaded with real curl: one use, expiry, forgery, another user's page, the owner's size limit, quota
// and request budget, concurrent use, revocation with the API token, and no token in the logs.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

let dir: string;
const servers: TestOutpost[] = [];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-links-'));
  fs.writeFileSync(path.join(dir, 'page.html'), '<title>Linked</title><h1>Linked</h1>');
  fs.writeFileSync(path.join(dir, 'big.html'), `<title>Big</title>${'x'.repeat(700 * 1024)}`);
  fs.writeFileSync(path.join(dir, 'huge.html'), `<title>Huge</title>${'x'.repeat(1200 * 1024)}`);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  fs.rmSync(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}, logStream?: NodeJS.WritableStream) {
  const outpost = await startTestOutpost({ SIGNUP_MODE: 'open', ...env }, { logStream });
  servers.push(outpost);
  return outpost;
}

/** A user's session token (signing up costs no request budget). */
const userOf = async (outpost: TestOutpost, email: string) => (await signupAndLogin(outpost, email)).token;

async function linkFor(outpost: TestOutpost, token: string, body: object = {}) {
  const res = await outpost.api('/api/upload-links', { token, body });
  if (res.status !== 201) throw new Error(`upload link: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { url: string; action: string; page_id?: string; expires_at: string };
}

/** Uploads `file` (in dir) to `url` with curl and no credential: the status and the JSON answer. */
async function upload(url: string, file = 'page.html', extra: string[] = []) {
  const { stdout } = await promisify(execFile)('curl', ['-sS', '-w', '\n%{http_code}', '-X', 'POST', url, '-F', `file=@./${file}`, ...extra], {
    cwd: dir,
    env: { PATH: process.env.PATH! },
    encoding: 'utf8',
  });
  const at = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(at + 1)), body: JSON.parse(stdout.slice(0, at)) };
}

const pagesOf = async (outpost: TestOutpost, token: string) => (await outpost.api('/api/pages', { token })).body.pages as { id: string; name: string }[];

describe('upload links', () => {
  let outpost: TestOutpost;
  let alice: string;
  let bob: string;
  const log: string[] = [];

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => log.push(chunk.toString('utf8')));
    outpost = await start({ LOG_LEVEL: 'info' }, stream);
    alice = await userOf(outpost, 'alice@example.com');
    bob = await userOf(outpost, 'bob@example.com');
  });

  it('create: the page gets the settings of the link, once; the token never reaches the log', async () => {
    const settings = { name: 'Linked page', visibility: 'shared', passcodes: ['one', 'two,three'], allowed_emails: ['carol@acme.com'] };
    const link = await linkFor(outpost, alice, settings);
    expect(link).toMatchObject({ action: 'create', url: expect.stringMatching(new RegExp(`^${outpost.app.config.publicUrl}/api/uploads/[^/]+$`)) });
    const created = await upload(link.url);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject(settings);
    expect((await outpost.api(`/api/pages/${created.body.id}`, { token: alice })).body).toMatchObject(settings);

    const again = await upload(link.url);
    expect(again.status).toBe(410);
    expect(again.body.message).toMatch(/already used/);
    expect(await pagesOf(outpost, alice)).toHaveLength(1);

    // The passcodes are stored encrypted; the link's token only as a hash.
    const secret = link.url.split('/').at(-1)!;
    const stored = JSON.stringify(await outpost.app.db.collection('upload_links').find().toArray());
    expect(stored).not.toContain('two,three');
    expect(stored).not.toContain(secret);
    expect(log.join('')).toContain('/api/uploads/…');
    expect(log.join('')).not.toContain(secret);
  });

  it('the form cannot change what the link does, and a refused upload leaves the link usable', async () => {
    const link = await linkFor(outpost, alice, { name: 'Fixed', visibility: 'private' });
    for (const extra of [
      ['-F', 'visibility=public'],
      ['-F', 'name=Other'],
      ['-F', 'page_id=Ab12Cd34'],
    ]) {
      const res = await upload(link.url, 'page.html', extra);
      expect(res.status).toBe(400);
    }
    const notAFile = await upload(link.url, 'page.html', ['-F', 'source_url=https://example.com/']);
    expect(notAFile).toMatchObject({ status: 400, body: { message: expect.stringMatching(/exactly one of/) } });
    const ok = await upload(link.url);
    expect(ok).toMatchObject({ status: 201, body: { name: 'Fixed', visibility: 'private' } });
  });

  it('a forged, altered or unknown token is refused (404), with or without a body', async () => {
    const link = await linkFor(outpost, alice);
    const token = link.url.split('/').at(-1)!;
    const [expiry, payload, mac] = token.split('.');
    const forged = [
      `${expiry}.${payload}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'BB' : 'AA'}`,
      `${(parseInt(expiry, 36) + 1000).toString(36)}.${payload}.${mac}`,
      'garbage',
      `${token}x`,
    ];
    for (const value of forged) {
      const res = await upload(`${outpost.url}/api/uploads/${value}`);
      expect(res.status, value).toBe(404);
      expect(res.body.message).toMatch(/^Unknown upload link/);
    }
    const empty = await outpost.api(`/api/uploads/${forged[0]}`, { method: 'POST' });
    expect(empty.status).toBe(404);
    expect(await pagesOf(outpost, alice)).toHaveLength(2);
  });

  it("replace: a link replaces only its own page; another user's page gets no link", async () => {
    const mine = (await outpost.api('/api/pages', { token: bob, body: { html: '<p>bob v1</p>', visibility: 'shared', passcodes: ['b'] } })).body;
    const theirs = (await outpost.api('/api/pages', { token: alice, body: { html: '<p>alice</p>' } })).body;
    const refused = await outpost.api('/api/upload-links', { token: bob, body: { page_id: theirs.id } });
    expect(refused.status).toBe(404);
    expect(refused.body.message).toBe('Page not found. Use GET /api/pages to see your pages.');
    const settings = await outpost.api('/api/upload-links', { token: bob, body: { page_id: mine.id, visibility: 'public' } });
    expect(settings).toMatchObject({ status: 400, body: { validation: { keys: ['visibility'] } } });

    const link = await linkFor(outpost, bob, { page_id: mine.id });
    expect(link).toMatchObject({ action: 'replace', page_id: mine.id });
    const replaced = await upload(link.url);
    expect(replaced).toMatchObject({ status: 200, body: { id: mine.id, visibility: 'shared', passcodes: ['b'] } });
    expect(await (await fetch(`${outpost.url}/p/${theirs.id}/`)).text()).toBe('<p>alice</p>');

    // The page it was made for is gone: 404, and the link stays (unused) until it expires.
    const orphan = await linkFor(outpost, bob, { page_id: mine.id });
    await outpost.api(`/api/pages/${mine.id}`, { method: 'DELETE', token: bob });
    expect(await upload(orphan.url)).toMatchObject({ status: 404 });
  });

  it('three uploads through one link at once: exactly one succeeds', async () => {
    const before = (await pagesOf(outpost, bob)).length;
    for (let round = 0; round < 3; round++) {
      const link = await linkFor(outpost, bob, { name: `race ${round}` });
      const results = await Promise.all([upload(link.url, 'big.html'), upload(link.url, 'big.html'), upload(link.url, 'big.html')]);
      const statuses = results.map((r) => r.status).sort();
      expect(
        statuses.filter((s) => s === 201),
        String(statuses),
      ).toHaveLength(1);
      expect(
        statuses.every((s) => s === 201 || s === 409 || s === 410),
        String(statuses),
      ).toBe(true);
    }
    expect((await pagesOf(outpost, bob)).length).toBe(before + 3);
  });

  it('revoking the API token that asked for a link revokes the link', async () => {
    const apiToken = (await outpost.api('/api/tokens', { token: alice, body: { name: 'assistant' } })).body;
    const link = await linkFor(outpost, apiToken.token);
    expect((await outpost.api(`/api/tokens/${apiToken.id}`, { method: 'DELETE', token: alice })).status).toBe(204);
    const res = await upload(link.url);
    expect(res).toMatchObject({ status: 410, body: { message: expect.stringMatching(/revoked/) } });
  });

  it('a link needs pages:write', async () => {
    const reader = (await outpost.api('/api/tokens', { token: alice, body: { name: 'reader', scopes: ['pages:read'] } })).body.token;
    expect((await outpost.api('/api/upload-links', { token: reader, body: {} })).status).toBe(403);
    expect((await outpost.api('/api/upload-links', { body: {} })).status).toBe(401);
  });
});

describe('upload links expire', () => {
  it('after UPLOAD_LINK_TTL_SECONDS: 410, and nothing is created', async () => {
    const outpost = await start({ UPLOAD_LINK_TTL_SECONDS: '2' });
    const token = await userOf(outpost, 'late@example.com');
    const link = await linkFor(outpost, token);
    expect(Date.parse(link.expires_at) - Date.now()).toBeLessThanOrEqual(2000);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(link.expires_at) - Date.now() + 50));
    const res = await upload(link.url);
    expect(res).toMatchObject({ status: 410, body: { message: expect.stringMatching(/expired/) } });
    expect(await pagesOf(outpost, token)).toEqual([]);
  });
});

describe("upload links spend their owner's limits", () => {
  let outpost: TestOutpost;
  beforeAll(async () => {
    outpost = await start({ UPLOAD_LIMIT_MB: '1', USER_QUOTA_MB: '1', RATE_LIMIT_REQUESTS: '4' });
  });

  it('size limit: 413, and the link still works for a smaller file', async () => {
    const token = await userOf(outpost, 'size@example.com');
    const link = await linkFor(outpost, token);
    const huge = await upload(link.url, 'huge.html');
    expect(huge.status).toBe(413);
    expect(huge.body.message).toMatch(/accepts up to 1048576 bytes per page/);
    expect(await upload(link.url, 'big.html')).toMatchObject({ status: 201 });
  });

  it("request budget: an upload through a link costs one of its owner's requests", async () => {
    const token = await userOf(outpost, 'budget@example.com');
    const links = [await linkFor(outpost, token), await linkFor(outpost, token), await linkFor(outpost, token)]; // 3 requests
    expect((await upload(links[0].url)).status).toBe(201); // 4
    const refused = await upload(links[1].url);
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/Rate limit exceeded/);
  });

  it('quota: an upload that would pass the owner quota is refused with 413', async () => {
    const token = await userOf(outpost, 'full@example.com');
    const first = await linkFor(outpost, token);
    const second = await linkFor(outpost, token);
    expect((await upload(first.url, 'big.html')).status).toBe(201);
    const res = await upload(second.url, 'big.html');
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/quota/i);
  });
});
