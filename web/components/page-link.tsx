// A page's address with Copy and Open, and for a page only its owner can open as it is, the preview link.
import type { Schemas } from '../api.ts';
import { CopyButton } from './copy-button.tsx';

export function PageLink({ page }: { page: Schemas['PageSummary'] & { preview_url?: string } }) {
  return (
    <div class="page-link">
      <a class="mono page-url" href={page.url} target="_blank" rel="noopener noreferrer">
        {page.url}
      </a>
      <div class="actions">
        <CopyButton text={page.url} what="Page link" />
        <a class="button small" href={page.url} target="_blank" rel="noopener noreferrer">
          Open<span class="visually-hidden"> {page.name} in a new tab</span>
        </a>
        {page.preview_url && page.visibility !== 'public' && (
          <a class="button small" href={page.preview_url} target="_blank" rel="noopener noreferrer">
            Preview<span class="visually-hidden"> {page.name} as its owner</span>
          </a>
        )}
      </div>
    </div>
  );
}
