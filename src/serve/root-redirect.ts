// A captured document keeps its own path in the page (`docs/guide/intro.html`), so `/p/<id>/` sends the visitor
// there: paths its scripts build relative to the document (`'../../static/logo.png'`) then resolve as on the
// original. Pages whose root serves their default file (uploads) are left alone.
import type { ServedPage } from './caches.ts';

/**
 * Where a request for `path` inside the page goes instead, relative to the page's root (with a grant, after
 * it), keeping `search`; undefined when it is served as usual.
 */
export function rootRedirect(page: Pick<ServedPage, 'root_redirects' | 'default_file'>, path: string, search: string): string | undefined {
  if (path !== '' || page.root_redirects !== true || typeof page.default_file !== 'string') return undefined;
  return page.default_file.split('/').map(encodeURIComponent).join('/') + search;
}
