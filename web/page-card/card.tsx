// One page as the card shows it: name, who may see it, its link (Copy, Open), a live preview when it is public,
// and the changes the card can make through the host (make public, make private, share with a passcode).
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Host, PageChange } from './host.ts';
import type { Page, Shown } from './result.ts';

const VISIBILITY = {
  public: { label: 'Public', hint: 'Anyone with the link can open it.' },
  shared: { label: 'Shared', hint: 'Visitors enter a passcode, or sign in with an allowed e-mail address.' },
  private: { label: 'Private', hint: 'Only you can open it, through your preview link.' },
} as const;

const SAVED = { public: 'Saved: the page is now public.', shared: 'Saved: the page is now shared.', private: 'Saved: the page is now private.' } as const;

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Without the host's clipboard-write permission: the older way, from a selection (needs the click's activation).
    const field = document.createElement('textarea');
    field.value = text;
    field.setAttribute('readonly', '');
    field.className = 'offscreen';
    document.body.append(field);
    field.select();
    const copied = document.execCommand('copy');
    field.remove();
    return copied;
  }
}

/** Public with no passcode or allowed e-mail left: Outpost serves it to everyone (a public page that keeps some is closed). */
function isOpen(page: Page): boolean {
  return page.visibility === 'public' && page.passcodes.length === 0 && page.allowed_emails.length === 0;
}

const NO_PREVIEW = {
  public: 'No preview: Outpost opens this page to no one.',
  shared: 'The preview needs the passcode: open the link to see the page.',
  private: 'No preview: the page is private.',
} as const;

function Preview({ page }: { page: Page }) {
  if (!isOpen(page)) return <p class="preview-note">{NO_PREVIEW[page.visibility]}</p>;
  return <iframe class="preview" title={`Preview of ${page.name}`} src={page.url} sandbox="allow-scripts" loading="lazy" referrerpolicy="no-referrer" />;
}

/** How visitors get into a shared page: by what it has. */
function sharedHint(page: Page): string {
  const passcode = page.passcodes.length > 0;
  const email = page.allowed_emails.length > 0;
  if (passcode && email) return VISIBILITY.shared.hint;
  if (passcode) return 'Visitors enter a passcode to open it.';
  if (email) return 'Visitors sign in with an allowed e-mail address.';
  return 'It has no passcode or allowed e-mail address yet, so only you can open it.';
}

/** Outpost's validation message about the passcodes argument, about the passcode the person typed. */
function passcodeProblem(message: string): string {
  if (/"passcodes" must not have more than/.test(message)) return 'A page can have at most 20 passcodes.';
  const said = message.replace(/"passcodes\.\d+"/g, 'The passcode');
  return /[.!?]$/.test(said) ? said : `${said}.`;
}

function PasscodeForm({ busy, onShare, error }: { busy: boolean; onShare: (passcode: string) => Promise<boolean>; error: string }) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [missing, setMissing] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const message = missing ? 'Enter a passcode first.' : error;
  useEffect(() => {
    if (message) input.current?.focus();
  }, [message]);
  // Not a form submission: hosts' sandboxes may leave out allow-forms, which blocks it (and its submit event).
  const submit = async () => {
    if (busy) return;
    const passcode = draft.trim();
    setMissing(!passcode);
    if (passcode && (await onShare(passcode))) setDraft('');
  };
  return (
    <div class={`passcode-form${message ? ' has-error' : ''}`}>
      <label for={`${id}-passcode`}>Passcode</label>
      <p class="hint" id={`${id}-hint`}>
        Visitors enter it to open the page; any passcodes it has keep working.
      </p>
      <div class="passcode-row">
        <input
          ref={input}
          id={`${id}-passcode`}
          type="text"
          autocomplete="off"
          spellcheck={false}
          value={draft}
          onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            submit();
          }}
          aria-invalid={message ? 'true' : undefined}
          aria-describedby={message ? `${id}-hint ${id}-error` : `${id}-hint`}
        />
        <button type="button" class="button" aria-disabled={busy ? 'true' : undefined} onClick={submit}>
          Share with this passcode
        </button>
      </div>
      {message && (
        <p class="field-error" id={`${id}-error`}>
          {message}
        </p>
      )}
    </div>
  );
}

