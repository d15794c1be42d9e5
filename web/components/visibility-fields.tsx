// Who may see a page: public, shared (passcodes and/or allowed e-mail addresses) or private. Used when
// publishing and on a page's settings; the owner sees the passcodes in full and adds or removes them.
import { useId, useState } from 'preact/hooks';
import type { Schemas } from '../api.ts';
import { Field } from './form.tsx';

export type Visibility = Schemas['Visibility'];

export interface Access {
  visibility: Visibility;
  passcodes: string[];
  allowed_emails: string[];
}

export const DEFAULT_ACCESS: Access = { visibility: 'public', passcodes: [], allowed_emails: [] };

const CHOICES: { value: Visibility; label: string; hint: string }[] = [
  { value: 'public', label: 'Public', hint: 'Anyone with the link.' },
  { value: 'shared', label: 'Shared', hint: 'People who enter a passcode, or sign in with an allowed e-mail address.' },
  { value: 'private', label: 'Private', hint: 'Only you, through a preview link.' },
];

/** "a@x.org, b@y.org" or one per line → ["a@x.org", "b@y.org"] */
export function emailList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function VisibilityFields({ value, onChange, errors }: { value: Access; onChange: (next: Access) => void; errors: Record<string, string> }) {
  const name = useId();
  const [draft, setDraft] = useState('');
  const [emails, setEmails] = useState(value.allowed_emails.join('\n'));
  const addPasscode = () => {
    const code = draft.trim();
    if (!code || value.passcodes.includes(code)) return;
    onChange({ ...value, passcodes: [...value.passcodes, code] });
    setDraft('');
  };
  return (
    <>
      <fieldset class={`visibility${errors.visibility ? ' has-error' : ''}`}>
        <legend>Who may see it</legend>
        {CHOICES.map((choice) => (
          <label class="choice visibility-choice" key={choice.value}>
            <input
              type="radio"
              name={name}
              value={choice.value}
              checked={value.visibility === choice.value}
              onChange={() => onChange({ ...value, visibility: choice.value })}
            />
            <span>
              <strong>{choice.label}</strong> <span class="muted">{choice.hint}</span>
            </span>
          </label>
        ))}
        {errors.visibility && <p class="field-error">{errors.visibility}</p>}
      </fieldset>
      {value.visibility === 'shared' && (
        <div class="shared-fields">
          <div class={`field${errors.passcodes ? ' has-error' : ''}`}>
            <span class="label" id={`${name}-codes`}>
              Passcodes
            </span>
            {value.passcodes.length > 0 ? (
              <ul class="passcodes" aria-labelledby={`${name}-codes`}>
                {value.passcodes.map((code) => (
                  <li key={code}>
                    <code>{code}</code>
                    <button
                      type="button"
                      class="button small"
                      onClick={() => onChange({ ...value, passcodes: value.passcodes.filter((c) => c !== code) })}
                      aria-label={`Remove passcode ${code}`}
                    >
                      Remove
                    </button>
                  </li>
                ))}
              </ul>
            ) : (
              <p class="hint">No passcode yet.</p>
            )}
            <div class="add-passcode">
              <Field
                label="New passcode"
                value={draft}
                autoComplete="off"
                onInput={(e) => setDraft(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    addPasscode();
                  }
                }}
                error={errors.passcodes}
              />
              <button type="button" class="button" onClick={addPasscode}>
                Add passcode
              </button>
            </div>
          </div>
          <Field
            label="Allowed e-mail addresses"
            hint="One per line. Each can open the page through a one-time link sent to that address."
            multiline
            rows={3}
            value={emails}
            onInput={(e) => {
              const text = (e.currentTarget as unknown as HTMLTextAreaElement).value;
              setEmails(text);
              onChange({ ...value, allowed_emails: emailList(text) });
            }}
            error={errors.allowed_emails}
          />
        </div>
      )}
    </>
  );
}
