// Connect an assistant: this instance's MCP URL to paste into a client that signs in (OAuth), and, for
// clients and scripts that take a header, ready-to-paste snippets with a token made for them.
import { useState } from 'preact/hooks';
import { api, call, isApiError } from '../api.ts';
import { CopyButton } from '../components/copy-button.tsx';
import { FormError } from '../components/form.tsx';
import { announce } from '../components/status.tsx';
import { pathTo } from '../router.ts';
import { useSession } from '../session.tsx';
import '../styles/account.css';

const PLACEHOLDER = '<your token>';

/** Each client's configuration, with this instance's MCP URL and a token. */
export function snippets(mcpUrl: string, token: string): { title: string; where: string; text: string }[] {
  const header = { Authorization: `Bearer ${token}` };
  return [
    {
      title: 'Claude Code',
      where: 'Run in a terminal',
      text: `claude mcp add --transport http outpost ${mcpUrl} --header "Authorization: Bearer ${token}"`,
    },
    {
      title: 'Claude Code (configuration file)',
      where: '~/.claude.json',
      text: JSON.stringify({ mcpServers: { outpost: { type: 'http', url: mcpUrl, headers: header } } }, null, 2),
    },
    { title: 'Cursor', where: '.cursor/mcp.json', text: JSON.stringify({ mcpServers: { outpost: { url: mcpUrl, headers: header } } }, null, 2) },
    { title: 'VS Code', where: '.vscode/mcp.json', text: JSON.stringify({ servers: { outpost: { type: 'http', url: mcpUrl, headers: header } } }, null, 2) },
    {
      title: 'MCP Inspector',
      where: 'Run in a terminal',
      text: `npx @modelcontextprotocol/inspector --cli ${mcpUrl} --transport http --header "Authorization: Bearer ${token}" --method tools/list`,
    },
  ];
}

export function Connect() {
  const { instance } = useSession();
  const [token, setToken] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const local = /^http:|\/\/(localhost|127\.|\[::1\])/.test(instance.public_url);

  const createToken = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const created = await call(
        api.POST('/api/tokens', { body: { name: `Assistant (${new Date().toLocaleDateString()})`, scopes: ['pages:read', 'pages:write'] } }),
      );
      setToken(created.token);
      announce('Token created and filled into the snippets. Copy what you need now: it is shown only once.');
    } catch (e) {
      setError(isApiError(e) ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="connect-title">
      <h1 id="connect-title" tabIndex={-1}>
        Connect an assistant
      </h1>
      <div class="card">
        <h2>Sign in from your assistant</h2>
        <p>Paste this URL into your client’s connector settings and sign in with your Outpost account; you choose what it may do.</p>
        <div class="secret-row">
          <input class="mono" readOnly value={instance.mcp_url} aria-label="MCP URL" onFocus={(e) => e.currentTarget.select()} />
          <CopyButton text={instance.mcp_url} what="MCP URL" />
        </div>
        <ul>
          <li>Claude.ai and Claude Desktop: Settings → Connectors → Add custom connector → paste the URL.</li>
          <li>ChatGPT: Settings → Connectors → Create → paste the URL, authentication OAuth.</li>
          <li>
            Claude Code: <code>claude mcp add --transport http outpost {instance.mcp_url}</code>, then <code>/mcp</code> to sign in.
          </li>
        </ul>
        {local && (
          <p class="warning">
            This instance’s address ({instance.public_url}) is not a public https URL: Claude.ai, Claude Desktop and ChatGPT connect from their vendors’ servers
            and cannot reach it. Set <code>PUBLIC_URL</code> to a public https address for them; clients on this machine work as they are.
          </p>
        )}
        <p class="muted">
          Apps you signed in from are listed under <a href={pathTo('apps')}>Connected apps</a>.
        </p>
      </div>

      <div class="card">
        <h2>With a token</h2>
        <p>For clients and scripts that send a header instead of signing in.</p>
        <div class="actions snippet-actions">
          <button type="button" class="button primary" onClick={() => void createToken()} disabled={busy}>
            {busy ? 'Creating…' : token ? 'Create another token' : 'Create a token for these snippets'}
          </button>
        </div>
        {token && <p class="warning">The snippets below hold a new token. Copy what you need now: it is not shown again (revoke it under API tokens).</p>}
        <FormError message={error} />
        {snippets(instance.mcp_url, token ?? PLACEHOLDER).map((snippet) => (
          <div class="snippet" key={snippet.title}>
            <div class="snippet-head">
              <h3>
                {snippet.title} <span class="muted">· {snippet.where}</span>
              </h3>
              <CopyButton text={snippet.text} what={`${snippet.title} snippet`} />
            </div>
            <pre tabIndex={0} aria-label={`${snippet.title} snippet`}>
              <code>{snippet.text}</code>
            </pre>
          </div>
        ))}
      </div>
    </section>
  );
}
