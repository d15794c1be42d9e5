// Copies a text (a page link, a token, a snippet) and says so in the live region.
import { announce } from './status.tsx';

export function CopyButton({ text, label = 'Copy', what = 'Text' }: { text: string; label?: string; what?: string }) {
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      announce(`${what} copied to the clipboard.`);
    } catch {
      announce(`Could not copy: select the ${what.toLowerCase()} and copy it by hand.`);
    }
  };
  return (
    <button type="button" class="button small" onClick={copy} aria-label={`${label}: ${what.toLowerCase()}`}>
      {label}
    </button>
  );
}
