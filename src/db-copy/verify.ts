// The verification pass: every collection of the source is read again on both sides and compared (document
// count and content digest, indexes), every GridFS file's SHA-256 is recomputed from its chunks on both
// sides and compared, and collections only the target has are reported. Returns what differs, in words.
import { EJSON } from 'bson';
import type { Db, Document } from 'mongodb';
import { indexSpecs, listCollections } from './copy.ts';
import { digestCollection, idKey, ttlRules, type FileDigest } from './digest.ts';
import { megabytes, type Progress } from './progress.ts';

/** Documents a TTL index lets the server delete within this margin are not compared. */
const TTL_MARGIN_MS = 60 * 60 * 1000;
const LISTED_FILES = 10;
/** The SHA-256 of no bytes: a file without chunks. */
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface VerifyReport {
  problems: string[];
  notes: string[];
  collections: number;
  docs: number;
  files: number;
  fileBytes: number;
}

interface GridFile {
  label: string;
  length: number;
}

export async function verifyCopy(source: Db, target: Db, progress: Progress): Promise<VerifyReport> {
  const report: VerifyReport = { problems: [], notes: [], collections: 0, docs: 0, files: 0, fileBytes: 0 };
  const cutoff = new Date(Date.now() + TTL_MARGIN_MS);
  const sourceNames = (await listCollections(source)).map((c) => c.name);
  const targetNames = new Set((await listCollections(target)).map((c) => c.name));
  const extra = [...targetNames].filter((n) => !sourceNames.includes(n));
  if (extra.length) report.problems.push(`the target has collections the source has not: ${extra.join(', ')}`);

  // Compared once all collections are read: a bucket's chunks sort before its files.
  const buckets = new Map<string, { files: Map<string, GridFile>; source?: Map<string, FileDigest>; target?: Map<string, FileDigest> }>();
  const bucketOf = (name: string) => {
    let entry = buckets.get(name);
    if (!entry) buckets.set(name, (entry = { files: new Map() }));
    return entry;
  };
  for (const name of sourceNames) {
    if (!targetNames.has(name)) {
      report.problems.push(`${name}: missing on the target`);
      continue;
    }
    const specs = await indexSpecs(source, name);
    compareIndexes(name, specs, await indexSpecs(target, name), report.problems);
    const bucket = /^(.+)\.(files|chunks)$/.exec(name);
    const isChunks = Boolean(bucket && bucket[2] === 'chunks' && sourceNames.includes(`${bucket[1]}.files`));
    const isFiles = Boolean(bucket && bucket[2] === 'files' && sourceNames.includes(`${bucket[1]}.chunks`));
    const files = isFiles ? bucketOf(bucket![1]).files : undefined;
    const options = { ttl: ttlRules(specs), cutoff, gridfsChunks: isChunks };

    progress.begin(`verify ${name}`, await source.collection(name).estimatedDocumentCount());
    const [from, to] = await Promise.all([
      digestCollection(source, name, {
        ...options,
        onBatch: (docs, bytes) => progress.advance(docs, bytes),
        // A page file shared with another version (metadata.blob) has no chunks of its own.
        visit: files ? (doc) => files.set(idKey(doc._id), { label: fileLabel(doc), length: doc.metadata?.blob ? 0 : Number(doc.length) }) : undefined,
      }),
      digestCollection(target, name, options),
    ]);
    const left = from.expiring || to.expiring ? ` (not compared: ${from.expiring}/${to.expiring} documents a TTL index expires within the hour)` : '';
    progress.end(left);
    report.collections++;
    report.docs += from.docs;
    if (from.docs !== to.docs) report.problems.push(`${name}: ${from.docs} documents on the source, ${to.docs} on the target${left}`);
    else if (from.digest !== to.digest) report.problems.push(`${name}: the same ${from.docs} documents by count, but their contents differ`);
    if (isChunks) Object.assign(bucketOf(bucket![1]), { source: from.files, target: to.files });
  }
  for (const [name, { files, source, target }] of buckets) compareFiles(name, files, source ?? new Map(), target ?? new Map(), report);
  return report;
}

function compareIndexes(collection: string, source: Document[], target: Document[], problems: string[]): void {
  const targetByName = new Map(target.map((s) => [s.name as string, normalizeIndex(s)]));
  for (const spec of source) {
    const found = targetByName.get(spec.name);
    if (found === undefined) problems.push(`${collection}: index ${spec.name} is missing on the target`);
    else if (found !== normalizeIndex(spec))
      problems.push(`${collection}: index ${spec.name} differs: ${normalizeIndex(spec)} on the source, ${found} on the target`);
    targetByName.delete(spec.name);
  }
  for (const name of targetByName.keys()) problems.push(`${collection}: index ${name} exists only on the target`);
}

/** An index spec as comparable text: servers differ in number types, option order and `false` defaults. */
function normalizeIndex(spec: Document): string {
  const { name, key, ...options } = spec;
  const kept = Object.keys(options)
    .filter((o) => o !== 'background' && options[o] !== false)
    .sort()
    .map((o) => [o, options[o]]);
  return EJSON.stringify({ name, key, ...Object.fromEntries(kept) }, { relaxed: true });
}

/** Files whose content (from the chunks) differs between the sides; source files whose chunks do not add up. */
function compareFiles(
  bucket: string,
  files: Map<string, GridFile>,
  source: Map<string, FileDigest>,
  target: Map<string, FileDigest>,
  report: VerifyReport,
): void {
  const differing: string[] = [];
  const damaged: string[] = [];
  const empty: FileDigest = { sha256: EMPTY_SHA256, bytes: 0, chunks: 0, contiguous: true };
  for (const key of new Set([...files.keys(), ...source.keys(), ...target.keys()])) {
    const file = files.get(key);
    const from = source.get(key) ?? empty;
    const to = target.get(key) ?? empty;
    const label = file?.label ?? `chunks of ${key} (no file document)`;
    if (from.sha256 !== to.sha256 || from.bytes !== to.bytes) {
      differing.push(
        `${label}: ${from.bytes} bytes sha256 ${from.sha256.slice(0, 12)}… on the source, ${to.bytes} bytes sha256 ${to.sha256.slice(0, 12)}… on the target`,
      );
    } else if (file && (from.bytes !== file.length || !from.contiguous)) {
      damaged.push(`${label} (length ${file.length}, ${from.bytes} bytes in ${from.chunks} chunks)`);
    }
    if (file) {
      report.files++;
      report.fileBytes += from.bytes;
    }
  }
  if (differing.length) report.problems.push(`GridFS bucket ${bucket}: ${differing.length} file(s) differ: ${listed(differing)}`);
  if (damaged.length) {
    report.notes.push(
      `GridFS bucket ${bucket}: ${damaged.length} file(s) were already incomplete on the source and were copied as they are: ${listed(damaged)}`,
    );
  }
  report.notes.push(`GridFS bucket ${bucket}: ${files.size} files, ${megabytes([...source.values()].reduce((n, f) => n + f.bytes, 0))} compared by SHA-256`);
}

function fileLabel(doc: Document): string {
  return `${typeof doc.filename === 'string' ? JSON.stringify(doc.filename) : 'a file'} (${idKey(doc._id)})`;
}

function listed(items: string[]): string {
  const shown = items.slice(0, LISTED_FILES).join('; ');
  return items.length > LISTED_FILES ? `${shown}; and ${items.length - LISTED_FILES} more` : shown;
}
