// The storage sweep as Outpost runs it: at start, what an interrupted upload left (a version stuck in
// 'writing', its files and its quota reservation, chunks without a file) is removed while a fresh upload's
// version is kept; several instances on one database sweep one at a time (a lease); pages stored before
// quotas existed are counted.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Binary, MongoClient, ObjectId, type Db } from 'mongodb';
import { startEngine, type RunningEngine } from '../../src/engine/index.ts';
import { leaseHolder, takeLease } from '../../src/pages/lease.ts';
import { SWEEP_LEASE } from '../../src/pages/storage-sweeper.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';

const HOUR = 60 * 60_000;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function tokenFor(outpost: TestOutpost, email: string): Promise<{ token: string; userId: string }> {
  const session = await signupAndLogin(outpost, email);
  const token = (await outpost.api('/api/tokens', { token: session.token, body: { name: email } })).body.token as string;
  return { token, userId: session.user.id };
}

/** An ObjectId as one created `ago` ms before now would be (GridFS file ids date an upload's start). */
const idFrom = (ago: number) =>
  new ObjectId(
    Math.floor((Date.now() - ago) / 1000)
      .toString(16)
      .padStart(8, '0') + randomBytes(8).toString('hex'),
  );

/** Writes a version's file the way an upload does: its chunks, then its files document. */
async function writeFile(db: Db, pageId: string, versionId: string, fileId: ObjectId, bytes: Buffer, withFilesDoc = true): Promise<void> {
  const chunkSize = 255 * 1024;
  const chunks = [];
  for (let n = 0, at = 0; at < bytes.length; n++, at += chunkSize) chunks.push({ files_id: fileId, n, data: new Binary(bytes.subarray(at, at + chunkSize)) });
  await db.collection('page_files.chunks').insertMany(chunks);
  if (withFilesDoc) {
    await db.collection('page_files.files').insertOne({
      _id: fileId,
      length: bytes.length,
      chunkSize,
      uploadDate: new Date(),
      filename: 'index.html',
      metadata: { pageId, version: versionId, path: 'index.html', contentType: 'text/html; charset=utf-8', size: bytes.length, sha256: '' },
    });
  }
}

async function withEngine<T>(dataDir: string, run: (db: Db) => Promise<T>): Promise<T> {
  const engine = await startEngine({ dataDir });
  const client = new MongoClient(engine.uri);
  try {
    return await run(client.db('outpost'));
  } finally {
    await client.close();
    await engine.close();
  }
}

describe('the sweep at start', () => {
  it('removes what a killed upload left, keeps a fresh one, and repairs the quota', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-sweep-'));
    dirs.push(dataDir);
    const secret = 'a-secret-key-for-this-test-of-32-chars-or-more';
    const env = { DATA_DIR: dataDir, SECRET_KEY: secret };

    // A real page first.
    let outpost = await startTestOutpost(env, { persistent: true });
    const { token, userId } = await tokenFor(outpost, 'sweep@example.com');
    const page = (await outpost.api('/api/pages', { token, body: { html: '<h1>kept</h1>' } })).body;
    await outpost.stop();

    // What kill -9 during uploads leaves, written as the writer writes it.
    const stale = idFrom(2 * HOUR).toHexString();
    const fresh = new ObjectId().toHexString();
    const gone = idFrom(3 * HOUR).toHexString();
    const staleBytes = Buffer.alloc(600 * 1024, 1);
    const freshBytes = Buffer.alloc(1000, 2);
    await withEngine(dataDir, async (db) => {
      await db.collection('page_versions').insertMany([
        { _id: stale as never, page_id: page.id, owner_id: userId, state: 'writing', started_at: new Date(Date.now() - 2 * HOUR) },
        { _id: fresh as never, page_id: page.id, owner_id: userId, state: 'writing', started_at: new Date() },
      ]);
      await writeFile(db, page.id, stale, idFrom(2 * HOUR), staleBytes);
      await writeFile(db, page.id, fresh, new ObjectId(), freshBytes);
      // An upload killed before its files document: chunks only.
      await writeFile(db, page.id, stale, idFrom(2 * HOUR), Buffer.alloc(300 * 1024, 3), false);
      // Reservations: the stale and fresh uploads', and one whose version was deleted just before the kill.
      await db.collection('storage_usage').updateOne(
        { _id: userId as never },
        {
          $inc: {
            used_bytes: staleBytes.length + freshBytes.length + 5000,
            [`versions.${stale}`]: staleBytes.length,
            [`versions.${fresh}`]: freshBytes.length,
            [`versions.${gone}`]: 5000,
          },
        },
      );
    });
    const chunkBytes = async (db: Db) => (await db.collection('page_files.chunks').find().toArray()).reduce((n, c) => n + (c.data as Binary).length(), 0);
    const leftBefore = await withEngine(dataDir, chunkBytes);
    expect(leftBefore).toBeGreaterThan(900 * 1024);

    outpost = await startTestOutpost(env, { persistent: true });
    try {
      const report = await outpost.firstSweep;
      expect(report).toMatchObject({ versionsRemoved: 1, filesRemoved: 1, chunksRemoved: 5, usage: { released: 1, counted: 0 } });
      const db = outpost.app.db;
      expect(
        await db
          .collection('page_versions')
          .find({}, { projection: { _id: 1 } })
          .toArray(),
      ).toEqual(expect.arrayContaining([{ _id: fresh }]));
      expect(await db.collection('page_versions').countDocuments({ _id: stale as never })).toBe(0);
      expect(await db.collection('page_files.files').countDocuments({ 'metadata.version': stale })).toBe(0);
      expect(await chunkBytes(db)).toBe(freshBytes.length + Buffer.byteLength('<h1>kept</h1>'));
      const usage = await db.collection('storage_usage').findOne({ _id: userId as never });
      const live = (await db.collection('pages').findOne({ _id: page.id }))!.current_version as string;
      expect(usage!.versions).toEqual({ [live]: 13, [fresh]: freshBytes.length });
      expect(usage!.used_bytes).toBe(13 + freshBytes.length);
      expect((await outpost.api('/api/me', { token })).body.storage.used_bytes).toBe(13 + freshBytes.length);
      expect(await (await fetch(new URL(`/p/${page.id}/`, outpost.url))).text()).toBe('<h1>kept</h1>');
    } finally {
      await outpost.stop();
    }
  });
});

