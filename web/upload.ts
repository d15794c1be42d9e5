// Uploads a page's file with a progress bar. fetch cannot report upload progress, so this one request goes
// through XMLHttpRequest, to the same operation the SDK would call and typed from the contract's `paths`.
import { asApiError, csrfHeaders } from './api.ts';
import type { paths } from '@outpost/sdk';

type CreateForm = paths['/api/pages']['post']['requestBody']['content']['multipart/form-data'];
export type CreatedPage = paths['/api/pages']['post']['responses'][201]['content']['application/json'];
export type ReplacedPage = paths['/api/pages/{page_id}/files']['post']['responses'][200]['content']['application/json'];

/** The settings a new page gets with its upload (the multipart form's other fields). */
export interface UploadSettings {
  name?: CreateForm['name'];
  visibility?: CreateForm['visibility'];
  passcodes?: string[];
  allowed_emails?: string[];
}

/** A new page from a file (`.zip` or `.html`); `onProgress` gets the fraction sent, 0 to 1. */
export function uploadNewPage(file: Blob, fileName: string, settings: UploadSettings, onProgress: (sent: number) => void): Promise<CreatedPage> {
  const form = new FormData();
  if (settings.name) form.append('name', settings.name);
  if (settings.visibility) form.append('visibility', settings.visibility);
  // One field per value, so a passcode may contain a comma.
  for (const code of settings.passcodes ?? []) form.append('passcodes', code);
  for (const email of settings.allowed_emails ?? []) form.append('allowed_emails', email);
  form.append('file', file, fileName);
  return send<CreatedPage>('/api/pages', form, onProgress);
}

/** New files for an existing page; its settings stay. */
export function uploadPageFiles(pageId: string, file: Blob, fileName: string, onProgress: (sent: number) => void): Promise<ReplacedPage> {
  const form = new FormData();
  form.append('file', file, fileName);
  return send<ReplacedPage>(`/api/pages/${encodeURIComponent(pageId)}/files`, form, onProgress);
}

function send<T>(path: string, body: FormData, onProgress: (sent: number) => void): Promise<T> {
  const xhr = new XMLHttpRequest();
  return new Promise<T>((resolve, reject) => {
    xhr.open('POST', path);
    xhr.responseType = 'json';
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.upload.onload = () => onProgress(1);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.response as T);
      else reject(asApiError(xhr.response, xhr.status));
    };
    xhr.onerror = () => reject(asApiError(undefined));
    xhr.send(body);
  });
}
