// Page files in GridFS (bucket `page_files`, 255 KiB chunks), one immutable set per version.
//
// Each files document carries metadata { pageId, version, path, sha256, contentType, size, blob? }; a file whose
// content the page already stores names that content's files document in `blob` instead of having chunks
// (shared-content.ts). `page_versions` records each version's state, number and origin; the page document's
// `current_version` (written by the pages module) says which version readers get. Replacing a site writes the
// new version completely, flips that pointer with a single-document update, then keeps the old version as
// history (version-history.ts), so a reader gets the old site or the new one and a crash at any point loses
// neither. Leftovers of failures are removed by sweepOrphans.
import type { Db } from 'mongodb';
import { fileDocs, chunkDocs, versionDocs, deleteFiles } from './file-versions.ts';
import { releaseVersion } from './storage-quota.ts';

export { contentTypeFor, DEFAULT_CONTENT_TYPE } from './content-types.ts';
export { normalizeFilePath, MAX_FILE_PATH_LENGTH, MAX_FILE_SEGMENT_LENGTH } from './file-path.ts';
export {
  CHUNK_SIZE_BYTES,
  FILES_BUCKET,
  PAGE_VERSIONS,
  PAGES,
  type FileMetadata,
  type PageFileDoc,
  type PageVersionDoc,
  type StoredFile,
  type VersionChanges,
  type VersionOrigin,
  type VersionState,
} from './file-versions.ts';
export { beginVersion, commitVersion, VersionDiscarded, VersionGone, VersionWriter, type CommitResult, type VersionOptions } from './file-writer.ts';
export { diffFileSets, findVersion, listVersions, versionFileSet } from './version-history.ts';
export { listFiles, openFile, RangeNotSatisfiable, resolveRange, type ByteRange, type OpenedFile } from './file-reader.ts';
export { sweepOrphans, type SweepResult } from './file-sweep.ts';

/** Every index the file store relies on; run once at start (idempotent). */
export async function ensureFileIndexes(db: Db): Promise<void> {
  await fileDocs(db).createIndex({ 'metadata.pageId': 1, 'metadata.version': 1, 'metadata.path': 1 }, { unique: true, name: 'page_version_path_unique' });
  // The indexes the GridFS spec expects (the driver would otherwise create them on first upload).
  await fileDocs(db).createIndex({ filename: 1, uploadDate: 1 }, { name: 'filename_1_uploadDate_1' });
  await chunkDocs(db).createIndex({ files_id: 1, n: 1 }, { unique: true, name: 'files_id_1_n_1' });
  await versionDocs(db).createIndex({ page_id: 1, state: 1 }, { name: 'page_id_state' });
  await versionDocs(db).createIndex({ state: 1 }, { name: 'state' });
  // Sharing content by SHA-256 within a page, and finding what shares a holder (shared-content.ts).
  await fileDocs(db).createIndex({ 'metadata.pageId': 1, 'metadata.sha256': 1 }, { name: 'page_sha256' });
  await fileDocs(db).createIndex({ 'metadata.blob': 1 }, { name: 'blob', sparse: true });
  // The history of a page, and each owner's oldest kept version (evicted first when over quota).
  await versionDocs(db).createIndex({ page_id: 1, number: 1 }, { name: 'page_number' });
  await versionDocs(db).createIndex({ owner_id: 1, state: 1, live_at: 1 }, { name: 'owner_state_live_at' });
}

/**
 * Removes every version and file of the page (for page deletion). Delete or unpoint the page document
 * first: if this is interrupted, the sweep removes the rest, whereas files deleted under a page that still
 * points at them would break it. Other pages are untouched.
 */
export async function deleteAllVersions(db: Db, pageId: string): Promise<void> {
  if (typeof pageId !== 'string' || pageId === '') return;
  // 'deleting' first: an upload still running for this page can no longer be committed.
  await versionDocs(db).updateMany({ page_id: pageId }, { $set: { state: 'deleting', deleting_at: new Date() } });
  const versions = await versionDocs(db)
    .find({ page_id: pageId }, { projection: { owner_id: 1 } })
    .toArray();
  await deleteFiles(db, { 'metadata.pageId': pageId });
  await versionDocs(db).deleteMany({ page_id: pageId, state: 'deleting' });
  for (const { _id, owner_id: owner } of versions) if (owner) await releaseVersion(db, owner, _id);
}
