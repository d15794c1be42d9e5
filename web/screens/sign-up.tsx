// Create an account; the invitation-code field appears only when the instance asks for one.
import { api, call } from '../api.ts';
import { Field, FormError, SubmitButton, useFormAction } from '../components/form.tsx';
import { navigate, pathTo } from '../router.ts';
import { useSession } from '../session.tsx';

export function SignUp() {
  const { instance, signedIn } = useSession();
  const { busy, errors, run } = useFormAction();

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const code = String(form.get('invitation_code') ?? '').trim();
    return run(async () => {
      const body = {
        email: String(form.get('email')),
        password: String(form.get('password')),
        browser_session: true,
        ...(code ? { invitation_code: code } : {}),
      };
      const session = await call(api.POST('/api/auth/signup', { body }));
      // With browser_session the answer is a BrowserSession (the contract's union names both forms).
      if (!('csrf_token' in session)) throw new Error('The server answered without a browser session.');
      signedIn(session);
      navigate(pathTo('home'), { replace: true });
    });
  };

  return (
    <section class="auth-card" aria-labelledby="sign-up-title">
      <h1 id="sign-up-title" tabIndex={-1}>
        Create your Outpost account
      </h1>
      {instance.signup === 'first_account' && <p class="note">This is the first account of this instance: it becomes the administrator.</p>}
      <form onSubmit={submit} noValidate>
        <Field label="E-mail" name="email" type="email" autoComplete="username" required error={errors.fields.email} />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          required
          hint="At least 8 characters."
          error={errors.fields.password}
        />
        {instance.invitation_required && (
          <Field
            label="Invitation code"
            name="invitation_code"
            autoComplete="off"
            required
            hint="An administrator of this instance gives you one."
            error={errors.fields.invitation_code}
          />
        )}
        <FormError message={errors.form} />
        <SubmitButton busy={busy} busyLabel="Creating your account…">
          Create account
        </SubmitButton>
      </form>
      <p class="aside">
        Already have an account? <a href={pathTo('signIn')}>Sign in</a>
      </p>
    </section>
  );
}
