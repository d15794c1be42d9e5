// Invitations (administrators): a code lets one more person sign up; see which are used or expired.
import { useEffect, useState } from 'preact/hooks';
import { api, call, isApiError, type Schemas } from '../api.ts';
import { Field, FormError, SubmitButton, useFormAction } from '../components/form.tsx';
import { SecretOnce } from '../components/secret-once.tsx';
import { announce } from '../components/status.tsx';
import { formatDateTime, formatRelative } from '../format.ts';
import { useSignedIn } from '../session.tsx';
import '../styles/account.css';

type Invitation = Schemas['Invitation'];

function status(invitation: Invitation): { label: string; badge: string } {
  if (invitation.used_at) return { label: `Used ${formatRelative(invitation.used_at)}`, badge: 'public' };
  if (Date.parse(invitation.expires_at) < Date.now()) return { label: 'Expired', badge: 'failed' };
  return { label: `Open until ${formatDateTime(invitation.expires_at)}`, badge: 'shared' };
}

export function Invitations() {
  const { user } = useSignedIn();
  const [invitations, setInvitations] = useState<Invitation[] | undefined>();
  const [created, setCreated] = useState<Schemas['InvitationCreated'] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [note, setNote] = useState('');
  const [days, setDays] = useState('7');
  const { busy, errors, run } = useFormAction();

  const load = () =>
    call(api.GET('/api/invitations'))
      .then((list) => setInvitations(list.invitations))
      .catch((e: unknown) => setError(isApiError(e) ? e.message : String(e)));
  useEffect(() => {
    if (user.admin) void load();
  }, [user.admin]);

  if (!user.admin) {
    return (
      <section>
        <h1 tabIndex={-1}>Invitations</h1>
        <p>Only an administrator of this instance can invite people. Ask one for an invitation code.</p>
      </section>
    );
  }

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    return run(async () => {
      const invitation = await call(api.POST('/api/invitations', { body: { expires_in_days: Number(days), ...(note.trim() ? { note: note.trim() } : {}) } }));
      setCreated(invitation);
      setNote('');
      announce('Invitation created. Copy the code now: it is shown only once.');
      await load();
    });
  };

  return (
    <section aria-labelledby="invitations-title">
      <h1 id="invitations-title" tabIndex={-1}>
        Invitations
      </h1>
      <p class="muted">Each code lets one person create an account here.</p>
      <form class="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-invitation-title">
        <h2 id="new-invitation-title">New invitation</h2>
        <Field
          label="Note"
          hint="Optional: who it is for, to recognise it in the list."
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
          error={errors.fields.note}
        />
        <div class="field">
          <label for="invitation-days">Valid for</label>
          <select id="invitation-days" value={days} onChange={(e) => setDays(e.currentTarget.value)}>
            <option value="1">1 day</option>
            <option value="7">7 days</option>
            <option value="30">30 days</option>
            <option value="90">90 days</option>
          </select>
          {errors.fields.expires_in_days && <p class="field-error">{errors.fields.expires_in_days}</p>}
        </div>
        <FormError message={errors.form} />
        <SubmitButton busy={busy} busyLabel="Creating…">
          Create invitation
        </SubmitButton>
      </form>
      {created && (
        <div class="card">
          <SecretOnce
            label="Invitation code"
            value={created.code}
            what="Invitation code"
            warning="Copy it now and send it to the person: it is not shown again."
          />
        </div>
      )}
      <FormError message={error} />
      <h2>Invitations</h2>
      {invitations?.length === 0 && <p class="empty card">No invitation yet.</p>}
      {invitations && invitations.length > 0 && (
        <ul class="item-list">
          {invitations.map((invitation) => {
            const { label, badge } = status(invitation);
            return (
              <li class="card item" key={invitation.id}>
                <div class="item-main">
                  <h3>{invitation.note || 'Invitation'}</h3>
                  <p class="muted">Created {formatDateTime(invitation.created_at)}</p>
                </div>
                <span class={`badge ${badge}`}>{label}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
