// DISK_FREE_FLOOR_MB with the embedded engine on disk: while DATA_DIR's disk has less free space than the
// floor, page content (inline, upload, capture) is refused with 507 and nothing is stored; reading works.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

const MiB = 1024 * 1024;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-disk-guard-'));
/** A floor a gigabyte above what the machine has free: the guard must refuse. */
const disk = await fs.promises.statfs(dataDir);
const floorMb = Math.ceil((disk.bavail * disk.bsize) / MiB) + 1024;

let onDisk: TestOutpost;
let inMemory: TestOutpost;

async function tokenFor(outpost: TestOutpost): Promise<string> {
  const { token } = await signupAndLogin(outpost, 'disk@example.com');
  return (await outpost.api('/api/tokens', { token, body: { name: 'disk' } })).body.token as string;
}

beforeAll(async () => {
  const env = { DISK_FREE_FLOOR_MB: String(floorMb), CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8' };
  onDisk = await startTestOutpost({ ...env, DATA_DIR: dataDir }, { persistent: true });
  inMemory = await startTestOutpost(env);
});
afterAll(async () => {
  await onDisk?.stop();
  await inMemory?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the disk guard', () => {
  it('refuses new pages (inline, uploaded, captured) with 507 while free space is under the floor', async () => {
    const token = await tokenFor(onDisk);
    const refused = await onDisk.api('/api/pages', { token, body: { html: '<h1>hello</h1>' } });
    expect(refused.status).toBe(507);
    expect(refused.body.message).toMatch(
      new RegExp(
        `^The server is low on disk space \\([\\d,.]+ MB free, the floor is DISK_FREE_FLOOR_MB = ${floorMb.toLocaleString('en-US')} MB\\), so it stores no page content for now\\. `,
      ),
    );
    const capture = await onDisk.api('/api/pages', { token, body: { source_url: 'http://127.0.0.1:9/' } });
    expect(capture.status).toBe(507);

    const form = new FormData();
    form.append('file', new Blob(['<h1>hi</h1>']), 'index.html');
    const uploaded = await fetch(new URL('/api/pages', onDisk.url), { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(uploaded.status).toBe(507);

    const db = onDisk.app.db;
    expect(await db.collection('pages').countDocuments()).toBe(0);
    expect(await db.collection('page_versions').countDocuments()).toBe(0);
    expect(await db.collection('page_files.chunks').countDocuments()).toBe(0);
    expect(await db.collection('jobs').countDocuments()).toBe(0);
    // The rest of the API still answers.
    expect((await onDisk.api('/api/me', { token })).status).toBe(200);
    expect((await onDisk.api('/api/pages', { token })).status).toBe(200);
  });

  it('does not apply without the embedded engine on disk (nothing of it lands in DATA_DIR)', async () => {
    const token = await tokenFor(inMemory);
    expect((await inMemory.api('/api/pages', { token, body: { html: '<h1>hello</h1>' } })).status).toBe(201);
  });
});
