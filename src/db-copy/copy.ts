// Copies one database into another: each collection (created with its options), its documents streamed in
// bounded batches (at most one batch being read and one being written), then its indexes with the same keys
// and options (unique, TTL, partial…), built once the data is in, as mongorestore does. A GridFS bucket is two
// ordinary collections (`<bucket>.files`, `<bucket>.chunks`) and is copied as such, chunk by chunk.
import { calculateObjectSize } from 'bson';
import type { Db, Document } from 'mongodb';
import { CopyRefusal } from './endpoints.ts';
import type { Progress } from './progress.ts';

const BATCH_DOCS = 1000;
/** GridFS chunks are ~255 KB each: about 32 of them per insert. */
const BATCH_BYTES = 8 * 1024 * 1024;

/** Documents per server batch: a GridFS chunks batch stays near 8 MB instead of the server's 16 MB cap. */
export function readBatchSize(collection: string): number {
  return collection.endsWith('.chunks') ? 32 : BATCH_DOCS;
}

export interface CollectionInfo {
  name: string;
  options: Document;
}

/** The database's collections, `system.*` aside, by name. */
export async function listCollections(db: Db): Promise<CollectionInfo[]> {
  const infos = await db.listCollections({}, { nameOnly: false }).toArray();
  const out: CollectionInfo[] = [];
  for (const info of infos) {
    if (info.name.startsWith('system.')) continue;
    if ((info.type ?? 'collection') !== 'collection') {
      throw new CopyRefusal(`${db.databaseName}.${info.name} is a ${info.type}, which db:copy does not copy; recreate it on the target yourself`);
    }
    out.push({ name: info.name, options: info.options ?? {} });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The secondary indexes of a collection as createIndexes takes them (without the server's `v` and `ns`). */
export async function indexSpecs(db: Db, collection: string): Promise<Document[]> {
  const specs = await db.collection(collection).listIndexes().toArray();
  return specs.filter((s) => s.name !== '_id_').map(({ v: _v, ns: _ns, ...spec }) => spec);
}

export async function copyCollection(source: Db, target: Db, info: CollectionInfo, progress: Progress): Promise<{ docs: number; bytes: number }> {
  const { name } = info;
  progress.begin(name, await source.collection(name).estimatedDocumentCount());
  await target.command({ create: name, ...info.options });

  let batch: Document[] = [];
  let bytes = 0;
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const docs = batch;
    const size = bytes;
    batch = [];
    bytes = 0;
    await writing;
    writing = target
      .collection(name)
      .insertMany(docs, { ordered: true })
      .then(() => progress.advance(docs.length, size));
    // Awaited at the next flush; marked handled now so a failure is not reported twice.
    writing.catch(() => undefined);
  };

  for await (const doc of source.collection(name).find({}, { batchSize: readBatchSize(name) })) {
    batch.push(doc);
    bytes += calculateObjectSize(doc);
    if (batch.length >= BATCH_DOCS || bytes >= BATCH_BYTES) await flush();
  }
  if (batch.length) await flush();
  await writing;

  const indexes = await indexSpecs(source, name);
  if (indexes.length) await target.command({ createIndexes: name, indexes });
  return progress.end(indexes.length ? `, ${indexes.length} index${indexes.length > 1 ? 'es' : ''}` : '');
}
