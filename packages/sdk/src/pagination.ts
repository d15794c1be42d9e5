// Every item of a listing, following `next_cursor` one request at a time.
import type { OutpostClient } from './client.ts';
import { unwrap } from './errors.ts';
import type { components } from './generated/openapi.ts';

type Schemas = components['schemas'];

export interface PageThroughOptions {
  /** Items per request (the server's maximum is 100). */
  limit?: number;
  signal?: AbortSignal;
}

/** Every item of the lists `fetchList(cursor)` answers, following `next_cursor`. */
async function* throughCursor<T>(fetchList: (cursor: string | undefined) => Promise<{ items: T[]; next_cursor?: string | null }>): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const list = await fetchList(cursor);
    yield* list.items;
    cursor = list.next_cursor ?? undefined;
  } while (cursor);
}

/** Your pages, newest first. */
export function iteratePages(client: OutpostClient, options: PageThroughOptions = {}): AsyncGenerator<Schemas['PageSummary']> {
  return throughCursor(async (cursor) => {
    const list = await unwrap(client.GET('/api/pages', { params: { query: { limit: options.limit, cursor } }, signal: options.signal }));
    return { items: list.pages, next_cursor: list.next_cursor };
  });
}

/** Your capture jobs, newest first (only those with `status` when given). */
export function iterateJobs(client: OutpostClient, options: PageThroughOptions & { status?: Schemas['JobStatus'] } = {}): AsyncGenerator<Schemas['Job']> {
  return throughCursor(async (cursor) => {
    const list = await unwrap(client.GET('/api/jobs', { params: { query: { limit: options.limit, cursor, status: options.status } }, signal: options.signal }));
    return { items: list.jobs, next_cursor: list.next_cursor };
  });
}
