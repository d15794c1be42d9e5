// When a page stops being served: an expiry date and time (in the browser's time zone, sent as UTC) and a
// limit on visitors' views. Either left empty means none.
import { Field } from './form.tsx';
import '../styles/page-end.css';

export interface PageEnd {
  /** As a datetime-local input holds it ("2026-05-03T17:42"), or "". */
  expiresAt: string;
  /** Digits, or "". */
  maxViews: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The page's settings as the fields show them. */
export function pageEndOf(page: { expires_at: string | null; max_views: number | null }): PageEnd {
  let expiresAt = '';
  if (page.expires_at) {
    const d = new Date(page.expires_at);
    expiresAt = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }
  return { expiresAt, maxViews: page.max_views === null ? '' : String(page.max_views) };
}

/** The fields as the API takes them (an empty field removes the setting; the API refuses what isn't valid). */
export function pageEndBody(value: PageEnd): { expires_at: string | null; max_views: number | null } {
  const date = value.expiresAt ? new Date(value.expiresAt) : null;
  const views = value.maxViews.trim();
  return {
    // An unreadable date is sent as typed, so the API's message names the field.
    expires_at: date === null ? null : Number.isNaN(date.getTime()) ? value.expiresAt : date.toISOString(),
    max_views: views === '' ? null : /^\d+$/.test(views) ? Number(views) : (views as unknown as number),
  };
}

export function PageEndFields({ value, onChange, errors }: { value: PageEnd; onChange: (next: PageEnd) => void; errors: Record<string, string> }) {
  return (
    <fieldset class="page-end">
      <legend>When it stops being shown</legend>
      <Field
        label="Expires at"
        type="datetime-local"
        hint="After this time its link answers “gone”. Leave empty to keep it."
        value={value.expiresAt}
        onInput={(e) => onChange({ ...value, expiresAt: e.currentTarget.value })}
        error={errors.expires_at}
      />
      <Field
        label="Maximum views"
        type="number"
        inputMode="numeric"
        min={1}
        step={1}
        hint="Visitors may open it this many times in all (your preview link doesn't count). Leave empty for no limit."
        value={value.maxViews}
        onInput={(e) => onChange({ ...value, maxViews: e.currentTarget.value })}
        error={errors.max_views}
      />
    </fieldset>
  );
}
