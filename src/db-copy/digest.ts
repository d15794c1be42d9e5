// One side of the verification: a collection read once, in full, reduced to its document count and
// an order-independent digest (the sum of each document's SHA-256), and for a GridFS chunks collection the
// SHA-256 of every file recomputed from its chunks in order. Memory stays bounded by one cursor batch plus a
// small entry per GridFS file.
// Documents that a TTL index lets the server delete before `cutoff` are left out on both sides: either server
// may remove them at any moment, so they cannot be compared.
import { createHash, type Hash } from 'node:crypto';
import { EJSON, serialize, type Binary } from 'bson';
import type { Db, Document } from 'mongodb';
import { readBatchSize } from './copy.ts';

const DIGEST_MODULUS = 1n << 256n;

export interface TtlRule {
  path: string;
  seconds: number;
}

export interface CollectionDigest {
  docs: number;
  digest: bigint;
  /** Documents left out because they expire (by a TTL index) before the cutoff. */
  expiring: number;
}

export interface FileDigest {
  sha256: string;
  bytes: number;
  chunks: number;
  /** Whether the chunk numbers run 0, 1, 2… without a gap. */
  contiguous: boolean;
}

export interface DigestOptions {
  ttl: TtlRule[];
  cutoff: Date;
  /** A GridFS chunks collection: read by (files_id, n) and hash each file. */
  gridfsChunks?: boolean;
  /** Sees every document compared (such as a GridFS files collection's). */
  visit?: (doc: Document) => void;
  onBatch?: (docs: number, bytes: number) => void;
}

export async function digestCollection(db: Db, name: string, options: DigestOptions): Promise<CollectionDigest & { files?: Map<string, FileDigest> }> {
  const result: CollectionDigest = { docs: 0, digest: 0n, expiring: 0 };
  const hasher = options.gridfsChunks ? new FileHasher() : undefined;
  const cursor = db.collection(name).find({}, { batchSize: readBatchSize(name), ...(options.gridfsChunks ? { sort: { files_id: 1, n: 1 } } : {}) });
  let pendingDocs = 0;
  let pendingBytes = 0;
  for await (const doc of cursor) {
    if (expiresBefore(doc, options.ttl, options.cutoff)) {
      result.expiring++;
      continue;
    }
    // A server may move _id to the front of a document; nothing else is reordered.
    const { _id, ...rest } = doc;
    const bson = serialize({ _id, ...rest });
    result.digest = (result.digest + BigInt(`0x${createHash('sha256').update(bson).digest('hex')}`)) % DIGEST_MODULUS;
    result.docs++;
    hasher?.add(doc);
    options.visit?.(doc);
    pendingDocs++;
    pendingBytes += bson.length;
    if (pendingDocs >= 100 || pendingBytes >= 4 * 1024 * 1024) {
      options.onBatch?.(pendingDocs, pendingBytes);
      pendingDocs = pendingBytes = 0;
    }
  }
  options.onBatch?.(pendingDocs, pendingBytes);
  return { ...result, files: hasher?.finish() };
}

/** A stable text key for any BSON value (a GridFS file's _id is usually an ObjectId, but need not be). */
export function idKey(id: unknown): string {
  return EJSON.stringify(id, { relaxed: false });
}

/** The TTL rules of a collection's index specs: a single field and `expireAfterSeconds`. */
export function ttlRules(specs: Document[]): TtlRule[] {
  return specs.filter((s) => s.expireAfterSeconds !== undefined).map((s) => ({ path: Object.keys(s.key)[0], seconds: Number(s.expireAfterSeconds) }));
}

/** As the TTL monitor decides: the field's date (an array's earliest) plus the index's seconds. */
function expiresBefore(doc: Document, rules: TtlRule[], cutoff: Date): boolean {
  for (const rule of rules) {
    let value: unknown = doc;
    for (const part of rule.path.split('.')) value = value && typeof value === 'object' ? (value as Document)[part] : undefined;
    const dates = (Array.isArray(value) ? value : [value]).filter((v): v is Date => v instanceof Date);
    if (dates.length === 0) continue;
    const earliest = Math.min(...dates.map((d) => d.getTime()));
    if (earliest + rule.seconds * 1000 < cutoff.getTime()) return true;
  }
  return false;
}

/** Hashes each file's chunks as they arrive sorted by (files_id, n). */
class FileHasher {
  private readonly files = new Map<string, FileDigest>();
  private current: { key: string; hash: Hash; bytes: number; chunks: number; contiguous: boolean } | undefined;

  add(chunk: Document): void {
    const key = idKey(chunk.files_id);
    if (this.current?.key !== key) {
      this.close();
      this.current = { key, hash: createHash('sha256'), bytes: 0, chunks: 0, contiguous: true };
    }
    const file = this.current;
    if (Number(chunk.n) !== file.chunks) file.contiguous = false;
    const data = chunk.data as Binary | undefined;
    const bytes = data?.read(0, data.length()) ?? new Uint8Array();
    file.hash.update(bytes);
    file.bytes += bytes.length;
    file.chunks++;
  }

  finish(): Map<string, FileDigest> {
    this.close();
    return this.files;
  }

  private close(): void {
    if (!this.current) return;
    const { key, hash, bytes, chunks, contiguous } = this.current;
    this.files.set(key, { sha256: hash.digest('hex'), bytes, chunks, contiguous });
    this.current = undefined;
  }
}
