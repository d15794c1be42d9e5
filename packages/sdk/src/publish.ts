// Publishing files as a page: a set of files is zipped as it is sent (client-zip: a streamed ZIP, never whole
// in memory), a single .zip or .html is sent as it is; both as the multipart upload `curl -F file=@…` makes.
import { makeZip, predictLength } from 'client-zip';
import type { OutpostClient } from './client.ts';
import { unwrap } from './errors.ts';
import type { components } from './generated/openapi.ts';

type Schemas = components['schemas'];
export type Page = Schemas['Page'];

/** One file of a site: its path in the page ("/"-separated) and its bytes. */
export interface PublishFile {
  name: string;
  input: Blob | Uint8Array | string;
  lastModified?: Date;
}

export interface PageSettings {
  name?: string;
  visibility?: Schemas['Visibility'];
  passcodes?: string[];
  allowed_emails?: string[];
}

export interface PublishOptions extends PageSettings {
  /** Replace this page's files instead of creating a page; its settings given here are changed first. */
  pageId?: string;
  /** Bytes handed to the connection so far, of the total. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

/** The upload's one file part: a ZIP being built or a file as it is. */
interface FilePart {
  filename: string;
  contentType: string;
  body: ReadableStream<Uint8Array>;
  size: number;
}

const encoder = new TextEncoder();

function byteLength(input: PublishFile['input']): number {
  return typeof input === 'string' ? encoder.encode(input).byteLength : input instanceof Blob ? input.size : input.byteLength;
}

function multipartField(boundary: string, name: string, value: string): string {
  return `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
}

/** The multipart body, streamed, and its exact length. */
function multipartBody(boundary: string, fields: [string, string][], file: FilePart): { body: ReadableStream<Uint8Array>; length: number } {
  const quotedName = file.filename.replace(/["\r\n\\]/g, '_');
  const head = encoder.encode(
    fields.map(([name, value]) => multipartField(boundary, name, value)).join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quotedName}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
  );
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`);
  const reader = file.body.getReader();
  let stage: 'head' | 'file' | 'tail' | 'end' = 'head';
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (stage === 'head') {
        stage = 'file';
        controller.enqueue(head);
      } else if (stage === 'file') {
        const { done, value } = await reader.read();
        if (!done) controller.enqueue(value);
        else stage = 'tail';
      } else if (stage === 'tail') {
        stage = 'end';
        controller.enqueue(tail);
        controller.close();
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { body, length: head.byteLength + file.size + tail.byteLength };
}

function counting(body: ReadableStream<Uint8Array>, total: number, onProgress: PublishOptions['onProgress']): ReadableStream<Uint8Array> {
  if (!onProgress) return body;
  let sent = 0;
  onProgress(0, total);
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
        onProgress(sent, total);
      },
    }),
  );
}

function settingsFields(settings: PageSettings): [string, string][] {
  const fields: [string, string][] = [];
  if (settings.name !== undefined) fields.push(['name', settings.name]);
  if (settings.visibility !== undefined) fields.push(['visibility', settings.visibility]);
  for (const passcode of settings.passcodes ?? []) fields.push(['passcodes', passcode]);
  for (const email of settings.allowed_emails ?? []) fields.push(['allowed_emails', email]);
  return fields;
}

/** Changes a page's settings, when any is given (a replace of its files takes only the files). */
export async function updatePageSettings(client: OutpostClient, pageId: string, settings: PageSettings, signal?: AbortSignal): Promise<void> {
  if (settingsFields(settings).length === 0) return;
  await unwrap(client.PATCH('/api/pages/{page_id}', { params: { path: { page_id: pageId } }, body: settings, signal }));
}

async function upload(client: OutpostClient, file: FilePart, options: PublishOptions): Promise<Page> {
  const { pageId, onProgress, signal, ...settings } = options;
  const boundary = `----outpost-${crypto.randomUUID()}`;
  // A replace takes only the file: the page's settings are changed on their own first.
  if (pageId) await updatePageSettings(client, pageId, settings, signal);
  const { body, length } = multipartBody(boundary, pageId ? [] : settingsFields(settings), file);
  const init = {
    body: {} as never,
    bodySerializer: () => counting(body, length, onProgress),
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(length) },
    signal,
    // A streamed request body (fetch's rule for a ReadableStream body).
    duplex: 'half',
  };
  const answer = pageId
    ? await unwrap(client.POST('/api/pages/{page_id}/files', { ...init, params: { path: { page_id: pageId } } }))
    : await unwrap(client.POST('/api/pages', init));
  // Only a source_url capture answers with a job to follow (202); an upload answers with the page.
  if (!('id' in answer)) throw new TypeError(`Expected the page, got: ${answer.message}`);
  return answer;
}

/**
 * Publishes files as one page, zipped as they are sent: a new page, or `pageId`'s files replaced.
 * The site's default file is `index.html` (or its only HTML file). In a browser, a streamed request body
 * needs HTTP/2; this is meant for Node.
 */
export async function publishFiles(client: OutpostClient, files: PublishFile[], options: PublishOptions = {}): Promise<Page> {
  if (!files.length) throw new TypeError('Nothing to publish: no files were given');
  const entries = files.map((f) => ({ name: f.name, input: f.input, lastModified: f.lastModified, size: byteLength(f.input) }));
  const size = Number(predictLength(entries));
  return upload(client, { filename: 'site.zip', contentType: 'application/zip', body: makeZip(entries, { buffersAreUTF8: true }), size }, options);
}

/** Publishes one `.zip` of a site or one `.html` document (stored as `index.html`) as it is. */
export async function publishFile(client: OutpostClient, file: { name: string; input: Blob }, options: PublishOptions = {}): Promise<Page> {
  const contentType = /\.zip$/i.test(file.name) ? 'application/zip' : 'text/html';
  return upload(client, { filename: file.name, contentType, body: file.input.stream(), size: file.input.size }, options);
}
