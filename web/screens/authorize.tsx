// The OAuth consent screen: an app (an MCP client) asks to use this person's pages. It names the app and,
// next to it, where the authorization code goes (a look-alike name cannot hide that), lists the scopes in
// plain words and lets the person untick write access. Only a signed-in person reaches it (the app sends
// others to sign in first, then back here); the API refuses it to tokens; CSRF and framing are covered by
// the session's header rule and the app's frame-ancestors 'none'.
import { useEffect, useState } from 'preact/hooks';
import { api, call, isApiError, type Schemas } from '../api.ts';
import { FormError } from '../components/form.tsx';
import { useSignedIn } from '../session.tsx';
import '../styles/authorize.css';

type AuthorizationRequest = Schemas['AuthorizationRequest'];
type Scope = AuthorizationRequest['scopes'][number]['scope'];

/** How the app is known here, after its name. */
function knownAs(client: AuthorizationRequest['client']): string {
  if (client.registration === 'preregistered') return 'is configured by this instance’s administrator';
  if (client.registration === 'dynamic') return 'registered itself with this instance';
  return `is described by its metadata document at ${new URL(client.client_id).host}`;
}

export function Authorize({ uid }: { uid: string }) {
  const session = useSignedIn();
  const [request, setRequest] = useState<AuthorizationRequest | undefined>();
  const [chosen, setChosen] = useState<Set<Scope>>(new Set());
  const [failed, setFailed] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState<'allow' | 'deny' | undefined>();

  useEffect(() => {
    setRequest(undefined);
    setFailed(undefined);
    call(api.GET('/api/oauth/interactions/{uid}', { params: { path: { uid } } }))
      .then((found) => {
        setRequest(found);
        // An app allowed before starts from what the person chose then; a new one from what it asks.
        const before = found.scopes.map((s) => s.scope).filter((scope) => found.previously_granted.includes(scope));
        setChosen(new Set(before.length ? before : found.scopes.map((s) => s.scope)));
      })
      .catch((e: unknown) => setFailed(isApiError(e) ? e.message : String(e)));
  }, [uid]);

  const answer = async (kind: 'allow' | 'deny') => {
    if (kind === 'allow' && chosen.size === 0) {
      setError('Choose at least one permission, or deny the request.');
      return;
    }
    setBusy(kind);
    setError(undefined);
    try {
      const params = { path: { uid } };
      const { redirect_to } =
        kind === 'allow'
          ? await call(api.POST('/api/oauth/interactions/{uid}/approve', { params, body: { scopes: [...chosen] } }))
          : await call(api.POST('/api/oauth/interactions/{uid}/deny', { params }));
      // A full navigation: the authorization server (this origin) takes over and sends the answer to the app.
      if (new URL(redirect_to, location.href).origin !== location.origin) throw new Error('The server answered with an address elsewhere; nothing was sent.');
      location.assign(redirect_to);
    } catch (e) {
      setError(isApiError(e) ? e.message : String(e));
      setBusy(undefined);
    }
  };

  if (failed) {
    return (
      <section class="auth-card">
        <h1 tabIndex={-1}>This request cannot be answered</h1>
        <p role="alert">{failed}</p>
        <p class="muted">Requests expire after a few minutes. Start again from the app that sent you here.</p>
      </section>
    );
  }
  if (!request) {
    return (
      <section class="auth-card" aria-busy="true">
        <h1 tabIndex={-1}>Loading the request…</h1>
      </section>
    );
  }

  const { client } = request;
  const toggle = (scope: Scope, on: boolean) => setChosen((now) => new Set(on ? [...now, scope] : [...now].filter((s) => s !== scope)));
  return (
    <section class="auth-card consent" aria-labelledby="consent-title">
      <h1 id="consent-title" tabIndex={-1}>
        Allow {client.name} to use your Outpost?
      </h1>
      <p class="consent-client">
        <strong>{client.name}</strong> {knownAs(client)}. Your answer goes to <strong class="consent-host">{client.redirect_host}</strong>.
      </p>
      {request.previously_granted.length > 0 && <p>You allowed this app before ({request.previously_granted.join(', ')}); your earlier choice is ticked.</p>}
      <p class="note">The name is the app’s own and not verified. Continue only if you started this from {client.redirect_host}.</p>
      <fieldset>
        <legend>It may</legend>
        {request.scopes.map(({ scope, description }) => (
          <label class="choice" key={scope}>
            <input type="checkbox" name="scope" value={scope} checked={chosen.has(scope)} onChange={(e) => toggle(scope, e.currentTarget.checked)} />
            <span>
              {description} <code class="muted">{scope}</code>
            </span>
          </label>
        ))}
      </fieldset>
      <p class="muted">Signed in as {session.user.email}. You can revoke this any time under Connected apps.</p>
      <FormError message={error} />
      <div class="actions">
        <button type="button" class="button primary" disabled={Boolean(busy)} onClick={() => void answer('allow')}>
          {busy === 'allow' ? 'Allowing…' : 'Allow'}
        </button>
        <button type="button" class="button" disabled={Boolean(busy)} onClick={() => void answer('deny')}>
          {busy === 'deny' ? 'Denying…' : 'Deny'}
        </button>
      </div>
    </section>
  );
}
