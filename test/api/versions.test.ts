// Page versions end to end: every replace keeps the version it replaces (PAGE_VERSIONS_KEPT), rollback makes
// a new version equal to an old one, an old version is served read-only through its link, identical files are
// stored once, the quota evicts the oldest kept versions first, and another user sees none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GridFSBucket } from 'mongodb';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startTwoUserOutpost, type TestOutpost, apiTokenFor } from '../support/outpost.ts';
import { sweepOrphans } from '../../src/pages/file-store.ts';

const KiB = 1024;

let outpost: TestOutpost;
let alice: string;
let bob: string;

beforeAll(async () => {
  ({ outpost, alice, bob } = await startTwoUserOutpost({ USER_QUOTA_MB: '1', RATE_LIMIT_REQUESTS: '100000' }));
});
afterAll(async () => {
  await outpost?.stop();
});

type Files = Record<string, string>;
const asFiles = (files: Files) => Object.entries(files).map(([path, content]) => ({ path, content }));
const createPage = async (token: string, files: Files) => {
  const res = await outpost.api('/api/pages', { token, body: { visibility: 'public', files: asFiles(files) } });
  expect(res.status).toBe(201);
  return res.body as { id: string; url: string };
};
const replace = (token: string, id: string, files: Files) => outpost.api(`/api/pages/${id}/files`, { token, body: { files: asFiles(files) } });
const versionsOf = async (token: string, id: string) => {
  const res = await outpost.api(`/api/pages/${id}/versions`, { token });
  expect(res.status).toBe(200);
  return res.body.versions as any[];
};
const served = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, etag: res.headers.get('etag'), body: await res.text() };
};

/** Bytes the store holds for a page: each stored content once (aliases have no chunks of their own). */
async function storedBytes(pageId: string): Promise<{ holders: number; bytes: number; chunkBytes: number }> {
  const db = outpost.app.db;
  const holders = await db
    .collection('page_files.files')
    .find({ 'metadata.pageId': pageId, 'metadata.blob': { $exists: false } })
    .toArray();
  let chunkBytes = 0;
  for await (const chunk of db.collection('page_files.chunks').find({ files_id: { $in: holders.map((h) => h._id) } })) chunkBytes += chunk.data.length();
  return { holders: holders.length, bytes: holders.reduce((n, h) => n + (h.length as number), 0), chunkBytes };
}

