// Connected apps: every MCP client this person authorised through OAuth, with its scopes and last use, and
// Revoke (the app's tokens stop working at its next request).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, call, isApiError, type Schemas } from '../api.ts';
import { FormError } from '../components/form.tsx';
import { announce } from '../components/status.tsx';
import { formatDateTime, formatRelative } from '../format.ts';
import '../styles/account.css';

type ConnectedApp = Schemas['ConnectedApp'];

export function ConnectedApps() {
  const [apps, setApps] = useState<ConnectedApp[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [revoking, setRevoking] = useState<ConnectedApp | undefined>();
  const dialog = useRef<HTMLDialogElement>(null);

  const load = () =>
    call(api.GET('/api/connected-apps'))
      .then((list) => setApps(list.apps))
      .catch((e: unknown) => setError(isApiError(e) ? e.message : String(e)));
  useEffect(() => void load(), []);

  const ask = (app: ConnectedApp) => {
    setRevoking(app);
    dialog.current?.showModal();
  };
  const revoke = async () => {
    if (!revoking) return;
    try {
      await call(api.DELETE('/api/connected-apps/{app_id}', { params: { path: { app_id: revoking.id } } }));
      announce(`${revoking.name} can no longer use your Outpost.`);
      dialog.current?.close();
      await load();
    } catch (e) {
      setError(isApiError(e) ? e.message : String(e));
      dialog.current?.close();
    }
  };

  return (
    <section aria-labelledby="apps-title">
      <div class="screen-head">
        <h1 id="apps-title" tabIndex={-1}>
          Connected apps
        </h1>
      </div>
      <p class="muted">Apps you allowed to use your pages by signing in from them (Claude, ChatGPT, Cursor, VS Code…).</p>
      <FormError message={error} />
      {apps === undefined && !error && <p class="muted">Loading…</p>}
      {apps?.length === 0 && <p class="empty card">No app is connected. Add this instance’s MCP URL in an app’s connector settings and sign in there.</p>}
      {apps && apps.length > 0 && (
        <ul class="item-list">
          {apps.map((app) => (
            <li class="card item" key={app.id}>
              <div class="item-main">
                <h3>{app.name}</h3>
                <p class="muted mono">{app.client_id}</p>
                <p>
                  May {app.scopes.includes('pages:write') ? 'read and change' : 'read'} your pages <span class="muted">({app.scopes.join(', ')})</span>
                </p>
                <p class="muted">
                  Allowed <time title={formatDateTime(app.first_used_at)}>{formatRelative(app.first_used_at)}</time>
                  {' · '}
                  {app.last_used_at ? (
                    <>
                      last used <time title={formatDateTime(app.last_used_at)}>{formatRelative(app.last_used_at)}</time>
                    </>
                  ) : (
                    'not used yet'
                  )}
                </p>
              </div>
              <button type="button" class="button danger small" onClick={() => ask(app)}>
                Revoke<span class="visually-hidden"> {app.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <dialog ref={dialog} class="card confirm" aria-labelledby="revoke-title" onClose={() => setRevoking(undefined)}>
        <h2 id="revoke-title">Revoke {revoking?.name}?</h2>
        <p>Its tokens stop working at its next request. It can ask again, and you would see this consent screen again.</p>
        <form method="dialog" class="actions">
          <button type="button" class="button danger solid" onClick={() => void revoke()}>
            Revoke
          </button>
          <button type="submit" class="button">
            Cancel
          </button>
        </form>
      </dialog>
    </section>
  );
}
