// The person's pages, newest first, a page of them at a time (the API's cursor), each with its link, who may
// see it, its size and when it changed; a row leads to the page's settings.
import { useEffect, useState } from 'preact/hooks';
import { api, call, isApiError, type Schemas } from '../api.ts';
import { CopyButton } from '../components/copy-button.tsx';
import { FormError } from '../components/form.tsx';
import { StorageMeter, useStorage } from '../components/storage-meter.tsx';
import { formatBytes, formatDateTime, formatRelative, plural } from '../format.ts';
import { pathTo } from '../router.ts';
import '../styles/pages.css';

type PageSummary = Schemas['PageSummary'];
const PAGE_SIZE = 25;

export function VisibilityBadge({ visibility }: { visibility: PageSummary['visibility'] }) {
  return <span class={`badge ${visibility}`}>{visibility[0].toUpperCase() + visibility.slice(1)}</span>;
}

export function Pages() {
  const [pages, setPages] = useState<PageSummary[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const storage = useStorage();

  const load = async (after?: string) => {
    setLoading(true);
    try {
      const list = await call(api.GET('/api/pages', { params: { query: { limit: PAGE_SIZE, ...(after ? { cursor: after } : {}) } } }));
      setPages((now) => (after ? [...(now ?? []), ...list.pages] : list.pages));
      setCursor(list.next_cursor);
    } catch (e) {
      setError(isApiError(e) ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => void load(), []);

  return (
    <section aria-labelledby="pages-title">
      <div class="screen-head">
        <h1 id="pages-title" tabIndex={-1}>
          Your pages
        </h1>
        <StorageMeter storage={storage} />
        <a class="button primary" href={pathTo('publish')}>
          Publish a page
        </a>
      </div>
      <FormError message={error} />
      {pages === undefined && !error && <p class="muted">Loading…</p>}
      {pages?.length === 0 && (
        <div class="card empty">
          <p>You have not published a page yet.</p>
          <a class="button primary" href={pathTo('publish')}>
            Publish your first page
          </a>
        </div>
      )}
      {pages && pages.length > 0 && (
        <table class="table page-table">
          <caption class="visually-hidden">Your pages, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Who may see it</th>
              <th scope="col">Link</th>
              <th scope="col">Size</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {pages.map((page) => (
              <tr key={page.id}>
                <td data-label="Name">
                  <a class="page-name" href={pathTo('page', { page_id: page.id })}>
                    {page.name}
                  </a>
                </td>
                <td data-label="Who may see it">
                  <VisibilityBadge visibility={page.visibility} />
                </td>
                <td data-label="Link" class="page-link-cell">
                  <a class="mono page-url" href={page.url} target="_blank" rel="noopener noreferrer">
                    {page.url.replace(/^https?:\/\//, '')}
                  </a>
                  <CopyButton text={page.url} what="Page link" />
                </td>
                <td data-label="Size">
                  {formatBytes(page.size)} <span class="muted">· {plural(page.file_count, 'file')}</span>
                </td>
                <td data-label="Updated">
                  <time dateTime={page.updated_at} title={formatDateTime(page.updated_at)}>
                    {formatRelative(page.updated_at)}
                  </time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && (
        <p class="load-more">
          <button type="button" class="button" onClick={() => void load(cursor)} disabled={loading}>
            {loading ? 'Loading…' : 'Load more'}
          </button>
        </p>
      )}
    </section>
  );
}
