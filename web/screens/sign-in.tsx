// Sign in with e-mail and password; the API's refusal is deliberately generic and shown as it is.
import { api, call } from '../api.ts';
import { Field, FormError, SubmitButton, useFormAction } from '../components/form.tsx';
import { navigate, pathTo } from '../router.ts';
import { useSession } from '../session.tsx';

export function SignIn({ next }: { next?: string }) {
  const { instance, signedIn } = useSession();
  const { busy, errors, run } = useFormAction();

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    return run(async () => {
      const session = await call(api.POST('/api/session', { body: { email: String(form.get('email')), password: String(form.get('password')) } }));
      signedIn(session);
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : pathTo('home'), { replace: true });
    });
  };

  return (
    <section class="auth-card" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title" tabIndex={-1}>
        Sign in to Outpost
      </h1>
      <form onSubmit={submit} noValidate>
        <Field label="E-mail" name="email" type="email" autoComplete="username" required error={errors.fields.email} />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required error={errors.fields.password} />
        <FormError message={errors.form} />
        <SubmitButton busy={busy} busyLabel="Signing in…">
          Sign in
        </SubmitButton>
      </form>
      <p class="aside">
        {instance.signup === 'first_account' ? 'No account exists yet: ' : 'New here? '}
        <a href={pathTo('signUp')}>{instance.signup === 'first_account' ? 'create the first one' : 'Create an account'}</a>
        {instance.signup === 'first_account' && ' (it becomes the administrator).'}
      </p>
    </section>
  );
}
