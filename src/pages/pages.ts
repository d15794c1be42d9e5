// Pages: the `pages` documents and their lifecycle. Every operation is scoped to the owner: another
// user's page id behaves exactly like a missing one.
import type { Db } from 'mongodb';
import { randomId } from '../shared/ids.ts';
import { InvalidInput } from '../shared/errors.ts';
import { newestFirst } from '../shared/newest-first.ts';
import {
  beginVersion,
  commitVersion,
  deleteAllVersions,
  findVersion,
  listFiles,
  type PageVersionDoc,
  type VersionOrigin,
  type VersionWriter,
} from './file-store.ts';
import { decryptPasscode, encryptPasscode, normalizeEmails, normalizePasscodes, type EncryptedSecret, type Keyring } from './secrets.ts';
import { chooseDefaultFile } from './zip-intake.ts';
import { pageChanged } from './page-changes.ts';
import type { DiskGuard } from './disk-guard.ts';
import { ContentTooLarge } from './storage-errors.ts';
import { versionBytes } from './storage-quota.ts';
import { deleteViewStats } from './view-stats.ts';
import { checkNewPageEnd, newPageEnd, pageEndUpdate, type PageEndFields, type PageEndInput } from './page-end.ts';

export { ContentTooLarge, DiskSpaceLow, QuotaExceeded } from './storage-errors.ts';

export const PAGES = 'pages';
export type Visibility = 'public' | 'shared' | 'private';

export interface PageDoc extends PageEndFields {
  _id: string;
  owner_id: string;
  name: string;
  visibility: Visibility;
  default_file: string;
  /**
   * `/p/<id>/` redirects to the default file instead of serving it there: set for a captured document stored at
   * its own path other than `index.html`, so paths its scripts build resolve as on the original.
   */
  root_redirects?: boolean;
  current_version: string | null;
  passcodes: EncryptedSecret[];
  allowed_emails: string[];
  size: number;
  file_count: number;
  created_at: Date;
  updated_at: Date;
  /** Moves on with every change of visibility, revoking the preview links given out before (preview.ts). */
  access_epoch?: number;
  /** Serve the documents with the script shims (src/serve/script-shim.ts): a capture turns it on. */
  script_shims?: boolean;
}

/** A file given inline: text, or bytes already decoded. */
export interface InlineFile {
  path: string;
  content: Buffer;
}

/** The caller has no page with that id (another user's page looks the same). */
export class PageNotFound extends Error {
  /** What an MCP tool result says instead (the MCP contract's text). */
  readonly toolMessage = 'Page not found. Use outpost_list to see your pages.';

  constructor() {
    super('Page not found. Use GET /api/pages to see your pages.');
  }
}

const pages = (db: Db) => db.collection<PageDoc>(PAGES);

export async function ensurePageIndexes(db: Db): Promise<void> {
  await pages(db).createIndex({ owner_id: 1, created_at: -1, _id: -1 }, { name: 'owner_newest_first' });
}

export interface AccessSettings {
  passcodes?: string[];
  allowedEmails?: string[];
}

function encryptAll(keyring: Keyring, pageId: string, passcodes: string[]): EncryptedSecret[] {
  return normalizePasscodes(passcodes).map((p) => encryptPasscode(keyring, pageId, p));
}

export function decryptAll(keyring: Keyring, page: PageDoc): string[] {
  return page.passcodes.map((secret) => decryptPasscode(keyring, page._id, secret));
}

/**
 * Page content that writes itself into a new version (e.g. a ZIP streamed entry by entry), for
 * content that is not held as InlineFile buffers. It must throw ContentTooLarge past `maxBytes`;
 * on any error the version is discarded. It returns the default file and, if it saw one, the
 * default file's HTML title.
 */
export type ContentWriter = (writer: VersionWriter, maxBytes: number) => Promise<{ defaultFile: string; title?: string }>;

/** Files in memory whose default file is named (a capture's document) rather than chosen from their names. */
export interface PlacedFiles {
  files: InlineFile[];
  defaultFile: string;
}

/** A page's new content: files in memory (their default file chosen from their names, or named), or a writer that streams them. */
export type PageContent = InlineFile[] | PlacedFiles | ContentWriter;

