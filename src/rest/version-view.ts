// A page's version as the API answers it to the page's owner.
import type { Services } from '../services.ts';
import type { PageDoc } from '../pages/pages.ts';
import type { PageVersionDoc, StoredFile } from '../pages/file-store.ts';
import { entry, usageDocs, versionBytes } from '../pages/storage-quota.ts';
import { versionPreviewUrl } from '../serve/preview.ts';

const NO_CHANGES = { added: 0, removed: 0, changed: 0, added_paths: [], removed_paths: [], changed_paths: [] };

/** The versions as listed, their stored bytes read from the owner's usage document once. */
export async function versionViews(app: Services, page: PageDoc, versions: PageVersionDoc[]) {
  const projection = Object.fromEntries(versions.map((v) => [entry(v._id), 1]));
  const usage = versions.length ? await usageDocs(app.db).findOne({ _id: page.owner_id }, { projection }) : null;
  return versions.map((v) => versionView(page, v, usage?.versions?.[v._id] ?? 0));
}

function versionView(page: PageDoc, version: PageVersionDoc, storedBytes: number) {
  return {
    number: version.number ?? 0,
    live: page.current_version === version._id,
    created_at: (version.live_at ?? version.completed_at ?? version.started_at).toISOString(),
    origin: version.origin ?? { kind: 'unknown' as const },
    file_count: version.file_count ?? page.file_count,
    size: version.total_size ?? page.size,
    stored_bytes: storedBytes,
    changes: version.changes ?? NO_CHANGES,
  };
}

export async function versionDetailView(app: Services, page: PageDoc, version: PageVersionDoc, files: StoredFile[]) {
  return {
    ...versionView(page, version, await versionBytes(app.db, page.owner_id, version._id)),
    files: files.map((f) => ({ path: f.path, size: f.size, content_type: f.contentType, sha256: f.sha256 })),
    preview_url: versionPreviewUrl(app.keys.signing, app.config.publicUrl, page, version.number ?? 0),
  };
}
