// The caller's pages as MCP resources: `outpost://pages/<id>` (the page's metadata and its default file)
// and `outpost://pages/<id>/<path>` (one file), listed, read and completed for their owner only.
//
// Every read runs through the REST operations (getPage, listPageFiles, getPageFile) as the caller, so
// scopes and per-user isolation are REST's: another user's page is "not found", like a missing one.
// The message paid one request of the budget when it arrived; the operations it runs don't pay again.
import type { components } from '../generated/openapi.d.ts';
import { PageIdSchema } from '../generated/schemas.ts';
import { runOperation } from './operation-call.ts';
import { INVALID_PARAMS, mcpCaller, protocolError, type McpCallContext } from './call-context.ts';

export const PAGE_URI_PREFIX = 'outpost://pages/';
export const PAGE_TEMPLATE = 'outpost://pages/{page_id}';
export const FILE_TEMPLATE = 'outpost://pages/{page_id}/{+path}';
/** Files larger than this are not sent inside a resources/read result. */
export const MAX_RESOURCE_BYTES = 1024 * 1024;
/** Pages per resources/list result. */
const LIST_LIMIT = 100;
/** Values in one completion (the revision's limit), and how many of the newest pages a page_id completion reads. */
const MAX_COMPLETIONS = 100;
const COMPLETION_SCAN = 2000;
const PAGE_ID = new RegExp(PageIdSchema.pattern);

export function pageUri(pageId: string): string {
  return `${PAGE_URI_PREFIX}${pageId}`;
}

/** `{+path}` expansion: reserved characters ("/") stay, everything else is percent-encoded. */
export function fileUri(pageId: string, path: string): string {
  return `${pageUri(pageId)}/${path.split('/').map(encodeURIComponent).join('/')}`;
}

type PageJson = components['schemas']['PageSummary'];
type FileJson = components['schemas']['StoredPageFile'];
type PageList = components['schemas']['PageList'];
type PageFileList = components['schemas']['PageFileList'];

/** A resource_link to a page, for the results of tools that create or change one. */
export function pageLink(page: { id: string; name: string }) {
  return {
    type: 'resource_link' as const,
    uri: pageUri(page.id),
    name: page.name,
    mimeType: 'application/json',
    description: `The page "${page.name}": its settings and files (resources/read)`,
  };
}

const resource = (uri: string) => ({ name: `Resource ${uri}`, data: { uri } });

function canReadPages(ctx: McpCallContext): boolean {
  return mcpCaller(ctx.caller).scopes.includes('pages:read');
}

function pageResource(page: PageJson) {
  return {
    uri: pageUri(page.id),
    name: page.name,
    title: page.name,
    description: `${page.visibility} page, ${page.file_count} file${page.file_count === 1 ? '' : 's'}, served at ${page.url}`,
    mimeType: 'application/json',
    size: page.size,
    annotations: { lastModified: page.updated_at, audience: ['user' as const, 'assistant' as const] },
  };
}

/** One page of the caller's pages, newest first. */
export async function listResources(ctx: McpCallContext, cursor?: string) {
  if (!canReadPages(ctx)) return { resources: [] };
  const reply = await runOperation(ctx, 'listPages', { limit: LIST_LIMIT, ...(cursor ? { cursor } : {}) });
  const body = reply.body as PageList;
  return { resources: body.pages.map(pageResource), ...(body.next_cursor ? { nextCursor: body.next_cursor } : {}) };
}

export function listResourceTemplates() {
  return {
    resourceTemplates: [
      {
        uriTemplate: PAGE_TEMPLATE,
        name: 'page',
        title: 'A page',
        description: "One of your pages: its settings, its file list and its default file's content.",
        mimeType: 'application/json',
      },
      {
        uriTemplate: FILE_TEMPLATE,
        name: 'page-file',
        title: "A page's file",
        description: `One file of one of your pages, by its path (text, or base64 for binary files; up to ${MAX_RESOURCE_BYTES / 1024 / 1024} MB).`,
      },
    ],
  };
}

/** Parses `outpost://pages/<id>[/<path>]`; undefined when `uri` is not one. */
export function parsePageUri(uri: string): { pageId: string; path?: string } | undefined {
  if (!uri.startsWith(PAGE_URI_PREFIX)) return undefined;
  const rest = uri.slice(PAGE_URI_PREFIX.length);
  const slash = rest.indexOf('/');
  const pageId = slash === -1 ? rest : rest.slice(0, slash);
  if (!PAGE_ID.test(pageId)) return undefined;
  if (slash === -1) return { pageId };
  try {
    const path = rest
      .slice(slash + 1)
      .split('/')
      .map(decodeURIComponent)
      .join('/');
    return path ? { pageId, path } : { pageId };
  } catch {
    return undefined;
  }
}

