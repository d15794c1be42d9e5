// A secret the server shows once (an API token, an invitation code): a read-only field to select, Copy, and a
// warning that it will not be shown again.
import { useId } from 'preact/hooks';
import { CopyButton } from './copy-button.tsx';

export function SecretOnce({ label, value, what, warning }: { label: string; value: string; what: string; warning: string }) {
  const id = useId();
  return (
    <div class="secret-once">
      <label id={`${id}-label`} for={id}>
        {label}
      </label>
      <div class="secret-row">
        <input id={id} class="mono" readOnly value={value} onFocus={(e) => e.currentTarget.select()} aria-describedby={`${id}-warning`} />
        <CopyButton text={value} what={what} />
      </div>
      <p id={`${id}-warning`} class="warning">
        {warning}
      </p>
    </div>
  );
}
