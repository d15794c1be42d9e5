// Form parts every screen uses: a labelled field with its hint and its error, the error that concerns no
// field, and a submit button that shows it is working. Errors are the API's own words.
import type { ComponentChildren, InputHTMLAttributes, TextareaHTMLAttributes } from 'preact';
import { useId, useState } from 'preact/hooks';
import { isApiError, type ApiError } from '../api.ts';

/** The errors of a failed call: per field (from `validation.keys`) and the rest. */
export interface FormErrors {
  fields: Record<string, string>;
  form?: string;
}

export const NO_ERRORS: FormErrors = { fields: {} };

/**
 * Puts the API's message next to the field it names. `fieldOf` maps a validation key (a dotted path such as
 * `passcodes.0`) to a field of the form; a key no field claims leaves the message at the form.
 */
export function formErrors(error: ApiError, fieldOf: (key: string) => string | undefined = (key) => key.split('.')[0]): FormErrors {
  const fields: Record<string, string> = {};
  for (const key of error.validation?.keys ?? []) {
    const field = fieldOf(key);
    if (field) fields[field] = error.message;
  }
  return Object.keys(fields).length ? { fields } : { fields, form: error.message };
}

/**
 * A form's submit: busy while `run(action)` works, and the errors of a failed call placed by `toErrors`
 * (formErrors by default). A thrown non-API error is shown at the form in its own words.
 */
export function useFormAction() {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const run = async (action: () => Promise<void>, toErrors: (error: ApiError) => FormErrors = (error) => formErrors(error)) => {
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await action();
    } catch (error) {
      setErrors(isApiError(error) ? toErrors(error) : { fields: {}, form: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };
  return { busy, errors, setErrors, run };
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'label'> & {
  label: string;
  hint?: ComponentChildren;
  error?: string;
  multiline?: boolean;
  /** Lines of a multiline field. */
  rows?: number;
};

export function Field({ label, hint, error, multiline, id, ...input }: InputProps) {
  const generated = useId();
  const fieldId = (id as string | undefined) ?? generated;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const errorId = error ? `${fieldId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const common = { id: fieldId, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined };
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={fieldId}>{label}</label>
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      {multiline ? (
        <textarea {...(input as unknown as TextareaHTMLAttributes<HTMLTextAreaElement>)} {...common} />
      ) : (
        <input {...(input as Record<string, unknown>)} {...common} />
      )}
      {error && (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The message of a failed submit that no field claims; announced as it appears. */
export function FormError({ message }: { message?: string }) {
  return (
    <div role="alert" class="form-error-slot">
      {message && <p class="form-error">{message}</p>}
    </div>
  );
}

export function SubmitButton({ busy, children, busyLabel }: { busy: boolean; children: ComponentChildren; busyLabel?: string }) {
  return (
    <button type="submit" class="button primary" disabled={busy} aria-busy={busy || undefined}>
      {busy ? (busyLabel ?? 'Working…') : children}
    </button>
  );
}
