// One page: its link and preview, its name and who may see it (passcodes shown to the owner), new files the
// same three ways as publishing, a ZIP of its files, and delete after a confirmation that names it.
import { useEffect, useState } from 'preact/hooks';
import { api, call, isApiError } from '../api.ts';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { ContentSource } from '../components/content-source.tsx';
import { Field, FormError, NO_ERRORS, SubmitButton, type FormErrors, useFormAction } from '../components/form.tsx';
import { JobProgress } from '../components/job-progress.tsx';
import { PageLink } from '../components/page-link.tsx';
import { PageNotFound } from '../components/page-not-found.tsx';
import { PageEndFields, pageEndBody, pageEndOf, type PageEnd } from '../components/page-end-fields.tsx';
import { PageStats } from '../components/page-stats.tsx';
import { announce } from '../components/status.tsx';
import { UploadProgress, type UploadState } from '../components/upload-progress.tsx';
import { VisibilityFields, type Access } from '../components/visibility-fields.tsx';
import { formatBytes, formatDateTime, plural } from '../format.ts';
import { replaceFiles, type Content, type Job, type Page } from '../publishing.ts';
import { navigate, pathTo } from '../router.ts';
import { VisibilityBadge } from './pages.tsx';
import { contentErrors } from './publish.tsx';
import '../styles/publish.css';

export function PageSettings({ pageId }: { pageId: string }) {
  const [page, setPage] = useState<Page | undefined>();
  const [failed, setFailed] = useState<string | undefined>();

  const load = () =>
    call(api.GET('/api/pages/{page_id}', { params: { path: { page_id: pageId } } }))
      .then(setPage)
      .catch((e: unknown) => setFailed(isApiError(e) ? e.message : String(e)));
  useEffect(() => {
    setPage(undefined);
    setFailed(undefined);
    void load();
  }, [pageId]);

  if (failed) return <PageNotFound message={failed} />;
  if (!page) return <p class="muted">Loading…</p>;
  return (
    <section aria-labelledby="page-title" class="page-settings">
      <p class="breadcrumb">
        <a href={pathTo('home')}>Your pages</a>
      </p>
      <div class="screen-head">
        <h1 id="page-title" tabIndex={-1}>
          {page.name}
        </h1>
        <VisibilityBadge visibility={page.visibility} />
      </div>
      <PageLink page={page} />
      <p>
        <a href={pathTo('pageVersions', { page_id: page.id })}>Versions and rollback</a>
      </p>
      <p class="muted">
        {formatBytes(page.size)} · {plural(page.file_count, 'file')} · default file <code class="file-path">{page.default_file}</code> · updated{' '}
        {formatDateTime(page.updated_at)}
      </p>
      <PageStats page={page} />
      <SettingsForm key={page.updated_at} page={page} onSaved={setPage} />
      <ReplaceFiles page={page} onReplaced={setPage} />
      <DownloadAndDelete page={page} />
    </section>
  );
}

function SettingsForm({ page, onSaved }: { page: Page; onSaved: (page: Page) => void }) {
  const [name, setName] = useState(page.name);
  const [access, setAccess] = useState<Access>({ visibility: page.visibility, passcodes: page.passcodes, allowed_emails: page.allowed_emails });
  const [scriptShims, setScriptShims] = useState(page.script_shims);
  const [end, setEnd] = useState<PageEnd>(pageEndOf(page));
  const { busy, errors, run } = useFormAction();

  const save = (event: SubmitEvent) => {
    event.preventDefault();
    return run(async () => {
      const body = {
        name: name.trim(),
        visibility: access.visibility,
        passcodes: access.passcodes,
        allowed_emails: access.allowed_emails,
        script_shims: scriptShims,
        ...pageEndBody(end),
      };
      const saved = await call(api.PATCH('/api/pages/{page_id}', { params: { path: { page_id: page.id } }, body }));
      onSaved(saved);
      announce('Settings saved.');
    });
  };

  return (
    <form class="card" onSubmit={(e) => void save(e)} noValidate aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      <Field label="Name" value={name} required onInput={(e) => setName(e.currentTarget.value)} error={errors.fields.name} />
      <VisibilityFields value={access} onChange={setAccess} errors={errors.fields} />
      <div class="setting">
        <label class="choice">
          <input type="checkbox" checked={scriptShims} aria-describedby="script-shims-hint" onChange={(e) => setScriptShims(e.currentTarget.checked)} />
          <span>Script compatibility</span>
        </label>
        <p id="script-shims-hint" class="hint">
          Gives the page’s scripts in-memory cookies, local storage and workers, which its sandbox blocks (nothing is kept or sent).
        </p>
        {errors.fields.script_shims && <p class="field-error">{errors.fields.script_shims}</p>}
      </div>
      <PageEndFields value={end} onChange={setEnd} errors={errors.fields} />
      <FormError message={errors.form} />
      <SubmitButton busy={busy} busyLabel="Saving…">
        Save settings
      </SubmitButton>
    </form>
  );
}

