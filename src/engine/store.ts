// The catalog: databases → collections, with every change journaled when a data directory is used.
// Large Binary values (GridFS chunks) are moved to blob segments when their command's changes are
// journaled, so memory and the journal hold only metadata and references.
import { calculateObjectSize, type Binary } from 'bson';
import { deadBytes, relocateLiveBlobs } from './blob-compaction.ts';
import { journalForm, refsIn, restoreRefs, spillBlobs, type SpillRules } from './blob-spill.ts';
import { BlobRef, BlobStore } from './blobs.ts';
import { Collection } from './collection.ts';
import { fail, ErrorCodes } from './errors.ts';
import { Journal, type JournalOp } from './journal.ts';
import type { Doc } from './values.ts';

const SNAPSHOT_BATCH_BYTES = 4 * 1024 * 1024;

/** What one flush wrote: the documents stored, and the Binary values moved to blob segments out of them. */
export interface Flushed {
  stored: readonly Doc[];
  spilled: ReadonlyMap<Binary, BlobRef>;
}
const NOTHING_FLUSHED: Flushed = { stored: [], spilled: new Map() };
/** Binary values of at least this many bytes are kept in blob segments rather than in memory. */
const DEFAULT_BLOB_THRESHOLD_BYTES = 16 * 1024;
/** Deleted blob bytes that trigger rewriting the segments holding them. */
const DEFAULT_BLOB_COMPACTION_BYTES = 128 * 1024 * 1024;

export interface StoreOptions {
  /** Superseded journal bytes that trigger a compaction. */
  compactionBytes?: number;
  blobThresholdBytes?: number;
  blobCompactionBytes?: number;
}

export class Store {
  readonly dbs = new Map<string, Map<string, Collection>>();
  private pending: JournalOp[] = [];
  private journal: Journal | undefined;
  /** Where large Binary values go; undefined in memory. */
  blobs: BlobStore | undefined;
  private blobThreshold = DEFAULT_BLOB_THRESHOLD_BYTES;
  /** Bytes of journaled documents (their metadata) that later records overwrote or deleted. */
  private garbageBytes = 0;
  /** Bytes of blobs no document refers to any more (an estimate between compactions). */
  deadBlobBytes = 0;
  /** Dead bytes a blob compaction could not reclaim (in segments still mostly live). */
  private deadBlobFloor = 0;
  private blobCompactionBytes = DEFAULT_BLOB_COMPACTION_BYTES;
  /** Documents outside the collections whose blobs must stay readable (those open cursors will still return). */
  heldByReaders: () => Iterable<Doc> = () => [];
  private readonly record = (op: JournalOp, superseded?: Doc) => {
    if (!this.journal) return;
    this.pending.push(op);
    if (superseded) this.supersede(superseded, op.t === 'put' ? op.d : undefined);
  };

