// Storage layout shared by the file store's writer, reader and sweep: the `page_files` GridFS bucket,
// the `page_versions` records, and removing one version in a crash-safe order.
//
// A version's life: 'writing' (files being added) → 'complete' (every file written; the page pointer is
// about to be flipped to it) → 'live' (the pointer was flipped to it) → 'kept' (replaced, kept as history)
// → 'deleting' (evicted, aborted or stale) → gone. Only the `pages` document's `current_version` decides
// what readers see. A removed version's record stays 'deleting' while a later version still shares its
// content (shared-content.ts).
import { GridFSBucket, type Binary, type Db, type Filter, type GridFSFile, type ObjectId } from 'mongodb';

export const FILES_BUCKET = 'page_files';
export const CHUNK_SIZE_BYTES = 255 * 1024;
export const PAGE_VERSIONS = 'page_versions';
/** The page documents (owned by the pages module): `{ _id: pageId, current_version: versionId | null, ... }`. */
export const PAGES = 'pages';

const DELETE_BATCH = 500;

export type VersionState = 'writing' | 'complete' | 'live' | 'kept' | 'deleting';

/** How a version was made. A watch run is a capture that carries its watch's id. */
export type VersionOrigin =
  | { kind: 'upload' }
  | { kind: 'inline' }
  | { kind: 'capture'; source_url: string; job_id?: string; watch_id?: string }
  | { kind: 'rollback'; from_version: number };

/** What changed from the version it replaced, by (path, sha256). */
export interface VersionChanges {
  added: number;
  removed: number;
  changed: number;
  /** Up to CHANGED_PATHS_SHOWN paths of each kind. */
  added_paths: string[];
  removed_paths: string[];
  changed_paths: string[];
}

export interface PageVersionDoc {
  /** The version id: a fresh ObjectId's hex string (unique across pages). */
  _id: string;
  page_id: string;
  /** The user whose storage quota counts this version (absent for versions stored before quotas). */
  owner_id?: string;
  state: VersionState;
  started_at: Date;
  completed_at?: Date;
  live_at?: Date;
  deleting_at?: Date;
  file_count?: number;
  /** Bytes of the version's files (shared ones included). */
  total_size?: number;
  /** 1, 2, 3… per page, given when the version goes live. */
  number?: number;
  kept_at?: Date;
  origin?: VersionOrigin;
  changes?: VersionChanges;
  default_file?: string;
  /** The page's root redirected to `default_file` while this version was live (PageDoc.root_redirects). */
  root_redirects?: boolean;
}

/** `metadata` of a `page_files.files` document. sha256/size are absent only while a large file is being written. */
export interface FileMetadata {
  pageId: string;
  version: string;
  path: string;
  contentType: string;
  sha256?: string;
  size?: number;
  /** Set on an alias: the files document whose chunks hold this file's bytes (shared-content.ts). */
  blob?: ObjectId;
  /** A holder being removed: not to be shared from now on. */
  dying?: boolean;
}

export type PageFileDoc = GridFSFile & { metadata: FileMetadata };

interface ChunkDoc {
  _id: ObjectId;
  files_id: ObjectId;
  n: number;
  data: Binary;
}

interface PageDoc {
  _id: string;
  current_version?: string | null;
  /** How many versions of the page went live: the last version number given. */
  versions_made?: number;
}

/** One stored file as callers see it. */
export interface StoredFile {
  /** NFC, relative, "/"-separated. */
  path: string;
  size: number;
  /** Hex SHA-256 of the content. */
  sha256: string;
  contentType: string;
  fileId: ObjectId;
}

export function filesBucket(db: Db): GridFSBucket {
  return new GridFSBucket(db, { bucketName: FILES_BUCKET, chunkSizeBytes: CHUNK_SIZE_BYTES });
}

export function fileDocs(db: Db) {
  return db.collection<PageFileDoc>(`${FILES_BUCKET}.files`);
}

export function chunkDocs(db: Db) {
  return db.collection<ChunkDoc>(`${FILES_BUCKET}.chunks`);
}

export function versionDocs(db: Db) {
  return db.collection<PageVersionDoc>(PAGE_VERSIONS);
}

export function pageDocs(db: Db) {
  return db.collection<PageDoc>(PAGES);
}

export function toStoredFile(doc: PageFileDoc): StoredFile {
  return {
    path: doc.metadata.path,
    size: doc.metadata.size ?? doc.length,
    sha256: doc.metadata.sha256 ?? '',
    contentType: doc.metadata.contentType,
    fileId: doc.metadata.blob ?? doc._id,
  };
}

/** The version the page currently points at, or null (no page, or no version yet). */
export async function currentVersionOf(db: Db, pageId: string): Promise<string | null> {
  const page = await pageDocs(db).findOne({ _id: pageId }, { projection: { current_version: 1 } });
  return page?.current_version ?? null;
}

/** The current version of each of these pages (pages without one are left out). */
export async function currentVersionsOf(db: Db, pageIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (pageIds.length === 0) return out;
  const pages = await pageDocs(db)
    .find({ _id: { $in: [...new Set(pageIds)] } }, { projection: { current_version: 1 } })
    .toArray();
  for (const page of pages) if (typeof page.current_version === 'string') out.set(page._id, page.current_version);
  return out;
}

/** Deletes the chunks of these files, in batches. Returns how many chunk documents went. */
export async function deleteChunksOf(db: Db, fileIds: readonly ObjectId[]): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < fileIds.length; i += DELETE_BATCH) {
    const batch = fileIds.slice(i, i + DELETE_BATCH);
    deleted += (await chunkDocs(db).deleteMany({ files_id: { $in: batch } })).deletedCount;
  }
  return deleted;
}

export interface Removed {
  files: number;
  chunks: number;
}

/**
 * Deletes files matching `filter` (files documents first, so readers stop finding them at once; then
 * their chunks). A crash in between leaves chunks without a files document, which the sweep removes.
 */
export async function deleteFiles(db: Db, filter: Filter<PageFileDoc>): Promise<Removed> {
  const ids = (
    await fileDocs(db)
      .find(filter, { projection: { _id: 1 } })
      .toArray()
  ).map((d) => d._id);
  if (ids.length === 0) return { files: 0, chunks: 0 };
  let files = 0;
  for (let i = 0; i < ids.length; i += DELETE_BATCH) {
    files += (await fileDocs(db).deleteMany({ _id: { $in: ids.slice(i, i + DELETE_BATCH) } })).deletedCount;
  }
  return { files, chunks: await deleteChunksOf(db, ids) };
}
