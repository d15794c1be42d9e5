// Publishing a page's content the three ways a person can: a file or folder (uploaded with progress), pasted
// HTML, or a URL to capture (answered at once with the capture's job, which the screen then follows).
import { api, call, type Schemas } from './api.ts';
import { zipFolder, type FolderFile } from './folder-zip.ts';
import { uploadNewPage, uploadPageFiles, type UploadSettings } from './upload.ts';

export type Page = Schemas['Page'];
export type Job = Schemas['Job'];

export type Content =
  { kind: 'file'; file: File } | { kind: 'folder'; files: FolderFile[]; name: string } | { kind: 'html'; html: string } | { kind: 'url'; url: string };

/** A page that is there, or a capture still running. */
export type Published = { page: Page } | { job: Job };

export interface Progress {
  /** 'zipping' while a folder is packed, then 'uploading' with the fraction sent. */
  (step: 'zipping' | 'uploading', sent?: number): void;
}

const pageOrJob = (result: Page | Schemas['CaptureAccepted']): Published => ('id' in result ? { page: result } : { job: result.job });

export async function publishNew(content: Content, settings: UploadSettings, progress: Progress): Promise<Published> {
  const body = { name: settings.name || undefined, visibility: settings.visibility, passcodes: settings.passcodes, allowed_emails: settings.allowed_emails };
  if (content.kind === 'html') return { page: (await call(api.POST('/api/pages', { body: { ...body, html: content.html } }))) as Page };
  if (content.kind === 'url')
    return pageOrJob(await call(api.POST('/api/pages', { params: { query: { wait: 0 } }, body: { ...body, source_url: content.url } })));
  const [blob, fileName] = await fileToSend(content, progress);
  // A folder without a name given is named after the folder.
  const name = settings.name || (content.kind === 'folder' ? content.name : undefined);
  return { page: await uploadNewPage(blob, fileName, { ...settings, name }, (sent) => progress('uploading', sent)) };
}

export async function replaceFiles(pageId: string, content: Content, progress: Progress): Promise<Published> {
  const params = { path: { page_id: pageId }, query: { wait: 0 } };
  if (content.kind === 'html') return pageOrJob(await call(api.POST('/api/pages/{page_id}/files', { params, body: { html: content.html } })));
  if (content.kind === 'url') return pageOrJob(await call(api.POST('/api/pages/{page_id}/files', { params, body: { source_url: content.url } })));
  const [blob, fileName] = await fileToSend(content, progress);
  return { page: await uploadPageFiles(pageId, blob, fileName, (sent) => progress('uploading', sent)) };
}

async function fileToSend(content: Extract<Content, { kind: 'file' | 'folder' }>, progress: Progress): Promise<[Blob, string]> {
  if (content.kind === 'file') {
    progress('uploading', 0);
    return [content.file, content.file.name];
  }
  progress('zipping');
  const zip = await zipFolder(content.files);
  progress('uploading', 0);
  return [zip, `${content.name || 'site'}.zip`];
}
