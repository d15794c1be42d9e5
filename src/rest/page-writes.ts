// Writing a page from a request body, whatever route it came by: create or replace its content (inline,
// uploaded, or captured from a source_url as a job), or change its settings. The bearer routes and the
// one-time upload links (uploadWithLink) share these, so limits and answers are the same.
import type { Request } from '@hapi/hapi';
import type { Services } from '../services.ts';
import { createPage, getPage, replacePageFiles, updatePage } from '../pages/pages.ts';
import { normalizeEmails, normalizePasscodes } from '../pages/secrets.ts';
import type { NewPageSettings } from '../pages/upload-links.ts';
import { checkNewPageEnd, parseExpiresAt, type PageEndInput } from '../pages/page-end.ts';
import { captureInto } from './capture-reply.ts';
import { pageContent, type ContentBody } from './page-content.ts';
import { pageReply } from './page-reply.ts';

type PageBody = ReturnType<typeof pageReply>;
type Running = Extract<Awaited<ReturnType<typeof captureInto>>, { status: 'running' }>;
/** A page stored now (`status`), or the capture job still running (202). */
type WriteReply<S extends number> = { status: S; body: PageBody } | { status: 202; body: Running['body']; headers: Record<string, string> };

/** Creates `ownerId`'s page from the body's content, with `settings`. */
export async function createPageFrom(
  app: Services,
  request: Request,
  ownerId: string,
  settings: NewPageSettings & PageEndInput,
  body: ContentBody,
  wait?: number,
): Promise<WriteReply<201>> {
  const content = pageContent(body);
  if (content.sourceUrl !== undefined) {
    // Checked before the capture, so a typo is not found out a minute later.
    normalizeEmails(settings.allowedEmails ?? [], 'allowed_emails');
    normalizePasscodes(settings.passcodes ?? []);
    checkNewPageEnd(settings);
    await app.pageLimits.disk?.check();
    const outcome = await captureInto(app, request, { action: 'create', page: settings }, ownerId, content, wait);
    return outcome.status === 'done' ? { status: 201, body: outcome.page } : { status: 202, body: outcome.body, headers: outcome.headers };
  }
  const page = await createPage(app.db, app.keyring, ownerId, { ...settings, files: content.files }, app.pageLimits);
  return { status: 201, body: pageReply(app, page) };
}

/** Replaces the files of `ownerId`'s page `pageId` with the body's content. */
export async function replacePageFrom(
  app: Services,
  request: Request,
  ownerId: string,
  pageId: string,
  body: ContentBody,
  wait?: number,
): Promise<WriteReply<200>> {
  const content = pageContent(body);
  if (content.sourceUrl !== undefined) {
    await getPage(app.db, ownerId, pageId); // another user's page: 404 before any fetch
    await app.pageLimits.disk?.check();
    const outcome = await captureInto(app, request, { action: 'replace', pageId }, ownerId, content, wait);
    return outcome.status === 'done' ? { status: 200, body: outcome.page } : { status: 202, body: outcome.body, headers: outcome.headers };
  }
  const page = await replacePageFiles(app.db, ownerId, pageId, content.files, app.pageLimits);
  return { status: 200, body: pageReply(app, page) };
}

export interface SettingsBody {
  name?: string;
  visibility?: 'public' | 'shared' | 'private';
  passcodes?: readonly string[];
  allowed_emails?: readonly string[];
  script_shims?: boolean;
  expires_at?: string | null;
  max_views?: number | null;
}

/** A body's expiry and view limit (undefined: not given; null: removed). */
export function pageEndOf(body: Pick<SettingsBody, 'expires_at' | 'max_views'>): PageEndInput {
  return { expiresAt: parseExpiresAt(body.expires_at), maxViews: body.max_views };
}

/** Changes the settings the body names; files are not touched. */
export async function updatePageFrom(app: Services, ownerId: string, pageId: string, body: SettingsBody): Promise<{ status: 200; body: PageBody }> {
  const page = await updatePage(app.db, app.keyring, ownerId, pageId, {
    name: body.name,
    visibility: body.visibility,
    passcodes: body.passcodes ? [...body.passcodes] : undefined,
    allowedEmails: body.allowed_emails ? [...body.allowed_emails] : undefined,
    scriptShims: body.script_shims,
    ...pageEndOf(body),
  });
  return { status: 200, body: pageReply(app, page) };
}