const TEXT_TYPES = /^(text\/|application\/(json|javascript|xml|ld\+json|manifest\+json)|image\/svg\+xml)/;

async function fileContent(ctx: McpCallContext, pageId: string, file: FileJson) {
  const uri = fileUri(pageId, file.path);
  if (file.size > MAX_RESOURCE_BYTES) {
    throw protocolError(
      INVALID_PARAMS,
      `${uri} is ${file.size} bytes; resources/read returns files up to ${MAX_RESOURCE_BYTES} bytes. ` +
        `Download it with GET /api/pages/${pageId}/file?path=${encodeURIComponent(file.path)}, or the whole page as a ZIP with GET /api/pages/${pageId}/export.`,
    );
  }
  const reply = await runOperation(ctx, 'getPageFile', { page_id: pageId, path: file.path }, resource(uri));
  const mimeType = file.content_type;
  return TEXT_TYPES.test(mimeType) ? { uri, mimeType, text: reply.raw.toString('utf8') } : { uri, mimeType, blob: reply.raw.toString('base64') };
}

async function filesOf(ctx: McpCallContext, pageId: string, uri: string): Promise<FileJson[]> {
  return ((await runOperation(ctx, 'listPageFiles', { page_id: pageId }, resource(uri))).body as PageFileList).files;
}

/** resources/read of a page or one of its files; a missing or foreign one is -32602. */
export async function readPageResource(ctx: McpCallContext, uri: string) {
  const target = parsePageUri(uri);
  if (!target) throw protocolError(INVALID_PARAMS, `Resource not found: ${uri}. Page resources look like ${PAGE_TEMPLATE} or ${FILE_TEMPLATE}.`, { uri });
  const { pageId, path } = target;
  if (path !== undefined) {
    const file = (await filesOf(ctx, pageId, uri)).find((f) => f.path === path);
    if (!file) throw protocolError(INVALID_PARAMS, `Resource not found: ${uri}. The page has no file ${path}.`, { uri });
    return { contents: [await fileContent(ctx, pageId, file)] };
  }
  const page = (await runOperation(ctx, 'getPage', { page_id: pageId }, resource(uri))).body as PageJson;
  const files = await filesOf(ctx, pageId, uri);
  const contents: ({ uri: string; mimeType: string; text: string } | { uri: string; mimeType: string; blob: string })[] = [
    { uri, mimeType: 'application/json', text: JSON.stringify({ ...page, files }, null, 2) },
  ];
  const defaultFile = files.find((f) => f.path === page.default_file);
  if (defaultFile && defaultFile.size <= MAX_RESOURCE_BYTES) contents.push(await fileContent(ctx, pageId, defaultFile));
  return { contents };
}

/** Values for the templates' `page_id` and `path` arguments that start with `value`. */
export async function completePageArgument(ctx: McpCallContext, argument: { name: string; value: string }, context: Record<string, string> = {}) {
  const none = { completion: { values: [] as string[], hasMore: false } };
  if (!canReadPages(ctx)) return none;
  const prefix = argument.value ?? '';
  let candidates: string[];
  if (argument.name === 'page_id') {
    const lower = prefix.toLowerCase();
    const matches = (p: PageJson) => p.id.startsWith(prefix) || p.name.toLowerCase().startsWith(lower);
    // Newest first, a page of pages at a time, until enough match or COMPLETION_SCAN pages were seen.
    candidates = [];
    let cursor: string | null = null;
    let seen = 0;
    do {
      const body = (await runOperation(ctx, 'listPages', { limit: LIST_LIMIT, ...(cursor ? { cursor } : {}) })).body as PageList;
      candidates.push(...body.pages.filter(matches).map((p) => p.id));
      seen += body.pages.length;
      cursor = body.next_cursor;
    } while (cursor && candidates.length <= MAX_COMPLETIONS && seen < COMPLETION_SCAN);
    if (cursor) return { completion: { values: candidates.slice(0, MAX_COMPLETIONS), hasMore: true } };
  } else if (argument.name === 'path') {
    const pageId = context.page_id;
    if (!pageId || !PAGE_ID.test(pageId)) return none;
    try {
      candidates = (await filesOf(ctx, pageId, pageUri(pageId))).map((f) => f.path).filter((p) => p.startsWith(prefix));
    } catch (e) {
      // No such page of the caller's: nothing to complete. Other failures (the budget, the server) are errors.
      if ((e as { code?: unknown }).code === INVALID_PARAMS) return none;
      throw e;
    }
  } else {
    return none;
  }
  return { completion: { values: candidates.slice(0, MAX_COMPLETIONS), total: candidates.length, hasMore: candidates.length > MAX_COMPLETIONS } };
}
