// A page's versions, newest first: how and when each was made, its size and what changed; its files and a
// read-only link on demand; and rolling back to one (a new version equal to it) after a confirmation.
import { useEffect, useState } from 'preact/hooks';
import { api, call, isApiError, type Schemas } from '../api.ts';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { FormError } from '../components/form.tsx';
import { announce } from '../components/status.tsx';
import { formatBytes, formatDateTime, formatRelative, plural } from '../format.ts';
import { PageNotFound } from '../components/page-not-found.tsx';
import { pathTo } from '../router.ts';
import type { Page } from '../publishing.ts';
import '../styles/account.css';
import '../styles/versions.css';

type Version = Schemas['PageVersion'];
type VersionDetail = Schemas['PageVersionDetail'];

export function PageVersions({ pageId }: { pageId: string }) {
  const [page, setPage] = useState<Page | undefined>();
  const [versions, setVersions] = useState<Version[] | undefined>();
  const [failed, setFailed] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState<Version | undefined>();

  const path = { params: { path: { page_id: pageId } } };
  const load = async () => {
    const [p, list] = await Promise.all([call(api.GET('/api/pages/{page_id}', path)), call(api.GET('/api/pages/{page_id}/versions', path))]);
    setPage(p);
    setVersions(list.versions);
  };
  useEffect(() => {
    setPage(undefined);
    setVersions(undefined);
    setFailed(undefined);
    load().catch((e: unknown) => setFailed(isApiError(e) ? e.message : String(e)));
  }, [pageId]);

  // The heading appears only once loaded, after the app's own focus move found none.
  const loaded = Boolean(page && versions);
  useEffect(() => {
    if (loaded && (document.activeElement === document.body || !document.activeElement?.isConnected)) {
      document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: true });
    }
  }, [loaded]);

  const rollBack = async () => {
    const target = confirming!;
    try {
      await call(api.POST('/api/pages/{page_id}/versions/{number}/rollback', { params: { path: { page_id: pageId, number: target.number } } }));
      setConfirming(undefined);
      setError(undefined);
      await load();
      announce(`Version ${target.number} is live again, as a new version.`);
      document.querySelector<HTMLElement>('main h1')?.focus();
    } catch (e) {
      setConfirming(undefined);
      setError(isApiError(e) ? e.message : String(e));
    }
  };

  if (failed) return <PageNotFound message={failed} />;
  if (!page || !versions) return <p class="muted">Loading…</p>;
  return (
    <section aria-labelledby="versions-title" class="page-versions">
      <p class="breadcrumb">
        <a href={pathTo('home')}>Your pages</a> / <a href={pathTo('page', { page_id: page.id })}>{page.name}</a>
      </p>
      <h1 id="versions-title" tabIndex={-1}>
        Versions of {page.name}
      </h1>
      <p class="muted">
        Every new upload, edit or capture adds a version; the newest ones are kept. Rolling back adds a new version equal to an earlier one, so nothing is lost.
      </p>
      <FormError message={error} />
      <ol class="item-list" aria-label="Versions, newest first">
        {versions.map((version) => (
          <VersionItem key={version.number} pageId={page.id} version={version} onRollBack={() => setConfirming(version)} />
        ))}
      </ol>
      <ConfirmDialog
        open={Boolean(confirming)}
        title={`Roll back to version ${confirming?.number ?? ''}?`}
        confirmLabel="Roll back"
        onConfirm={rollBack}
        onClose={() => setConfirming(undefined)}
      >
        <p>
          Visitors of <code>{page.url}</code> will see version {confirming?.number} again. The version live now stays in the list, so you can come back to it.
        </p>
      </ConfirmDialog>
    </section>
  );
}

function VersionItem({ pageId, version, onRollBack }: { pageId: string; version: Version; onRollBack: () => void }) {
  const [detail, setDetail] = useState<VersionDetail | undefined>();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const filesId = `version-${version.number}-files`;
  const { changes } = version;

  const toggle = async () => {
    if (open) return setOpen(false);
    try {
      setDetail(await call(api.GET('/api/pages/{page_id}/versions/{number}', { params: { path: { page_id: pageId, number: version.number } } })));
      setOpen(true);
    } catch (e) {
      setError(isApiError(e) ? e.message : String(e));
    }
  };

  return (
    <li class="card item version">
      <div class="item-main">
        <h2 class="version-title">
          Version {version.number} {version.live && <span class="badge public">live</span>}
        </h2>
        <p>{madeBy(version.origin)}</p>
        <p class="muted">
          <time dateTime={version.created_at} title={formatDateTime(version.created_at)}>
            {formatRelative(version.created_at)}
          </time>{' '}
          · {formatBytes(version.size)} · {plural(version.file_count, 'file')}
          {version.stored_bytes !== undefined && version.stored_bytes < version.size && <> · {formatBytes(version.stored_bytes)} stored</>}
        </p>
        <p class="changes">
          <span>{plural(changes.added, 'file')} added</span>
          <span>{changes.changed} changed</span>
          <span>{changes.removed} removed</span>
        </p>
        {open && detail && (
          <div id={filesId} class="version-files">
            {!version.live && (
              <p>
                <a href={detail.preview_url} target="_blank" rel="noopener">
                  Open version {version.number} (read-only)
                </a>
              </p>
            )}
            <table>
              <caption class="visually-hidden">Files of version {version.number}</caption>
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Size</th>
                </tr>
              </thead>
              <tbody>
                {detail.files.map((file) => (
                  <tr key={file.path}>
                    <td class="mono">{file.path}</td>
                    <td>{formatBytes(file.size)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <FormError message={error} />
      </div>
      <div class="actions">
        <button type="button" class="button small" aria-expanded={open} aria-controls={filesId} onClick={() => void toggle()}>
          {open ? 'Hide files' : 'Show files'}
          <span class="visually-hidden"> of version {version.number}</span>
        </button>
        {!version.live && (
          <button type="button" class="button small" onClick={onRollBack}>
            Roll back to this version<span class="visually-hidden"> ({version.number})</span>
          </button>
        )}
      </div>
    </li>
  );
}

function madeBy(origin: Version['origin']): string {
  switch (origin.kind) {
    case 'upload':
      return 'Uploaded';
    case 'inline':
      return 'Sent as HTML or files';
    case 'capture':
      return `Captured from ${origin.source_url ?? 'a URL'}${origin.watch_id ? ' by a watch' : ''}`;
    case 'rollback':
      return `Rolled back to version ${origin.from_version}`;
    default:
      return 'Made before versions were recorded';
  }
}
