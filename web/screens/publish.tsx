// Publish a page: its content (a file, a folder, pasted HTML or a URL to capture), its name and who may see
// it, then the link. Uploads show their progress; captures show theirs and can be cancelled.
import { useState } from 'preact/hooks';
import { api, call, isApiError } from '../api.ts';
import { ContentSource } from '../components/content-source.tsx';
import { Field, FormError, formErrors, NO_ERRORS, SubmitButton, type FormErrors } from '../components/form.tsx';
import { JobProgress } from '../components/job-progress.tsx';
import { PageLink } from '../components/page-link.tsx';
import { announce } from '../components/status.tsx';
import { StorageMeter, useStorage } from '../components/storage-meter.tsx';
import { DEFAULT_ACCESS, VisibilityFields, type Access } from '../components/visibility-fields.tsx';
import { UploadProgress, type UploadState } from '../components/upload-progress.tsx';
import { publishNew, type Content, type Job, type Page } from '../publishing.ts';
import { pathTo } from '../router.ts';
import '../styles/publish.css';

/** Validation keys such as `passcodes.1` belong to the field `passcodes`; a refused upload to the drop zone. */
export function contentErrors(error: Parameters<typeof formErrors>[0], content: Content | undefined): FormErrors {
  const errors = formErrors(error);
  if (errors.form && (content?.kind === 'file' || content?.kind === 'folder')) return { fields: { file: errors.form } };
  return errors;
}

export function Publish() {
  const [content, setContent] = useState<Content | undefined>();
  const [name, setName] = useState('');
  const [access, setAccess] = useState<Access>(DEFAULT_ACCESS);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [upload, setUpload] = useState<UploadState | undefined>();
  const [job, setJob] = useState<Job | undefined>();
  const [published, setPublished] = useState<Page | undefined>();
  const storage = useStorage(published);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!content || (content.kind === 'html' && !content.html.trim()) || (content.kind === 'url' && !content.url)) {
      const field = content?.kind === 'html' ? 'html' : content?.kind === 'url' ? 'source_url' : 'file';
      setErrors({
        fields: {
          [field]:
            field === 'file' ? 'Choose a file or a folder first.' : field === 'html' ? 'Paste some HTML first.' : 'Enter the address of the page to capture.',
        },
      });
      return;
    }
    setErrors(NO_ERRORS);
    try {
      const settings = {
        name: name.trim() || undefined,
        visibility: access.visibility,
        ...(access.visibility === 'shared' ? { passcodes: access.passcodes, allowed_emails: access.allowed_emails } : {}),
      };
      const result = await publishNew(content, settings, (step, sent = 0) => setUpload({ step, sent }));
      setUpload(undefined);
      if ('job' in result) setJob(result.job);
      else finish(result.page);
    } catch (error) {
      setUpload(undefined);
      setErrors(isApiError(error) ? contentErrors(error, content) : { fields: {}, form: String(error) });
    }
  };

  const finish = (page: Page) => {
    setPublished(page);
    announce(`Published ${page.name}.`);
  };

  const jobEnded = async (ended: Job) => {
    if (ended.status === 'done' && ended.page_id) {
      try {
        finish(await call(api.GET('/api/pages/{page_id}', { params: { path: { page_id: ended.page_id } } })));
        setJob(undefined);
      } catch (error) {
        setErrors({ fields: {}, form: isApiError(error) ? error.message : String(error) });
      }
    }
  };

  const again = () => {
    setPublished(undefined);
    setJob(undefined);
    setContent(undefined);
    setName('');
    setAccess(DEFAULT_ACCESS);
  };

  if (published) {
    return (
      <section aria-labelledby="published-title">
        <div class="card published">
          <p class="badge public">Published</p>
          <h1 id="published-title" tabIndex={-1}>
            {published.name}
          </h1>
          <PageLink page={published} />
          <div class="actions">
            <a class="button" href={pathTo('page', { page_id: published.id })}>
              Page settings
            </a>
            <button type="button" class="button" onClick={again}>
              Publish another
            </button>
            <a href={pathTo('home')}>All pages</a>
          </div>
        </div>
      </section>
    );
  }

  return (
    <section aria-labelledby="publish-title">
      <div class="screen-head">
        <h1 id="publish-title" tabIndex={-1}>
          Publish a page
        </h1>
        <StorageMeter storage={storage} />
      </div>
      {job ? (
        <>
          <JobProgress job={job} onEnd={(ended) => void jobEnded(ended)} />
          {job.status !== 'done' && (
            <button type="button" class="button" onClick={() => setJob(undefined)}>
              Back to the form
            </button>
          )}
        </>
      ) : (
        <form class="card" onSubmit={(e) => void submit(e)} noValidate>
          <ContentSource value={content} onChange={setContent} errors={errors.fields} />
          <Field
            label="Name"
            hint="Optional: the page's HTML title is used otherwise."
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
            error={errors.fields.name}
          />
          <VisibilityFields value={access} onChange={setAccess} errors={errors.fields} />
          <FormError message={errors.form} />
          {upload && <UploadProgress state={upload} />}
          <SubmitButton busy={Boolean(upload)} busyLabel="Publishing…">
            Publish
          </SubmitButton>
        </form>
      )}
    </section>
  );
}
