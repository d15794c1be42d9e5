// The cache of shown used bytes over a real usage document: a figure is kept until its TTL on an injected
// clock (another instance's change shows after it), the least recently read user goes first past the
// cap, a read that a change overtakes does not store the old figure, concurrent misses share one read, and the
// TTL is counted from before the read.
import { describe, expect, it } from 'vitest';
import type { Db } from 'mongodb';
import { ensureUsageDoc, usageDocs, usedBytes } from '../../src/pages/storage-quota.ts';
import { UsedBytesCache } from '../../src/pages/used-bytes-cache.ts';
import { useFreshDatabases } from '../support/fresh-db.ts';

const dbs = useFreshDatabases('used_bytes_cache_', async () => {});

/** A write to the usage document that this cache does not hear of, as another instance's would be. */
const elsewhere = (db: Db, userId: string, bytes: number) => usageDocs(db).updateOne({ _id: userId }, { $inc: { used_bytes: bytes } });

/** The cache's loader over the real document, counting its reads. */
function reader(db: Db) {
  const reads: string[] = [];
  return { reads, load: (userId: string) => () => (reads.push(userId), usedBytes(db, userId)) };
}

describe('UsedBytesCache', () => {
  it('keeps a figure until its TTL on its clock, then reads again', async () => {
    const db = await dbs.fresh();
    await ensureUsageDoc(db, 'u1');
    let now = 5_000;
    const cache = new UsedBytesCache({ ttlMs: 1000, now: () => now });
    const { reads, load } = reader(db);

    expect(await cache.get('u1', load('u1'))).toBe(0);
    await elsewhere(db, 'u1', 300);
    now += 999;
    expect(await cache.get('u1', load('u1'))).toBe(0);
    now += 1;
    expect(await cache.get('u1', load('u1'))).toBe(300);
    expect(reads).toEqual(['u1', 'u1']);
  });

  it('forgets a user at once when this instance changes their usage', async () => {
    const db = await dbs.fresh();
    await ensureUsageDoc(db, 'u1');
    const cache = new UsedBytesCache({ now: () => 0 });
    const { load } = reader(db);
    expect(await cache.get('u1', load('u1'))).toBe(0);
    await elsewhere(db, 'u1', 40);
    cache.forget('u1');
    expect(await cache.get('u1', load('u1'))).toBe(40);
  });

  it('holds at most maxEntries users, dropping the least recently read', async () => {
    const db = await dbs.fresh();
    const cache = new UsedBytesCache({ maxEntries: 2, now: () => 0 });
    const { reads, load } = reader(db);
    await cache.get('a', load('a'));
    await cache.get('b', load('b'));
    await cache.get('a', load('a')); // now b is the oldest
    await cache.get('c', load('c'));
    expect(cache.size).toBe(2);
    await cache.get('a', load('a'));
    await cache.get('c', load('c'));
    expect(reads).toEqual(['a', 'b', 'c']);
    await cache.get('b', load('b'));
    expect(reads).toEqual(['a', 'b', 'c', 'b']);
    expect(cache.size).toBe(2);
  });

  it('does not keep what a read saw when a change was forgotten while it ran', async () => {
    const db = await dbs.fresh();
    await ensureUsageDoc(db, 'u1');
    const cache = new UsedBytesCache({ now: () => 0 });
    const { reads, load } = reader(db);
    const stale = cache.get('u1', async () => {
      const bytes = await load('u1')();
      await elsewhere(db, 'u1', 10);
      cache.forget('u1');
      return bytes;
    });
    expect(await stale).toBe(0);
    expect(await cache.get('u1', load('u1'))).toBe(10);
    expect(reads).toEqual(['u1', 'u1']);
  });

  it('shares one read among concurrent misses, and another user being forgotten does not drop it', async () => {
    const db = await dbs.fresh();
    await ensureUsageDoc(db, 'u1');
    const cache = new UsedBytesCache({ now: () => 0 });
    const { reads, load } = reader(db);
    const both = [cache.get('u1', load('u1')), cache.get('u1', load('u1'))];
    cache.forget('u2');
    expect(await Promise.all(both)).toEqual([0, 0]);
    expect(await cache.get('u1', load('u1'))).toBe(0);
    expect(reads).toEqual(['u1']);
  });

  it('counts the TTL from before the read', async () => {
    const db = await dbs.fresh();
    await ensureUsageDoc(db, 'u1');
    let now = 1_000;
    const cache = new UsedBytesCache({ ttlMs: 1000, now: () => now });
    const { reads, load } = reader(db);
    await cache.get('u1', async () => {
      const bytes = await load('u1')();
      now += 600; // a slow read
      return bytes;
    });
    now += 400;
    await cache.get('u1', load('u1'));
    expect(reads).toEqual(['u1', 'u1']);
  });
});