/** What new page content must fit in. */
export interface PageLimits {
  /** Largest total size of one page's files (UPLOAD_LIMIT_MB). */
  maxBytes: number;
  /** Bytes of stored page files each user may have (USER_QUOTA_MB). */
  quotaBytes: number;
  /** Versions kept per page, the live one included (PAGE_VERSIONS_KEPT; 10 when not given). */
  versionsKept?: number;
  /** With the embedded engine on disk: refuses content while its disk is nearly full. */
  disk?: DiskGuard;
}

interface WrittenVersion {
  versionId: string;
  defaultFile: string;
  size: number;
  count: number;
  title?: string;
}

/** Where a new version goes: the page, its owner (whose quota it counts against) and the version it replaces. */
interface VersionTarget {
  pageId: string;
  ownerId: string;
  replacing: string | null;
}

const DEFAULT_VERSIONS_KEPT = 10;

/**
 * Writes `content` as a new version of the page, then lets `publish` flip the page to it. Without `origin`,
 * files in memory were given inline and a content writer is an upload.
 */
async function writeVersion(
  db: Db,
  target: VersionTarget,
  content: PageContent | PageVersionDoc,
  limits: PageLimits,
  publish: (version: WrittenVersion) => Promise<boolean>,
  origin: VersionOrigin = { kind: Array.isArray(content) ? 'inline' : 'upload' },
): Promise<boolean> {
  const { maxBytes } = limits;
  let written: Omit<WrittenVersion, 'versionId' | 'size' | 'count'> | undefined;
  let knownSize = 0;
  const held = heldFiles(content);
  const inline = held?.files;
  if (inline) {
    const size = inline.reduce((n, f) => n + f.content.length, 0);
    if (size > maxBytes) throw new ContentTooLarge(`The page's files are ${size} bytes; this server accepts up to ${maxBytes} bytes per page.`);
    const placed = held?.defaultFile;
    if (placed !== undefined && !inline.some((f) => f.path === placed)) throw new Error(`the default file ${JSON.stringify(placed)} is not among the files`);
    const defaultFile = placed ?? chooseDefaultFile(inline.map((f) => f.path));
    written = { defaultFile, title: titleOf(inline, defaultFile) };
    knownSize = size;
  }
  await limits.disk?.check(knownSize);
  const replacedBytes = await versionBytes(db, target.ownerId, target.replacing);
  const quota = { userId: target.ownerId, limitBytes: limits.quotaBytes, replacedBytes };
  const writer: VersionWriter = await beginVersion(db, target.pageId, { quota, origin, keep: limits.versionsKept ?? DEFAULT_VERSIONS_KEPT });
  try {
    if (inline) {
      await writer.reserve(knownSize);
      await addAll(writer, inline);
    } else if (typeof content === 'function') {
      written = await content(writer, maxBytes);
    } else if (isStoredVersion(content)) {
      const files = await listFiles(db, target.pageId, content._id);
      await writer.addShared(files);
      written = { defaultFile: content.default_file ?? chooseDefaultFile(files.map((f) => f.path)) };
    }
  } catch (e) {
    await writer.abort();
    throw e;
  }
  const { defaultFile, title } = written!;
  const size = writer.totalSize;
  const count = writer.files.length;
  const result = await commitVersion(db, target.pageId, writer, (versionId) => publish({ versionId, defaultFile, size, count, title }), {
    defaultFile,
    rootRedirects: redirectsRoot(content),
  });
  return result.committed;
}

/** In-memory content's files, with the default file it names (PlacedFiles); undefined for a writer. */
function heldFiles(content: PageContent | PageVersionDoc): { files: InlineFile[]; defaultFile?: string } | undefined {
  if (typeof content === 'function' || isStoredVersion(content)) return undefined;
  return Array.isArray(content) ? { files: content } : content;
}

function isStoredVersion(content: PageContent | PageVersionDoc): content is PageVersionDoc {
  return typeof content === 'object' && !Array.isArray(content) && 'state' in content;
}

/** Whether `/p/<id>/` redirects to this content's default file (PageDoc.root_redirects): a named one other than the root's index.html. */
function redirectsRoot(content: PageContent | PageVersionDoc): boolean {
  if (isStoredVersion(content)) return content.root_redirects === true;
  const placed = heldFiles(content)?.defaultFile;
  return placed !== undefined && placed !== 'index.html';
}

/** In-memory files are stored in batches of about this many bytes: two database round trips per batch. */
const WRITE_BATCH_BYTES = 8 * 1024 * 1024;