describe('the sweep lease', () => {
  it('is held by one instance at a time', async () => {
    const engine: RunningEngine = await startEngine({});
    const env = { MONGODB_URI: engine.uri };
    const [a, b] = await Promise.all([startTestOutpost(env), startTestOutpost(env)]);
    try {
      const first = await Promise.all([a.firstSweep, b.firstSweep]);
      expect(first.filter((r) => r !== null)).toHaveLength(1);
      const [holder, other] = first[0] !== null ? [a, b] : [b, a];
      expect(await leaseHolder(a.app.db, SWEEP_LEASE)).toBe(holder.sweeper.holder);

      // Later rounds: the holder renews, the other stays out.
      const again = await Promise.all([holder.sweeper.runOnce(), other.sweeper.runOnce()]);
      expect(again[0]).not.toBeNull();
      expect(again[1]).toBeNull();

      // A stopped holder gives the lease up; the other takes over.
      await holder.stop();
      expect(await other.sweeper.runOnce()).not.toBeNull();
      expect(await leaseHolder(other.app.db, SWEEP_LEASE)).toBe(other.sweeper.holder);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await engine.close();
    }
  });

  it('goes to exactly one of many racing takers, and to another once it expires', async () => {
    const engine = await startEngine({});
    const client = new MongoClient(engine.uri);
    try {
      const db = client.db('lease-race');
      const takers = Array.from({ length: 8 }, (_, i) => `instance-${i}`);
      const won = await Promise.all(takers.map((t) => takeLease(db, 'job', t, 60_000)));
      expect(won.filter(Boolean)).toHaveLength(1);
      const winner = takers[won.indexOf(true)];
      expect(await takeLease(db, 'job', 'latecomer', 60_000)).toBe(false);
      expect(await takeLease(db, 'job', winner, 60_000)).toBe(true);

      await db.collection('leases').updateOne({ _id: 'job' as never }, { $set: { expires_at: new Date(Date.now() - 1) } });
      expect(await takeLease(db, 'job', 'latecomer', 60_000)).toBe(true);
      expect(await takeLease(db, 'job', winner, 60_000)).toBe(false);
    } finally {
      await client.close();
      await engine.close();
    }
  });
});

describe('pages stored before quotas existed', () => {
  it('are counted by the sweep', async () => {
    const outpost = await startTestOutpost({ USER_QUOTA_MB: '1' });
    try {
      await outpost.firstSweep;
      const { token, userId } = await tokenFor(outpost, 'legacy@example.com');
      const html = `<p>${'x'.repeat(700 * 1024)}</p>`;
      expect((await outpost.api('/api/pages', { token, body: { html } })).status).toBe(201);
      // As an older Outpost stored it: no owner on the version, no usage document.
      const db = outpost.app.db;
      await db.collection('page_versions').updateMany({}, { $unset: { owner_id: '' } });
      await db.collection('storage_usage').deleteMany({});
      expect((await outpost.api('/api/me', { token })).body.storage.used_bytes).toBe(0);

      const report = await outpost.sweeper.runOnce();
      expect(report?.usage).toEqual({ released: 0, counted: 1 });
      expect((await outpost.api('/api/me', { token })).body.storage.used_bytes).toBe(Buffer.byteLength(html));
      expect((await outpost.api('/api/pages', { token, body: { html } })).status).toBe(413);
      expect(await db.collection('page_versions').countDocuments({ owner_id: userId })).toBe(1);
      // Counted once only.
      expect((await outpost.sweeper.runOnce())?.usage).toEqual({ released: 0, counted: 0 });
    } finally {
      await outpost.stop();
    }
  });
});
