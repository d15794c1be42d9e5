// Watches: sources re-captured into a page on a schedule. Lists each with its state, last signal and next
// run; creates one (page, URL, schedule, optional webhook and e-mail); pauses, resumes and deletes (after a
// confirm dialog); shows a watch's signals on demand.
import { useEffect, useId, useState } from 'preact/hooks';
import { api, call, isApiError, type Schemas } from '../api.ts';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { Field, FormError, SubmitButton, useFormAction } from '../components/form.tsx';
import { SecretOnce } from '../components/secret-once.tsx';
import { announce } from '../components/status.tsx';
import { formatDateTime, formatRelative } from '../format.ts';
import { pathTo } from '../router.ts';
import '../styles/account.css';
import '../styles/watches.css';

type Watch = Schemas['Watch'];
type Signal = Schemas['Signal'];
type PageSummary = Schemas['PageSummary'];

const INTERVALS: { minutes: number; label: string }[] = [
  { minutes: 15, label: 'Every 15 minutes' },
  { minutes: 60, label: 'Every hour' },
  { minutes: 360, label: 'Every 6 hours' },
  { minutes: 1440, label: 'Every day' },
  { minutes: 10080, label: 'Every week' },
];
const OUTCOME_BADGE: Record<Signal['outcome'], string> = { changed: 'shared', unchanged: 'public', failed: 'failed' };

function scheduleText(s: Watch['schedule']): string {
  if (s.interval_minutes !== undefined) return INTERVALS.find((i) => i.minutes === s.interval_minutes)?.label ?? `Every ${s.interval_minutes} minutes`;
  return `Cron ${s.cron}${s.timezone ? ` (${s.timezone})` : ' (UTC)'}`;
}