describe('versions and rollback', () => {
  it('keeps every replace, rolls back to version 1 as a new version, and serves version 1 again', async () => {
    const page = await createPage(alice, { 'index.html': '<p>one</p>', 'style.css': 'p{}' });
    const first = await served(page.url);
    expect(first.body).toBe('<p>one</p>');
    for (const n of ['two', 'three', 'four']) expect((await replace(alice, page.id, { 'index.html': `<p>${n}</p>`, 'style.css': 'p{}' })).status).toBe(200);
    const before = await served(page.url);
    expect(before.body).toBe('<p>four</p>');
    expect(before.etag).not.toBe(first.etag);

    const listed = await versionsOf(alice, page.id);
    expect(listed.map((v) => [v.number, v.live, v.origin.kind, v.file_count])).toEqual([
      [4, true, 'inline', 2],
      [3, false, 'inline', 2],
      [2, false, 'inline', 2],
      [1, false, 'inline', 2],
    ]);
    expect(listed[0].changes).toMatchObject({ added: 0, removed: 0, changed: 1, changed_paths: ['index.html'] });
    expect(listed[3].changes).toMatchObject({ added: 2, removed: 0, changed: 0 });
    // style.css is stored once: the later versions store only their index.html.
    expect(listed.map((v) => v.stored_bytes)).toEqual([11, 12, 10, 13]);

    // Version 1's files, and its read-only link while the page shows version 4.
    const v1 = await outpost.api(`/api/pages/${page.id}/versions/1`, { token: alice });
    expect(v1.status).toBe(200);
    expect(v1.body.files.map((f: any) => [f.path, f.size])).toEqual([
      ['index.html', 10],
      ['style.css', 3],
    ]);
    const old = await served(v1.body.preview_url);
    expect(old).toMatchObject({ status: 200, body: '<p>one</p>', etag: first.etag });
    expect((await served(`${v1.body.preview_url}style.css`)).body).toBe('p{}');
    const forged = v1.body.preview_url.replace(/~v1-/, '~v2-');
    expect((await served(forged)).status).toBe(404);
    expect((await served(page.url)).body).toBe('<p>four</p>');

    const rolled = await outpost.api(`/api/pages/${page.id}/versions/1/rollback`, { token: alice, method: 'POST' });
    expect(rolled.status).toBe(200);
    const after = await served(page.url);
    expect(after.body).toBe('<p>one</p>');
    expect(after.etag).toBe(first.etag);
    expect(after.etag).not.toBe(before.etag);

    const history = await versionsOf(alice, page.id);
    expect(history[0]).toMatchObject({ number: 5, live: true, origin: { kind: 'rollback', from_version: 1 }, stored_bytes: 0 });
    expect(history[0].changes).toMatchObject({ changed: 1, changed_paths: ['index.html'] });
    expect(history.map((v) => v.number)).toEqual([5, 4, 3, 2, 1]);
  });

  it("a version link's redirects (to the link's and to a folder's slash) keep the query", async () => {
    const page = await createPage(alice, { 'index.html': 'root', 'docs/index.html': 'docs' });
    const link = (await outpost.api(`/api/pages/${page.id}/versions/1`, { token: alice })).body.preview_url as string;
    const bare = await fetch(`${link.slice(0, -1)}?from=mail`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([302, `${new URL(link).pathname}?from=mail`]);
    const folder = await fetch(`${link}docs?x=1`, { redirect: 'manual' });
    expect([folder.status, folder.headers.get('location')]).toEqual([302, `${new URL(link).pathname}docs/?x=1`]);
    expect((await served(`${link}docs/?x=1`)).body).toBe('docs');
  });

  it('stores ten versions that differ in one file as one site plus nine files', async () => {
    const site: Files = { 'index.html': '<h1>docs</h1>' };
    for (let i = 0; i < 20; i++) site[`assets/part-${i}.js`] = `/* ${i} */ ${'x'.repeat(10 * KiB)}`;
    const changing = (n: number) => `${n}`.padStart(2 * KiB, '-');
    const page = await createPage(alice, { ...site, 'changing.txt': changing(1) });
    for (let n = 2; n <= 10; n++) expect((await replace(alice, page.id, { ...site, 'changing.txt': changing(n) })).status).toBe(200);

    const siteBytes = Object.values(site).reduce((n, c) => n + Buffer.byteLength(c), 0) + 2 * KiB;
    const listed = await versionsOf(alice, page.id);
    expect(listed).toHaveLength(10);
    expect(listed.reduce((n, v) => n + v.size, 0)).toBe(10 * siteBytes);
    const stored = await storedBytes(page.id);
    expect(stored).toEqual({ holders: 22 + 9, bytes: siteBytes + 9 * 2 * KiB, chunkBytes: siteBytes + 9 * 2 * KiB });
    expect(listed.reduce((n, v) => n + v.stored_bytes, 0)).toBe(stored.bytes);
    console.log(
      `dedup: 10 versions of a ${siteBytes}-byte site differing in one 2048-byte file: ${stored.bytes} bytes stored (${10 * siteBytes} without sharing)`,
    );
  });

  it('keeps PAGE_VERSIONS_KEPT versions, and a sweep keeps every content a kept version uses', async () => {
    const page = await createPage(alice, { 'index.html': 'v1', 'same.txt': 'shared' });
    for (let n = 2; n <= 12; n++) expect((await replace(alice, page.id, { 'index.html': `v${n}`, 'same.txt': 'shared' })).status).toBe(200);
    expect((await versionsOf(alice, page.id)).map((v) => v.number)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    // same.txt was first stored by version 1, which is gone: its content stays for the kept versions.
    await sweepOrphans(outpost.app.db, { olderThanMs: 0 });
    for (const number of [3, 7, 12]) {
      const detail = await outpost.api(`/api/pages/${page.id}/versions/${number}`, { token: alice });
      expect((await served(`${detail.body.preview_url}same.txt`)).body).toBe('shared');
      expect((await served(detail.body.preview_url)).body).toBe(`v${number}`);
    }
    expect(await storedBytes(page.id)).toMatchObject({ holders: 11, bytes: 7 * 2 + 3 * 3 + 6 });
    expect((await outpost.api(`/api/pages/${page.id}/versions/2`, { token: alice })).status).toBe(404);
  });

  it('evicts the oldest kept versions first when over quota, never the live one, then answers 413 with used and limit', async () => {
    const carol = await apiTokenFor(outpost, 'quota@example.com', 'carol');
    const big = (fill: string) => ({ 'index.html': fill.repeat(400 * KiB) });
    const page = await createPage(carol, big('a'));
    expect((await replace(carol, page.id, big('b'))).status).toBe(200);
    expect((await replace(carol, page.id, big('c'))).status).toBe(200);
    // 3 × 400 KiB would pass 1 MiB: version 1, the oldest kept, went.
    expect((await versionsOf(carol, page.id)).map((v) => v.number)).toEqual([3, 2]);
    const me = async () => (await outpost.api('/api/me', { token: carol })).body.storage.used_bytes;
    expect(await me()).toBe(800 * KiB);

    // Another page of 500 KiB: version 2 is evicted to make room.
    const other = await createPage(carol, { 'index.html': 'd'.repeat(500 * KiB) });
    expect((await versionsOf(carol, page.id)).map((v) => v.number)).toEqual([3]);
    expect(await me()).toBe(900 * KiB);

    // Nothing kept is left to evict: the live versions stay, and the new content is refused.
    const refused = await replace(carol, other.id, { 'index.html': 'e'.repeat(700 * KiB) });
    expect(refused.status).toBe(413);
    expect(refused.body.message).toMatch(/^Storage quota exceeded: 0\.9 MB used of 1 MB; /);
    expect((await served(page.url)).body).toBe('c'.repeat(400 * KiB));
    expect((await versionsOf(carol, other.id)).map((v) => v.number)).toEqual([1]);
  });

  it('outpost_list_versions and outpost_rollback mirror the operations; a version not kept is a tool error', async () => {
    const page = await createPage(alice, { 'index.html': 'first' });
    expect((await replace(alice, page.id, { 'index.html': 'second' })).status).toBe(200);
    const client = new Client({ name: 'versions', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', outpost.url), { requestInit: { headers: { Authorization: `Bearer ${alice}` } } }));
    try {
      const listed = await client.callTool({ name: 'outpost_list_versions', arguments: { page_id: page.id } });
      expect((listed.structuredContent as any).versions.map((v: any) => [v.number, v.live])).toEqual([
        [2, true],
        [1, false],
      ]);
      const rolled = await client.callTool({ name: 'outpost_rollback', arguments: { page_id: page.id, number: 1 } });
      expect(rolled.isError).toBeFalsy();
      expect((await served(page.url)).body).toBe('first');
      const missing = await client.callTool({ name: 'outpost_rollback', arguments: { page_id: page.id, number: 7 } });
      expect(missing.isError).toBe(true);
      expect(JSON.parse((missing.content as { text: string }[])[0].text).error).toMatch(/^Version 7 of this page is not kept .*outpost_list_versions/);
    } finally {
      await client.close();
    }
  });

  it("another user's page versions are not found", async () => {
    const page = await createPage(alice, { 'index.html': 'mine' });
    expect((await replace(alice, page.id, { 'index.html': 'mine too' })).status).toBe(200);
    for (const [method, path] of [
      ['GET', `/api/pages/${page.id}/versions`],
      ['GET', `/api/pages/${page.id}/versions/1`],
      ['POST', `/api/pages/${page.id}/versions/1/rollback`],
    ]) {
      const res = await outpost.api(path, { token: bob, method });
      expect(res.status).toBe(404);
      expect(res.body.message).toMatch(/not found|not kept/i);
    }
    expect((await served(page.url)).body).toBe('mine too');
    expect((await outpost.api(`/api/pages/${page.id}/versions/9/rollback`, { token: alice, method: 'POST' })).status).toBe(404);
  });

  it('concurrent replaces, rollbacks and a delete leave every kept version whole, then nothing of the page', async () => {
    const db = outpost.app.db;
    const page = await createPage(alice, { 'index.html': 'base', 'lib.js': 'shared()' });
    const work: Promise<unknown>[] = [];
    for (let n = 0; n < 6; n++) {
      work.push(replace(alice, page.id, { 'index.html': `r${n}`, 'lib.js': 'shared()' }));
      work.push(outpost.api(`/api/pages/${page.id}/versions/1/rollback`, { token: alice, method: 'POST' }));
    }
    await Promise.all(work);
    await sweepOrphans(db, { olderThanMs: 0 });
    // Every kept version reads back whole: each file's bytes are there and hash to its SHA-256.
    const bucket = new GridFSBucket(db, { bucketName: 'page_files' });
    for (const version of await versionsOf(alice, page.id)) {
      const detail = await outpost.api(`/api/pages/${page.id}/versions/${version.number}`, { token: alice });
      for (const file of detail.body.files) {
        const doc = await db.collection('page_files.files').findOne({ 'metadata.pageId': page.id, 'metadata.path': file.path, 'metadata.sha256': file.sha256 });
        const chunks: Buffer[] = [];
        for await (const chunk of bucket.openDownloadStream(doc!.metadata.blob ?? doc!._id)) chunks.push(chunk as Buffer);
        expect(Buffer.concat(chunks).length).toBe(file.size);
      }
    }

    const racing = [
      replace(alice, page.id, { 'index.html': 'late', 'lib.js': 'shared()' }),
      outpost.api(`/api/pages/${page.id}/versions/1/rollback`, { token: alice, method: 'POST' }),
      outpost.api(`/api/pages/${page.id}`, { token: alice, method: 'DELETE' }),
    ];
    const statuses = (await Promise.all(racing)).map((r) => r.status);
    expect(statuses[2]).toBe(204);
    await sweepOrphans(db, { olderThanMs: 0 });
    expect(await db.collection('page_files.files').countDocuments({ 'metadata.pageId': page.id })).toBe(0);
    expect(await db.collection('page_versions').countDocuments({ page_id: page.id })).toBe(0);
    expect(await countChunksOfExistingFiles()).toBe(await db.collection('page_files.chunks').countDocuments({}));
  });
});

/** Chunks whose files document exists (equal to all chunks: none is left without one). */
async function countChunksOfExistingFiles(): Promise<number> {
  const db = outpost.app.db;
  const ids = (
    await db
      .collection('page_files.files')
      .find({}, { projection: { _id: 1 } })
      .toArray()
  ).map((f) => f._id);
  return db.collection('page_files.chunks').countDocuments({ files_id: { $in: ids } });
}