export function PageCard({ page, host, canChange, onShown }: { page: Page; host: Host; canChange: boolean; onShown: (shown: Shown) => void }) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [passcodeError, setPasscodeError] = useState('');
  const changed = useRef(false);
  const visibility = VISIBILITY[page.visibility];
  const hint =
    page.visibility === 'public' && !isOpen(page)
      ? 'It still has passcodes or allowed e-mail addresses, so no one can open it: Make public clears them.'
      : page.visibility === 'shared'
        ? sharedHint(page)
        : visibility.hint;

  useEffect(() => {
    // A change can remove the button that had focus (Make private is gone once the page is private).
    if (changed.current && !heading.current?.ownerDocument.activeElement?.closest('main')) heading.current?.focus();
    changed.current = false;
  }, [page]);

  const change = async (next: PageChange, fromForm = false): Promise<boolean> => {
    if (busy) return false;
    setBusy(true);
    setStatus('Saving…');
    setPasscodeError('');
    const shown = await host.updatePage(page, next);
    setBusy(false);
    if (shown.kind === 'page') {
      changed.current = true;
      setStatus(SAVED[shown.page.visibility]);
      onShown(shown);
      return true;
    }
    if (fromForm) {
      setStatus('Not saved: the passcode needs fixing.');
      setPasscodeError(shown.kind === 'error' ? passcodeProblem(shown.text) : 'Outpost did not return the page.');
    } else {
      setStatus(`Not saved: ${shown.text}`);
    }
    return false;
  };

  const copy = async () => setStatus((await copyText(page.url)) ? 'Link copied.' : 'Could not copy: select the link and copy it by hand.');
  const open = async (event: MouseEvent) => {
    event.preventDefault();
    if (!(await host.openLink(page.url))) setStatus('The host did not open the link: copy it instead.');
  };

  const passcodes = page.visibility === 'shared' ? page.passcodes : [];
  return (
    <main class="card" aria-labelledby={headingId}>
      <div class="details">
        <div class="head">
          <h1 id={headingId} ref={heading} tabIndex={-1}>
            {page.name}
          </h1>
          <span class={`badge ${page.visibility}`}>{visibility.label}</span>
        </div>
        <p class="muted">{hint}</p>
        {passcodes.length > 0 && (
          <p class="passcodes">
            Passcode{passcodes.length > 1 ? 's' : ''}:{' '}
            {passcodes.map((code) => (
              <code key={code}>{code}</code>
            ))}
          </p>
        )}
        <div class="link">
          <a class="url" href={page.url} onClick={open}>
            {page.url}
          </a>
          <div class="actions">
            <button type="button" class="button small" onClick={copy}>
              Copy link
            </button>
            <button type="button" class="button small" onClick={open}>
              Open<span class="visually-hidden"> {page.name}</span>
            </button>
          </div>
        </div>
        {canChange ? (
          <section class="access" aria-labelledby={`${headingId}-access`}>
            <h2 id={`${headingId}-access`}>Who may see it</h2>
            <div class="actions">
              {!isOpen(page) && (
                <button
                  type="button"
                  class="button"
                  aria-disabled={busy ? 'true' : undefined}
                  onClick={() => change({ visibility: 'public', passcodes: [], allowed_emails: [] })}
                >
                  Make public
                </button>
              )}
              {page.visibility !== 'private' && (
                <button type="button" class="button" aria-disabled={busy ? 'true' : undefined} onClick={() => change({ visibility: 'private' })}>
                  Make private
                </button>
              )}
            </div>
            <PasscodeForm
              busy={busy}
              error={passcodeError}
              onShare={(code) => change({ visibility: 'shared', passcodes: [...new Set([...page.passcodes, code])] }, true)}
            />
          </section>
        ) : (
          <p class="muted">Ask the assistant to change who may see it: this host does not let the card call Outpost.</p>
        )}
        <p class="status" role="status" aria-live="polite" aria-atomic="true">
          {status}
        </p>
      </div>
      <div class="preview-box">
        <Preview page={page} />
      </div>
    </main>
  );
}
