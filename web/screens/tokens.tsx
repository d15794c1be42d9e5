// API tokens for scripts and MCP clients without OAuth: create one with a name and scopes (its secret is shown
// once), see when each was last used, revoke it.
import { useEffect, useState } from 'preact/hooks';
import { api, call, isApiError, type Schemas } from '../api.ts';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { Field, FormError, SubmitButton, useFormAction } from '../components/form.tsx';
import { SecretOnce } from '../components/secret-once.tsx';
import { announce } from '../components/status.tsx';
import { formatDateTime, formatRelative } from '../format.ts';
import '../styles/account.css';

type Token = Schemas['Token'];
type Scope = Schemas['Scope'];

export const SCOPES: { scope: Scope; label: string }[] = [
  { scope: 'pages:read', label: 'Read pages: list them, see their settings, download their files' },
  { scope: 'pages:write', label: 'Change pages: publish, update and delete' },
];

export function Tokens() {
  const [tokens, setTokens] = useState<Token[] | undefined>();
  const [created, setCreated] = useState<Schemas['TokenCreated'] | undefined>();
  const [revoking, setRevoking] = useState<Token | undefined>();
  const [error, setError] = useState<string | undefined>();

  const load = () =>
    call(api.GET('/api/tokens'))
      .then((list) => setTokens(list.tokens))
      .catch((e: unknown) => setError(isApiError(e) ? e.message : String(e)));
  useEffect(() => void load(), []);

  const revoke = async () => {
    if (!revoking) return;
    try {
      await call(api.DELETE('/api/tokens/{token_id}', { params: { path: { token_id: revoking.id } } }));
      announce(`Token ${revoking.name} revoked.`);
      if (created?.id === revoking.id) setCreated(undefined);
      await load();
    } catch (e) {
      setError(isApiError(e) ? e.message : String(e));
    } finally {
      setRevoking(undefined);
    }
  };

  return (
    <section aria-labelledby="tokens-title">
      <h1 id="tokens-title" tabIndex={-1}>
        API tokens
      </h1>
      <p class="muted">
        For scripts, the SDK and MCP clients that cannot sign in: send it as <code>Authorization: Bearer …</code>. A token never manages your account, tokens or
        invitations.
      </p>
      <CreateToken
        onCreated={(token) => {
          setCreated(token);
          void load();
        }}
      />
      {created && (
        <div class="card">
          <SecretOnce
            label={`Token “${created.name}”`}
            value={created.token}
            what="Token"
            warning="Copy it now: Outpost keeps only its hash and will not show it again."
          />
        </div>
      )}
      <FormError message={error} />
      <h2>Your tokens</h2>
      {tokens?.length === 0 && <p class="empty card">No token yet.</p>}
      {tokens && tokens.length > 0 && (
        <ul class="item-list">
          {tokens.map((token) => (
            <li class="card item" key={token.id}>
              <div class="item-main">
                <h3>{token.name}</h3>
                <p class="muted">{token.scopes.join(', ')}</p>
                <p class="muted">
                  Created <time title={formatDateTime(token.created_at)}>{formatRelative(token.created_at)}</time> ·{' '}
                  {token.last_used_at ? (
                    <>
                      last used <time title={formatDateTime(token.last_used_at)}>{formatRelative(token.last_used_at)}</time>
                    </>
                  ) : (
                    'never used'
                  )}
                </p>
              </div>
              <button type="button" class="button danger small" onClick={() => setRevoking(token)}>
                Revoke<span class="visually-hidden"> token {token.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={Boolean(revoking)}
        title={`Revoke the token “${revoking?.name ?? ''}”?`}
        confirmLabel="Revoke token"
        onConfirm={revoke}
        onClose={() => setRevoking(undefined)}
      >
        <p>Anything using it is refused from its next request.</p>
      </ConfirmDialog>
    </section>
  );
}

function CreateToken({ onCreated }: { onCreated: (token: Schemas['TokenCreated']) => void }) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Set<Scope>>(new Set(['pages:read', 'pages:write']));
  const { busy, errors, setErrors, run } = useFormAction();

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!scopes.size) {
      setErrors({ fields: { scopes: 'Choose at least one scope.' } });
      return;
    }
    return run(async () => {
      onCreated(await call(api.POST('/api/tokens', { body: { name: name.trim(), scopes: [...scopes] } })));
      setName('');
      announce('Token created. Copy it now: it is shown only once.');
    });
  };

  return (
    <form class="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-token-title">
      <h2 id="new-token-title">New token</h2>
      <Field
        label="Name"
        hint="What will use it, e.g. “deploy script”."
        value={name}
        required
        onInput={(e) => setName(e.currentTarget.value)}
        error={errors.fields.name}
      />
      <fieldset class={errors.fields.scopes ? 'has-error' : undefined}>
        <legend>It may</legend>
        {SCOPES.map(({ scope, label }) => (
          <label class="choice" key={scope}>
            <input
              type="checkbox"
              checked={scopes.has(scope)}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setScopes((now) => new Set(on ? [...now, scope] : [...now].filter((s) => s !== scope)));
              }}
            />
            <span>
              {label} <code class="muted">{scope}</code>
            </span>
          </label>
        ))}
        {errors.fields.scopes && <p class="field-error">{errors.fields.scopes}</p>}
      </fieldset>
      <FormError message={errors.form} />
      <SubmitButton busy={busy} busyLabel="Creating…">
        Create token
      </SubmitButton>
    </form>
  );
}
