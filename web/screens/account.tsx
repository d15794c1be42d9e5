// The account: who is signed in, storage used, and a new password (which signs out the other browsers).
import { useEffect, useState } from 'preact/hooks';
import { api, call, isApiError, type Schemas } from '../api.ts';
import { Field, FormError, SubmitButton, useFormAction } from '../components/form.tsx';
import { announce } from '../components/status.tsx';
import { StorageMeter } from '../components/storage-meter.tsx';
import { formatDateTime } from '../format.ts';
import '../styles/account.css';

export function Account() {
  const [me, setMe] = useState<Schemas['Me'] | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const { busy, errors, run } = useFormAction();
  useEffect(() => {
    call(api.GET('/api/me'))
      .then(setMe)
      .catch((e: unknown) => setLoadError(isApiError(e) ? e.message : String(e)));
  }, []);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    return run(async () => {
      await call(
        api.POST('/api/me/password', { body: { current_password: String(form.get('current_password')), new_password: String(form.get('new_password')) } }),
      );
      formElement.reset();
      announce('Password changed. Your other browsers are signed out.');
    });
  };

  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title" tabIndex={-1}>
        Account
      </h1>
      <FormError message={loadError} />
      {me && (
        <div class="card">
          <dl class="facts">
            <dt>E-mail</dt>
            <dd>{me.user.email}</dd>
            <dt>Role</dt>
            <dd>{me.user.admin ? 'Administrator' : 'Member'}</dd>
            <dt>Since</dt>
            <dd>{formatDateTime(me.user.created_at)}</dd>
          </dl>
          <StorageMeter storage={me.storage} />
        </div>
      )}
      <form class="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="password-title">
        <h2 id="password-title">Change password</h2>
        <Field
          label="Current password"
          name="current_password"
          type="password"
          autoComplete="current-password"
          required
          error={errors.fields.current_password}
        />
        <Field
          label="New password"
          name="new_password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          required
          hint="At least 8 characters. Other browsers signed in to this account are signed out."
          error={errors.fields.new_password}
        />
        <FormError message={errors.form} />
        <SubmitButton busy={busy} busyLabel="Changing…">
          Change password
        </SubmitButton>
      </form>
    </section>
  );
}
