// A page's version history at the store level: numbering (pages stored before versions were numbered
// included), what changed between two file sets, and how many versions are kept.
import { describe, expect, it } from 'vitest';
import type { Db } from 'mongodb';
import { useFreshDatabases } from '../support/fresh-db.ts';
import { beginVersion, commitVersion, diffFileSets, ensureFileIndexes, listVersions, type PageVersionDoc } from '../../src/pages/file-store.ts';

const databases = useFreshDatabases('history_t', ensureFileIndexes);
const pages = (db: Db) => db.collection<{ _id: string; current_version: string | null; versions_made?: number }>('pages');
const versions = (db: Db) => db.collection<PageVersionDoc>('page_versions');

async function publish(db: Db, pageId: string, content: string, keep = 10): Promise<string> {
  const writer = await beginVersion(db, pageId, { keep, origin: { kind: 'inline' } });
  await writer.addBuffers([{ path: 'index.html', content: Buffer.from(content) }]);
  const result = await commitVersion(db, pageId, writer, async (v) => {
    await pages(db).updateOne({ _id: pageId }, { $set: { current_version: v } }, { upsert: true });
    return true;
  });
  expect(result.committed).toBe(true);
  return writer.versionId;
}

describe('version history', () => {
  it('numbers the versions of a page stored before numbering when the next one goes live', async () => {
    const db = await databases.fresh();
    const old = await publish(db, 'pg', 'old');
    // As stored before: no number, and no count on the page.
    await versions(db).updateOne({ _id: old }, { $unset: { number: '' } });
    await pages(db).updateOne({ _id: 'pg' }, { $unset: { versions_made: '' } });
    const next = await publish(db, 'pg', 'next');
    expect((await listVersions(db, 'pg')).map((v) => [v._id, v.number, v.state])).toEqual([
      [next, 2, 'live'],
      [old, 1, 'kept'],
    ]);
  });

  it('keeps `keep` versions in all, the live one included', async () => {
    const db = await databases.fresh();
    for (let n = 1; n <= 5; n++) await publish(db, 'pg', `v${n}`, 3);
    expect((await listVersions(db, 'pg')).map((v) => v.number)).toEqual([5, 4, 3]);
    expect(await versions(db).countDocuments({})).toBe(3);
  });

  it('tells files added, removed and changed by path and SHA-256', () => {
    const before = new Map([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ]);
    const after = new Map([
      ['a', '1'],
      ['b', '9'],
      ['d', '4'],
    ]);
    expect(diffFileSets(before, after)).toEqual({ added: 1, removed: 1, changed: 1, added_paths: ['d'], removed_paths: ['c'], changed_paths: ['b'] });
  });
});
