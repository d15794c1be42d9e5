// TTL indexes: documents whose indexed date is older than expireAfterSeconds are removed.
import type { Store } from './store.ts';
import { keyValues } from './paths.ts';
import { toNumber, type Doc } from './values.ts';

export function ttlSweep(store: Store, now = Date.now()): number {
  let removed = 0;
  for (const collections of store.dbs.values()) {
    for (const coll of collections.values()) {
      for (const index of coll.secondaryIndexes) {
        const ttl = index.spec.expireAfterSeconds;
        if (ttl === undefined || index.fields.length !== 1) continue;
        const cutoff = now - toNumber(ttl) * 1000;
        const expired: Doc[] = [];
        for (const doc of coll.docs.values()) {
          // With an array of dates, the earliest one decides (as in mongod).
          const dates = keyValues(doc, index.fields[0]).filter((v): v is Date => v instanceof Date);
          if (dates.length && Math.min(...dates.map((d) => d.getTime())) <= cutoff) expired.push(doc);
        }
        for (const doc of expired) coll.remove(doc);
        removed += expired.length;
      }
    }
  }
  return removed;
}
