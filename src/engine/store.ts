// The catalog: databases → collections, with every change journaled when a data directory is used.
import { calculateObjectSize } from 'bson';
import { Collection } from './collection.ts';
import { fail, ErrorCodes } from './errors.ts';
import { Journal, type JournalOp } from './journal.ts';
import type { Doc } from './values.ts';

const SNAPSHOT_BATCH_BYTES = 4 * 1024 * 1024;

export class Store {
  readonly dbs = new Map<string, Map<string, Collection>>();
  private pending: JournalOp[] = [];
  private journal: Journal | undefined;
  /** Bytes of journaled documents that later records overwrote or deleted. */
  private garbageBytes = 0;
  private readonly record = (op: JournalOp, superseded?: Doc) => {
    if (!this.journal) return;
    this.pending.push(op);
    if (superseded) this.garbageBytes += calculateObjectSize(superseded);
  };

  /** An in-memory store, or one persisted in `dataDir`. */
  static open(dataDir?: string, compactionBytes?: number): Store {
    const store = new Store();
    if (dataDir) {
      const { journal, records } = Journal.open(dataDir, compactionBytes);
      for (const ops of records) for (const op of ops) store.apply(op);
      store.journal = journal;
      if (journal.wantsCompaction(store.garbageBytes)) {
        journal.compact(store.snapshot());
        store.garbageBytes = 0;
      }
    }
    return store;
  }

  collection(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  /** The collection, created (implicitly, as inserts and index builds do) when missing. */
  ensureCollection(db: string, name: string): Collection {
    const existing = this.collection(db, name);
    if (existing) return existing;
    validateNamespace(db, name);
    this.record({ t: 'createCollection', ns: `${db}.${name}` });
    return this.createCollection(db, name);
  }

  dropCollection(db: string, name: string): Collection | undefined {
    const coll = this.collection(db, name);
    if (!coll) return undefined;
    this.record({ t: 'dropCollection', ns: coll.ns });
    this.garbageBytes += collectionBytes(coll);
    this.removeCollection(db, name);
    return coll;
  }

  dropDatabase(db: string): void {
    const collections = this.dbs.get(db);
    if (!collections) return;
    this.record({ t: 'dropDatabase', db });
    for (const coll of collections.values()) this.garbageBytes += collectionBytes(coll);
    this.dbs.delete(db);
  }

  /** Writes the changes of the command that just ran; called before its reply is sent. */
  flush(): void {
    if (!this.journal || this.pending.length === 0) return;
    const ops = this.pending;
    this.pending = [];
    this.journal.append(ops);
    if (this.journal.wantsCompaction(this.garbageBytes)) {
      this.journal.compact(this.snapshot());
      this.garbageBytes = 0;
    }
  }

  close(): void {
    this.flush();
    this.journal?.close();
    this.journal = undefined;
  }

  private *snapshot(): Iterable<JournalOp[]> {
    for (const collections of this.dbs.values()) {
      for (const coll of collections.values()) {
        yield [
          { t: 'createCollection', ns: coll.ns },
          ...coll.secondaryIndexes.map((index): JournalOp => ({ t: 'createIndex', ns: coll.ns, spec: index.spec })),
        ];
        let batch: JournalOp[] = [];
        let bytes = 0;
        for (const doc of coll.docs.values()) {
          batch.push({ t: 'put', ns: coll.ns, d: doc });
          bytes += approximateSize(doc);
          if (bytes >= SNAPSHOT_BATCH_BYTES) {
            yield batch;
            batch = [];
            bytes = 0;
          }
        }
        yield batch;
      }
    }
  }

  private countGarbage(superseded: Doc | undefined): void {
    if (superseded) this.garbageBytes += calculateObjectSize(superseded);
  }

  private createCollection(db: string, name: string): Collection {
    let collections = this.dbs.get(db);
    if (!collections) this.dbs.set(db, (collections = new Map()));
    const coll = new Collection(db, name, this.record);
    collections.set(name, coll);
    return coll;
  }

  private removeCollection(db: string, name: string): void {
    const collections = this.dbs.get(db);
    collections?.delete(name);
    if (collections?.size === 0) this.dbs.delete(db);
  }

  /** Replays one journaled change. */
  private apply(op: JournalOp): void {
    if (op.t === 'dropDatabase') {
      for (const coll of this.dbs.get(op.db)?.values() ?? []) this.garbageBytes += collectionBytes(coll);
      this.dbs.delete(op.db);
      return;
    }
    const dot = op.ns.indexOf('.');
    const db = op.ns.slice(0, dot),
      name = op.ns.slice(dot + 1);
    const coll = () => this.collection(db, name) ?? this.createCollection(db, name);
    switch (op.t) {
      case 'createCollection':
        coll();
        break;
      case 'dropCollection': {
        const dropped = this.collection(db, name);
        if (dropped) this.garbageBytes += collectionBytes(dropped);
        this.removeCollection(db, name);
        break;
      }
      case 'put':
        this.countGarbage(coll().restore(op.d));
        break;
      case 'del':
        this.countGarbage(coll().restoreDelete(op.id));
        break;
      case 'createIndex':
        coll().addIndex(op.spec, false);
        break;
      case 'dropIndex':
        coll().dropIndex(op.name, false);
        break;
    }
  }
}

function collectionBytes(coll: Collection): number {
  let bytes = 0;
  for (const doc of coll.docs.values()) bytes += calculateObjectSize(doc);
  return bytes;
}

function approximateSize(doc: unknown): number {
  // Binary payloads dominate GridFS chunks; everything else is small.
  let size = 64;
  for (const v of Object.values(doc as object)) if ((v as any)?._bsontype === 'Binary') size += (v as any).position;
  return size;
}

export function validateNamespace(db: string, name: string): void {
  if (!db || /[/\\. "$\0]/.test(db) || db.length > 63) fail(ErrorCodes.InvalidNamespace, `Invalid database name: '${db}'`);
  if (!name || name.includes('\0') || name.startsWith('.') || name.endsWith('.') || name.includes('$')) {
    fail(ErrorCodes.InvalidNamespace, `Invalid collection name: '${name}'`);
  }
}
