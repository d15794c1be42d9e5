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

/** Your pages, newest first. */
export async function* iteratePages(client: OutpostClient, options: PageThroughOptions = {}): AsyncGenerator<Schemas['PageSummary']> {
  let cursor: string | undefined;
  do {
    const list = await unwrap(client.GET('/api/pages', { params: { query: { limit: options.limit, cursor } }, signal: options.signal }));
    yield* list.pages;
    cursor = list.next_cursor ?? undefined;
  } while (cursor);
}

/** Your capture jobs, newest first (only those with `status` when given). */
export async function* iterateJobs(
  client: OutpostClient,
  options: PageThroughOptions & { status?: Schemas['JobStatus'] } = {},
): AsyncGenerator<Schemas['Job']> {
  let cursor: string | undefined;
  do {
    const list = await unwrap(client.GET('/api/jobs', { params: { query: { limit: options.limit, cursor, status: options.status } }, signal: options.signal }));
    yield* list.jobs;
    cursor = list.next_cursor ?? undefined;
  } while (cursor);
}