function When({ iso }: { iso: string }) {
  return (
    <time datetime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}

export function Watches() {
  const [watches, setWatches] = useState<Watch[] | undefined>();
  const [pages, setPages] = useState<PageSummary[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [secret, setSecret] = useState<string | undefined>();
  const [deleting, setDeleting] = useState<Watch | undefined>();

  const load = () =>
    call(api.GET('/api/watches', { params: { query: { limit: 100 } } }))
      .then((list) => setWatches(list.watches))
      .catch((e: unknown) => setError(isApiError(e) ? e.message : String(e)));
  useEffect(() => {
    void load();
    void call(api.GET('/api/pages', { params: { query: { limit: 100 } } })).then(
      (list) => setPages(list.pages),
      (e: unknown) => setError(isApiError(e) ? e.message : String(e)),
    );
  }, []);

  const setState = async (watch: Watch, state: Watch['state']) => {
    try {
      await call(api.PATCH('/api/watches/{watch_id}', { params: { path: { watch_id: watch.id } }, body: { state } }));
      announce(state === 'paused' ? 'Watch paused.' : 'Watch resumed.');
      await load();
    } catch (e) {
      setError(isApiError(e) ? e.message : String(e));
    }
  };
  const remove = async () => {
    if (!deleting) return;
    try {
      await call(api.DELETE('/api/watches/{watch_id}', { params: { path: { watch_id: deleting.id } } }));
      announce('Watch deleted.');
      setDeleting(undefined);
      await load();
    } catch (e) {
      setDeleting(undefined);
      setError(isApiError(e) ? e.message : String(e));
    }
  };

  return (
    <section aria-labelledby="watches-title">
      <h1 id="watches-title" tabIndex={-1}>
        Watches
      </h1>
      <p class="muted">A watch captures a URL again on a schedule into one of your pages, and tells you what changed.</p>
      <FormError message={error} />
      <CreateWatch
        pages={pages}
        onCreated={async (created) => {
          setSecret(created.webhook_secret ?? undefined);
          announce('Watch created.');
          await load();
        }}
      />
      {secret && (
        <div class="card">
          <SecretOnce
            label="Webhook signing secret"
            value={secret}
            what="the webhook secret"
            warning="Copy it now: it is not shown again. Each delivery carries X-Outpost-Signature: sha256=HMAC-SHA256(secret, body)."
          />
        </div>
      )}
      <h2>Your watches</h2>
      {watches === undefined && !error && <p class="muted">Loading…</p>}
      {watches?.length === 0 && <p class="empty card">No watch yet. Create one above.</p>}
      {watches && watches.length > 0 && (
        <ul class="item-list">
          {watches.map((watch) => (
            <WatchItem key={watch.id} watch={watch} onState={setState} onDelete={setDeleting} />
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={deleting !== undefined}
        title="Delete this watch?"
        confirmLabel="Delete watch"
        onConfirm={remove}
        onClose={() => setDeleting(undefined)}
      >
        <p>
          The watch of <span class="mono">{deleting?.source_url}</span> and its signals are deleted. The page keeps its content.
        </p>
      </ConfirmDialog>
    </section>
  );
}

function WatchItem({ watch, onState, onDelete }: { watch: Watch; onState: (w: Watch, s: Watch['state']) => void; onDelete: (w: Watch) => void }) {
  const [signals, setSignals] = useState<Signal[] | undefined>();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const [failed, setFailed] = useState<string | undefined>();
  const toggle = async () => {
    if (!open) {
      try {
        setSignals((await call(api.GET('/api/signals', { params: { query: { watch_id: watch.id, limit: 20 } } }))).signals);
        setFailed(undefined);
      } catch (e) {
        setFailed(isApiError(e) ? e.message : String(e));
      }
    }
    setOpen(!open);
  };
  const last = watch.last_signal;
  return (
    <li class="card item watch">
      <div class="item-main">
        <h3 class="mono">{watch.source_url}</h3>
        <p>
          <span class={`badge ${watch.state === 'active' ? 'public' : 'private'}`}>{watch.state}</span> {scheduleText(watch.schedule)} ·{' '}
          <a href={pathTo('page', { page_id: watch.page_id })}>the page</a>
        </p>
        <p class="muted">
          {watch.next_run_at ? (
            <>
              Next run <When iso={watch.next_run_at} />
            </>
          ) : (
            'Paused: no run planned'
          )}
          {watch.last_run_at && (
            <>
              {' · '}last run <When iso={watch.last_run_at} />
            </>
          )}
        </p>
        <p>
          {last ? (
            <>
              <span class={`badge ${OUTCOME_BADGE[last.outcome]}`}>{last.outcome}</span> {last.summary}
              {last.outcome === 'changed' && <span class="muted"> · score {last.score.toFixed(2)}</span>}
            </>
          ) : (
            <span class="muted">No run yet.</span>
          )}
        </p>
        {watch.webhook?.state === 'disabled' && <p class="warning">Webhook disabled: {watch.webhook.disabled_reason}</p>}
        {open && failed && <p class="form-error">{failed}</p>}
        {open && signals && !failed && (
          <div id={listId}>
            <h4>Signals</h4>
            {signals.length === 0 ? (
              <p class="muted">No signal yet.</p>
            ) : (
              <ol class="signals">
                {signals.map((s) => (
                  <li key={s.id}>
                    <span class={`badge ${OUTCOME_BADGE[s.outcome]}`}>{s.outcome}</span> <When iso={s.created_at} /> · {s.summary}
                    {s.changes && (s.changes.text_added.length > 0 || s.changes.text_removed.length > 0) && (
                      <ul class="excerpts">
                        {s.changes.text_added.map((line, i) => (
                          <li key={`a${i}`} class="added">
                            <span class="visually-hidden">Added: </span>+ {line}
                          </li>
                        ))}
                        {s.changes.text_removed.map((line, i) => (
                          <li key={`r${i}`} class="removed">
                            <span class="visually-hidden">Removed: </span>− {line}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </div>
        )}
      </div>
      <div class="actions watch-actions">
        <button type="button" class="button small" aria-expanded={open} aria-controls={open ? listId : undefined} onClick={() => void toggle()}>
          {open ? 'Hide signals' : 'Signals'}
          <span class="visually-hidden"> of {watch.source_url}</span>
        </button>
        <button type="button" class="button small" onClick={() => onState(watch, watch.state === 'active' ? 'paused' : 'active')}>
          {watch.state === 'active' ? 'Pause' : 'Resume'}
          <span class="visually-hidden"> the watch of {watch.source_url}</span>
        </button>
        <button type="button" class="button danger small" onClick={() => onDelete(watch)}>
          Delete<span class="visually-hidden"> the watch of {watch.source_url}</span>
        </button>
      </div>
    </li>
  );
}

function CreateWatch({ pages, onCreated }: { pages: PageSummary[]; onCreated: (created: Schemas['WatchWithSecret']) => Promise<void> }) {
  const { busy, errors, run } = useFormAction();
  const [pageId, setPageId] = useState('');
  const [sourceUrl, setSourceUrl] = useState('');
  const [every, setEvery] = useState('60');
  const [cron, setCron] = useState('');
  const [webhookUrl, setWebhookUrl] = useState('');
  const [email, setEmail] = useState('');
  const pageFieldId = useId();
  const everyId = useId();
  const chosenPage = pageId || pages[0]?.id || '';

  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const schedule = every === 'cron' ? { cron } : { interval_minutes: Number(every) };
      const created = await call(
        api.POST('/api/watches', {
          body: {
            page_id: chosenPage,
            source_url: sourceUrl,
            schedule,
            ...(webhookUrl && { webhook_url: webhookUrl }),
            ...(email && { email }),
          },
        }),
      );
      setSourceUrl('');
      setWebhookUrl('');
      setEmail('');
      await onCreated(created);
    });
  };

  return (
    <form class="card watch-form" onSubmit={submit} aria-labelledby="new-watch-title">
      <h2 id="new-watch-title">New watch</h2>
      <FormError message={errors.form} />
      <div class={`field${errors.fields.page_id ? ' has-error' : ''}`}>
        <label for={pageFieldId}>Page</label>
        <select
          id={pageFieldId}
          value={chosenPage}
          onChange={(e) => setPageId(e.currentTarget.value)}
          required
          aria-invalid={errors.fields.page_id ? true : undefined}
          aria-describedby={errors.fields.page_id ? `${pageFieldId}-error` : undefined}
        >
          {pages.length === 0 && <option value="">No page yet: publish one first</option>}
          {pages.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.id})
            </option>
          ))}
        </select>
        {errors.fields.page_id && (
          <p class="field-error" id={`${pageFieldId}-error`}>
            {errors.fields.page_id}
          </p>
        )}
      </div>
      <Field
        label="URL to watch"
        type="url"
        required
        placeholder="https://example.com/pricing"
        value={sourceUrl}
        onInput={(e) => setSourceUrl(e.currentTarget.value)}
        error={errors.fields.source_url}
      />
      <div class={`field${errors.fields.schedule ? ' has-error' : ''}`}>
        <label for={everyId}>Schedule</label>
        <select
          id={everyId}
          value={every}
          onChange={(e) => setEvery(e.currentTarget.value)}
          aria-invalid={every !== 'cron' && errors.fields.schedule ? true : undefined}
          aria-describedby={every !== 'cron' && errors.fields.schedule ? `${everyId}-error` : undefined}
        >
          {INTERVALS.map((i) => (
            <option key={i.minutes} value={String(i.minutes)}>
              {i.label}
            </option>
          ))}
          <option value="cron">Cron expression…</option>
        </select>
        {every !== 'cron' && errors.fields.schedule && (
          <p class="field-error" id={`${everyId}-error`}>
            {errors.fields.schedule}
          </p>
        )}
      </div>
      {every === 'cron' && (
        <Field
          label="Cron expression (UTC)"
          hint="Five fields: minute hour day-of-month month day-of-week, at least 15 minutes apart, e.g. 0 9 * * 1-5."
          required
          class="mono"
          value={cron}
          onInput={(e) => setCron(e.currentTarget.value)}
          error={errors.fields.schedule}
        />
      )}
      <Field
        label="Webhook URL (optional)"
        type="url"
        hint="Each change or failure is POSTed there as JSON, signed with a secret shown once."
        value={webhookUrl}
        onInput={(e) => setWebhookUrl(e.currentTarget.value)}
        error={errors.fields.webhook_url}
      />
      <Field
        label="E-mail (optional)"
        type="email"
        hint="Mailed when the page changed or a run failed."
        value={email}
        onInput={(e) => setEmail(e.currentTarget.value)}
        error={errors.fields.email}
      />
      <SubmitButton busy={busy} busyLabel="Creating…">
        Create watch
      </SubmitButton>
    </form>
  );
}