  /** An in-memory store, or one persisted in `dataDir`. */
  static open(dataDir?: string, options: StoreOptions = {}): Store {
    const store = new Store();
    if (dataDir) {
      const { journal, records } = Journal.open(dataDir, options.compactionBytes);
      store.blobs = BlobStore.open(dataDir);
      store.blobThreshold = options.blobThresholdBytes ?? DEFAULT_BLOB_THRESHOLD_BYTES;
      store.blobCompactionBytes = options.blobCompactionBytes ?? DEFAULT_BLOB_COMPACTION_BYTES;
      let spilled = 0;
      for (const ops of records) for (const op of ops) spilled += store.apply(op);
      store.journal = journal;
      // A journal from before blob segments (or a lower threshold) held blobs inline: rewrite it with refs.
      if (spilled > 0 || journal.wantsCompaction(store.garbageBytes)) store.compact();
      store.deadBlobBytes = deadBytes(store.blobs, store.allDocs());
      if (store.deadBlobBytes > store.blobCompactionBytes) store.compactBlobs();
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
    this.dropped(coll);
    this.removeCollection(db, name);
    return coll;
  }

  dropDatabase(db: string): void {
    const collections = this.dbs.get(db);
    if (!collections) return;
    this.record({ t: 'dropDatabase', db });
    for (const coll of collections.values()) this.dropped(coll);
    this.dbs.delete(db);
  }

  /**
   * Writes the changes of the command that just ran; called before its reply is sent. Returns the documents it
   * stored and the Binary values it moved to blob segments (the documents hold BlobRefs in their place).
   */
  flush(): Flushed {
    if (!this.journal || this.pending.length === 0) return NOTHING_FLUSHED;
    const ops = this.pending;
    this.pending = [];
    const written = new Map<Binary, BlobRef>();
    for (const op of ops) if (op.t === 'put') spillBlobs(op.d, this.blobs!, this.spillRules(op.ns), written);
    this.journal.append(ops.map((op) => (op.t === 'put' ? { t: 'put', ns: op.ns, ...journalForm(op.d) } : op)));
    if (this.journal.wantsCompaction(this.garbageBytes)) this.compact();
    if (this.deadBlobBytes - this.deadBlobFloor > this.blobCompactionBytes) this.compactBlobs();
    return { stored: ops.flatMap((op) => (op.t === 'put' ? [op.d] : [])), spilled: written };
  }

  close(): void {
    this.flush();
    this.journal?.close();
    this.journal = undefined;
    this.blobs?.close();
    this.blobs = undefined;
  }

  /** Rewrites the journal as a snapshot of the current state (blobs stay where they are). */
  compact(): void {
    // The rewritten journal refers to blobs whose writes may still be in the page cache only.
    this.blobs?.sync();
    this.journal!.compact(this.snapshot());
    this.garbageBytes = 0;
  }

  /** Rewrites mostly-dead blob segments: live blobs copied, the journal rewritten, then the old segments deleted. */
  compactBlobs(): void {
    const blobs = this.blobs!;
    const victims = relocateLiveBlobs(blobs, this.readableDocs());
    // Nothing to move (dead bytes spread over mostly-live segments): no rewrite until more dies.
    if (victims.length === 0) {
      this.deadBlobFloor = this.deadBlobBytes;
      return;
    }
    this.compact();
    for (const seg of victims) blobs.remove(seg);
    this.deadBlobBytes = this.deadBlobFloor = deadBytes(blobs, this.allDocs());
  }

  private *readableDocs(): Iterable<Doc> {
    yield* this.allDocs();
    yield* this.heldByReaders();
  }

  private *allDocs(): Iterable<Doc> {
    for (const collections of this.dbs.values()) for (const coll of collections.values()) yield* coll.docs.values();
  }

  private spillRules(ns: string): SpillRules {
    const dot = ns.indexOf('.');
    const coll = this.collection(ns.slice(0, dot), ns.slice(dot + 1));
    return { threshold: this.blobThreshold, indexed: coll ? coll.secondaryIndexes.flatMap((index) => index.fields) : [] };
  }

  /** Accounts for `before` being overwritten by `after` (same _id) or deleted. */
  private supersede(before: Doc, after?: Doc): void {
    const refs = refsIn(before);
    let blobBytes = 0;
    const kept = after && refs.length ? new Set(refsIn(after)) : undefined;
    for (const ref of refs) {
      blobBytes += ref.position;
      if (!kept?.has(ref)) this.deadBlobBytes += ref.position;
    }
    this.garbageBytes += calculateObjectSize(before) - blobBytes;
  }

  private dropped(coll: Collection): void {
    for (const doc of coll.docs.values()) this.supersede(doc);
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
          batch.push({ t: 'put', ns: coll.ns, ...journalForm(doc) });
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

  /** Replays one journaled change; returns how many inline blobs it moved to segments. */
  private apply(op: JournalOp): number {
    if (op.t === 'dropDatabase') {
      for (const coll of this.dbs.get(op.db)?.values() ?? []) this.dropped(coll);
      this.dbs.delete(op.db);
      return 0;
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
        if (dropped) this.dropped(dropped);
        this.removeCollection(db, name);
        break;
      }
      case 'put': {
        if (op.b) restoreRefs(op.d, op.b, this.blobs!);
        // Spilled before it is stored, so a legacy journal's blobs never pile up in memory.
        const spilled = spillBlobs(op.d, this.blobs!, this.spillRules(op.ns), new Map());
        const before = coll().restore(op.d);
        if (before) this.supersede(before, op.d);
        return spilled;
      }
      case 'del': {
        const before = coll().restoreDelete(op.id);
        if (before) this.supersede(before);
        break;
      }
      case 'createIndex':
        coll().addIndex(op.spec, false);
        break;
      case 'dropIndex':
        coll().dropIndex(op.name, false);
        break;
    }
    return 0;
  }
}

function approximateSize(doc: unknown): number {
  // Inline Binary payloads dominate; a blob is a reference in the journal.
  let size = 64;
  for (const v of Object.values(doc as object)) if ((v as any)?._bsontype === 'Binary') size += v instanceof BlobRef ? 32 : (v as any).position;
  return size;
}

export function validateNamespace(db: string, name: string): void {
  if (!db || /[/\\. "$\0]/.test(db) || db.length > 63) fail(ErrorCodes.InvalidNamespace, `Invalid database name: '${db}'`);
  if (!name || name.includes('\0') || name.startsWith('.') || name.endsWith('.') || name.includes('$')) {
    fail(ErrorCodes.InvalidNamespace, `Invalid collection name: '${name}'`);
  }
}