function ReplaceFiles({ page, onReplaced }: { page: Page; onReplaced: (page: Page) => void }) {
  const [content, setContent] = useState<Content | undefined>();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [upload, setUpload] = useState<UploadState | undefined>();
  const [job, setJob] = useState<Job | undefined>();

  const replaced = (next: Page) => {
    onReplaced(next);
    setContent(undefined);
    announce(`New files published for ${next.name}.`);
  };
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!content || (content.kind === 'html' && !content.html.trim()) || (content.kind === 'url' && !content.url)) {
      setErrors({ fields: { [content?.kind === 'html' ? 'html' : content?.kind === 'url' ? 'source_url' : 'file']: 'Choose the new content first.' } });
      return;
    }
    setErrors(NO_ERRORS);
    try {
      const result = await replaceFiles(page.id, content, (step, sent = 0) => setUpload({ step, sent }));
      setUpload(undefined);
      if ('job' in result) setJob(result.job);
      else replaced(result.page);
    } catch (error) {
      setUpload(undefined);
      setErrors(isApiError(error) ? contentErrors(error, content) : { fields: {}, form: String(error) });
    }
  };
  const jobEnded = async (ended: Job) => {
    if (ended.status !== 'done') return;
    setJob(undefined);
    replaced(await call(api.GET('/api/pages/{page_id}', { params: { path: { page_id: page.id } } })));
  };

  return (
    <div class="card" aria-labelledby="replace-title">
      <h2 id="replace-title">Replace files</h2>
      <p class="muted">The new content replaces every file; the link and the settings stay.</p>
      {job ? (
        <>
          <JobProgress job={job} onEnd={(ended) => void jobEnded(ended)} />
          {job.status !== 'done' && (
            <button type="button" class="button" onClick={() => setJob(undefined)}>
              Back
            </button>
          )}
        </>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <ContentSource value={content} onChange={setContent} errors={errors.fields} />
          <FormError message={errors.form} />
          {upload && <UploadProgress state={upload} />}
          <SubmitButton busy={Boolean(upload)} busyLabel="Replacing…">
            Replace files
          </SubmitButton>
        </form>
      )}
    </div>
  );
}

function DownloadAndDelete({ page }: { page: Page }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const remove = async () => {
    try {
      await call(api.DELETE('/api/pages/{page_id}', { params: { path: { page_id: page.id } } }));
      setConfirming(false);
      announce(`Deleted ${page.name}.`);
      navigate(pathTo('home'));
    } catch (e) {
      setError(isApiError(e) ? e.message : String(e));
      setConfirming(false);
    }
  };
  return (
    <div class="card" aria-labelledby="files-title">
      <h2 id="files-title">Download or delete</h2>
      <div class="actions">
        <a class="button" href={`/api/pages/${encodeURIComponent(page.id)}/export`} download>
          Download as ZIP
        </a>
        <button type="button" class="button danger" onClick={() => setConfirming(true)}>
          Delete page
        </button>
      </div>
      <FormError message={error} />
      <ConfirmDialog open={confirming} title={`Delete “${page.name}”?`} confirmLabel="Delete page" onConfirm={remove} onClose={() => setConfirming(false)}>
        <p>
          Its files and its link <code>{page.url}</code> stop working at once. This cannot be undone.
        </p>
      </ConfirmDialog>
    </div>
  );
}