async function addAll(writer: VersionWriter, files: InlineFile[]): Promise<void> {
  let batch: InlineFile[] = [];
  let bytes = 0;
  for (const file of files) {
    if (batch.length && bytes + file.content.length > WRITE_BATCH_BYTES) {
      await writer.addBuffers(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(file);
    bytes += file.content.length;
  }
  if (batch.length) await writer.addBuffers(batch);
}

export interface CreatePageInput extends AccessSettings, PageEndInput {
  name?: string;
  visibility: Visibility;
  scriptShims?: boolean;
  files: PageContent;
  /** How the first version was made, when not given inline or uploaded (a capture). */
  origin?: VersionOrigin;
}

export async function createPage(db: Db, keyring: Keyring, ownerId: string, input: CreatePageInput, limits: PageLimits): Promise<PageDoc> {
  const id = randomId('', 8);
  const now = new Date();
  const allowedEmails = normalizeEmails(input.allowedEmails ?? [], 'allowed_emails');
  const passcodes = encryptAll(keyring, id, input.passcodes ?? []);
  const rootRedirects = redirectsRoot(input.files);
  checkNewPageEnd(input);
  let created: PageDoc | undefined;
  // The page document appears only once its files are complete: creating it is the pointer flip.
  await writeVersion(
    db,
    { pageId: id, ownerId, replacing: null },
    input.files,
    limits,
    async ({ versionId, defaultFile, size, count, title }) => {
      created = {
        _id: id,
        owner_id: ownerId,
        name: input.name?.trim() || title || 'Untitled page',
        visibility: input.visibility,
        default_file: defaultFile,
        ...(rootRedirects ? { root_redirects: true } : {}),
        current_version: versionId,
        passcodes,
        allowed_emails: allowedEmails,
        size,
        file_count: count,
        created_at: now,
        updated_at: now,
        script_shims: input.scriptShims ?? false,
        ...newPageEnd(input),
      };
      await pages(db).insertOne(created);
      pageChanged({ pageId: id, ownerId, kind: 'created' });
      return true;
    },
    input.origin,
  );
  return created!;
}

export async function replacePageFiles(
  db: Db,
  ownerId: string,
  pageId: string,
  files: PageContent,
  limits: PageLimits,
  /** How the new files were made (a capture) and the settings they come with (a capture turns the script shims on). */
  options: { origin?: VersionOrigin; scriptShims?: true } = {},
): Promise<PageDoc> {
  return writeNewVersion(db, ownerId, await getPage(db, ownerId, pageId), files, limits, options);
}

/** The page's version `number` (the live one or a kept one). */
export async function getPageVersion(db: Db, ownerId: string, pageId: string, number: number): Promise<{ page: PageDoc; version: PageVersionDoc }> {
  const page = await getPage(db, ownerId, pageId);
  const version = await findVersion(db, pageId, number);
  if (!version) throw new VersionNotFound(number);
  return { page, version };
}

/** Makes a new version of the page equal to its version `number` (history is never rewritten). */
export async function rollbackPage(db: Db, ownerId: string, pageId: string, number: number, limits: PageLimits): Promise<PageDoc> {
  const { page, version } = await getPageVersion(db, ownerId, pageId, number);
  return writeNewVersion(db, ownerId, page, version, limits, { origin: { kind: 'rollback', from_version: number } });
}

async function writeNewVersion(
  db: Db,
  ownerId: string,
  page: PageDoc,
  files: PageContent | PageVersionDoc,
  limits: PageLimits,
  { origin, scriptShims }: { origin?: VersionOrigin; scriptShims?: true } = {},
): Promise<PageDoc> {
  const pageId = page._id;
  const rootRedirects = redirectsRoot(files);
  const committed = await writeVersion(
    db,
    { pageId, ownerId, replacing: page.current_version },
    files,
    limits,
    async ({ versionId, defaultFile, size, count }) => {
      const set = {
        current_version: versionId,
        default_file: defaultFile,
        size,
        file_count: count,
        ...(scriptShims ? { script_shims: true } : {}),
        updated_at: new Date(),
      };
      const res = await pages(db).updateOne(
        { _id: pageId, owner_id: ownerId, current_version: page.current_version },
        rootRedirects ? { $set: { ...set, root_redirects: true } } : { $set: set, $unset: { root_redirects: '' } },
      );
      pageChanged({ pageId, ownerId, kind: 'updated' });
      return res.modifiedCount === 1;
    },
    origin,
  );
  // Another replace won the race: this one was rolled back, and the page shows the winner's files.
  if (!committed) throw new InvalidInput('files', 'The page was changed at the same time; try again.');
  return getPage(db, ownerId, pageId);
}

/** The page has no version with that number (never had, or it is no longer kept). */
export class VersionNotFound extends Error {
  readonly toolMessage: string;

  constructor(number: number) {
    const text = `Version ${number} of this page is not kept (PAGE_VERSIONS_KEPT keeps the newest ones).`;
    super(`${text} Use GET /api/pages/{page_id}/versions to see the kept versions.`);
    this.toolMessage = `${text} Use outpost_list_versions to see the kept versions.`;
  }
}

export async function getPage(db: Db, ownerId: string, pageId: string): Promise<PageDoc> {
  const page = await pages(db).findOne({ _id: pageId, owner_id: ownerId });
  if (!page) throw new PageNotFound();
  return page;
}

export interface UpdatePageInput extends AccessSettings, PageEndInput {
  name?: string;
  visibility?: Visibility;
  scriptShims?: boolean;
}

export async function updatePage(db: Db, keyring: Keyring, ownerId: string, pageId: string, input: UpdatePageInput): Promise<PageDoc> {
  const set: Partial<PageDoc> = { updated_at: new Date(), ...pageEndUpdate(input) };
  if (input.name !== undefined) {
    const name = input.name.trim();
    if (!name) throw new InvalidInput('name', 'name must not be blank');
    set.name = name;
  }
  if (input.visibility !== undefined) set.visibility = input.visibility;
  if (input.scriptShims !== undefined) set.script_shims = input.scriptShims;
  if (input.passcodes !== undefined) set.passcodes = encryptAll(keyring, pageId, input.passcodes);
  if (input.allowedEmails !== undefined) set.allowed_emails = normalizeEmails(input.allowedEmails, 'allowed_emails');
  const owned = { _id: pageId, owner_id: ownerId };
  // A new visibility moves the access epoch on (revoking preview links); the same one leaves it.
  let page =
    input.visibility === undefined
      ? null
      : await pages(db).findOneAndUpdate(
          { ...owned, visibility: { $ne: input.visibility } },
          { $set: set, $inc: { access_epoch: 1 } },
          { returnDocument: 'after' },
        );
  page ??= await pages(db).findOneAndUpdate(owned, { $set: set }, { returnDocument: 'after' });
  if (!page) throw new PageNotFound();
  pageChanged({ pageId, ownerId, kind: 'updated' });
  return page;
}

export async function deletePage(db: Db, ownerId: string, pageId: string): Promise<void> {
  // The document first: an interruption then leaves only files, which the sweep removes.
  const res = await pages(db).deleteOne({ _id: pageId, owner_id: ownerId });
  if (res.deletedCount === 1) pageChanged({ pageId, ownerId, kind: 'deleted' });
  if (res.deletedCount !== 1) throw new PageNotFound();
  await deleteAllVersions(db, pageId);
  await deleteViewStats(db, pageId);
}

/** The owner's pages, newest first, `limit` at a time after `cursor`. */
export async function listPages(db: Db, ownerId: string, limit: number, cursor?: string): Promise<{ pages: PageDoc[]; nextCursor: string | null }> {
  const { items, nextCursor } = await newestFirst(pages(db), { owner_id: ownerId }, limit, cursor);
  return { pages: items, nextCursor };
}

/** How much of an HTML file titleFromHtml looks at. */
export const TITLE_SCAN_BYTES = 64 * 1024;

/** The default file's <title>, for unnamed pages. */
function titleOf(files: InlineFile[], defaultFile: string): string | undefined {
  return titleFromHtml(files.find((f) => f.path === defaultFile)?.content);
}

/** The <title> in the first TITLE_SCAN_BYTES of an HTML document, if any. */
export function titleFromHtml(head: Buffer | undefined): string | undefined {
  const html = head?.toString('utf8', 0, TITLE_SCAN_BYTES);
  const title = html && /<title[^>]*>([^<]{1,200})<\/title>/i.exec(html)?.[1];
  return title?.replace(/\s+/g, ' ').trim() || undefined;
}
