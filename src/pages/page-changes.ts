// Who hears that a page document changed: layers that keep copies of pages (the serving caches)
// subscribe when they are wired; this module calls them right after each write, synchronously, so
// no request that starts afterwards sees the old document.
export interface PageChange {
  pageId: string;
  ownerId: string;
  kind: 'created' | 'updated' | 'deleted';
}

export type PageChangeListener = (pageId: string, change: PageChange) => void;

const listeners = new Set<PageChangeListener>();

/** Calls `listener` after every change to a page; returns the unsubscribe. */
export function onPageChange(listener: PageChangeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function pageChanged(change: PageChange): void {
  for (const listener of listeners) listener(change.pageId, change);
}
