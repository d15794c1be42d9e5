// The page card's entry (an MCP App view): esbuild bundles this file and card.css into the one HTML document
// that src/webapp/page-card.ts serves as ui://outpost/page-card. Threat model: host.ts.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { PageCard } from './card.tsx';
import { connectToHost, type Host } from './host.ts';
import type { Shown } from './result.ts';
import './card.css';

function Root({ host, connected }: { host: Host; connected: Promise<void> }) {
  const [shown, setShown] = useState<Shown>();
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  useEffect(() => host.onResult(setShown), [host]);
  useEffect(() => {
    connected.then(
      () => setReady(true),
      () => setFailed(true),
    );
  }, [connected]);

  if (failed) return <Message text="The card could not connect to its host." />;
  if (!shown) return <Message text="Waiting for the page…" />;
  if (shown.kind !== 'page') return <Message text={shown.text} error={shown.kind === 'error'} />;
  return <PageCard key={shown.page.id} page={shown.page} host={host} canChange={ready && host.canCallTools()} onShown={setShown} />;
}

function Message({ text, error = false }: { text: string; error?: boolean }) {
  return (
    <main class="card message">
      <p class={error ? 'form-error' : 'muted'} role="status">
        {text}
      </p>
    </main>
  );
}

const { host, connected } = connectToHost();
render(<Root host={host} connected={connected} />, document.getElementById('card') as HTMLElement);
